/**
 * experimentReadout: each field equals the test it comes from (z, Welch, mSPRT, SRM,
 * sample size, called directly on the same aggregates), the control is chosen as asked,
 * the verdict says what the inference allows — significant, not enough evidence yet, no
 * difference at the pre-registered size, or SRM — and malformed input is refused.
 */
import { describe, expect, it } from 'vitest';
import { experimentReadout, type ExperimentReadoutInput, type ReadoutMetric, type ReadoutVariant } from './readout.ts';
import { sequentialTest } from './sequential.ts';
import { sampleRatioMismatch } from './srm.ts';
import { twoProportionTest } from './two-proportion.ts';
import { welchTest } from './welch.ts';

const METRICS: ReadoutMetric[] = [
  { name: 'conversion', kind: 'conversion' },
  { name: 'revenue', kind: 'mean', label: 'revenue per player' },
];

function variant(name: string, n: number, payers: number, revenue: number, revenueSquares: number): ReadoutVariant {
  return { name, n, metrics: { conversion: { sum: payers, sumSquares: payers }, revenue: { sum: revenue, sumSquares: revenueSquares } } };
}

const CONTROL = variant('control', 2000, 160, 160 * 700, 160 * 700 * 700 * 2);
const GRID = variant('grid', 2000, 240, 240 * 700, 240 * 700 * 700 * 2);
const SAME = variant('same', 2000, 161, 161 * 700, 161 * 700 * 700 * 2);

describe('kpi/stats/readout', () => {
  it('every field is the underlying test on the same aggregates', () => {
    const r = experimentReadout({ experiment: 'shop_layout', variants: [CONTROL, GRID], metrics: METRICS });
    expect(r.control).toBe('control');
    expect(r.inference).toBe('sequential');
    expect(r.srm).toMatchObject(sampleRatioMismatch({ observed: [2000, 2000] }));
    expect(r.sampleSize).toBeUndefined();
    const [conversion, revenue] = r.comparisons[0]!.metrics;
    const z = twoProportionTest({ control: { n: 2000, conversions: 160 }, treatment: { n: 2000, conversions: 240 } });
    expect(conversion).toMatchObject({
      test: 'two-proportion-z',
      statistic: z.z,
      pValue: z.pValue,
      absoluteLift: z.absoluteLift,
      relativeLift: z.relativeLift,
    });
    expect(conversion!.control).toEqual({ n: 2000, mean: 0.08, variance: (160 - 160 * 0.08) / 1999 });
    expect(conversion!.sequential).toEqual(
      sequentialTest({ control: { n: 2000, sum: 160, sumSquares: 160 }, treatment: { n: 2000, sum: 240, sumSquares: 240 } }),
    );
    const w = welchTest({ control: { n: 2000, ...CONTROL.metrics.revenue! }, treatment: { n: 2000, ...GRID.metrics.revenue! } });
    expect(revenue).toMatchObject({ test: 'welch-t', statistic: w.t, df: w.df, pValue: w.pValue, absoluteLift: w.absoluteLift });
  });

  it('sequential verdict: a clear effect is significant with always-valid inference, in the words of the brief', () => {
    const r = experimentReadout({ experiment: 'shop_layout', variants: [CONTROL, GRID], metrics: METRICS });
    const c = r.comparisons[0]!;
    expect(c.metrics[0]!.significant).toBe(true);
    expect(c.verdict).toMatch(
      /^grid converts 50% better than control \(95% always-valid CI \+[\d.]+%\.\.\+[\d.]+%\), significant with always-valid inference$/,
    );
    // Revenue per player is far noisier (8% payers): the same +50% is not yet evidence.
    expect(c.metrics[1]!.verdict).toMatch(/^not enough evidence yet: grid vs control \+50% \(95% always-valid CI −[\d.]+%\.\.\+[\d.]+%\)$/);
    // A mean metric with little noise: sessions per player 2.0 (σ² = 1) vs 2.4 (σ² = 1).
    const sessions = (name: string, mean: number): ReadoutVariant => ({
      name,
      n: 2000,
      metrics: { sessions: { sum: 2000 * mean, sumSquares: 2000 * (1 + mean * mean) } },
    });
    const s = experimentReadout({
      experiment: 'x',
      variants: [sessions('control', 2), sessions('grid', 2.4)],
      metrics: [{ name: 'sessions', kind: 'mean', label: 'sessions per player' }],
    });
    expect(s.comparisons[0]!.verdict).toMatch(
      /^grid has 20% higher sessions per player than control \(95% always-valid CI \+[\d.]+%\.\.\+[\d.]+%\), significant with always-valid inference$/,
    );
    // A worse variant reads as worse.
    const worse = experimentReadout({ experiment: 'shop_layout', variants: [GRID, CONTROL], metrics: METRICS });
    expect(worse.comparisons[0]!.verdict).toMatch(
      /^control converts 33% worse than grid \(95% always-valid CI −[\d.]+%\.\.−[\d.]+%\), significant with always-valid inference$/,
    );
  });

  it('sequential verdict: no difference yet is "not enough evidence yet" with the interval', () => {
    const r = experimentReadout({ experiment: 'x', variants: [CONTROL, SAME], metrics: METRICS });
    expect(r.comparisons[0]!.metrics[0]!.significant).toBe(false);
    expect(r.comparisons[0]!.verdict).toMatch(/^not enough evidence yet: same vs control \+0\.6% \(95% always-valid CI −\d+%\.\.\+\d+%\)$/);
    // Too few players for the normal approximation: no interval to show at all.
    const tiny = experimentReadout({ experiment: 'x', variants: [variant('a', 20, 1, 1, 1), variant('b', 20, 9, 9, 9)], metrics: METRICS });
    expect(tiny.comparisons[0]!.verdict).toBe('not enough evidence yet');
  });

  it('previous readouts carry the always-valid state: p never rises across looks', () => {
    const first = experimentReadout({ experiment: 'x', variants: [CONTROL, GRID], metrics: METRICS });
    const next = experimentReadout({
      experiment: 'x',
      variants: [variant('control', 2100, 170, 1, 1), variant('grid', 2100, 171, 1, 1)],
      metrics: METRICS,
      previous: first,
    });
    expect(next.comparisons[0]!.metrics[0]!.sequential.pValue).toBe(first.comparisons[0]!.metrics[0]!.sequential.pValue);
    expect(next.comparisons[0]!.metrics[0]!.significant).toBe(true);
    // The fixed-horizon p of the same look shows nothing: the evidence is the earlier look's.
    expect(next.comparisons[0]!.metrics[0]!.pValue).toBeGreaterThan(0.5);
    // A "previous" readout over more players than now (another range) is not this sample's past.
    const shrunk = experimentReadout({
      experiment: 'x',
      variants: [variant('control', 1900, 152, 1, 1), variant('grid', 1900, 153, 1, 1)],
      metrics: METRICS,
      previous: first,
    });
    expect(shrunk.comparisons[0]!.metrics[0]!.sequential.pValue).toBeGreaterThan(0.5);
  });

  it('fixed-horizon: not enough evidence before the pre-registered size, whatever p says; then significant or no difference', () => {
    const design = { metric: 'conversion', baselineRate: 0.08, relativeMde: 0.2 } as const;
    const early = experimentReadout({ experiment: 'x', variants: [CONTROL, GRID], metrics: METRICS, inference: 'fixed-horizon', design });
    expect(early.sampleSize).toEqual({ requiredPerArm: 4921, smallestArm: 2000, reached: false });
    expect(early.comparisons[0]!.metrics[0]!.pValue).toBeLessThan(0.001);
    expect(early.comparisons[0]!.metrics[0]!.significant).toBe(false);
    expect(early.comparisons[0]!.verdict).toBe('not enough evidence yet: 2000 of 4921 pre-registered players per arm');
    const done = experimentReadout({
      experiment: 'x',
      variants: [variant('control', 5000, 400, 1, 1), variant('grid', 5000, 480, 1, 1)],
      metrics: METRICS,
      inference: 'fixed-horizon',
      design,
    });
    expect(done.comparisons[0]!.verdict).toMatch(
      /^grid converts 20% better than control \(95% CI \+[\d.]+%\.\.\+[\d.]+%\), significant at the pre-registered sample size \(p = 0\.00\d\)$/,
    );
    const flat = experimentReadout({
      experiment: 'x',
      variants: [variant('control', 5000, 400, 1, 1), variant('grid', 5000, 405, 1, 1)],
      metrics: METRICS,
      inference: 'fixed-horizon',
      design,
    });
    expect(flat.comparisons[0]!.verdict).toMatch(
      /^no significant difference at the pre-registered sample size: grid vs control \+1\.2% \(95% CI −[\d.]+%\.\.\+[\d.]+%, p = 0\.\d{3}\)$/,
    );
  });

  it('fixed-horizon: the first look at the pre-registered size decides; later looks passing it keep that decision', () => {
    const design = { metric: 'conversion', baselineRate: 0.08, relativeMde: 0.2 } as const;
    const base = { experiment: 'x', metrics: METRICS, inference: 'fixed-horizon', design } as const;
    const atSize = experimentReadout({ ...base, variants: [variant('control', 4950, 400, 1, 1), variant('grid', 4921, 405, 1, 1)] });
    expect(atSize.sampleSize).toEqual({ requiredPerArm: 4921, smallestArm: 4921, reached: true, decidedAtSmallestArm: 4921 });
    expect(atSize.comparisons[0]!.metrics[0]!.significant).toBe(false);
    // 600 more players per arm would be significant on their own (p < 0.05), but the pre-registered test has run.
    const laterVariants = [variant('control', 5550, 440, 1, 1), variant('grid', 5521, 530, 1, 1)];
    const alone = experimentReadout({ ...base, variants: laterVariants });
    expect(alone.comparisons[0]!.metrics[0]!.significant).toBe(true);
    const later = experimentReadout({ ...base, variants: laterVariants, previous: atSize });
    expect(later.sampleSize).toEqual({ requiredPerArm: 4921, smallestArm: 5521, reached: true, decidedAtSmallestArm: 4921 });
    const [decided, now] = [atSize.comparisons[0]!.metrics[0]!, later.comparisons[0]!.metrics[0]!];
    expect(now).toEqual({ ...decided, sequential: now.sequential });
    expect(later.comparisons[0]!.verdict).toBe(atSize.comparisons[0]!.verdict);
    // The always-valid part keeps updating with the new players.
    expect(now.sequential.absoluteLift.estimate).toBeCloseTo(530 / 5521 - 440 / 5550, 12);
    // A previous readout before the size was reached holds nothing: the look at the size decides.
    const early = experimentReadout({ ...base, variants: [variant('control', 2000, 160, 1, 1), variant('grid', 2000, 240, 1, 1)] });
    expect(experimentReadout({ ...base, variants: laterVariants, previous: early }).comparisons[0]!.metrics[0]!.significant).toBe(true);
  });

  it('at the edge, where the p-value and the relative interval disagree, the verdict says so and is not significant', () => {
    // 53 vs 75 of 3000: z-test p = 0.0493, log-scale relative CI −0.09%..+100%.
    const fixed = experimentReadout({
      experiment: 'x',
      variants: [variant('control', 3000, 53, 1, 1), variant('grid', 3000, 75, 1, 1)],
      metrics: METRICS,
      inference: 'fixed-horizon',
      design: { metric: 'conversion', baselineRate: 0.02, relativeMde: 1 },
    });
    expect(fixed.comparisons[0]!.metrics[0]!.pValue).toBeLessThan(0.05);
    expect(fixed.comparisons[0]!.metrics[0]!.significant).toBe(false);
    expect(fixed.comparisons[0]!.verdict).toBe(
      'no significant difference at the pre-registered sample size: grid vs control +42%, at the edge: p = 0.049 but 95% CI −0.1%..+100%',
    );
    // 60 vs 120 of 3000: always-valid p = 0.045, relative sequence −3.4%..+314%.
    const seq = experimentReadout({
      experiment: 'x',
      variants: [variant('control', 3000, 60, 1, 1), variant('grid', 3000, 120, 1, 1)],
      metrics: METRICS,
    });
    expect(seq.comparisons[0]!.verdict).toBe(
      'not enough evidence yet: grid vs control +100%, at the edge: always-valid p = 0.045 but 95% always-valid CI −3.4%..+314%',
    );
  });

  it('no relative lift when the control mean is 0: the verdict uses the absolute lift', () => {
    const r = experimentReadout({
      experiment: 'x',
      variants: [variant('control', 400, 0, 0, 0), variant('grid', 400, 24, 1, 1)],
      metrics: METRICS,
      inference: 'fixed-horizon',
      design: { metric: 'conversion', baselineRate: 0.02, relativeMde: 2 },
    });
    expect(r.comparisons[0]!.metrics[0]!.relativeLift.estimate).toBeNaN();
    expect(r.comparisons[0]!.verdict).toBe(
      'grid changes conversion by +0.06 vs control (95% CI +0.0367..+0.0833), significant at the pre-registered sample size (p < 0.001)',
    );
  });

  it('SRM overrides the verdict; configured weights, a named control and three variants', () => {
    const skewed = experimentReadout({
      experiment: 'x',
      variants: [variant('control', 1800, 144, 1, 1), variant('grid', 2200, 264, 1, 1)],
      metrics: METRICS,
    });
    expect(skewed.srm.mismatch).toBe(true);
    expect(skewed.comparisons[0]!.metrics[0]!.significant).toBe(true);
    expect(skewed.comparisons[0]!.verdict).toBe(
      'sample ratio mismatch: results not trustworthy (players 1800/2200 vs expected 2000/2000, p < 0.001)',
    );
    const planned = experimentReadout({
      experiment: 'x',
      variants: [variant('grid', 2200, 264, 1, 1), variant('control', 1800, 144, 1, 1), variant('list', 2200, 176, 1, 1)],
      weights: { control: 45, grid: 55, list: 55 },
      control: 'control',
      metrics: METRICS,
    });
    expect(planned.srm.mismatch).toBe(false);
    expect(planned.control).toBe('control');
    expect(planned.comparisons.map((c) => c.variant)).toEqual(['grid', 'list']);
    expect(planned.comparisons[1]!.metrics[0]!.relativeLift.estimate).toBeCloseTo(0, 12);
  });

  it('refuses input no store produces or that names what is not there', () => {
    const base: ExperimentReadoutInput = { experiment: 'x', variants: [CONTROL, GRID], metrics: METRICS };
    expect(() => experimentReadout({ ...base, variants: [CONTROL] })).toThrow(RangeError);
    expect(() => experimentReadout({ ...base, control: 'nope' })).toThrow(RangeError);
    expect(() => experimentReadout({ ...base, metrics: [{ name: 'sessions', kind: 'mean' }] })).toThrow(RangeError);
    expect(() => experimentReadout({ ...base, inference: 'fixed-horizon' })).toThrow(RangeError);
    expect(() => experimentReadout({ ...base, weights: { control: 1 } })).toThrow(RangeError);
    const badConversion = variant('grid', 2000, 240, 1, 1);
    expect(() =>
      experimentReadout({
        ...base,
        variants: [CONTROL, { ...badConversion, metrics: { ...badConversion.metrics, conversion: { sum: 240, sumSquares: 250 } } }],
      }),
    ).toThrow(RangeError);
  });
});
