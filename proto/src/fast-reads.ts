/**
 * Allocation-free 64-bit reads and flat long strings for protobufjs's decoders.
 *
 * Every int64 / uint64 read in protobufjs allocates a `LongBits` and then turns it into
 * a number; events carry two (sequence, client time) and the processor decodes every
 * event of every batch (0.3 GB of its 4.7 GB allocated replaying a bench log,
 * sampling allocation profile). These read the varint into two 32-bit halves held in
 * locals and combine them with protobufjs's own formula (exact below 2^53, the same
 * rounding above), without an object: 395 vs 404–444 ns per event decoding a
 * 66-event batch, back to back.
 *
 * Strings: protobufjs builds a string by `+=` of 8-character pieces, so a UUID comes
 * out as a cons string of five pieces and a player id of two or three. Reading one
 * char by char (the collector checks every event id and session id that way) walks
 * the pieces on every access — `badUuid` was the collector's largest single function,
 * ~10 % of its busy CPU in a profile — and hashing one (every Map key: player ids, items) first copies it
 * flat. An ASCII string of 13 bytes or more is now one native latin-1 slice: flat, one
 * allocation. Back to back: decode + validate + per-player counts of a 66-event batch
 * ~975 → ~850 ns per event; the processor replaying a live bench log 8.8 → 7.7 user-s
 * (decode alone is a little slower; everything that reads the strings gains more).
 * Anything non-ASCII goes to the same strict decoder protobufjs uses (fatal on invalid
 * UTF-8, BOM kept), so the same input throws the same way; short strings keep
 * protobufjs's path.
 *
 * Must run AFTER `$protobuf.configure()` (numbers-not-longs.ts), which re-installs the
 * stock 64-bit readers; messages.ts imports it right after that module.
 */
import $protobuf from 'protobufjs/minimal.js';

const TWO_32 = 4294967296;

type Utf8 = { readStrict: (buffer: Uint8Array, start: number, end: number) => string };
const utf8 = ($protobuf.util as unknown as { utf8: Utf8 }).utf8;
const stockReadStrict = utf8.readStrict;
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Node's native latin-1 slice (it works on any Uint8Array); absent outside Node. */
const latin1Slice = typeof Buffer === 'function' ? (Buffer.prototype as unknown as { latin1Slice?: (this: Uint8Array, start: number, end: number) => string }).latin1Slice : undefined;

/**
 * From this length on a string is read flat. V8 joins shorter strings into a flat copy
 * anyway (13 is its minimum cons-string length), so protobufjs's pieces only become a
 * cons string from here: player ids, item names, UUIDs.
 */
const FLAT_STRING_MIN_BYTES = 13;

/** UTF-8 bytes → string, throwing on invalid UTF-8 exactly like protobufjs's `readStrict`. */
export function readUtf8Strict(buffer: Uint8Array, start: number, end: number): string {
  if (end - start < FLAT_STRING_MIN_BYTES || !latin1Slice) return stockReadStrict(buffer, start, end);
  // latin-1 and UTF-8 agree on ASCII; anything else goes to the strict decoder.
  for (let i = start; i < end; i++) if (buffer[i]! > 0x7f) return strictDecoder.decode(buffer.subarray(start, end));
  return latin1Slice.call(buffer, start, end);
}

interface ReaderLike {
  buf: Uint8Array;
  pos: number;
  len: number;
}

function outOfRange(r: ReaderLike): never {
  throw new RangeError(`index out of range: ${r.pos} + 10 > ${r.len}`);
}

// The halves of the last varint read; module state instead of an object per read.
let lo = 0;
let hi = 0;

/**
 * A varint of up to 10 bytes into `lo` / `hi` (uint32 each), as protobufjs's
 * readLongVarint: 7 bits per byte, the fifth byte split across the halves.
 */
function readVarint64(r: ReaderLike): void {
  const buf = r.buf;
  const len = r.len;
  let pos = r.pos;
  let l = 0;
  let h = 0;
  for (let shift = 0; shift < 70; shift += 7) {
    if (pos >= len) outOfRange(r);
    const b = buf[pos++]!;
    const bits = b & 127;
    if (shift < 28) l |= bits << shift;
    else if (shift === 28) {
      l |= bits << 28;
      h = bits >> 4;
    } else h |= bits << (shift - 32);
    if (b < 128) {
      r.pos = pos;
      lo = l >>> 0;
      hi = h >>> 0;
      return;
    }
  }
  throw new Error('invalid varint encoding');
}

/** LongBits#toNumber(false) on the halves. */
function signed(): number {
  if (hi >>> 31) {
    const l = (~lo + 1) >>> 0;
    let h = ~hi >>> 0;
    if (!l) h = (h + 1) >>> 0;
    return -(l + h * TWO_32);
  }
  return lo + hi * TWO_32;
}

export function readInt64(this: ReaderLike): number {
  readVarint64(this);
  return signed();
}

export function readUint64(this: ReaderLike): number {
  readVarint64(this);
  return lo + hi * TWO_32;
}

export function readSint64(this: ReaderLike): number {
  readVarint64(this);
  // zig-zag decode, as LongBits#zzDecode
  const mask = -(lo & 1);
  const l = (((lo >>> 1) | (hi << 31)) ^ mask) >>> 0;
  const h = ((hi >>> 1) ^ mask) >>> 0;
  lo = l;
  hi = h;
  return signed();
}

utf8.readStrict = readUtf8Strict;
const proto = $protobuf.Reader.prototype as unknown as Record<'int64' | 'uint64' | 'sint64', (this: ReaderLike) => number>;
proto.int64 = readInt64;
proto.uint64 = readUint64;
proto.sint64 = readSint64;
