/**
 * The A/B readout: from per-variant aggregates (exposed players and, per metric, the
 * per-player sum and sum of squares — what the store computes on both engines) to what a
 * live-ops analyst reads: per variant against the control and per metric, each arm's
 * estimate, absolute and relative lift with confidence intervals, the fixed-horizon
 * p-value (two-proportion z for conversions, Welch's t for means), the always-valid
 * p-value and confidence sequences (mSPRT), the sample-ratio-mismatch check, and a
 * plain-language verdict for the first (primary) metric.
 *
 * Which inference decides the verdict is chosen up front and stated in the result:
 * - `sequential` (default): the always-valid p and confidence sequence; the readout may
 *   be checked after every batch, passing the previous readout in `previous`.
 * - `fixed-horizon`: the classic p-value and CI, trusted only once every arm has the
 *   pre-registered sample size (`design`, see `requiredSampleSize`); before that the
 *   verdict is "not enough evidence yet" whatever the p-value says. The first look that
 *   reaches it decides: later looks passing it (or a successor) in `previous` keep its
 *   test, intervals and verdict, so a readout checked after every batch — also after the
 *   planned size — runs the one pre-registered test, and peeking cannot add false positives.
 * A sample ratio mismatch overrides both: no lift is trustworthy then.
 */
import { armMoments, type ArmAggregate, type ArmMoments, type Interval } from './moments.ts';
import { requiredSampleSize, type SampleSizeDesign } from './sample-size.ts';
import { sequentialTest, type SequentialResult } from './sequential.ts';
import { DEFAULT_SRM_THRESHOLD, sampleRatioMismatch, type SrmResult } from './srm.ts';
import { twoProportionTest } from './two-proportion.ts';
import { welchTest } from './welch.ts';

/** `conversion`: the per-player value is 0/1 (z-test); `mean`: any per-player value (Welch). */
export type MetricKind = 'conversion' | 'mean';

export interface ReadoutMetric {
  /** Key into each variant's `metrics`. */
  readonly name: string;
  readonly kind: MetricKind;
  /** Words for the verdict of a mean metric ("has 12% higher revenue per player"). @default name */
  readonly label?: string;
}

/** One variant as the store reports it. */
export interface ReadoutVariant {
  readonly name: string;
  /** Exposed players. */
  readonly n: number;
  /** Per metric name: Σ per-player value and Σ its square over the exposed players (a conversion: sum = sumSquares = converted players). */
  readonly metrics: Readonly<Record<string, { readonly sum: number; readonly sumSquares: number }>>;
}

export type Inference = 'sequential' | 'fixed-horizon';

export interface ExperimentReadoutInput {
  readonly experiment: string;
  /** At least two variants. */
  readonly variants: readonly ReadoutVariant[];
  /** Metrics to read out; the first is the primary one the verdict speaks of. */
  readonly metrics: readonly ReadoutMetric[];
  /** Name of the control variant. @default the first variant */
  readonly control?: string;
  /** Configured split per variant name, any positive scale. @default equal */
  readonly weights?: Readonly<Record<string, number>>;
  /** Two-sided significance level; intervals are (1 − alpha). @default 0.05 */
  readonly alpha?: number;
  /** SRM flags at p below this. @default 0.001 */
  readonly srmThreshold?: number;
  /** @default 'sequential' */
  readonly inference?: Inference;
  /**
   * Tuning of the always-valid inference (see `sequentialTest`); `plannedPlayersPerArm`
   * makes the confidence sequences narrowest at the planned size.
   */
  readonly sequential?: {
    readonly expectedRelativeEffect?: number;
    readonly minPlayersPerArm?: number;
    readonly plannedPlayersPerArm?: number;
  };
  /** The pre-registered design of the primary metric; required for `fixed-horizon`. */
  readonly design?: SampleSizeDesign;
  /**
   * The previous readout of this experiment over the same players so far (cumulative, the
   * same range start), for the always-valid running minimum and intersection. A
   * comparison whose previous arms had more players than now is read without it. For
   * fixed-horizon, a previous readout that reached the same pre-registered size holds the
   * decision (see the file header).
   */
  readonly previous?: ExperimentReadout;
}

export interface MetricComparison {
  readonly metric: string;
  readonly kind: MetricKind;
  readonly control: ArmMoments;
  readonly treatment: ArmMoments;
  /** Fixed-horizon test: `z` (two-proportion) or `t` (Welch). */
  readonly test: 'two-proportion-z' | 'welch-t';
  readonly statistic: number;
  /** Welch–Satterthwaite degrees of freedom; absent for the z-test. */
  readonly df?: number;
  /** Fixed-horizon two-sided p-value. */
  readonly pValue: number;
  /** Fixed-horizon (1 − alpha) confidence intervals. */
  readonly absoluteLift: Interval;
  readonly relativeLift: Interval;
  /** Always-valid p-value and confidence sequences (absolute and relative). */
  readonly sequential: SequentialResult;
  /**
   * Significant under the readout's inference: its p-value below alpha and its relative
   * interval excluding 0 (the two agree but at the very edge, where this stays
   * conservative), and for fixed-horizon the pre-registered sample size reached.
   */
  readonly significant: boolean;
  readonly verdict: string;
}

export interface VariantComparison {
  readonly variant: string;
  readonly control: string;
  readonly metrics: readonly MetricComparison[];
  /** The primary metric's verdict, or the SRM warning. */
  readonly verdict: string;
}

export interface ExperimentReadout {
  readonly experiment: string;
  readonly control: string;
  readonly inference: Inference;
  readonly alpha: number;
  readonly srm: SrmResult & { readonly variants: readonly string[]; readonly observed: readonly number[] };
  /**
   * Fixed-horizon only: the pre-registered players per arm, whether every arm has them, and
   * once reached the smallest arm at the look that decided (this one or a previous one).
   */
  readonly sampleSize?: {
    readonly requiredPerArm: number;
    readonly smallestArm: number;
    readonly reached: boolean;
    readonly decidedAtSmallestArm?: number;
  };
  /** One per non-control variant, in input order. */
  readonly comparisons: readonly VariantComparison[];
}

/** The readout of one experiment (see the file header). */
export function experimentReadout(input: ExperimentReadoutInput): ExperimentReadout {
  const { variants, metrics } = input;
  const alpha = input.alpha ?? 0.05;
  const inference = input.inference ?? 'sequential';
  if (variants.length < 2) throw new RangeError(`${input.experiment}: a readout needs at least two variants`);
  if (metrics.length === 0) throw new RangeError(`${input.experiment}: a readout needs at least one metric`);
  const controlName = input.control ?? variants[0]!.name;
  const control = variants.find((v) => v.name === controlName);
  if (!control) throw new RangeError(`${input.experiment}: control variant '${controlName}' is not among the variants`);
  if (inference === 'fixed-horizon' && !input.design) throw new RangeError(`${input.experiment}: fixed-horizon inference needs a design`);

  const observed = variants.map((v) => v.n);
  const srm = {
    ...sampleRatioMismatch({
      observed,
      ...(input.weights && { weights: variants.map((v) => input.weights![v.name] ?? NaN) }),
      threshold: input.srmThreshold ?? DEFAULT_SRM_THRESHOLD,
    }),
    variants: variants.map((v) => v.name),
    observed,
  };
  let sampleSize: ExperimentReadout['sampleSize'];
  let decided: ExperimentReadout | undefined;
  if (inference === 'fixed-horizon') {
    const requiredPerArm = requiredSampleSize(input.design!);
    const smallestArm = Math.min(...observed);
    const reached = smallestArm >= requiredPerArm;
    const prev = input.previous;
    decided =
      reached && prev?.inference === 'fixed-horizon' && prev.sampleSize?.reached && prev.sampleSize.requiredPerArm === requiredPerArm
        ? prev
        : undefined;
    const decidedAtSmallestArm = reached ? (decided?.sampleSize?.decidedAtSmallestArm ?? smallestArm) : undefined;
    sampleSize = { requiredPerArm, smallestArm, reached, ...(decidedAtSmallestArm !== undefined && { decidedAtSmallestArm }) };
  }
  const ctx: Context = { alpha, inference, sampleSize, decided, input };
  const comparisons = variants
    .filter((v) => v !== control)
    .map((treatment): VariantComparison => {
      const results = metrics.map((m) => compareMetric(ctx, m, control, treatment));
      const verdict = srm.mismatch ? srmVerdict(srm) : results[0]!.verdict;
      return { variant: treatment.name, control: control.name, metrics: results, verdict };
    });
  return { experiment: input.experiment, control: control.name, inference, alpha, srm, ...(sampleSize && { sampleSize }), comparisons };
}

interface Context {
  alpha: number;
  inference: Inference;
  sampleSize: ExperimentReadout['sampleSize'];
  /** Fixed-horizon: the previous readout that already reached the pre-registered size, whose decision holds. */
  decided: ExperimentReadout | undefined;
  input: ExperimentReadoutInput;
}

function compareMetric(ctx: Context, metric: ReadoutMetric, control: ReadoutVariant, treatment: ReadoutVariant): MetricComparison {
  const { alpha, input } = ctx;
  const c = aggregate(control, metric);
  const t = aggregate(treatment, metric);
  // The always-valid state belongs to a growing sample: a previous look with more players (another range) is not one.
  const before = input.previous?.comparisons.find((v) => v.variant === treatment.name)?.metrics.find((m) => m.metric === metric.name);
  const grown = before && before.control.n <= c.n && before.treatment.n <= t.n ? before : undefined;
  const sequential = sequentialTest({
    control: c,
    treatment: t,
    alpha,
    ...input.sequential,
    ...(grown && { previous: grown.sequential }),
  });
  // Fixed-horizon: the pre-registered test ran at the look that reached the design; its numbers and verdict stand.
  if (ctx.decided && grown) return { ...grown, sequential };
  const fixed = fixedHorizonTest(metric.kind, c, t, alpha);
  const { significant, verdict } = judge(ctx, metric, { variant: treatment.name, control: control.name }, fixed, sequential);
  return {
    metric: metric.name,
    kind: metric.kind,
    control: armMoments(c),
    treatment: armMoments(t),
    ...fixed,
    sequential,
    significant,
    verdict,
  };
}

/**
 * The verdict of one metric. Evidence = the inference's p-value below alpha and its
 * interval excluding 0: the relative interval (on the log scale, so near 0 it agrees with
 * the test) or, when the control mean is 0 and there is no relative lift, the absolute one.
 * At the edge where the two disagree the verdict says so instead of picking one.
 */
function judge(
  ctx: Context,
  metric: ReadoutMetric,
  names: { variant: string; control: string },
  fixed: FixedHorizon,
  sequential: SequentialResult,
): { significant: boolean; verdict: string } {
  const { alpha, inference, sampleSize } = ctx;
  const seq = inference === 'sequential';
  const pValue = seq ? sequential.pValue : fixed.pValue;
  const relative = seq ? sequential.relativeLift : fixed.relativeLift;
  const useRelative = !Number.isNaN(relative.lower) && !Number.isNaN(relative.upper);
  const shown = useRelative ? relative : seq ? sequential.absoluteLift : fixed.absoluteLift;
  const rejects = pValue < alpha;
  const excludesZero = shown.lower > 0 || shown.upper < 0;
  const ci = `${formatLevel(1 - alpha)}% ${seq ? 'always-valid CI' : 'CI'} ${formatRange(shown, useRelative)}`;
  const lift = `${names.variant} vs ${names.control} ${useRelative ? formatPercent(shown.estimate) : `${formatAbsolute(shown.estimate)} (absolute)`}`;
  const p = `${seq ? 'always-valid p' : 'p'} ${formatP(pValue)}`;
  if (!seq && !sampleSize!.reached) {
    return {
      significant: false,
      verdict: `not enough evidence yet: ${sampleSize!.smallestArm} of ${sampleSize!.requiredPerArm} pre-registered players per arm`,
    };
  }
  const unfinished = seq ? 'not enough evidence yet' : 'no significant difference at the pre-registered sample size';
  if (rejects && excludesZero) {
    const effect = useRelative
      ? effectPhrase(metric, names, shown.estimate)
      : `${names.variant} changes ${metric.label ?? metric.name} by ${formatAbsolute(shown.estimate)} vs ${names.control}`;
    return {
      significant: true,
      verdict: `${effect} (${ci}), significant ${seq ? 'with always-valid inference' : `at the pre-registered sample size (${p})`}`,
    };
  }
  if (rejects !== excludesZero) return { significant: false, verdict: `${unfinished}: ${lift}, at the edge: ${p} but ${ci}` };
  if (!Number.isFinite(shown.estimate) || !Number.isFinite(shown.lower) || !Number.isFinite(shown.upper)) {
    return { significant: false, verdict: Number.isFinite(pValue) && !seq ? `${unfinished}: ${p}` : 'not enough evidence yet' };
  }
  return { significant: false, verdict: `${unfinished}: ${lift} (${ci}${seq ? '' : `, ${p}`})` };
}

type FixedHorizon = Pick<MetricComparison, 'test' | 'statistic' | 'df' | 'pValue' | 'absoluteLift' | 'relativeLift'>;

/** Two-proportion z-test for a conversion, Welch's t-test for a mean. */
function fixedHorizonTest(kind: MetricKind, c: ArmAggregate, t: ArmAggregate, alpha: number): FixedHorizon {
  if (kind === 'conversion') {
    const r = twoProportionTest({ control: { n: c.n, conversions: c.sum }, treatment: { n: t.n, conversions: t.sum }, alpha });
    return { test: 'two-proportion-z', statistic: r.z, pValue: r.pValue, absoluteLift: r.absoluteLift, relativeLift: r.relativeLift };
  }
  const r = welchTest({ control: c, treatment: t, alpha });
  return { test: 'welch-t', statistic: r.t, df: r.df, pValue: r.pValue, absoluteLift: r.absoluteLift, relativeLift: r.relativeLift };
}

function aggregate(variant: ReadoutVariant, metric: ReadoutMetric): ArmAggregate {
  const m = variant.metrics[metric.name];
  if (!m) throw new RangeError(`variant '${variant.name}' has no aggregate for metric '${metric.name}'`);
  if (metric.kind === 'conversion' && (m.sum !== m.sumSquares || !Number.isInteger(m.sum))) {
    throw new RangeError(`conversion metric '${metric.name}' of '${variant.name}': sum must be a count of players and equal sumSquares`);
  }
  return { n: variant.n, sum: m.sum, sumSquares: m.sumSquares };
}

function effectPhrase(metric: ReadoutMetric, names: { variant: string; control: string }, relative: number): string {
  const size = formatPercent(Math.abs(relative)).replace('+', '');
  const up = relative >= 0;
  if (metric.kind === 'conversion') return `${names.variant} converts ${size} ${up ? 'better' : 'worse'} than ${names.control}`;
  return `${names.variant} has ${size} ${up ? 'higher' : 'lower'} ${metric.label ?? metric.name} than ${names.control}`;
}

function srmVerdict(srm: ExperimentReadout['srm']): string {
  const expected = srm.expected.map((e) => Math.round(e)).join('/');
  return `sample ratio mismatch: results not trustworthy (players ${srm.observed.join('/')} vs expected ${expected}, p ${formatP(srm.pValue)})`;
}

/** +18%, −3%, +2.5% (one decimal below 10%). */
function formatPercent(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+∞' : x < 0 ? '−∞' : 'n/a';
  const pct = x * 100;
  const digits = Math.abs(pct) < 10 ? 1 : 0;
  const text = Math.abs(pct).toFixed(digits);
  return `${pct < 0 && Number(text) !== 0 ? '−' : '+'}${text}%`;
}

function formatRange(i: Interval, relative: boolean): string {
  const f = relative ? formatPercent : formatAbsolute;
  return `${f(i.lower)}..${f(i.upper)}`;
}

/** An absolute lift in the metric's units, 3 significant digits: +0.0512, −12.3. */
function formatAbsolute(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+∞' : x < 0 ? '−∞' : 'n/a';
  return `${x < 0 ? '−' : '+'}${Number(Math.abs(x).toPrecision(3))}`;
}

function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

function formatLevel(level: number): string {
  return String(Math.round(level * 1000) / 10);
}
