/**
 * Two-proportion z-test for a conversion metric (converted players / exposed players per
 * arm), the test of the classic A/B readout (e.g. Agresti, "Categorical Data Analysis",
 * 3rd ed., §3.1 / Fleiss, Levin & Paik, "Statistical Methods for Rates and Proportions",
 * 3rd ed., §3.2 — the uncorrected z, whose square is Pearson's 2×2 chi-square).
 *
 * - Test (H₀: p_t = p_c): pooled p̂ = (x_c + x_t)/(n_c + n_t),
 *   SE₀ = √(p̂(1−p̂)(1/n_c + 1/n_t)), z = (p̂_t − p̂_c)/SE₀, p = 2·Φ(−|z|).
 * - Absolute lift CI (Wald, unpooled): (p̂_t − p̂_c) ± z₁₋α/₂·√(p̂_c(1−p̂_c)/n_c + p̂_t(1−p̂_t)/n_t).
 *   The test pools because H₀ says the rates are equal; the interval does not, because it
 *   covers lifts where they are not.
 * - Relative lift CI: delta method on the log of the ratio (not Fieller; see
 *   `logRatioDelta` for why the log): L = ln(p̂_t/p̂_c), Var(L) = Var(p̂_t)/p̂_t² + Var(p̂_c)/p̂_c²,
 *   Var(p̂) = p̂(1−p̂)/n, interval exp(L ± z₁₋α/₂·√Var(L)) − 1 (Katz's log method for a risk ratio).
 */
import { normalQuantile, normalTwoSided } from './distributions.ts';
import { interval, logRatioDelta, relativeInterval, type Interval } from './moments.ts';

/** One arm of a conversion metric. */
export interface ProportionArm {
  /** Exposed players. */
  readonly n: number;
  /** Players who converted (0 ≤ conversions ≤ n). */
  readonly conversions: number;
}

export interface TwoProportionInput {
  readonly control: ProportionArm;
  readonly treatment: ProportionArm;
  /** Two-sided significance level; the intervals are (1 − alpha). @default 0.05 */
  readonly alpha?: number;
}

export interface TwoProportionResult {
  /** p̂_c = conversions / n (NaN when n = 0). */
  readonly controlRate: number;
  readonly treatmentRate: number;
  /** z with the pooled standard error; 0 when no player or every player converted in both arms. */
  readonly z: number;
  /** Two-sided p-value, 2·Φ(−|z|); NaN when an arm is empty. */
  readonly pValue: number;
  /** p̂_t − p̂_c with its (1 − alpha) Wald interval (unpooled SE). */
  readonly absoluteLift: Interval;
  /** p̂_t/p̂_c − 1 with its (1 − alpha) log-scale delta-method interval; NaN bounds when a rate is 0. */
  readonly relativeLift: Interval;
}

/** The two-proportion z-test of `treatment` against `control` (formulas in the file header). */
export function twoProportionTest(input: TwoProportionInput): TwoProportionResult {
  const { control, treatment } = input;
  const alpha = input.alpha ?? 0.05;
  checkProportion(control, 'control');
  checkProportion(treatment, 'treatment');
  const pc = control.n > 0 ? control.conversions / control.n : NaN;
  const pt = treatment.n > 0 ? treatment.conversions / treatment.n : NaN;
  const diff = pt - pc;
  const pooled = (control.conversions + treatment.conversions) / (control.n + treatment.n);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n));
  // Both arms all-0 or all-1: the data cannot tell the rates apart.
  const z = se0 > 0 ? diff / se0 : Number.isNaN(diff) ? NaN : 0;
  const pValue = Number.isNaN(z) ? NaN : normalTwoSided(z);
  const varC = (pc * (1 - pc)) / control.n;
  const varT = (pt * (1 - pt)) / treatment.n;
  const q = normalQuantile(1 - alpha / 2);
  const rel = logRatioDelta(pc, varC, pt, varT);
  return {
    controlRate: pc,
    treatmentRate: pt,
    z,
    pValue,
    absoluteLift: interval(diff, q * Math.sqrt(varC + varT)),
    relativeLift: relativeInterval(pc, pt, rel.logRatio, q * Math.sqrt(rel.variance)),
  };
}

function checkProportion(arm: ProportionArm, what: string): void {
  if (!Number.isInteger(arm.n) || arm.n < 0 || !Number.isInteger(arm.conversions) || arm.conversions < 0 || arm.conversions > arm.n) {
    throw new RangeError(`${what}: need integers 0 ≤ conversions ≤ n, got conversions=${arm.conversions}, n=${arm.n}`);
  }
}
