/**
 * Field writers of the server-side codec (generated/messages.ts), over the primitives
 * of write.ts. proto3 encoding: a scalar equal to its default is left out, a message
 * field or oneof member is written whenever present, map entries always carry key and
 * value. Values outside their type are converted the way protobufjs converts them, so
 * that whatever a caller hands in encodes to something every decoder reads back:
 *
 * - int32 / enum: `v | 0` (negative: ten bytes, sign-extended); uint32: `v >>> 0`;
 * - int64 / uint64: safe integers exactly; anything else (fractions, NaN, ±Infinity,
 *   beyond 2^53) as protobufjs's LongBits.fromNumber: truncated toward zero, the low
 *   64 bits of two's complement; a decimal string is parsed;
 * - double: written unless +0 (so -0 and NaN survive);
 * - string: only strings are written (anything else reads back as ''); lone
 *   surrogates become U+FFFD (TextEncoder);
 * - bytes: a Uint8Array, or an array of byte values.
 */
import * as w from './write.ts';

export { begin, finish, messageField } from './write.ts';

const TWO_32 = 4294967296;

// The halves of the last value converted by longBits: module state instead of an object.
let lo = 0;
let hi = 0;

/** protobufjs's LongBits.from for a value that is not a safe integer: into `lo` / `hi`. */
function longBits(v: unknown): void {
  let n = typeof v === 'number' ? v : typeof v === 'string' ? parseInt(v, 10) : 0;
  const negative = n < 0;
  if (negative) n = -n;
  lo = n >>> 0;
  hi = ((n - lo) / TWO_32) >>> 0;
  if (negative) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
    if (++lo > 0xffffffff) {
      lo = 0;
      if (++hi > 0xffffffff) hi = 0;
    }
  }
}

/** A 64-bit integer value (int64, uint64) without its tag (map values). */
export function int64(v: number): void {
  if (Number.isSafeInteger(v)) {
    w.varint(v);
    return;
  }
  longBits(v);
  w.varint64(lo, hi);
}

export function int64Field(tag: number, v: number | null | undefined): void {
  if (v == null) return;
  if (Number.isSafeInteger(v)) {
    if (v !== 0) {
      w.varint(tag);
      w.varint(v);
    }
    return;
  }
  longBits(v);
  if (lo === 0 && hi === 0) return;
  w.varint(tag);
  w.varint64(lo, hi);
}

export function int32Field(tag: number, v: number | null | undefined): void {
  const n = (v as number) | 0;
  if (n !== 0) {
    w.varint(tag);
    w.varint(n);
  }
}

export function uint32Field(tag: number, v: number | null | undefined): void {
  const n = (v as number) >>> 0;
  if (n !== 0) {
    w.varint(tag);
    w.varint(n);
  }
}

export function boolField(tag: number, v: boolean | null | undefined): void {
  if (v) {
    w.varint(tag);
    w.bool(true);
  }
}

export function doubleField(tag: number, v: number | null | undefined): void {
  if (v == null) return;
  const n = typeof v === 'number' ? v : Number(v);
  if (n !== 0 || 1 / n < 0) {
    w.varint(tag);
    w.double(n);
  }
}

export function stringField(tag: number, v: string | null | undefined): void {
  if (typeof v === 'string' && v !== '') {
    w.varint(tag);
    w.string(v);
  }
}

/** A string value without its tag (map values): anything but a string as ''. */
export function stringValue(v: string): void {
  w.string(typeof v === 'string' ? v : '');
}

function asBytes(v: Uint8Array | ArrayLike<number>): Uint8Array {
  return v instanceof Uint8Array ? v : Uint8Array.from(v);
}

export function bytesField(tag: number, v: Uint8Array | ArrayLike<number> | null | undefined): void {
  if (v != null && v.length) {
    w.varint(tag);
    w.bytes(asBytes(v));
  }
}

/** Repeated message field: one length-delimited entry per element. */
export function repeatedField<T>(tag: number, v: ArrayLike<T> | null | undefined, write: (m: T) => void): void {
  if (v == null) return;
  for (let i = 0; i < v.length; i++) {
    w.varint(tag);
    w.nested(v[i]!, write);
  }
}

/** A map<string, V> field: one entry (key = field 1, value = field 2, both always written) per own key. */
export function mapField<V>(tag: number, map: Record<string, V> | null | undefined, valueTag: number, write: (v: V) => void): void {
  if (map == null) return;
  for (const key of Object.keys(map)) {
    const value = map[key]!;
    w.varint(tag);
    w.nested(key, (k) => {
      w.varint(10);
      w.string(k);
      w.varint(valueTag);
      write(value);
    });
  }
}
