/**
 * Anti-replay window for one install's batches (the IPsec sliding window of RFC 4303
 * §3.4.3, bitmap variant of RFC 6479 without the ring): the highest batch_sequence seen
 * and a 64-bit bitmap of the 64 sequences below it. 17 bytes per install, whatever the
 * number of batches, instead of one entry per event id.
 *
 * Why a sequence older than the window can only be a re-send: the SDK builds batches
 * with sequence 1, 2, 3, … and keeps ONE batch in flight, building the next only after
 * the collector acknowledged the previous one — and the collector acknowledges only
 * after the log made the record durable. Records are keyed by install, so an install's
 * records stay in order on one partition. Hence the first copy of batch N always sits
 * before the first copy of batch N+1 in the partition, and any sequence below the max
 * has been seen already: in this protocol even "within the window" can only be a
 * duplicate. The window is there for tolerance (a future SDK that pipelines several
 * batches, or an offline queue flushed out of order) — up to 64 outstanding batches.
 * A sequence below the window is dropped as a duplicate but counted apart as
 * `too_old`, so an SDK that breaks the protocol (or lost its sequence counter while
 * keeping its install id, which makes it restart at 1) shows up in the metrics
 * instead of silently hiding as "duplicates".
 */

/** Width of the window below the max. 64 fits one bigint word and two uint32s on disk. */
export const WINDOW_SIZE = 64;

const MASK = (1n << 64n) - 1n;

export type DedupVerdict = 'new' | 'duplicate' | 'too_old';

/** The window's state. `maxSeq` 0 means nothing seen yet (sequences start at 1). */
export interface InstallWindow {
  maxSeq: number;
  /** Bit i set ⇔ sequence maxSeq - 1 - i was seen (i in 0..63). */
  seenBelow: bigint;
}

export function emptyWindow(): InstallWindow {
  return { maxSeq: 0, seenBelow: 0n };
}

/**
 * Classifies `seq` and, when it is new, records it in `w` (mutated in place: this runs
 * once per batch on the hot path). `seq` must be a positive safe integer.
 */
export function observe(w: InstallWindow, seq: number): DedupVerdict {
  if (seq > w.maxSeq) {
    const shift = seq - w.maxSeq;
    if (w.maxSeq === 0) w.seenBelow = 0n;
    else if (shift > WINDOW_SIZE)
      w.seenBelow = 0n; // the old max falls out of the window too
    else w.seenBelow = ((w.seenBelow << BigInt(shift)) | (1n << BigInt(shift - 1))) & MASK;
    w.maxSeq = seq;
    return 'new';
  }
  if (seq === w.maxSeq) return 'duplicate';
  const bit = w.maxSeq - 1 - seq;
  if (bit >= WINDOW_SIZE) return 'too_old';
  const flag = 1n << BigInt(bit);
  if (w.seenBelow & flag) return 'duplicate';
  w.seenBelow |= flag;
  return 'new';
}

/** Would `observe` accept `seq`? Same answer, no mutation. */
export function classify(w: InstallWindow, seq: number): DedupVerdict {
  if (seq > w.maxSeq) return 'new';
  if (seq === w.maxSeq) return 'duplicate';
  const bit = w.maxSeq - 1 - seq;
  if (bit >= WINDOW_SIZE) return 'too_old';
  return w.seenBelow & (1n << BigInt(bit)) ? 'duplicate' : 'new';
}

/**
 * Bytes for a `StateEntry` (namespace 'dedup'): a format version, then maxSeq and the
 * bitmap as big-endian uint64s. The version byte lets a later format coexist with
 * checkpoints written by this one.
 */
const FORMAT_V1 = 1;
export const SERIALIZED_BYTES = 17;

export function serializeWindow(w: InstallWindow): Uint8Array {
  const out = new Uint8Array(SERIALIZED_BYTES);
  const view = new DataView(out.buffer);
  view.setUint8(0, FORMAT_V1);
  view.setBigUint64(1, BigInt(w.maxSeq));
  view.setBigUint64(9, w.seenBelow & MASK);
  return out;
}

/** Parses `serializeWindow` output; throws on a format it does not know (a programming error). */
export function deserializeWindow(bytes: Uint8Array): InstallWindow {
  if (bytes.length !== SERIALIZED_BYTES || bytes[0] !== FORMAT_V1)
    throw new Error(`install window state: unknown format (version ${bytes[0]}, ${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { maxSeq: Number(view.getBigUint64(1)), seenBelow: view.getBigUint64(9) };
}
