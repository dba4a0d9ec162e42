/**
 * Writing the protobuf wire format (protobuf.dev/programming-guides/encoding): the few
 * primitives the SDK's generated encoders (generated/sdk-wire.ts) need — varints, 64-bit
 * values as JS numbers, doubles, UTF-8 strings and length-delimited nested messages.
 * Small on purpose: the browser SDK ships this instead of protobufjs + long.js, and
 * reading (read.ts) is a module of its own, so that a bundle that only writes (the
 * browser core) does not carry it.
 *
 * Every 64-bit field of gamepulse.v1 is a count, a time in ms or an amount in minor
 * units, all below 2^53 in magnitude, so numbers are exact (the server-side codec,
 * generated/messages.ts over server-write.ts, rests on the same premise).
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

/** A varint of a 64-bit value given as its low and high 32 bits (uint32 each). */
export function varint64(lo: number, hi: number): void {
  ensure(10);
  while (hi !== 0 || lo > 0x7f) {
    buf[pos++] = (lo & 0x7f) | 0x80;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  buf[pos++] = lo;
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

const utf8 = /* @__PURE__ */ new TextEncoder();

/**
 * A length-prefixed UTF-8 string. ASCII (ids, names, codes: nearly every string the
 * SDK writes) is copied in one pass; other text goes through TextEncoder, which turns
 * a lone surrogate into U+FFFD.
 */
export function string(s: string): void {
  const n = s.length;
  ensure(n + 10);
  const at = pos + varintSize(n);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return bytes(utf8.encode(s));
    buf[at + i] = c;
  }
  putVarint(buf, pos, n);
  pos = at + n;
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

// ── fields, for the generated encoders ─────────────────────────────────────────
// Each writes the tag and the value, and only when the value is set: proto3 leaves
// scalars equal to their default out (a message field is written whenever present).

export function stringField(tag: number, v: string | null | undefined): void {
  if (v) {
    varint(tag);
    string(v);
  }
}

export function varintField(tag: number, v: number | null | undefined): void {
  if (v) {
    varint(tag);
    varint(v);
  }
}

export function doubleField(tag: number, v: number | null | undefined): void {
  if (v) {
    varint(tag);
    double(v);
  }
}

export function boolField(tag: number, v: boolean | null | undefined): void {
  if (v) {
    varint(tag);
    bool(v);
  }
}

export function bytesField(tag: number, v: Uint8Array | null | undefined): void {
  if (v && v.length) {
    varint(tag);
    bytes(v);
  }
}

export function messageField<T>(tag: number, v: T | null | undefined, write: (m: T) => void): void {
  if (v != null) {
    varint(tag);
    nested(v, write);
  }
}

/** A map<string, V> entry: a nested message with the key (field 1) and the value (field 2), both always written. */
export function entryField<V>(tag: number, key: string, value: V, valueTag: number, write: (v: V) => void): void {
  varint(tag);
  nested(key, (k) => {
    varint(10);
    string(k);
    varint(valueTag);
    write(value);
  });
}
