/**
 * Pre-registered sample sizes by hand from the formulas in sample-size.ts: the textbook
 * "63 per group" for a standardized effect of 0.5 at α = 0.05 and 80 % power (normal
 * approximation, 2·(1.95996 + 0.84162)²/0.5² = 62.8), and conversion 8 % → 9.6 %.
 */
import { describe, expect, it } from 'vitest';
import { requiredSampleSize } from './sample-size.ts';

describe('kpi/stats/sample-size', () => {
  it('mean: effect size 0.5 (σ = 1, mean 1, MDE 50%) needs 63 per arm', () => {
    expect(requiredSampleSize({ metric: 'mean', baselineMean: 1, standardDeviation: 1, relativeMde: 0.5 })).toBe(63);
  });

  it('conversion 8% → +20% needs 4921 per arm at 80% power (by hand: 1.122295²/0.016² = 4920.1)', () => {
    // p̄ = 0.088: 1.959964·√(2·0.088·0.912) + 0.841621·√(0.08·0.92 + 0.096·0.904) = 0.785245 + 0.337051.
    expect(requiredSampleSize({ metric: 'conversion', baselineRate: 0.08, relativeMde: 0.2 })).toBe(4921);
  });

  it('more power or a smaller effect needs more players', () => {
    const base = requiredSampleSize({ metric: 'conversion', baselineRate: 0.08, relativeMde: 0.2 });
    expect(requiredSampleSize({ metric: 'conversion', baselineRate: 0.08, relativeMde: 0.2, power: 0.9 })).toBeGreaterThan(base);
    expect(requiredSampleSize({ metric: 'conversion', baselineRate: 0.08, relativeMde: 0.1 })).toBeGreaterThan(3.5 * base);
    expect(requiredSampleSize({ metric: 'conversion', baselineRate: 0.08, relativeMde: 0.2, alpha: 0.01 })).toBeGreaterThan(base);
  });

  it('refuses designs that make no sense', () => {
    expect(() => requiredSampleSize({ metric: 'conversion', baselineRate: 0.9, relativeMde: 0.2 })).toThrow(RangeError);
    expect(() => requiredSampleSize({ metric: 'conversion', baselineRate: 0.08, relativeMde: 0 })).toThrow(RangeError);
    expect(() => requiredSampleSize({ metric: 'mean', baselineMean: 1, standardDeviation: 0, relativeMde: 0.1 })).toThrow(RangeError);
  });
});
