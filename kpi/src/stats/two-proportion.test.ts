/**
 * The two-proportion z-test against values computed by hand from the formulas in
 * two-proportion.ts (pooled SE for z, unpooled for the CI, delta method on the log ratio
 * for the relative lift) — arithmetic checked independently in Python with math.erfc for Φ.
 */
import { describe, expect, it } from 'vitest';
import { twoProportionTest } from './two-proportion.ts';

describe('kpi/stats/two-proportion', () => {
  it('200/2000 vs 240/2000: z = 2.0213, p = 0.04324, lift +2 pts (CI 0.062..3.938 pts), +20% (CI +0.52%..+43.25%)', () => {
    // p̂ = 440/4000 = 0.11, SE₀ = √(0.11·0.89·(2/2000)) = 0.0098944, z = 0.02/SE₀ = 2.021337,
    // p = erfc(z/√2) = 0.043245. Unpooled SE = √(0.1·0.9/2000 + 0.12·0.88/2000) = 0.0098895.
    const r = twoProportionTest({ control: { n: 2000, conversions: 200 }, treatment: { n: 2000, conversions: 240 } });
    expect(r.controlRate).toBe(0.1);
    expect(r.treatmentRate).toBe(0.12);
    expect(r.z).toBeCloseTo(2.021337, 5);
    expect(r.pValue).toBeCloseTo(0.043245, 5);
    expect(r.absoluteLift.estimate).toBeCloseTo(0.02, 12);
    expect(r.absoluteLift.lower).toBeCloseTo(0.00061716, 7);
    expect(r.absoluteLift.upper).toBeCloseTo(0.03938284, 7);
    expect(r.relativeLift.estimate).toBeCloseTo(0.2, 12);
    // L = ln 1.2, √Var(L) = √(v_t/0.12² + v_c/0.1²) = 0.090370; exp(L ± 1.959964·0.090370) − 1.
    expect(r.relativeLift.lower).toBeCloseTo(0.00521392, 7);
    expect(r.relativeLift.upper).toBeCloseTo(0.4325309, 6);
    // On the log scale the relative interval tells the test's story: p < 0.05 and it excludes 0
    // (the delta method on the plain ratio would give −1.25%..+41.25% here).
    expect(r.relativeLift.lower > 0).toBe(r.pValue < 0.05);
  });

  it('is symmetric: swapping the arms flips z and the lift, keeps p', () => {
    const a = twoProportionTest({ control: { n: 1500, conversions: 90 }, treatment: { n: 1700, conversions: 140 } });
    const b = twoProportionTest({ control: { n: 1700, conversions: 140 }, treatment: { n: 1500, conversions: 90 } });
    expect(b.z).toBeCloseTo(-a.z, 12);
    expect(b.pValue).toBeCloseTo(a.pValue, 12);
    expect(b.absoluteLift.estimate).toBeCloseTo(-a.absoluteLift.estimate, 12);
  });

  it('the 99% interval is wider than the 95% one; alpha does not move the test', () => {
    const input = { control: { n: 1000, conversions: 80 }, treatment: { n: 1000, conversions: 100 } };
    const r95 = twoProportionTest(input);
    const r99 = twoProportionTest({ ...input, alpha: 0.01 });
    expect(r99.pValue).toBe(r95.pValue);
    expect(r99.absoluteLift.lower).toBeLessThan(r95.absoluteLift.lower);
    expect(r99.absoluteLift.upper).toBeGreaterThan(r95.absoluteLift.upper);
  });

  it('degenerate arms: no conversions anywhere gives p = 1; an empty arm gives NaN; a zero control rate has no relative lift', () => {
    expect(twoProportionTest({ control: { n: 100, conversions: 0 }, treatment: { n: 100, conversions: 0 } }).pValue).toBe(1);
    expect(twoProportionTest({ control: { n: 0, conversions: 0 }, treatment: { n: 100, conversions: 3 } }).pValue).toBeNaN();
    const r = twoProportionTest({ control: { n: 100, conversions: 0 }, treatment: { n: 100, conversions: 5 } });
    expect(r.pValue).toBeLessThan(0.05);
    expect(r.relativeLift.estimate).toBeNaN();
  });

  it('refuses counts no store produces', () => {
    expect(() => twoProportionTest({ control: { n: 10, conversions: 11 }, treatment: { n: 10, conversions: 1 } })).toThrow(RangeError);
    expect(() => twoProportionTest({ control: { n: 10.5, conversions: 1 }, treatment: { n: 10, conversions: 1 } })).toThrow(RangeError);
  });
});
