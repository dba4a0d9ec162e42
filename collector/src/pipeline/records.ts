/**
 * The log records of one batch: an `IngestedBatch` with the valid events and the
 * batch's checked sdk_health (none when every event was rejected and the SDK reported
 * no drops: a batch of only drops still carries them to the processor) and one
 * `DeadLetter` per rejected event. Both are keyed by
 * install id, so an install's batches stay in order on one partition. The context is
 * the enriched one (enrich.ts); corrected event times (event-time.ts) are written into
 * the events' `client_ts_ms`. The client's IP is not part of any record. The batch's
 * identity (stream, digest, split parent) lets the processor tell a re-send of a batch
 * from a different batch under the same (install, batch_sequence).
 */
import { DeadLetter, Event, IngestedBatch, hasDrops, type CheckedSdkHealth, type ContextData, type SdkHealthData } from '@gamepulse/proto';
import type { LogRecord } from '@gamepulse/log';
import type { IngestKey } from '../keys/index.ts';
import type { RejectedEvent, ValidEvent } from './validate-events.ts';
import type { TimeCorrection } from './event-time.ts';
import { appendLengthDelimited, appendVarintField } from './wire.ts';

/** `Event.client_ts_ms` field number (proto/gamepulse/v1/event.proto). */
const CLIENT_TS_FIELD = 6;

/** `IngestedBatch.events` field number (proto/gamepulse/v1/topics.proto). */
const INGESTED_EVENTS_FIELD = 4;

export interface BatchRecords {
  events?: LogRecord;
  deadLetters: LogRecord[];
}

/** The batch's identity for the processor's dedup (proto/gamepulse/v1/topics.proto). */
export interface BatchIdentity {
  /** EventBatch.stream_id as sent; 0 when the SDK sent none. */
  streamId: number;
  /** batchDigest over the event_id of every event received, accepted or rejected, in order. */
  batchDigest: number;
  /** EventBatch.split_of_sequence / split_parent_digest as sent; 0 when not a 413 half. */
  splitOfSequence: number;
  splitParentDigest: number;
}

export interface RecordsInput {
  installId: string;
  batchSequence: number;
  identity: BatchIdentity;
  context: ContextData;
  /** Client clock when the batch was built; 0 or absent when the client did not say. */
  sentAtMs: number | null | undefined;
  receivedAtMs: number;
  key: IngestKey;
  valid: ValidEvent[];
  rejected: RejectedEvent[];
  /**
   * Each event's bytes as received, by index in the batch. When present, events are
   * forwarded as received (unknown fields kept); otherwise they are re-encoded.
   */
  eventBytes: Uint8Array[] | undefined;
  /** Event times to rewrite, by event index. */
  timeCorrections?: readonly TimeCorrection[];
  /** EventBatch.sdk_health as checked (proto/src/sdk-health.ts); absent: none reported. */
  health?: CheckedSdkHealth;
}

/** The health to forward: undefined when there is nothing to say. */
function forwardedHealth(h: CheckedSdkHealth | undefined): SdkHealthData | undefined {
  if (!h || (!hasDrops(h) && h.queued === undefined)) return undefined;
  return { droppedByReason: h.droppedByReason, queued: h.queued ?? 0 };
}

/** The dead letter's message: the field, unless the reason already starts with it. */
function deadLetterMessage(field: string, message: string): string {
  return message.startsWith(field) ? message : `${field}: ${message}`;
}

/** `received_at - sent_at`: clock skew plus latency; 0 when the client sent no time. */
export function clockSkewMs(receivedAtMs: number, sentAtMs: number | null | undefined): number {
  return sentAtMs && Number.isSafeInteger(sentAtMs) && sentAtMs > 0 ? receivedAtMs - sentAtMs : 0;
}

export function buildRecords(input: RecordsInput): BatchRecords {
  const { installId, receivedAtMs, key, eventBytes } = input;
  const out: BatchRecords = { deadLetters: [] };
  const corrected = new Map((input.timeCorrections ?? []).map((c) => [c.index, c.correctedMs]));
  const sdkHealth = forwardedHealth(input.health);
  if (input.valid.length > 0 || (input.health && hasDrops(input.health))) {
    // A corrected event keeps its bytes plus a second client_ts_ms field: parsers keep
    // the last value of a scalar field, so this reads as the corrected time.
    const bytesOf = (v: ValidEvent): Uint8Array => {
      const ms = corrected.get(v.index);
      return ms === undefined ? eventBytes![v.index]! : appendVarintField(eventBytes![v.index]!, CLIENT_TS_FIELD, ms);
    };
    const objectOf = (v: ValidEvent) => {
      const ms = corrected.get(v.index);
      return ms === undefined ? v.event : { ...v.event, clientTsMs: ms };
    };
    const head = IngestedBatch.encode({
      installId,
      batchSequence: input.batchSequence,
      context: input.context,
      events: eventBytes ? [] : input.valid.map(objectOf),
      receivedAtMs,
      clockSkewMs: clockSkewMs(receivedAtMs, input.sentAtMs),
      keyId: key.keyId,
      rejected: input.rejected.length,
      streamId: input.identity.streamId,
      batchDigest: input.identity.batchDigest,
      splitOfSequence: input.identity.splitOfSequence,
      splitParentDigest: input.identity.splitParentDigest,
      ...(sdkHealth ? { sdkHealth } : {}),
    }).finish();
    const value = eventBytes ? appendLengthDelimited(head, INGESTED_EVENTS_FIELD, input.valid.map(bytesOf)) : head;
    out.events = { key: installId, value, timestampMs: receivedAtMs };
  }
  for (const { event, rejection } of input.rejected) {
    const value = DeadLetter.encode({
      code: rejection.code,
      message: deadLetterMessage(rejection.field ?? '', rejection.message ?? ''),
      keyId: key.keyId,
      receivedAtMs,
      raw: eventBytes ? eventBytes[rejection.index ?? 0] : Event.encode(event).finish(),
      source: 'collector',
    }).finish();
    out.deadLetters.push({ key: installId, value, timestampMs: receivedAtMs });
  }
  return out;
}
