/**
 * What every test starts from: one arm's aggregate as the SQL computes it on both engines
 * (exposed players `n`, per-player `sum` and `sumSquares`), turned into a mean and an
 * unbiased sample variance, and the interval type every lift is reported in.
 */

/**
 * One arm of an experiment for one metric, as the store computes it: `n` exposed players,
 * the sum over those players of the per-player value, and the sum of its squares. For a
 * conversion metric the per-player value is 0/1, so `sum` = converted players and
 * `sumSquares` = `sum`.
 */
export interface ArmAggregate {
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
}

/** One arm's estimate: mean = sum / n, variance = (sumSquares − sum²/n) / (n − 1). */
export interface ArmMoments {
  readonly n: number;
  /** NaN when n = 0. */
  readonly mean: number;
  /** Unbiased sample variance; NaN when n < 2. */
  readonly variance: number;
}

/** An estimate with its interval: a confidence interval, or a confidence sequence for sequential inference. */
export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Throws on aggregates no store can produce (negative or fractional n, negative sum of squares). */
export function checkArm(arm: ArmAggregate, what: string): void {
  if (!Number.isInteger(arm.n) || arm.n < 0) throw new RangeError(`${what}: n must be a non-negative integer, got ${arm.n}`);
  if (!Number.isFinite(arm.sum) || !Number.isFinite(arm.sumSquares) || arm.sumSquares < 0) {
    throw new RangeError(`${what}: sum and sumSquares must be finite, sumSquares ≥ 0 (got ${arm.sum}, ${arm.sumSquares})`);
  }
}

/** Mean and unbiased sample variance from (n, sum, sumSquares); a variance rounding below 0 is 0. */
export function armMoments(arm: ArmAggregate): ArmMoments {
  const { n, sum, sumSquares } = arm;
  const mean = n > 0 ? sum / n : NaN;
  const variance = n > 1 ? Math.max(0, (sumSquares - sum * mean) / (n - 1)) : NaN;
  return { n, mean, variance };
}

/**
 * Relative lift r = t/c − 1 of two independent positive means, on the log scale:
 * L = ln(t/c) with variance by the delta method (first-order Taylor expansion of the
 * log; Katz et al. 1978, "Obtaining confidence intervals for the risk ratio in cohort
 * studies", Biometrics 34; Deng, Knoblich & Lu 2018, "Applying the Delta Method in Metric
 * Analytics", KDD): Var(L) ≈ Var(t)/t² + Var(c)/c², where Var(t), Var(c) are the
 * variances of the two means (σ²/n). An interval L ± q·√Var(L) maps back to
 * exp(·) − 1: asymmetric, never below −100 %. The log scale, not the ratio itself, because
 * near r = 0 its z equals the difference-of-means z (Var(L) ≈ (v_t + v_c)/c²), so the
 * relative interval excludes 0 exactly when the test of the difference rejects, up to
 * rounding at the edge; the delta method on the plain ratio puts the variance at the
 * estimate and can disagree with the test (p = 0.043 with an interval crossing 0).
 * NaN when either mean is ≤ 0.
 */
export function logRatioDelta(
  controlMean: number,
  controlMeanVariance: number,
  treatmentMean: number,
  treatmentMeanVariance: number,
): { logRatio: number; variance: number } {
  const c = controlMean;
  const t = treatmentMean;
  if (!(c > 0) || !(t > 0)) return { logRatio: NaN, variance: NaN };
  return { logRatio: Math.log(t / c), variance: treatmentMeanVariance / (t * t) + controlMeanVariance / (c * c) };
}

/** The relative-lift interval exp(L ± halfWidth) − 1 around the estimate t/c − 1 (NaN when c ≤ 0). */
export function relativeInterval(controlMean: number, treatmentMean: number, logRatio: number, halfWidth: number): Interval {
  return {
    estimate: controlMean > 0 ? treatmentMean / controlMean - 1 : NaN,
    lower: Math.expm1(logRatio - halfWidth),
    upper: Math.expm1(logRatio + halfWidth),
  };
}

/** estimate ± halfWidth as an Interval. */
export function interval(estimate: number, halfWidth: number): Interval {
  return { estimate, lower: estimate - halfWidth, upper: estimate + halfWidth };
}
