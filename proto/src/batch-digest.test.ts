import { describe, expect, it } from 'vitest';
import { batchDigest } from './batch-digest.ts';

/** Independent reference: FNV-1a over Buffer's UTF-8 bytes, then fmix32. */
function reference(ids: string[]): number {
  let h = 0x811c9dc5;
  for (const id of ids)
    for (const b of [...Buffer.from(id, 'utf8'), 0]) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

describe('batchDigest', () => {
  it('equals FNV-1a + fmix32 over the UTF-8 bytes of each id and a separator', () => {
    for (const ids of [[], ['a'], ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'x'], ['é', '日本', '😀'], ['ab', 'c']])
      expect(batchDigest(ids)).toBe(reference(ids));
  });
  it('depends on the boundaries and order of the ids', () => {
    expect(batchDigest(['ab', 'c'])).not.toBe(batchDigest(['a', 'bc']));
    expect(batchDigest(['a', 'b'])).not.toBe(batchDigest(['b', 'a']));
  });
  it('is a non-zero uint32', () => {
    for (let i = 0; i < 1000; i++) {
      const d = batchDigest([`id-${i}`]);
      expect(Number.isInteger(d) && d > 0 && d <= 0xffffffff).toBe(true);
    }
  });
});
