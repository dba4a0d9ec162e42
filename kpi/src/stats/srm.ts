/**
 * Sample-ratio-mismatch (SRM) check: Pearson's chi-square goodness-of-fit test of the
 * exposed players per variant against the configured split. A mismatch means assignment
 * or logging is broken (a variant crashes before logging, a bot filter hits one arm, a
 * redirect loses players), and then no lift in the readout can be trusted.
 *
 * - Expected count per variant: E_i = N·w_i/Σw (N = Σ observed), χ² = Σ (O_i − E_i)²/E_i,
 *   df = k − 1, p = P(χ²_{k−1} ≥ χ²).
 * - Flagged at p < 0.001 by default: SRM checks run on every experiment at every look, so
 *   a conservative threshold keeps false alarms rare, and a real SRM on thousands of
 *   players gives p-values far below it (Kohavi, Tang & Xu, "Trustworthy Online
 *   Controlled Experiments", 2020, ch. 21; Fabijan et al., "Diagnosing Sample Ratio
 *   Mismatch in Online Controlled Experiments", KDD 2019).
 */
import { chiSquareUpperTail } from './distributions.ts';

export interface SrmInput {
  /** Exposed players per variant. */
  readonly observed: readonly number[];
  /** Configured split weights, one per variant, any positive scale (e.g. [50, 50] or [1, 1]). @default equal */
  readonly weights?: readonly number[];
  /** Flag when the p-value is below this. @default 0.001 */
  readonly threshold?: number;
}

export interface SrmResult {
  readonly chiSquare: number;
  readonly df: number;
  /** P(χ²_df ≥ chiSquare); 1 when no player is exposed yet. */
  readonly pValue: number;
  /** Expected players per variant under the configured split. */
  readonly expected: readonly number[];
  /** pValue < threshold. */
  readonly mismatch: boolean;
  readonly threshold: number;
}

/** Default SRM threshold: p < 0.001 (see the file header). */
export const DEFAULT_SRM_THRESHOLD = 0.001;

/** The SRM chi-square test of `observed` against `weights` (formulas in the file header). */
export function sampleRatioMismatch(input: SrmInput): SrmResult {
  const { observed } = input;
  const threshold = input.threshold ?? DEFAULT_SRM_THRESHOLD;
  const weights = input.weights ?? observed.map(() => 1);
  if (observed.length < 2) throw new RangeError(`SRM needs at least two variants, got ${observed.length}`);
  if (weights.length !== observed.length) throw new RangeError(`SRM: ${observed.length} variants but ${weights.length} weights`);
  if (weights.some((w) => !(w > 0) || !Number.isFinite(w)))
    throw new RangeError(`SRM: weights must be positive, got ${weights.join(', ')}`);
  if (observed.some((o) => !Number.isInteger(o) || o < 0)) throw new RangeError(`SRM: counts must be non-negative integers`);
  const total = observed.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  const df = observed.length - 1;
  if (total === 0) return { chiSquare: 0, df, pValue: 1, expected, mismatch: false, threshold };
  const chiSquare = observed.reduce((acc, o, i) => acc + (o - expected[i]!) ** 2 / expected[i]!, 0);
  const pValue = chiSquareUpperTail(chiSquare, df);
  return { chiSquare, df, pValue, expected, mismatch: pValue < threshold, threshold };
}
