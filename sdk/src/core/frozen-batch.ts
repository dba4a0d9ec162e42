/**
 * A batch, once built, is frozen: its encoded `EventBatch` bytes are what is stored,
 * sent, and re-sent on every retry, so a re-send is byte-identical and carries the same
 * batch_sequence, which is how the processor recognises it.
 *
 * Events are encoded once at track time; building a batch is then concatenation: the
 * header fields encoded by the generated code, followed by each event as field 5
 * (`repeated Event events = 5`). Protobuf decoders accept fields in any order and
 * concatenated fields merge (protobuf encoding guide, "Last One Wins" / repeated), so
 * the result decodes exactly like `EventBatch.encode({...header, events})`.
 */
import { EventBatch, type EventBatchData } from '@gamepulse/proto';

export interface FrozenBatch {
  /** EventBatch.batch_sequence: per install, +1 per new batch. */
  readonly sequence: number;
  /** The encoded EventBatch, uncompressed. Never modified after creation. */
  readonly bytes: Uint8Array;
  readonly eventCount: number;
}

/** Wire type 2 (length-delimited) for field 5: (5 << 3) | 2. */
const EVENTS_TAG = 0x2a;

export function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

/** Bytes an encoded event takes inside a batch: tag, length prefix, body. */
export function framedEventLength(eventBytes: number): number {
  return 1 + varintLength(eventBytes) + eventBytes;
}

export type BatchHeader = Omit<EventBatchData, 'events'>;

export function encodeBatch(header: BatchHeader, events: readonly Uint8Array[]): Uint8Array {
  const head = EventBatch.encode(header).finish();
  let total = head.length;
  for (const e of events) total += framedEventLength(e.length);
  const out = new Uint8Array(total);
  out.set(head, 0);
  let at = head.length;
  for (const e of events) {
    out[at++] = EVENTS_TAG;
    let n = e.length;
    while (n >= 0x80) {
      out[at++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    out[at++] = n;
    out.set(e, at);
    at += e.length;
  }
  return out;
}
