/**
 * The sample-ratio-mismatch chi-square test: Mendel's 1866 dihybrid pea counts against
 * the 9:3:3:1 ratio (the textbook goodness-of-fit example: χ² = 0.470, df 3, p = 0.925),
 * and a 45/55 split of 4000 players on a 50/50 configuration (χ² = 40, p = 2.54e−10,
 * by hand: erfc(√20)).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SRM_THRESHOLD, sampleRatioMismatch } from './srm.ts';

describe('kpi/stats/srm', () => {
  it("Mendel's peas 315/108/101/32 against 9:3:3:1: χ² = 0.4700, p = 0.9254, no mismatch", () => {
    const r = sampleRatioMismatch({ observed: [315, 108, 101, 32], weights: [9, 3, 3, 1] });
    expect(r.expected).toEqual([312.75, 104.25, 104.25, 34.75]);
    expect(r.chiSquare).toBeCloseTo(0.470024, 5);
    expect(r.df).toBe(3);
    expect(r.pValue).toBeCloseTo(0.925426, 5);
    expect(r.mismatch).toBe(false);
  });

  it('1800/2200 on 50/50: χ² = 40, p = 2.54e−10, flagged', () => {
    const r = sampleRatioMismatch({ observed: [1800, 2200] });
    expect(r.chiSquare).toBe(40);
    expect(r.pValue).toBeGreaterThan(2.4e-10);
    expect(r.pValue).toBeLessThan(2.7e-10);
    expect(r.mismatch).toBe(true);
    expect(r.threshold).toBe(DEFAULT_SRM_THRESHOLD);
  });

  it('the same counts on a configured 45/55 split are fine; weights may be on any scale', () => {
    expect(sampleRatioMismatch({ observed: [1800, 2200], weights: [45, 55] }).chiSquare).toBe(0);
    expect(sampleRatioMismatch({ observed: [1800, 2200], weights: [0.45, 0.55] }).mismatch).toBe(false);
  });

  it('the threshold is p < 0.001 by default: χ² just either side of 10.828 (df 1)', () => {
    // χ²₁ upper 0.001 quantile = 10.828; 2000 ± d with 2d²/2000 = χ².
    expect(sampleRatioMismatch({ observed: [1895, 2105] }).mismatch).toBe(true); // χ² = 11.025
    expect(sampleRatioMismatch({ observed: [1896, 2104] }).mismatch).toBe(false); // χ² = 10.816
  });

  it('no players yet: no mismatch; malformed input throws', () => {
    expect(sampleRatioMismatch({ observed: [0, 0] }).mismatch).toBe(false);
    expect(() => sampleRatioMismatch({ observed: [10] })).toThrow(RangeError);
    expect(() => sampleRatioMismatch({ observed: [10, 10], weights: [1] })).toThrow(RangeError);
    expect(() => sampleRatioMismatch({ observed: [10, 10], weights: [1, 0] })).toThrow(RangeError);
  });
});
