/**
 * The normal-mixture SPRT against Johari, Pekelis & Walsh's closed form computed by hand
 * (Λ = √(V/(V+τ²))·exp(τ²θ̂²/(2V(V+τ²))), boundary at Λ = 1/α), and the properties that
 * make it always valid: the p-value never rises, the interval never widens, and its edges
 * are exactly where Λ(θ₀) = 1/α. Error rates under peeking: ab-error-rates.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { logRatioDelta } from './moments.ts';
import { mixtureSprt, optimalMixingRatio, sequentialTest, type SequentialState } from './sequential.ts';

describe('kpi/stats/sequential', () => {
  it('V = 1, τ² = 1, θ̂ = 3: Λ = e^(9/4)/√2 = 6.70884, p = 0.149057, CS 3 ± 3.656395', () => {
    const r = mixtureSprt({ estimate: 3, variance: 1, mixingVariance: 1 });
    expect(r.logLikelihoodRatio).toBeCloseTo(1.9034264, 6);
    expect(r.pValue).toBeCloseTo(0.149057, 6);
    expect(r.interval.lower).toBeCloseTo(3 - 3.6563949, 6);
    expect(r.interval.upper).toBeCloseTo(3 + 3.6563949, 6);
  });

  it('V = 0.04, τ² = 0.01, θ̂ = 0.5: Λ = 1.671010, p = 0.598440, half-width 1.114864', () => {
    const r = mixtureSprt({ estimate: 0.5, variance: 0.04, mixingVariance: 0.01 });
    expect(Math.exp(r.logLikelihoodRatio)).toBeCloseTo(1.67101, 5);
    expect(r.pValue).toBeCloseTo(0.59844, 5);
    expect(r.interval.upper - 0.5).toBeCloseTo(1.114864, 5);
  });

  it('the interval edges are where Λ(θ₀) = 1/α: testing θ̂ − θ₀ at an edge gives p = α', () => {
    for (const alpha of [0.05, 0.01]) {
      const r = mixtureSprt({ estimate: 0.7, variance: 0.3, mixingVariance: 0.2, alpha });
      const atEdge = mixtureSprt({ estimate: 0.7 - r.interval.lower, variance: 0.3, mixingVariance: 0.2, alpha });
      expect(atEdge.pValue).toBeCloseTo(alpha, 10);
    }
  });

  it('running minimum and intersection: the p-value never rises, the interval never widens', () => {
    const first = mixtureSprt({ estimate: 4, variance: 1, mixingVariance: 1 });
    const second = mixtureSprt({ estimate: 0, variance: 0.5, mixingVariance: 1, previous: first });
    expect(second.pValue).toBe(first.pValue);
    expect(second.interval.lower).toBeGreaterThanOrEqual(first.interval.lower);
    expect(second.interval.upper).toBeLessThanOrEqual(first.interval.upper);
    expect(second.interval.upper).toBeLessThan(first.interval.upper); // the new look is narrower on this side
  });

  it('more evidence for the same lift lowers p: the estimate fixed, variance shrinking with n', () => {
    const ps = [1000, 4000, 16000].map((n) => mixtureSprt({ estimate: 0.01, variance: 0.16 / n, mixingVariance: 0.0001 }).pValue);
    expect(ps[0]).toBeGreaterThan(ps[1]!);
    expect(ps[1]).toBeGreaterThan(ps[2]!);
  });

  it('from aggregates: τ² = (e·pooled mean)² for the absolute lift and e² for the relative one; state threads through looks', () => {
    const control = { n: 2000, sum: 160, sumSquares: 160 };
    const treatment = { n: 2000, sum: 240, sumSquares: 240 };
    const r = sequentialTest({ control, treatment });
    expect(r.mixingVariance).toBeCloseTo((0.1 * 0.1) ** 2, 15);
    expect(r.relativeMixingVariance).toBeCloseTo(0.01, 15);
    expect(r.updated).toBe(true);
    // Same numbers through the core: V = p_c(1−p_c)/(n−1)·… from the unbiased variances.
    const vc = (160 - 160 * 0.08) / 1999 / 2000;
    const vt = (240 - 240 * 0.12) / 1999 / 2000;
    expect(r.pValue).toBeCloseTo(mixtureSprt({ estimate: 0.04, variance: vc + vt, mixingVariance: 0.0001 }).pValue, 12);
    expect(r.pValue).toBeLessThan(0.05);
    expect(r.relativeLift.estimate).toBeCloseTo(0.5, 12);
    expect(r.relativeLift.lower).toBeGreaterThan(0);
    const next = sequentialTest({
      control: { n: 2100, sum: 170, sumSquares: 170 },
      treatment: { n: 2100, sum: 171, sumSquares: 171 },
      previous: r,
    });
    expect(next.pValue).toBe(r.pValue);
  });

  it('optimalMixingRatio solves r = 2·ln(1/α) + ln(1 + r), the minimum of the half-width (1 + 1/r)(2·ln(1/α) + ln(1 + r))', () => {
    for (const alpha of [0.05, 0.01, 0.2]) {
      const r = optimalMixingRatio(alpha);
      expect(r).toBeCloseTo(2 * Math.log(1 / alpha) + Math.log1p(r), 12);
      const width = (x: number) => (1 + 1 / x) * (2 * Math.log(1 / alpha) + Math.log1p(x));
      expect(width(r)).toBeLessThan(width(r * 0.9));
      expect(width(r)).toBeLessThan(width(r * 1.1));
    }
    expect(optimalMixingRatio(0.05)).toBeCloseTo(8.21197, 5);
    expect(() => optimalMixingRatio(0)).toThrow(RangeError);
  });

  it('plannedPlayersPerArm: τ² = r·V at the plan, and the confidence sequence is narrowest there', () => {
    const control = { n: 500, sum: 40, sumSquares: 40 };
    const treatment = { n: 500, sum: 45, sumSquares: 45 };
    const r = optimalMixingRatio(0.05);
    const planned = sequentialTest({ control, treatment, plannedPlayersPerArm: 2000 });
    const sc2 = (40 - 40 * 0.08) / 499;
    const st2 = (45 - 45 * 0.09) / 499;
    expect(planned.mixingVariance).toBeCloseTo((r * (sc2 + st2)) / 2000, 15);
    expect(planned.relativeMixingVariance).toBeCloseTo(r * logRatioDelta(0.08, sc2 / 2000, 0.09, st2 / 2000).variance, 15);
    // At the plan's variance, this τ² gives the narrowest interval of all τ² (the same θ̂, V = (s_c² + s_t²)/2000).
    const halfWidth = (tau2: number) => {
      const i = mixtureSprt({ estimate: 0, variance: (sc2 + st2) / 2000, mixingVariance: tau2 }).interval;
      return i.upper;
    };
    expect(halfWidth(planned.mixingVariance)).toBeLessThan(halfWidth(planned.mixingVariance * 0.8));
    expect(halfWidth(planned.mixingVariance)).toBeLessThan(halfWidth(planned.mixingVariance * 1.25));
    expect(halfWidth(planned.mixingVariance)).toBeLessThan(halfWidth(sequentialTest({ control, treatment }).mixingVariance));
    // Explicit τ² still wins; a plan must be a positive size.
    expect(sequentialTest({ control, treatment, plannedPlayersPerArm: 2000, mixingVariance: 1e-4 }).mixingVariance).toBe(1e-4);
    expect(() => sequentialTest({ control, treatment, plannedPlayersPerArm: 0 })).toThrow(RangeError);
  });

  it('before minPlayersPerArm a look keeps the previous state', () => {
    const prev: SequentialState = {
      pValue: 0.4,
      absoluteLift: { estimate: 0, lower: -1, upper: 1 },
      relativeLift: { estimate: 0, lower: -2, upper: 2 },
    };
    const r = sequentialTest({ control: { n: 50, sum: 0, sumSquares: 0 }, treatment: { n: 50, sum: 20, sumSquares: 20 }, previous: prev });
    expect(r.updated).toBe(false);
    expect(r.pValue).toBe(0.4);
    expect(r.absoluteLift).toEqual({ estimate: 0.4, lower: -1, upper: 1 });
    expect(sequentialTest({ control: { n: 50, sum: 0, sumSquares: 0 }, treatment: { n: 50, sum: 20, sumSquares: 20 } }).pValue).toBe(1);
  });
});
