/**
 * Reading the protobuf wire format: the primitives of the SDK's generated decoders
 * (generated/sdk-wire-read.ts) and of scan.ts — varints as exact JS numbers (every
 * 64-bit field of gamepulse.v1 is below 2^53 in magnitude), doubles, UTF-8 strings,
 * bytes, map entries, and skipping unknown fields. Apart from write.ts so that bundles
 * load it only where they read (the browser: with its transports, not in the core).
 * The server-side codec's reads (server-read.ts) share its cursor.
 */

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const TWO_32 = 4294967296;

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

/** Throws unless a message ended exactly where its length said. */
export function atEnd(r: Reader, end: number): void {
  if (r.p !== end) throw new RangeError('protobuf: field overruns its message');
}

/** Reads a map<string, V> entry at the cursor into `into` (missing key or value: the default). */
export function readEntry<V>(r: Reader, valueTag: number, value: V, read: (r: Reader) => V, into: Record<string, V>): void {
  const end = readLength(r);
  let key = '';
  while (r.p < end) {
    const t = readVarint(r);
    if (t === 10) key = readString(r);
    else if (t === valueTag) value = read(r);
    else skip(r, t & 7);
  }
  into[key] = value;
}
