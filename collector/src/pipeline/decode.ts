/**
 * Protobuf decode of an `EventBatch`, plus each event's bytes as received (see wire.ts
 * for why they are kept). 64-bit fields decode as plain numbers, unset ones as 0
 * (@gamepulse/proto's generated codec knows no Long). All of them are counts, times in
 * ms or amounts bounded well below 2^53; validation rejects unsafe integers. The decoded messages
 * are used as they are — no conversion to plain objects on the hot path.
 */
import { EventBatch, type EventBatchData } from '@gamepulse/proto';
import { failure, type CollectorFailure } from '../errors.ts';
import { fieldRanges } from './wire.ts';

/** `EventBatch.events` field number (proto/gamepulse/v1/batch.proto). */
const EVENTS_FIELD = 5;

export interface DecodedBatch {
  ok: true;
  batch: EventBatchData;
  /** Each event's bytes as received, index-aligned with `batch.events`; undefined if not found. */
  eventBytes: Uint8Array[] | undefined;
}

export function decodeBatch(bytes: Uint8Array): DecodedBatch | CollectorFailure {
  let batch: EventBatchData;
  try {
    batch = EventBatch.decode(bytes);
  } catch (err) {
    // The decoder throws Error / RangeError for truncated input, bad wire types and
    // invalid lengths, TypeError for invalid UTF-8; the message says which.
    return failure('GP_BODY_DECODE_FAILED', `body is not a valid gamepulse.v1.EventBatch: ${(err as Error).message}`);
  }
  const ranges = fieldRanges(bytes, EVENTS_FIELD);
  const count = batch.events?.length ?? 0;
  const eventBytes = ranges && ranges.length === count ? ranges.map((r) => bytes.subarray(r.start, r.end)) : undefined;
  return { ok: true, batch, eventBytes };
}
