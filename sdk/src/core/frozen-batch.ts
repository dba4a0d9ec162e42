/**
 * A batch, once built, is frozen: its encoded `EventBatch` bytes are what is stored,
 * sent, and re-sent on every retry, so a re-send is byte-identical: the same stream_id
 * and batch_sequence, and the same event ids (their digest), which is how the processor
 * recognises it.
 *
 * Events are encoded once at track time, without `sequence` (field 5) and
 * `session_number` (field 9): those per-install counters are assigned when the batch
 * is frozen, by the one sender that holds the send lock, so tabs sharing an install
 * never hand out the same number. Building a batch is then concatenation: the header
 * (encoded by the generated codec), then each event as field 5 of EventBatch
 * (`repeated Event events = 5`), its body followed by the two counters. Protobuf
 * decoders accept fields in any order (encoding guide, "Message Structure"), so the
 * result decodes exactly like `EventBatch.encode({...header, events})`.
 */
import { encodeEventBatch, putVarint, varintSize, type EventBatchData } from '@gamepulse/proto/sdk';

export interface FrozenBatch {
  /** EventBatch.batch_sequence: per install and stream, +1 per new batch. */
  readonly sequence: number;
  /** The encoded EventBatch, uncompressed. Never modified after creation. */
  readonly bytes: Uint8Array;
  readonly eventCount: number;
}

/** Wire type 2 (length-delimited) for field 5 of EventBatch: (5 << 3) | 2. */
const EVENTS_TAG = 0x2a;
/** Event.sequence (field 5, varint) and Event.session_number (field 9, varint). */
const SEQUENCE_TAG = 0x28;
const SESSION_NUMBER_TAG = 0x48;

export const varintLength = varintSize;

/** Bytes an encoded event takes inside a batch: tag, length prefix, body. */
export function framedEventLength(eventBytes: number): number {
  return 1 + varintLength(eventBytes) + eventBytes;
}

export type BatchHeader = Omit<EventBatchData, 'events'>;

/** An event body and the counters it gets in this batch. */
export interface FreezingEvent {
  bytes: Uint8Array;
  sequence: number;
  sessionNumber: number;
}

function suffixLength(e: FreezingEvent): number {
  return 1 + varintLength(e.sequence) + (e.sessionNumber > 0 ? 1 + varintLength(e.sessionNumber) : 0);
}

export function encodeBatch(header: BatchHeader, events: readonly FreezingEvent[]): Uint8Array {
  const head = encodeEventBatch(header);
  let total = head.length;
  for (const e of events) total += framedEventLength(e.bytes.length + suffixLength(e));
  const out = new Uint8Array(total);
  out.set(head, 0);
  let at = head.length;
  for (const e of events) {
    out[at++] = EVENTS_TAG;
    at = putVarint(out, at, e.bytes.length + suffixLength(e));
    out.set(e.bytes, at);
    at += e.bytes.length;
    out[at++] = SEQUENCE_TAG;
    at = putVarint(out, at, e.sequence);
    if (e.sessionNumber > 0) {
      out[at++] = SESSION_NUMBER_TAG;
      at = putVarint(out, at, e.sessionNumber);
    }
  }
  return out;
}
