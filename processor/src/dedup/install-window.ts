/**
 * Anti-replay window for one batch stream (game, install, stream: install-dedup.ts), in
 * the manner of the IPsec sliding window of RFC 4303 §3.4.3 (bitmap variant of RFC 6479
 * without the ring): the highest batch_sequence seen and a 64-bit bitmap of the 64
 * sequences below it — plus, for every seen sequence of the window, the digest of the
 * batch seen there (proto/src/batch-digest.ts, stamped by the collector over the batch's
 * event ids). The digest is what tells a re-send (same sequence, same events) from a
 * different batch that reuses the sequence: a server with a fixed install id and memory
 * storage that restarts at 1, two processes sharing an install id, an SDK older than
 * stream ids.
 *
 * Verdicts (processor/README.md, "Dedup"):
 *  - `new`: a sequence above the max, or a gap inside the window: folded, remembered.
 *  - `duplicate`: a sequence of the window seen with the same digest — a re-send:
 *    dropped. A digest of 0 on either side (a window written before digests, a record
 *    from a collector that did not stamp one) matches anything, as before digests.
 *  - `collision`: a sequence of the window seen with another digest — a different batch:
 *    folded, and its (sequence, digest) kept too, so its own re-sends are duplicates.
 *  - `split_duplicate`: a half of a batch the collector refused as too large (413),
 *    whose parent sequence was seen with the parent's digest: the whole parent is
 *    counted already, so the half is dropped. Its own sequence is remembered (its
 *    re-sends are duplicates); the parent's slot is not touched by halves — one half
 *    stored says nothing about the other.
 *  - `too_old`: more than 64 below the max. Nothing is known about it: never dropped
 *    silently, the caller dead-letters it.
 *
 * Why a sequence older than the window is rare: the SDK keeps ONE batch in flight per
 * stream, building the next only after the collector acknowledged the previous one
 * (after the log made it durable), and an install's records stay in order on one
 * partition. Only a re-send that arrives 65 batches late, or a sender that breaks the
 * protocol, lands there.
 *
 * Size per stream, in memory: the numbers, a 65-slot Uint32Array (260 bytes plus the
 * typed array's own ~100) and the collision list (usually absent). Serialized (format
 * 2): 278 bytes + 5 per kept collision (format 1, still read: 17 bytes, no digests).
 */

/** Width of the window below the max. 64 fits one bigint word. */
export const WINDOW_SIZE = 64;

/** Digest slots: the max and the 64 below it, indexed by sequence mod SLOTS (all distinct). */
const SLOTS = WINDOW_SIZE + 1;

/** Collisions kept at most per stream; past it the oldest is forgotten (its re-sends would count again). */
export const MAX_COLLISIONS = 64;

const MASK = (1n << 64n) - 1n;

export type DedupVerdict = 'new' | 'duplicate' | 'collision' | 'split_duplicate' | 'too_old';

/** Every verdict, in the order stats and metrics list them. */
export const DEDUP_VERDICTS: readonly DedupVerdict[] = ['new', 'duplicate', 'collision', 'split_duplicate', 'too_old'];

/** Verdicts whose batch is folded into rollups. */
export function isFolded(v: DedupVerdict): boolean {
  return v === 'new' || v === 'collision';
}

/** What dedup reads of a batch (IngestedBatch fields). */
export interface BatchIdentity {
  /** batch_sequence: a positive safe integer. */
  seq: number;
  /** batch_digest; 0 = unknown. */
  digest: number;
  /** split_of_sequence: the parent's batch_sequence for a 413 half, else 0. */
  splitOf: number;
  /** split_parent_digest: the parent's batch digest for a 413 half, else 0. */
  splitParentDigest: number;
}

/** The window's state. `maxSeq` 0 means nothing seen yet (sequences start at 1). */
export interface InstallWindow {
  maxSeq: number;
  /** Bit i set ⇔ sequence maxSeq - 1 - i was seen (i in 0..63). */
  seenBelow: bigint;
  /** digests[s % 65]: digest of the first batch seen at sequence s, for s seen in the window; 0 = unknown. */
  digests: Uint32Array;
  /** Further batches seen at a sequence of the window, as flat pairs [seq, digest, seq, digest, …]. */
  collisions: number[] | undefined;
}

export function emptyWindow(): InstallWindow {
  return { maxSeq: 0, seenBelow: 0n, digests: new Uint32Array(SLOTS), collisions: undefined };
}

/** Whether `seq` is in the window and was seen. */
function seen(w: InstallWindow, seq: number): boolean {
  if (seq > w.maxSeq || w.maxSeq === 0) return false;
  if (seq === w.maxSeq) return true;
  const bit = w.maxSeq - 1 - seq;
  return bit < WINDOW_SIZE && (w.seenBelow & (1n << BigInt(bit))) !== 0n;
}

/** Whether a batch with `digest` was seen at `seq` (which must be seen). `lenient`: 0 on either side matches. */
function seenWith(w: InstallWindow, seq: number, digest: number, lenient: boolean): boolean {
  const stored = w.digests[seq % SLOTS]!;
  if (stored === digest || (lenient && (stored === 0 || digest === 0))) return true;
  const c = w.collisions;
  if (c) for (let i = 0; i < c.length; i += 2) if (c[i] === seq && c[i + 1] === digest) return true;
  return false;
}

/** Would `observe` accept `b`, and as what? Same answer, no mutation. */
export function classify(w: InstallWindow, b: BatchIdentity): DedupVerdict {
  const { seq } = b;
  let own: DedupVerdict;
  if (seen(w, seq)) own = seenWith(w, seq, b.digest, true) ? 'duplicate' : 'collision';
  else own = seq > w.maxSeq || w.maxSeq - 1 - seq < WINDOW_SIZE ? 'new' : 'too_old';
  if (own === 'duplicate' || own === 'too_old' || b.splitOf <= 0 || b.splitParentDigest === 0) return own;
  // A half whose parent is known to be stored whole: its events are counted already.
  return seen(w, b.splitOf) && seenWith(w, b.splitOf, b.splitParentDigest, false) ? 'split_duplicate' : own;
}

/** Records a batch at `seq` with `digest` (a verdict other than duplicate / too_old). */
function remember(w: InstallWindow, seq: number, digest: number): void {
  if (seq > w.maxSeq) {
    const shift = seq - w.maxSeq;
    if (w.maxSeq === 0 || shift > WINDOW_SIZE)
      w.seenBelow = 0n; // the old max falls out of the window too
    else w.seenBelow = ((w.seenBelow << BigInt(shift)) | (1n << BigInt(shift - 1))) & MASK;
    w.maxSeq = seq;
    w.digests[seq % SLOTS] = digest;
    if (w.collisions) dropCollisionsBelow(w, seq - WINDOW_SIZE);
    return;
  }
  if (!seen(w, seq)) {
    w.seenBelow |= 1n << BigInt(w.maxSeq - 1 - seq);
    w.digests[seq % SLOTS] = digest;
    return;
  }
  const c = (w.collisions ??= []);
  if (c.length >= 2 * MAX_COLLISIONS) c.splice(0, 2);
  c.push(seq, digest);
}

function dropCollisionsBelow(w: InstallWindow, lowest: number): void {
  const kept = w.collisions!.filter((_, i, c) => c[i - (i % 2)]! >= lowest);
  w.collisions = kept.length > 0 ? kept : undefined;
}

/**
 * Classifies `b` and remembers it unless it is a duplicate or too old (`w` is mutated
 * in place: this runs once per batch on the hot path).
 */
export function observe(w: InstallWindow, b: BatchIdentity): DedupVerdict {
  const verdict = classify(w, b);
  if (verdict !== 'duplicate' && verdict !== 'too_old') remember(w, b.seq, b.digest);
  return verdict;
}

/**
 * Bytes for a `StateEntry` (namespace 'dedup'). Format 2: version byte, maxSeq and the
 * bitmap as big-endian uint64s, the 65 digest slots as they sit in memory (slot
 * s % 65 for sequence s; slots of sequences not seen hold stale values nobody reads:
 * a slot is read only for a seen sequence, and written when its sequence is seen),
 * little-endian uint32s — one copy, no per-bit loop, since a commit serializes every
 * changed window — then the number of kept collisions (uint8) and each as
 * (maxSeq - seq: uint8, digest: uint32 big-endian). Format 1 (17 bytes: version,
 * maxSeq, bitmap) is still read, as a window without digests.
 */
const FORMAT_V1 = 1;
const FORMAT_V2 = 2;
export const V1_BYTES = 17;
const DIGESTS_AT = 17;
/** Bytes of format 2 without collisions. */
export const V2_BYTES = DIGESTS_AT + 4 * SLOTS + 1;

/** Whether typed arrays are little-endian here (every engine in use): the slots are copied as they are. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function copySlots(from: Uint8Array, to: Uint8Array): void {
  if (LITTLE_ENDIAN) to.set(from);
  else for (let i = 0; i < from.length; i += 4) to.set([from[i + 3]!, from[i + 2]!, from[i + 1]!, from[i]!], i);
}

export function serializeWindow(w: InstallWindow): Uint8Array {
  const pairs = (w.collisions?.length ?? 0) / 2;
  const out = new Uint8Array(V2_BYTES + 5 * pairs);
  const view = new DataView(out.buffer);
  view.setUint8(0, FORMAT_V2);
  view.setBigUint64(1, BigInt(w.maxSeq));
  view.setBigUint64(9, w.seenBelow & MASK);
  copySlots(new Uint8Array(w.digests.buffer, w.digests.byteOffset, 4 * SLOTS), out.subarray(DIGESTS_AT, DIGESTS_AT + 4 * SLOTS));
  let at = V2_BYTES - 1;
  view.setUint8(at++, pairs);
  const c = w.collisions ?? [];
  for (let i = 0; i < c.length; i += 2) {
    view.setUint8(at, w.maxSeq - c[i]!);
    view.setUint32(at + 1, c[i + 1]!);
    at += 5;
  }
  return out;
}

function unknownFormat(bytes: Uint8Array): Error {
  return new Error(`install window state: unknown format (version ${bytes[0]}, ${bytes.length} bytes)`);
}

/** Parses `serializeWindow` output (format 1 or 2); throws on anything else (a programming error). */
export function deserializeWindow(bytes: Uint8Array): InstallWindow {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === FORMAT_V1 && bytes.length === V1_BYTES)
    return { ...emptyWindow(), maxSeq: Number(view.getBigUint64(1)), seenBelow: view.getBigUint64(9) };
  if (bytes[0] !== FORMAT_V2 || bytes.length < V2_BYTES) throw unknownFormat(bytes);
  const pairs = bytes[V2_BYTES - 1]!;
  if (bytes.length !== V2_BYTES + 5 * pairs) throw unknownFormat(bytes);
  const w = emptyWindow();
  w.maxSeq = Number(view.getBigUint64(1));
  w.seenBelow = view.getBigUint64(9);
  copySlots(bytes.subarray(DIGESTS_AT, DIGESTS_AT + 4 * SLOTS), new Uint8Array(w.digests.buffer));
  if (pairs > 0) {
    w.collisions = [];
    for (let i = 0, at = V2_BYTES; i < pairs; i++, at += 5) w.collisions.push(w.maxSeq - view.getUint8(at), view.getUint32(at + 1));
  }
  return w;
}
