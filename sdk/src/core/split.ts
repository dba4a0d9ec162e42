/**
 * The rare paths that take a frozen batch apart, loaded on first use (they cost the
 * browser bundle nothing until a collector answers 413, or a tab adopts the journal of
 * one that died): splitting a batch into halves under new sequences, and listing the
 * event ids a stored batch holds, to adopt only the journal entries no batch holds.
 */
import { putVarint } from '@gamepulse/proto/sdk';
import { scanFields } from '@gamepulse/proto/sdk-read';
import type { Report } from './debug.ts';
import type { DropCounts } from './drops.ts';
import { varintLength, type FrozenBatch } from './frozen-batch.ts';
import type { Persistence } from './persistence.ts';
import type { JournalEntry } from './storage.ts';

/** EventBatch.sdk_health: it travels with the first half only, or it would count twice. */
const SDK_HEALTH_FIELD = 7;

export function splitBatch(batch: FrozenBatch, nextSequence: () => number): [FrozenBatch, FrozenBatch] {
  const { header, frames } = batchParts(batch.bytes);
  const half = Math.ceil(frames.length / 2);
  const make = (part: Uint8Array[], dropFields: number[]): FrozenBatch => {
    const sequence = nextSequence();
    return Object.freeze({ sequence, bytes: reassemble(header, sequence, part, dropFields), eventCount: part.length });
  };
  return [make(frames.slice(0, half), []), make(frames.slice(half), [SDK_HEALTH_FIELD])];
}

/**
 * 413: the halves that take `batch`'s place (reported), with the sdk_health counts it
 * carried moved to the first half, which carries its sdk_health field.
 */
export function halve(
  batch: FrozenBatch,
  nextSequence: () => number,
  healthOfBatch: Map<number, DropCounts>,
  report: Report,
): [FrozenBatch, FrozenBatch] {
  const halves = splitBatch(batch, nextSequence);
  report('info', 'GP_SDK_BATCH_SPLIT', {
    message: `→ ${halves[0].sequence}, ${halves[1].sequence}`,
    batchSequence: batch.sequence,
    events: batch.eventCount,
  });
  const health = healthOfBatch.get(batch.sequence);
  healthOfBatch.delete(batch.sequence);
  if (health) healthOfBatch.set(halves[0].sequence, health);
  return halves;
}

export function eventIdsOf(batch: FrozenBatch): string[] {
  return batchParts(batch.bytes).frames.map(eventIdOfFrame);
}

/** Journal entries that are not inside a stored batch, oldest first; the others are forgotten. */
export function adoptable(entries: readonly JournalEntry[], batches: readonly FrozenBatch[], persistence: Persistence): JournalEntry[] {
  const frozen = new Set<string>();
  for (const b of batches) for (const id of eventIdsOf(b)) frozen.add(id);
  const already = entries.filter((e) => frozen.has(e.id)).map((e) => e.id);
  if (already.length > 0) void persistence.deleteJournal(already);
  return entries.filter((e) => !frozen.has(e.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The header bytes and the framed events (tag + length + body) of a frozen batch. */
export interface BatchParts {
  header: Uint8Array;
  frames: Uint8Array[];
}

/**
 * Splits a frozen batch's bytes into header fields and event frames, without decoding
 * the events: the frames can be re-assembled into smaller batches (413 splitting).
 */
export function batchParts(bytes: Uint8Array): BatchParts {
  const headerChunks: Uint8Array[] = [];
  const frames: Uint8Array[] = [];
  let fieldStart = 0;
  scanFields(bytes, (field, _wireType, _start, end) => {
    const whole = bytes.subarray(fieldStart, end);
    if (field === 5) frames.push(whole);
    else headerChunks.push(whole);
    fieldStart = end;
  });
  let size = 0;
  for (const c of headerChunks) size += c.length;
  const header = new Uint8Array(size);
  let at = 0;
  for (const c of headerChunks) {
    header.set(c, at);
    at += c.length;
  }
  return { header, frames };
}

/**
 * Re-assembles header bytes with a new batch_sequence and the given frames; fields in
 * `dropFields` are left out (sdk_health travels with one half only, or it would count twice).
 */
export function reassemble(
  header: Uint8Array,
  sequence: number,
  frames: readonly Uint8Array[],
  dropFields: readonly number[] = [],
): Uint8Array {
  // Field 2 (batch_sequence) of the old header is dropped and written anew.
  const kept: Uint8Array[] = [];
  let fieldStart = 0;
  scanFields(header, (field, _w, _s, end) => {
    if (field !== 2 && !dropFields.includes(field)) kept.push(header.subarray(fieldStart, end));
    fieldStart = end;
  });
  const seq = new Uint8Array(1 + varintLength(sequence));
  seq[0] = 0x10;
  putVarint(seq, 1, sequence);
  const parts = [seq, ...kept, ...frames];
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const textDecoder = /* @__PURE__ */ new TextDecoder();

/** The event_id (field 1) inside an event frame (tag + length + body). */
export function eventIdOfFrame(frame: Uint8Array): string {
  let id = '';
  let bodyStart = 1;
  while (frame[bodyStart]! >= 0x80) bodyStart++;
  const body = frame.subarray(bodyStart + 1);
  scanFields(body, (field, wireType, start, end) => {
    if (field === 1 && wireType === 2 && !id) id = textDecoder.decode(body.subarray(start, end));
  });
  return id;
}
