/**
 * The rare paths that take a frozen batch apart, loaded on first use (they cost the
 * browser bundle nothing until a collector answers 413, a tab adopts the journal of
 * one that died, or a start finds more than one stored batch): splitting a batch into
 * halves under new sequences, listing the event ids a stored batch holds (to adopt only
 * the journal entries no batch holds), and finding split pieces that were never sent.
 *
 * A split piece names its parent. An attempt of the whole may have been stored before
 * the 413 (its acknowledgement lost, the retry over a transport with a smaller body
 * limit), so each half carries `split_of_sequence` and `split_parent_digest`
 * (batchDigest over the parent's event ids): the processor drops a piece whose parent
 * slot it saw with that digest, because the parent's events were counted already. The
 * parent named is the nearest ancestor that may have been stored: the batch being
 * split, unless it is itself a piece whose every attempt was refused (then nothing of
 * it was stored, and its pieces name its own parent). One name per piece: a piece whose
 * grandparent and parent were both stored by attempts whose acks were lost is named
 * after its parent only.
 *
 * Invariant (delivery.ts #split): the halves replace the parent in storage before
 * either is sent — both halves are stored, then the parent is deleted, and the first
 * send waits for that delete. Storage therefore never holds a parent together with a
 * piece that was sent; a crash in between leaves the parent and unsent pieces, and the
 * next start drops the pieces (`unsentPieces`) and sends the parent, so a restart never
 * sends the whole after a half of it may have been stored.
 */
import { putVarint } from '@gamepulse/proto/sdk';
import { batchDigest, scanFields } from '@gamepulse/proto/sdk-read';
import type { Report } from './debug.ts';
import type { DropCounts } from './drops.ts';
import { varintLength, type FrozenBatch } from './frozen-batch.ts';
import type { Persistence } from './persistence.ts';
import type { JournalEntry } from './storage.ts';

/** EventBatch.sdk_health: it travels with the first half only, or it would count twice. */
const SDK_HEALTH_FIELD = 7;
/** EventBatch.batch_sequence, split_of_sequence and split_parent_digest (varints). */
const BATCH_SEQUENCE_FIELD = 2;
const SPLIT_OF_SEQUENCE_FIELD = 9;
const SPLIT_PARENT_DIGEST_FIELD = 10;

/** The batch a split piece names as its parent; 0 / 0 for a batch that is not a piece. */
export interface SplitParent {
  sequence: number;
  digest: number;
}

/** The parent a frozen batch names in its header (split_of_sequence, split_parent_digest). */
export function splitParentOf(bytes: Uint8Array): SplitParent {
  const parent: SplitParent = { sequence: 0, digest: 0 };
  scanFields(bytes, (field, _wireType, start) => {
    if (field === SPLIT_OF_SEQUENCE_FIELD) parent.sequence = varintAt(bytes, start);
    else if (field === SPLIT_PARENT_DIGEST_FIELD) parent.digest = varintAt(bytes, start);
  });
  return parent;
}

function varintAt(bytes: Uint8Array, at: number): number {
  let n = 0;
  for (let scale = 1; ; scale *= 128) {
    const b = bytes[at++]!;
    n += (b & 0x7f) * scale;
    if (b < 0x80) return n;
  }
}

/** The identity a batch's halves name: the batch itself, or (see the file header) its own parent. */
export function parentForHalves(batch: FrozenBatch, mayBeStored: boolean): SplitParent {
  const own = splitParentOf(batch.bytes);
  return mayBeStored || own.sequence === 0 ? { sequence: batch.sequence, digest: batchDigest(eventIdsOf(batch)) } : own;
}

export function splitBatch(batch: FrozenBatch, nextSequence: () => number, parent: SplitParent): [FrozenBatch, FrozenBatch] {
  const { header, frames } = batchParts(batch.bytes);
  const half = Math.ceil(frames.length / 2);
  const make = (part: Uint8Array[], dropFields: number[]): FrozenBatch => {
    const sequence = nextSequence();
    return Object.freeze({ sequence, bytes: reassemble(header, sequence, part, dropFields, parent), eventCount: part.length });
  };
  return [make(frames.slice(0, half), []), make(frames.slice(half), [SDK_HEALTH_FIELD])];
}

/**
 * 413: the halves that take `batch`'s place (reported, and stored), naming their
 * parent, with the sdk_health counts it carried moved to the first half, which carries
 * its sdk_health field. `mayBeStored`: an attempt of `batch` ended without a definite answer (or it
 * was loaded from storage, its attempts unknown), so the collector may hold it.
 */
export function halve(
  batch: FrozenBatch,
  nextSequence: () => number,
  healthOfBatch: Map<number, DropCounts>,
  report: Report,
  mayBeStored: boolean,
  persistence: Persistence,
): [FrozenBatch, FrozenBatch] {
  const parent = parentForHalves(batch, mayBeStored);
  const halves = splitBatch(batch, nextSequence, parent);
  // The counters first, then the halves; the caller deletes `batch` after them.
  void persistence.saveState();
  for (const h of halves) void persistence.putBatch(h, []);
  report('info', 'GP_SDK_BATCH_SPLIT', {
    message: `→ ${halves[0].sequence}, ${halves[1].sequence} (split of ${parent.sequence})`,
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

/**
 * Stored batches whose every event is inside another stored batch that is kept: the
 * pieces of a split that a crash left next to their parent (never sent, see the
 * invariant above). Larger batches are kept first, so the parent stays and is split
 * again when the collector refuses it; dropping such a batch loses no event.
 */
export function unsentPieces(batches: readonly FrozenBatch[]): FrozenBatch[] {
  const kept = new Set<string>();
  const pieces: FrozenBatch[] = [];
  for (const b of [...batches].sort((x, y) => y.eventCount - x.eventCount || x.sequence - y.sequence)) {
    const ids = eventIdsOf(b);
    if (ids.length > 0 && ids.every((id) => kept.has(id))) pieces.push(b);
    else for (const id of ids) kept.add(id);
  }
  return pieces;
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
 * `dropFields` are left out (sdk_health travels with one half only, or it would count
 * twice). With `parent`, the result is a split piece naming it (fields 9 and 10).
 */
export function reassemble(
  header: Uint8Array,
  sequence: number,
  frames: readonly Uint8Array[],
  dropFields: readonly number[] = [],
  parent?: SplitParent,
): Uint8Array {
  // batch_sequence and the split fields of the old header are dropped and written anew.
  const fresh: Array<[number, number]> = [[BATCH_SEQUENCE_FIELD, sequence]];
  if (parent) fresh.push([SPLIT_OF_SEQUENCE_FIELD, parent.sequence], [SPLIT_PARENT_DIGEST_FIELD, parent.digest]);
  const kept: Uint8Array[] = [];
  let fieldStart = 0;
  scanFields(header, (field, _w, _s, end) => {
    if (!fresh.some(([f]) => f === field) && !dropFields.includes(field)) kept.push(header.subarray(fieldStart, end));
    fieldStart = end;
  });
  const written = fresh.map(([field, value]) => {
    const out = new Uint8Array(1 + varintLength(value));
    out[0] = field << 3; // wire type 0 (varint)
    putVarint(out, 1, value);
    return out;
  });
  const parts = [...written, ...kept, ...frames];
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
