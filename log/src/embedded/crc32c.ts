/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): the checksum of iSCSI
 * (RFC 3720 §12.1), ext4 metadata and Kafka's record batches (KIP-98). Chosen over
 * CRC-32/IEEE for its better error detection on the burst patterns of storage.
 *
 * Table-driven "slicing-by-8" (Intel, Kounavis & Berry 2005): eight 256-entry tables
 * let the loop consume 8 bytes per iteration with independent lookups, several times
 * faster in V8 than the byte-at-a-time loop kept below as the reference.
 *
 * Ranges of `NATIVE_MIN_BYTES` and more go to @node-rs/crc32 (napi-rs; the CPU's
 * CRC32 instruction), several times faster on records, which are checksummed when the
 * collector seals them and again when the processor reads them. The native call has a
 * fixed cost larger than the JS loop's on a few bytes, so short ranges (durable marks)
 * stay in JS; without the native module (a platform it has no binary for) everything
 * does, with the same results. Measurements: docs/performance.md.
 */
import { createRequire } from 'node:module';

const POLY = 0x82f63b78;

type NativeCrc32c = (data: Uint8Array, initial?: number) => number;

function loadNative(): NativeCrc32c | undefined {
  try {
    return (createRequire(import.meta.url)('@node-rs/crc32') as { crc32c: NativeCrc32c }).crc32c;
  } catch {
    return undefined;
  }
}

const native = loadNative();

/** From this many bytes on, the native call's fixed cost is worth it (measured crossover ~200 B). */
const NATIVE_MIN_BYTES = 256;

function makeTables(): Int32Array {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let s = 1; s < 8; s++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[s * 256 + n] = c;
    }
  }
  return t;
}

const T = makeTables();

/**
 * CRC-32C of `data[start, end)`, continuing from `crc` (the result of a previous call;
 * 0 to start). Returns an unsigned 32-bit value.
 */
export function crc32c(data: Uint8Array, start = 0, end = data.length, crc = 0): number {
  if (native && end - start >= NATIVE_MIN_BYTES)
    return native(start === 0 && end === data.length ? data : data.subarray(start, end), crc) >>> 0;
  return crc32cJs(data, start, end, crc);
}

/** Whether the native implementation is in use (for tests and diagnostics). */
export const crc32cNative = native !== undefined;

/** The slicing-by-8 loop: `crc32c` without the native path. */
export function crc32cJs(data: Uint8Array, start = 0, end = data.length, crc = 0): number {
  let c = ~crc | 0;
  let i = start;
  const end8 = end - ((end - start) & 7);
  while (i < end8) {
    const lo = c ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24));
    c =
      T[1792 + (lo & 0xff)]! ^
      T[1536 + ((lo >>> 8) & 0xff)]! ^
      T[1280 + ((lo >>> 16) & 0xff)]! ^
      T[1024 + (lo >>> 24)]! ^
      T[768 + data[i + 4]!]! ^
      T[512 + data[i + 5]!]! ^
      T[256 + data[i + 6]!]! ^
      T[data[i + 7]!]!;
    i += 8;
  }
  while (i < end) c = T[(c ^ data[i++]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Bit-at-a-time CRC-32C: slow and obviously correct; tests compare the fast one to it. */
export function crc32cReference(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  }
  return ~c >>> 0;
}
