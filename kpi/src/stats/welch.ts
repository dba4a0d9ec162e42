/**
 * Welch's unequal-variances t-test for a per-player mean (revenue per exposed player,
 * sessions per player), from each arm's (n, sum, sumSquares) — Welch 1947, "The
 * generalization of 'Student's' problem when several different population variances are
 * involved", Biometrika 34; degrees of freedom by Satterthwaite 1946.
 *
 * - Per arm: x̄ = sum/n, s² = (sumSquares − sum²/n)/(n − 1), v = s²/n (variance of the mean).
 * - t = (x̄_t − x̄_c)/√(v_c + v_t),
 *   df = (v_c + v_t)² / (v_c²/(n_c − 1) + v_t²/(n_t − 1)) (Welch–Satterthwaite),
 *   p = 2·T(−|t|; df).
 * - Absolute lift CI: (x̄_t − x̄_c) ± t₁₋α/₂,df·√(v_c + v_t).
 * - Relative lift CI: delta method on the log of the ratio (see `logRatioDelta`):
 *   exp(ln(x̄_t/x̄_c) ± z₁₋α/₂·√(v_t/x̄_t² + v_c/x̄_c²)) − 1, with the normal quantile — the
 *   delta method is itself a large-sample approximation.
 */
import { normalQuantile, studentTQuantile, studentTTwoSided } from './distributions.ts';
import { armMoments, checkArm, interval, logRatioDelta, relativeInterval, type ArmAggregate, type Interval } from './moments.ts';

export interface WelchInput {
  readonly control: ArmAggregate;
  readonly treatment: ArmAggregate;
  /** Two-sided significance level; the intervals are (1 − alpha). @default 0.05 */
  readonly alpha?: number;
}

export interface WelchResult {
  readonly controlMean: number;
  readonly treatmentMean: number;
  /** Unbiased sample variances per arm (NaN when n < 2). */
  readonly controlVariance: number;
  readonly treatmentVariance: number;
  /** Welch's t; 0 when both arms are constant and equal; NaN when n < 2 in an arm or both are constant but differ. */
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided p-value; NaN when t is. */
  readonly pValue: number;
  /** x̄_t − x̄_c with its (1 − alpha) t interval. */
  readonly absoluteLift: Interval;
  /** x̄_t/x̄_c − 1 with its (1 − alpha) log-scale delta-method interval; NaN bounds when a mean is ≤ 0. */
  readonly relativeLift: Interval;
}

/** Welch's t-test of `treatment` against `control` (formulas in the file header). */
export function welchTest(input: WelchInput): WelchResult {
  checkArm(input.control, 'control');
  checkArm(input.treatment, 'treatment');
  const alpha = input.alpha ?? 0.05;
  const c = armMoments(input.control);
  const tr = armMoments(input.treatment);
  const vc = c.variance / c.n;
  const vt = tr.variance / tr.n;
  const se = Math.sqrt(vc + vt);
  const diff = tr.mean - c.mean;
  const df = (vc + vt) ** 2 / ((vc * vc) / (c.n - 1) + (vt * vt) / (tr.n - 1));
  const t = se > 0 ? diff / se : diff === 0 ? 0 : NaN;
  const pValue = Number.isNaN(t) ? NaN : se > 0 ? studentTTwoSided(t, df) : 1;
  const q = se > 0 ? studentTQuantile(1 - alpha / 2, df) : 0;
  const rel = logRatioDelta(c.mean, vc, tr.mean, vt);
  return {
    controlMean: c.mean,
    treatmentMean: tr.mean,
    controlVariance: c.variance,
    treatmentVariance: tr.variance,
    t,
    df,
    pValue,
    absoluteLift: interval(diff, q * se),
    relativeLift: relativeInterval(c.mean, tr.mean, rel.logRatio, normalQuantile(1 - alpha / 2) * Math.sqrt(rel.variance)),
  };
}
