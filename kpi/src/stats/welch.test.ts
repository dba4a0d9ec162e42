/**
 * Welch's t-test against a published example: Wikipedia, "Welch's t-test", Examples,
 * example 1 (two samples of 15 with unequal variances): t = −2.46, df ≈ 25.0, p = 0.021;
 * the digits below are the same computation by hand to more places (p by numerical
 * integration of the t density).
 */
import { describe, expect, it } from 'vitest';
import type { ArmAggregate } from './moments.ts';
import { welchTest } from './welch.ts';

const A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
const A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

function aggregate(xs: readonly number[]): ArmAggregate {
  return { n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumSquares: xs.reduce((a, b) => a + b * b, 0) };
}

describe('kpi/stats/welch', () => {
  it("Wikipedia's example 1: t = −2.4554, df = 24.9885, p = 0.02138", () => {
    const r = welchTest({ control: aggregate(A2), treatment: aggregate(A1) });
    expect(r.controlMean).toBeCloseTo(22.986667, 5);
    expect(r.treatmentMean).toBeCloseTo(20.82, 5);
    expect(r.controlVariance).toBeCloseTo(3.812667, 5);
    expect(r.treatmentVariance).toBeCloseTo(7.867429, 5);
    expect(r.t).toBeCloseTo(-2.455356, 5);
    expect(r.df).toBeCloseTo(24.988529, 4);
    expect(r.pValue).toBeCloseTo(0.021378, 5);
    // CI = diff ± t(0.975, 24.99)·SE, SE = |diff/t|; t(0.975, 25) = 2.0595.
    const se = Math.abs((r.treatmentMean - r.controlMean) / r.t);
    expect(r.absoluteLift.upper - r.absoluteLift.estimate).toBeCloseTo(2.0595 * se, 3);
  });

  it('the p-value agrees with the CI: 0 lies outside the 95% interval exactly when p < 0.05', () => {
    const r = welchTest({ control: aggregate(A2), treatment: aggregate(A1) });
    expect(r.absoluteLift.upper).toBeLessThan(0);
    const close = welchTest({ control: aggregate(A2), treatment: aggregate(A2.map((x) => x - 0.5)) });
    expect(close.pValue).toBeGreaterThan(0.05);
    expect(close.absoluteLift.lower).toBeLessThan(0);
    expect(close.absoluteLift.upper).toBeGreaterThan(0);
  });

  it('relative lift by the delta method on the log ratio: exp(ln(t/c) ± 1.959964·√(v_t/t² + v_c/c²)) − 1', () => {
    const r = welchTest({ control: aggregate(A2), treatment: aggregate(A1) });
    // v = s²/15; by hand: −16.4394%..−1.8234%, around 20.82/22.986667 − 1 = −9.4258%.
    expect(r.relativeLift.estimate).toBeCloseTo(20.82 / 22.986667 - 1, 6);
    expect(r.relativeLift.lower).toBeCloseTo(-0.164394, 5);
    expect(r.relativeLift.upper).toBeCloseTo(-0.018234, 5);
  });

  it('a 0/1 metric gives nearly the z-test: the same data as a conversion', () => {
    // 200 of 2000 vs 240 of 2000: Welch's unpooled t ≈ the unpooled z = 0.02/0.0098895 = 2.0224.
    const r = welchTest({ control: { n: 2000, sum: 200, sumSquares: 200 }, treatment: { n: 2000, sum: 240, sumSquares: 240 } });
    expect(r.t).toBeCloseTo(2.0224 * Math.sqrt(1999 / 2000), 3);
    expect(r.pValue).toBeCloseTo(0.0433, 3);
  });

  it('constant arms: equal gives p = 1, too few players give NaN', () => {
    expect(welchTest({ control: { n: 5, sum: 10, sumSquares: 20 }, treatment: { n: 5, sum: 10, sumSquares: 20 } }).pValue).toBe(1);
    expect(welchTest({ control: { n: 1, sum: 3, sumSquares: 9 }, treatment: { n: 5, sum: 10, sumSquares: 30 } }).pValue).toBeNaN();
    expect(() => welchTest({ control: { n: -1, sum: 0, sumSquares: 0 }, treatment: { n: 5, sum: 1, sumSquares: 1 } })).toThrow(RangeError);
  });
});
