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
 * Relative lift r = t/c − 1 of two independent means and its variance by the delta method
 * (first-order Taylor expansion of the ratio; Deng, Knoblich & Lu 2018, "Applying the
 * Delta Method in Metric Analytics", KDD): Var(t/c) ≈ Var(t)/c² + t²·Var(c)/c⁴, where
 * Var(t), Var(c) are the variances of the two means (σ²/n).
 */
export function relativeLiftDelta(
  controlMean: number,
  controlMeanVariance: number,
  treatmentMean: number,
  treatmentMeanVariance: number,
): { estimate: number; variance: number } {
  const c = controlMean;
  const t = treatmentMean;
  if (!(c !== 0) || !Number.isFinite(c)) return { estimate: NaN, variance: NaN };
  return {
    estimate: t / c - 1,
    variance: treatmentMeanVariance / (c * c) + (t * t * controlMeanVariance) / (c * c * c * c),
  };
}

/** estimate ± halfWidth as an Interval. */
export function interval(estimate: number, halfWidth: number): Interval {
  return { estimate, lower: estimate - halfWidth, upper: estimate + halfWidth };
}
