/**
 * Protobuf decode of an `EventBatch` into plain objects with 64-bit fields as numbers,
 * plus each event's bytes as received (see wire.ts for why they are kept).
 *
 * Why `toObject({ longs: Number })`: decoded messages can still hold `Long` objects.
 * @gamepulse/proto turns long.js off so the reader yields numbers, but the generated
 * code gives unset 64-bit fields a `Long` zero default on the message prototype, set
 * when the generated module loads (before long.js is turned off). An unset field then
 * reads as a Long: a session_end of length 0 (proto3 omits zeros from the wire) would
 * fail `validateEvent`. `toObject` yields plain objects where every 64-bit value is a
 * number and unset fields are absent. All of them are counts, times in ms or amounts
 * bounded well below 2^53; validation rejects unsafe integers.
 */
import { EventBatch, type EventBatchData } from '@gamepulse/proto';
import { failure, type CollectorFailure } from '../errors.ts';
import { fieldRanges } from './wire.ts';

const TO_PLAIN = { longs: Number } as const;
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
    batch = EventBatch.toObject(EventBatch.decode(bytes), TO_PLAIN) as EventBatchData;
  } catch (err) {
    // protobufjs throws Error / RangeError for truncated input, bad wire types and
    // invalid lengths; the message names the position, which helps SDK authors.
    return failure('GP_BODY_DECODE_FAILED', `body is not a valid gamepulse.v1.EventBatch: ${(err as Error).message}`);
  }
  const ranges = fieldRanges(bytes, EVENTS_FIELD);
  const count = batch.events?.length ?? 0;
  const eventBytes = ranges && ranges.length === count ? ranges.map((r) => bytes.subarray(r.start, r.end)) : undefined;
  return { ok: true, batch, eventBytes };
}
