import { describe, expect, it } from 'vitest';
import { SESSION_LENGTH_ALPHA, sessionLengthBucket, sessionLengthBucketValueMs, sessionLengthQuantileMs } from './session-length-sketch.ts';

/** Seeded: mulberry32. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank quantile of the raw values: the ⌈q·n⌉-th smallest. */
function exactQuantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1]!;
}

function sketch(values: number[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) {
    const b = sessionLengthBucket(v);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

describe('proto/src/session-length-sketch', () => {
  it('puts every length in a bucket whose representative is within α of it', () => {
    const r = rng(7);
    for (let i = 0; i < 20_000; i++) {
      const v = Math.max(1, Math.round(Math.exp(r() * 16))); // 1 ms .. ~2.5 h
      const rep = sessionLengthBucketValueMs(sessionLengthBucket(v));
      expect(Math.abs(rep - v) / v).toBeLessThanOrEqual(SESSION_LENGTH_ALPHA + 1e-12);
    }
    expect(sessionLengthBucket(0)).toBe('');
    expect(sessionLengthBucket(-5)).toBe('');
    expect(sessionLengthBucketValueMs('')).toBe(0);
    expect(sessionLengthBucketValueMs('gem_pack')).toBeNaN();
  });

  it('median and p90 from merged bucket counts stay within relative error α of the exact quantiles', () => {
    const r = rng(42);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(r() * 2000);
      // Log-normal-ish session lengths, as games have: a few seconds to hours.
      const values = Array.from({ length: n }, () => Math.max(1, Math.round(60_000 * Math.exp((r() + r() + r() - 1.5) * 3))));
      // Merging: two halves sketched apart and summed per bucket equal one sketch of all.
      const a = sketch(values.slice(0, n >> 1));
      for (const [k, c] of sketch(values.slice(n >> 1))) a.set(k, (a.get(k) ?? 0) + c);
      for (const q of [0.5, 0.9, 0.99, 1]) {
        const exact = exactQuantile(values, q);
        const est = sessionLengthQuantileMs(a, q)!;
        expect(Math.abs(est - exact) / exact, `q=${q} n=${n}`).toBeLessThanOrEqual(SESSION_LENGTH_ALPHA + 1e-12);
      }
    }
    expect(sessionLengthQuantileMs(new Map(), 0.5)).toBeNull();
    expect(sessionLengthQuantileMs(new Map([['', 3]]), 0.5)).toBe(0); // zero-length sessions count as 0
  });
});
