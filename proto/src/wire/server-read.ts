/**
 * Reading the protobuf wire format for the server-side codec (generated/messages.ts:
 * collector, processor, loader): the same cursor as read.ts, with the checks and
 * integer rules of protobufjs, so that any bytes decode as protobufjs decodes them
 * (src/messages.test.ts compares the two) —
 *
 * - strings are strict UTF-8: invalid input throws a TypeError, a leading BOM is kept;
 * - int32 and enums take the low 32 bits as signed, uint32 and bool the low 32 bits;
 * - int64 / uint64 are numbers (`lo + hi * 2^32`: exact below 2^53, correctly rounded
 *   above), read without allocating;
 * - fields are skipped by wire type, groups included (nesting limited to 100, as
 *   protobufjs and protoc); field number 0 and wire types 6 and 7 are refused.
 *
 * Strings from 13 bytes on are read as one flat string (a native latin-1 slice for
 * ASCII under Node): protobufjs-style `+=` of pieces gives a cons string that every
 * later char read or hash has to walk. Shorter ones are built from char codes, which
 * V8 keeps flat anyway.
 */
import type { Reader } from './read.ts';

export type { Reader } from './read.ts';
export { reader, atEnd } from './read.ts';

const TWO_32 = 4294967296;
const MAX_DEPTH = 100;

function truncated(): never {
  throw new RangeError('protobuf: truncated input');
}

// The halves of the last 64-bit varint read: module state instead of an object per read.
let lo = 0;
let hi = 0;

/**
 * A varint of up to 10 bytes into `lo` / `hi` (uint32 each): 7 bits per byte, the
 * fifth byte split across the halves, bits above 64 dropped.
 */
function varint64(r: Reader): void {
  const b = r.b;
  const len = b.length;
  let p = r.p;
  let l = 0;
  let h = 0;
  for (let shift = 0; shift < 70; shift += 7) {
    if (p >= len) truncated();
    const byte = b[p++]!;
    const bits = byte & 127;
    if (shift < 28) l |= bits << shift;
    else if (shift === 28) {
      l |= bits << 28;
      h = bits >> 4;
    } else h |= bits << (shift - 32);
    if (byte < 128) {
      r.p = p;
      lo = l >>> 0;
      hi = h >>> 0;
      return;
    }
  }
  throw new RangeError('protobuf: invalid varint encoding (longer than 10 bytes)');
}

/** The low 32 bits of a varint, unsigned (uint32 fields). */
export function uint32(r: Reader): number {
  const b = r.b;
  const p = r.p;
  if (p + 1 < b.length) {
    // Fast path: the common one- and two-byte varints.
    const b0 = b[p]!;
    if (b0 < 128) {
      r.p = p + 1;
      return b0;
    }
    const b1 = b[p + 1]!;
    if (b1 < 128) {
      r.p = p + 2;
      return (b0 & 127) | (b1 << 7);
    }
  }
  varint64(r);
  return lo;
}

/**
 * A varint of at most 5 bytes whose last byte is at most `lastMax` (tags: below 2^32;
 * lengths: below 2^31), as protobufjs checks them.
 */
function varint32(r: Reader, lastMax: number, what: string): number {
  const b = r.b;
  let p = r.p;
  let v = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (p >= b.length) truncated();
    const byte = b[p++]!;
    v |= (byte & 127) << shift;
    if (byte < 128) {
      r.p = p;
      return v >>> 0;
    }
  }
  if (p >= b.length) truncated();
  const last = b[p++]!;
  if (last > lastMax) throw new Error(`protobuf: invalid ${what} encoding`);
  r.p = p;
  return (v | (last << 28)) >>> 0;
}

/** A field tag (field number × 8 + wire type). */
export function tag(r: Reader): number {
  const b = r.b;
  const p = r.p;
  if (p + 1 < b.length) {
    const b0 = b[p]!;
    if (b0 < 128) {
      r.p = p + 1;
      return b0;
    }
    const b1 = b[p + 1]!;
    if (b1 < 128) {
      r.p = p + 2;
      return (b0 & 127) | (b1 << 7);
    }
  }
  return varint32(r, 15, 'tag');
}

export function int32(r: Reader): number {
  return uint32(r) | 0;
}

export function bool(r: Reader): boolean {
  return uint32(r) !== 0;
}

/** `lo` / `hi` as a signed 64-bit number (two's complement), rounded like protobufjs's LongBits#toNumber. */
function signed(): number {
  if (hi >>> 31) {
    const l = (~lo + 1) >>> 0;
    let h = ~hi >>> 0;
    if (!l) h = (h + 1) >>> 0;
    return -(l + h * TWO_32);
  }
  return lo + hi * TWO_32;
}

export function int64(r: Reader): number {
  const b = r.b;
  const p = r.p;
  if (p < b.length && b[p]! < 128) {
    r.p = p + 1;
    return b[p]!;
  }
  varint64(r);
  return signed();
}

export function uint64(r: Reader): number {
  const b = r.b;
  const p = r.p;
  if (p < b.length && b[p]! < 128) {
    r.p = p + 1;
    return b[p]!;
  }
  varint64(r);
  return lo + hi * TWO_32;
}

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

/** A little-endian double (every JS engine in use is little-endian, as protobuf's fixed64). */
export function double(r: Reader): number {
  const b = r.b;
  const p = r.p;
  if (p + 8 > b.length) truncated();
  f64Bytes[0] = b[p]!;
  f64Bytes[1] = b[p + 1]!;
  f64Bytes[2] = b[p + 2]!;
  f64Bytes[3] = b[p + 3]!;
  f64Bytes[4] = b[p + 4]!;
  f64Bytes[5] = b[p + 5]!;
  f64Bytes[6] = b[p + 6]!;
  f64Bytes[7] = b[p + 7]!;
  r.p = p + 8;
  return f64[0]!;
}

/** The end offset of a length-delimited value that starts at the cursor. */
export function length(r: Reader): number {
  const b = r.b;
  const p = r.p;
  let len: number;
  if (p < b.length && b[p]! < 128) {
    len = b[p]!;
    r.p = p + 1;
  } else len = varint32(r, 7, 'length');
  const end = r.p + len;
  if (end > r.b.length) truncated();
  return end;
}

const strictDecoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Node's native latin-1 slice (it works on any Uint8Array); absent outside Node. */
const latin1Slice: ((this: Uint8Array, start: number, end: number) => string) | undefined =
  typeof Buffer === 'function'
    ? (Buffer.prototype as unknown as { latin1Slice?: (this: Uint8Array, start: number, end: number) => string }).latin1Slice
    : undefined;

/**
 * From this length on a string is read as one slice. V8 copies shorter concatenations
 * flat anyway (13 is its minimum cons-string length), and char codes are faster there.
 */
const FLAT_STRING_MIN_BYTES = 13;

/** UTF-8 bytes → string; invalid UTF-8 throws a TypeError, a leading BOM is kept. */
export function utf8Strict(b: Uint8Array, s: number, end: number): string {
  let high = 0;
  for (let i = s; i < end; i++) high |= b[i]!;
  if (high > 0x7f) return strictDecoder.decode(b.subarray(s, end));
  // ASCII from here on.
  switch (end - s) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(b[s]!);
    case 2:
      return String.fromCharCode(b[s]!, b[s + 1]!);
    case 3:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
  }
  if (end - s >= FLAT_STRING_MIN_BYTES && latin1Slice) return latin1Slice.call(b, s, end);
  let out = '';
  for (let i = s; i < end; i++) out += String.fromCharCode(b[i]!);
  return out;
}

export function string(r: Reader): string {
  const end = length(r);
  const s = r.p;
  r.p = end;
  return s === end ? '' : utf8Strict(r.b, s, end);
}

/** Bytes as a view into the input (no copy), as protobufjs returns them. */
export function bytes(r: Reader): Uint8Array {
  const end = length(r);
  const out = r.b.subarray(r.p, end);
  r.p = end;
  return out;
}

function skipBytes(r: Reader, n: number): void {
  if (r.p + n > r.b.length) truncated();
  r.p += n;
}

/** Skips the value of a field the decoder does not read, by the wire type in `fieldTag`. */
export function skip(r: Reader, fieldTag: number, depth = 0): void {
  if (fieldTag < 8) throw new Error('protobuf: illegal tag (field number 0)');
  switch (fieldTag & 7) {
    case 0:
      do if (r.p >= r.b.length) truncated();
      while (r.b[r.p++]! & 128);
      return;
    case 1:
      skipBytes(r, 8);
      return;
    case 2:
      r.p = length(r);
      return;
    case 3: {
      if (depth >= MAX_DEPTH) throw new Error('protobuf: groups nested too deep');
      const field = Math.floor(fieldTag / 8);
      for (;;) {
        const t = tag(r);
        if ((t & 7) === 4) {
          if (Math.floor(t / 8) !== field) throw new Error('protobuf: invalid end group tag');
          return;
        }
        skip(r, t, depth + 1);
      }
    }
    case 5:
      skipBytes(r, 4);
      return;
    default:
      throw new Error(`protobuf: invalid wire type ${fieldTag & 7} at offset ${r.p}`);
  }
}

/** Sets `key` on a map object; `__proto__` becomes an own property instead of the prototype. */
export function setEntry<V>(into: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
  else into[key] = value;
}
