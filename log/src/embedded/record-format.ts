/**
 * The on-disk record, version 1. Segment files are a plain concatenation of records;
 * all integers are little-endian.
 *
 * ```
 *  byte  size  field
 *     0     4  length      bytes after this field: 25 + keyLength + valueLength
 *     4     4  crc         CRC-32C of bytes [8, 4 + length): magic … value
 *     8     1  magic       format version, 1
 *     9     8  offset      u64 (lo u32, hi u32): dense per partition
 *    17     8  timestamp   i64 ms (lo u32, hi i32)
 *    25     4  keyLength   u32
 *    29     k  key         UTF-8
 *  29+k     v  value       opaque bytes
 * ```
 *
 * The CRC covers everything except `length`, which is checked instead by bounds (an
 * "impossible length" is below 25 or above MAX_RECORD_LENGTH) and indirectly by the CRC:
 * a wrong length makes the CRC cover the wrong range and fail. The offset is inside the
 * CRC so that a record copied to the wrong place is detected too.
 *
 * Records are encoded in two steps: `encodeRecords` lays out a batch when `append` is
 * called (offset and CRC left zero), `sealRecords` stamps offsets and CRCs when the
 * group-commit round writes it; offsets are only known then (see partition-writer.ts).
 */
import { crc32c } from './crc32c.ts';

export const RECORD_MAGIC = 1;
/** Size of the fixed header, up to and including keyLength. */
export const RECORD_HEADER_BYTES = 29;
/** `length` of a record with empty key and value. */
export const MIN_RECORD_LENGTH = RECORD_HEADER_BYTES - 4;
/**
 * Largest `length` the format accepts (256 MiB). A hard format limit, independent of
 * the writer's configurable `maxRecordBytes`, so that a reader in another process can
 * tell an impossible length from a large record without knowing the writer's options.
 */
export const MAX_RECORD_LENGTH = 256 * 1024 * 1024;

const TWO_32 = 4294967296;

export interface EncodableRecord {
  key: string;
  value: Uint8Array;
  timestampMs?: number;
}

/** Bytes one record takes on disk. */
export function encodedSize(keyBytes: number, valueBytes: number): number {
  return RECORD_HEADER_BYTES + keyBytes + valueBytes;
}

/**
 * Lays out `records[indices[j]]` for each j (already measured: `keyBytes[i]` is the
 * UTF-8 length of key i) in one new buffer of `totalBytes`, with offset and CRC zero
 * until `sealRecords`. A record without a timestamp gets `defaultTimestampMs`.
 */
export function encodeRecords(
  records: readonly EncodableRecord[],
  indices: ArrayLike<number>,
  keyBytes: ArrayLike<number>,
  totalBytes: number,
  defaultTimestampMs: number,
): Buffer {
  const buf = Buffer.allocUnsafe(totalBytes);
  let pos = 0;
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j]!;
    const r = records[i]!;
    const k = keyBytes[i]!;
    const v = r.value.length;
    buf.writeUInt32LE(MIN_RECORD_LENGTH + k + v, pos);
    buf.writeUInt32LE(0, pos + 4);
    buf[pos + 8] = RECORD_MAGIC;
    buf.writeUInt32LE(0, pos + 9);
    buf.writeUInt32LE(0, pos + 13);
    writeInt64(buf, pos + 17, r.timestampMs ?? defaultTimestampMs);
    buf.writeUInt32LE(k, pos + 25);
    pos += RECORD_HEADER_BYTES;
    if (k > 0) pos += buf.write(r.key, pos, k, 'utf8');
    buf.set(r.value, pos);
    pos += v;
  }
  if (pos !== totalBytes) throw new Error(`encodeRecords: wrote ${pos} bytes, expected ${totalBytes}`);
  return buf;
}

/** Stamps consecutive offsets from `firstOffset` and the CRCs; returns the record count. */
export function sealRecords(buf: Buffer, firstOffset: number): number {
  let pos = 0;
  let offset = firstOffset;
  while (pos < buf.length) {
    const end = pos + 4 + buf.readUInt32LE(pos);
    writeUint64(buf, pos + 9, offset);
    buf.writeUInt32LE(crc32c(buf, pos + 8, end), pos + 4);
    pos = end;
    offset++;
  }
  return offset - firstOffset;
}

export interface DecodedRecord {
  offset: number;
  timestampMs: number;
  key: string;
  /** A view into the buffer passed to `decodeRecord`: valid as long as that buffer is. */
  value: Buffer;
  /** Where the record starts and ends in the buffer. */
  start: number;
  end: number;
}

export type DecodeStatus =
  | { kind: 'record'; record: DecodedRecord }
  /** Fewer bytes than the record needs: a tail still being written, or torn. */
  | { kind: 'incomplete'; needBytes: number }
  | { kind: 'corrupt'; reason: string };

/**
 * Decodes the record at `buf[pos]`, looking at no byte at or after `limit`. Verifies
 * bounds, magic and CRC (pass `verify = false` to only walk lengths, e.g. to skip to an
 * offset). Never throws on bad input.
 */
export function decodeRecord(buf: Buffer, pos: number, limit: number, verify = true): DecodeStatus {
  if (limit - pos < 4) return { kind: 'incomplete', needBytes: 4 };
  const length = buf.readUInt32LE(pos);
  if (length < MIN_RECORD_LENGTH || length > MAX_RECORD_LENGTH) return { kind: 'corrupt', reason: `impossible length ${length}` };
  const end = pos + 4 + length;
  if (end > limit) return { kind: 'incomplete', needBytes: 4 + length };
  if (buf[pos + 8] !== RECORD_MAGIC) return { kind: 'corrupt', reason: `unknown magic ${buf[pos + 8]}` };
  if (verify) {
    const stored = buf.readUInt32LE(pos + 4);
    const actual = crc32c(buf, pos + 8, end);
    if (stored !== actual) return { kind: 'corrupt', reason: `crc mismatch (stored ${stored}, computed ${actual})` };
  }
  const keyLength = buf.readUInt32LE(pos + 25);
  const keyEnd = pos + RECORD_HEADER_BYTES + keyLength;
  if (keyEnd > end) return { kind: 'corrupt', reason: `key length ${keyLength} exceeds record length ${length}` };
  const offsetHi = buf.readUInt32LE(pos + 13);
  const record: DecodedRecord = {
    offset: offsetHi * TWO_32 + buf.readUInt32LE(pos + 9),
    timestampMs: buf.readInt32LE(pos + 21) * TWO_32 + buf.readUInt32LE(pos + 17),
    key: keyLength === 0 ? '' : buf.toString('utf8', pos + RECORD_HEADER_BYTES, keyEnd),
    value: buf.subarray(keyEnd, end),
    start: pos,
    end,
  };
  return { kind: 'record', record };
}

function writeUint64(buf: Buffer, pos: number, value: number): void {
  const hi = Math.floor(value / TWO_32);
  buf.writeUInt32LE(value - hi * TWO_32, pos);
  buf.writeUInt32LE(hi, pos + 4);
}

/** Signed, exact for |value| < 2^53: lo is unsigned, hi carries the sign. */
function writeInt64(buf: Buffer, pos: number, value: number): void {
  const hi = Math.floor(value / TWO_32);
  buf.writeUInt32LE(value - hi * TWO_32, pos);
  buf.writeInt32LE(hi, pos + 4);
}

export type PeekStatus =
  { kind: 'record'; offset: number; end: number } | { kind: 'incomplete'; needBytes: number } | { kind: 'corrupt'; reason: string };

/** Offset and extent of the record at `buf[pos]` without checking its CRC: for skipping to an offset. */
export function peekRecord(buf: Buffer, pos: number, limit: number): PeekStatus {
  if (limit - pos < 4) return { kind: 'incomplete', needBytes: 4 };
  const length = buf.readUInt32LE(pos);
  if (length < MIN_RECORD_LENGTH || length > MAX_RECORD_LENGTH) return { kind: 'corrupt', reason: `impossible length ${length}` };
  if (limit - pos < RECORD_HEADER_BYTES) return { kind: 'incomplete', needBytes: 4 + length };
  return { kind: 'record', offset: buf.readUInt32LE(pos + 13) * TWO_32 + buf.readUInt32LE(pos + 9), end: pos + 4 + length };
}
