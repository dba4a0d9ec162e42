/**
 * The protobuf wire format (protobuf.dev/programming-guides/encoding) in the few
 * primitives the SDK's generated codec (generated/sdk-wire.ts) needs: varints, 64-bit
 * values as JS numbers, doubles, UTF-8 strings and length-delimited nested messages.
 * Small on purpose: the browser SDK ships this instead of protobufjs + long.js.
 *
 * Every 64-bit field of gamepulse.v1 is a count, a time in ms or an amount in minor
 * units, all below 2^53 in magnitude, so numbers are exact (same premise as
 * numbers-not-longs.ts).
 *
 * Encoding writes into one growing module-level buffer (encoding is synchronous and
 * never re-entered) and copies the result out, so an event costs one allocation.
 */

let buf = new Uint8Array(1024);
let pos = 0;
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const TWO_32 = 4294967296;

function ensure(n: number): void {
  if (pos + n <= buf.length) return;
  let size = buf.length * 2;
  while (size < pos + n) size *= 2;
  const next = new Uint8Array(size);
  next.set(buf.subarray(0, pos));
  buf = next;
}

/** Starts an encoding; `finish()` returns its bytes. */
export function begin(): void {
  pos = 0;
}

export function finish(): Uint8Array {
  return buf.slice(0, pos);
}

/** Bytes of an unsigned varint below 2^53. */
export function varintSize(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

/** Writes `n` into `out` at `at` as an unsigned varint; returns the next offset. */
export function putVarint(out: Uint8Array, at: number, n: number): number {
  while (n >= 0x80) {
    out[at++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}

/**
 * A varint of any integer with |n| < 2^53. Negative values are 64-bit two's complement
 * (10 bytes), as int32, int64 and enum require.
 */
export function varint(n: number): void {
  ensure(10);
  if (n >= 0) {
    pos = putVarint(buf, pos, n);
    return;
  }
  let hi = Math.floor(n / TWO_32);
  let lo = n - hi * TWO_32; // in [0, 2^32)
  hi = hi >>> 0;
  for (let i = 0; i < 9; i++) {
    buf[pos++] = (lo & 0x7f) | 0x80;
    lo = (lo >>> 7) | ((hi & 0x7f) << 25);
    hi >>>= 7;
  }
  buf[pos++] = lo & 0x01;
}

export function tag(t: number): void {
  varint(t);
}

export function double(v: number): void {
  ensure(8);
  f64[0] = v;
  // Typed arrays use the platform's byte order; every JS engine in use is little-endian,
  // which is protobuf's order for fixed64.
  buf.set(f64Bytes, pos);
  pos += 8;
}

export function bool(v: boolean): void {
  ensure(1);
  buf[pos++] = v ? 1 : 0;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function writeUtf8(s: string): void {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) buf[pos++] = c;
    else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        buf[pos++] = 0xf0 | (c >> 18);
        buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
      } else {
        // A lone surrogate becomes U+FFFD, as TextEncoder does.
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
        buf[pos++] = 0xe0 | (c >> 12);
      }
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
  }
}

export function string(s: string): void {
  const len = utf8Length(s);
  ensure(len + 10);
  pos = putVarint(buf, pos, len);
  writeUtf8(s);
}

export function bytes(b: Uint8Array): void {
  ensure(b.length + 10);
  pos = putVarint(buf, pos, b.length);
  buf.set(b, pos);
  pos += b.length;
}

/**
 * A length-delimited nested message: one byte is reserved for the length, and the
 * body is moved up in the rare case that its length needs more than one byte.
 */
export function nested<T>(m: T, write: (m: T) => void): void {
  ensure(1);
  const start = pos++;
  write(m);
  const len = pos - start - 1;
  if (len < 0x80) {
    buf[start] = len;
    return;
  }
  const extra = varintSize(len) - 1;
  ensure(extra);
  buf.copyWithin(start + 1 + extra, start + 1, pos);
  pos += extra;
  putVarint(buf, start, len);
}

// ── messages by descriptor ───────────────────────────────────────────────────────

/** Field kinds of a decoding descriptor (generated/sdk-wire.ts). */
export const STRING = 0;
/** Any varint: int32, int64, uint32, uint64, enum (negative values as 64-bit two's complement). */
export const VARINT = 1;
export const BOOL = 2;
export const DOUBLE = 3;
export const BYTES = 4;
export const MESSAGE = 5;
export const REPEATED_MESSAGE = 6;
/** map<string, string>. */
export const MAP_STRING = 7;
/** map<string, integer>. */
export const MAP_VARINT = 8;
/** Signed varint when decoding (int32, int64, enum): values past 2^63 are negative. */
export const SIGNED = 9;

/** One field: number, property name, kind, and the nested descriptor for messages. */
export type FieldDescriptor = readonly [number: number, name: string, kind: number, nested?: () => MessageDescriptor];
export type MessageDescriptor = readonly FieldDescriptor[];

const WIRE_TYPE = [2, 0, 0, 1, 2, 2, 2, 2, 2, 0];

function readScalar(kind: number, r: Reader): unknown {
  switch (kind) {
    case STRING:
      return readString(r);
    case BOOL:
      return readVarint(r) !== 0;
    case DOUBLE:
      return readDouble(r);
    case BYTES:
      return readBytes(r);
    case SIGNED:
      return readSigned(r);
    default:
      return readVarint(r);
  }
}

function defaultOf(kind: number): unknown {
  switch (kind) {
    case STRING:
      return '';
    case BOOL:
      return false;
    case BYTES:
      return new Uint8Array(0);
    case REPEATED_MESSAGE:
      return [];
    case MAP_STRING:
    case MAP_VARINT:
      return {};
    case MESSAGE:
      return undefined;
    default:
      return 0;
  }
}

/** Reads a message by its descriptor: every field present (defaults filled), 64-bit values as numbers. */
export function readMessage(d: MessageDescriptor, r: Reader, end: number): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  for (const [, name, kind] of d) if (kind !== MESSAGE) m[name] = defaultOf(kind);
  while (r.p < end) {
    const t = readVarint(r);
    const f = d.find(([no, , kind]) => no * 8 + WIRE_TYPE[kind]! === t);
    if (!f) {
      skip(r, t & 7);
      continue;
    }
    const [, name, kind, nested] = f;
    if (kind === MESSAGE) m[name] = readMessage(nested!(), r, readLength(r));
    else if (kind === REPEATED_MESSAGE) (m[name] as unknown[]).push(readMessage(nested!(), r, readLength(r)));
    else if (kind === MAP_STRING || kind === MAP_VARINT) {
      const entryEnd = readLength(r);
      let k = '';
      let x = defaultOf(kind === MAP_STRING ? STRING : VARINT);
      while (r.p < entryEnd) {
        const et = readVarint(r);
        if (et === 10) k = readString(r);
        else if (et === (kind === MAP_STRING ? 18 : 16)) x = readScalar(kind === MAP_STRING ? STRING : VARINT, r);
        else skip(r, et & 7);
      }
      (m[name] as Record<string, unknown>)[k] = x;
    } else m[name] = readScalar(kind, r);
  }
  if (r.p !== end) throw new RangeError('protobuf: field overruns its message');
  return m;
}

/** Decodes message bytes by a descriptor. */
export function decodeMessage(d: MessageDescriptor, bytes: Uint8Array): Record<string, unknown> {
  return readMessage(d, reader(bytes), bytes.length);
}

// ── decoding ──────────────────────────────────────────────────────────────────────

/** A cursor over encoded bytes. */
export interface Reader {
  b: Uint8Array;
  p: number;
}

export function reader(b: Uint8Array): Reader {
  return { b, p: 0 };
}

function truncated(): never {
  throw new RangeError('protobuf: truncated input');
}

/** The low and high 32 bits of the varint at the cursor. */
function readVarint64(r: Reader): [lo: number, hi: number] {
  let lo = 0;
  let hi = 0;
  for (let shift = 0; shift < 70; shift += 7) {
    if (r.p >= r.b.length) truncated();
    const byte = r.b[r.p++]!;
    const bits = byte & 0x7f;
    if (shift < 28) lo |= bits << shift;
    else if (shift === 28) {
      lo |= bits << 28;
      hi |= bits >>> 4;
    } else hi |= bits << (shift - 32);
    if (byte < 0x80) return [lo >>> 0, hi >>> 0];
  }
  throw new RangeError('protobuf: varint too long');
}

/** An unsigned varint as a number (exact below 2^53). */
export function readVarint(r: Reader): number {
  const [lo, hi] = readVarint64(r);
  return hi * TWO_32 + lo;
}

/** A signed 64-bit (or sign-extended 32-bit) varint, two's complement. */
export function readSigned(r: Reader): number {
  const [lo, hi] = readVarint64(r);
  if (hi < 0x80000000) return hi * TWO_32 + lo;
  return -((~hi >>> 0) * TWO_32 + (~lo >>> 0) + 1);
}

export function readDouble(r: Reader): number {
  if (r.p + 8 > r.b.length) truncated();
  f64Bytes.set(r.b.subarray(r.p, r.p + 8));
  r.p += 8;
  return f64[0]!;
}

/** The end offset of a length-delimited field that starts at the cursor. */
export function readLength(r: Reader): number {
  const len = readVarint(r);
  const end = r.p + len;
  if (end > r.b.length) truncated();
  return end;
}

const decoder = /* @__PURE__ */ new TextDecoder();

export function readString(r: Reader): string {
  const end = readLength(r);
  const s = decoder.decode(r.b.subarray(r.p, end));
  r.p = end;
  return s;
}

export function readBytes(r: Reader): Uint8Array {
  const end = readLength(r);
  const out = r.b.slice(r.p, end);
  r.p = end;
  return out;
}

/** Skips a field of wire type `wireType` (fields this codec does not know). */
export function skip(r: Reader, wireType: number): void {
  switch (wireType) {
    case 0:
      readVarint(r);
      return;
    case 1:
      r.p += 8;
      break;
    case 2:
      r.p = readLength(r);
      return;
    case 5:
      r.p += 4;
      break;
    default:
      throw new RangeError(`protobuf: unsupported wire type ${wireType}`);
  }
  if (r.p > r.b.length) truncated();
}
