/**
 * The durable mark: how far a partition is durable, published by the writer for reader
 * processes. `<partition dir>/durable.hw`, 32 bytes rewritten in place after every
 * group-commit round:
 *
 * ```
 *   0  4  magic 'GPHW'
 *   4  8  nextOffset     offsets below this are durable (acknowledged)
 *  12  8  segmentBase    segment holding the end
 *  20  8  segmentBytes   bytes of that segment that are durable
 *  28  4  CRC-32C of bytes [0, 28)
 * ```
 *
 * Why it exists: a reader process sees the writer's bytes through the page cache as soon
 * as they are written, before fsync. If it delivered such a record and the machine then
 * crashed, recovery could lose it, the offset would be reused for another record, and a
 * processor that committed past it would skip that record. Readers therefore deliver only
 * below the mark, and the writer moves the mark only after fdatasync returned. The mark
 * itself is not fsync'd: a stale mark after a crash is lower, never higher, than what is
 * durable (it is written after the data is durable), and the writer rewrites it on open.
 * The CRC makes a read racing the in-place write detectable (the reader retries).
 */
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32c } from './crc32c.ts';

export const DURABLE_MARK_FILE = 'durable.hw';
export const DURABLE_MARK_BYTES = 32;
const MAGIC = 0x57485047; // 'GPHW' little-endian
const TWO_32 = 4294967296;

export interface DurableMark {
  nextOffset: number;
  segmentBase: number;
  segmentBytes: number;
}

export function durableMarkPath(partitionDirectory: string): string {
  return join(partitionDirectory, DURABLE_MARK_FILE);
}

export function encodeDurableMark(mark: DurableMark, into: Buffer = Buffer.alloc(DURABLE_MARK_BYTES)): Buffer {
  into.writeUInt32LE(MAGIC, 0);
  writeU64(into, 4, mark.nextOffset);
  writeU64(into, 12, mark.segmentBase);
  writeU64(into, 20, mark.segmentBytes);
  into.writeUInt32LE(crc32c(into, 0, 28), 28);
  return into;
}

/** undefined when the bytes are not a valid mark (short, torn by a concurrent write, corrupt). */
export function decodeDurableMark(buf: Buffer, length = buf.length): DurableMark | undefined {
  if (length < DURABLE_MARK_BYTES || buf.readUInt32LE(0) !== MAGIC) return undefined;
  if (buf.readUInt32LE(28) !== crc32c(buf, 0, 28)) return undefined;
  return { nextOffset: readU64(buf, 4), segmentBase: readU64(buf, 12), segmentBytes: readU64(buf, 20) };
}

/** Reads the mark through an open handle; retries a few times when a write raced the read. */
export async function readDurableMark(
  fh: FileHandle,
  scratch: Buffer = Buffer.alloc(DURABLE_MARK_BYTES),
): Promise<DurableMark | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { bytesRead } = await fh.read(scratch, 0, DURABLE_MARK_BYTES, 0);
    const mark = decodeDurableMark(scratch, bytesRead);
    if (mark) return mark;
  }
  return undefined;
}

function writeU64(buf: Buffer, pos: number, value: number): void {
  const hi = Math.floor(value / TWO_32);
  buf.writeUInt32LE(value - hi * TWO_32, pos);
  buf.writeUInt32LE(hi, pos + 4);
}

function readU64(buf: Buffer, pos: number): number {
  return buf.readUInt32LE(pos + 4) * TWO_32 + buf.readUInt32LE(pos);
}
