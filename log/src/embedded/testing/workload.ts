/**
 * Deterministic test records for the crash and cross-process tests: a record's key and
 * value follow from its id, so whoever reads it back can check it is exactly what was
 * written without having been told.
 */
import { crc32c } from '../crc32c.ts';

export function recordFor(id: string): { key: string; value: Buffer } {
  const h = crc32c(Buffer.from(id));
  const size = 64 + (h % 2000);
  const value = Buffer.allocUnsafe(Buffer.byteLength(id) + 1 + size);
  let pos = value.write(id);
  value[pos++] = 0x7c; // '|'
  let x = h || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    value[pos++] = x & 0xff;
  }
  return { key: `player-${h % 37}`, value };
}

/** The id a value claims, and whether the value is exactly what `recordFor(id)` makes. */
export function checkValue(value: Uint8Array, key: string): { id: string; ok: boolean } {
  const buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const bar = buf.indexOf(0x7c);
  const id = buf.toString('utf8', 0, bar < 0 ? 0 : bar);
  const expected = recordFor(id);
  return { id, ok: bar > 0 && expected.key === key && expected.value.equals(buf) };
}
