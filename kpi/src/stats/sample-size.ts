/**
 * Pre-registered sample size for a fixed-horizon test: the players per arm a two-sided
 * test at level α needs to detect a relative lift (the minimum detectable effect, MDE)
 * with probability `power`, for equal arms.
 *
 * - Conversion (Fleiss, Levin & Paik, "Statistical Methods for Rates and Proportions",
 *   3rd ed., eq. 4.14 without continuity correction): p₁ = baseline, p₂ = p₁(1 + MDE),
 *   p̄ = (p₁ + p₂)/2,
 *   n = ( z₁₋α/₂·√(2p̄(1−p̄)) + z_power·√(p₁(1−p₁) + p₂(1−p₂)) )² / (p₂ − p₁)².
 * - Mean (normal approximation to Welch's test with a common σ):
 *   n = 2·σ²·(z₁₋α/₂ + z_power)² / δ², δ = baseline mean·MDE.
 *
 * Rounded up to whole players.
 */
import { normalQuantile } from './distributions.ts';

export type SampleSizeDesign =
  | {
      readonly metric: 'conversion';
      /** Control conversion rate expected, in (0, 1). */
      readonly baselineRate: number;
      /** Relative lift to detect, e.g. 0.2 for +20 %. */
      readonly relativeMde: number;
      /** @default 0.05 */
      readonly alpha?: number;
      /** @default 0.8 */
      readonly power?: number;
    }
  | {
      readonly metric: 'mean';
      /** Control mean expected (e.g. revenue per exposed player). */
      readonly baselineMean: number;
      /** Per-player standard deviation expected. */
      readonly standardDeviation: number;
      readonly relativeMde: number;
      /** @default 0.05 */
      readonly alpha?: number;
      /** @default 0.8 */
      readonly power?: number;
    };

/** Players needed per arm (formulas in the file header). */
export function requiredSampleSize(design: SampleSizeDesign): number {
  const alpha = design.alpha ?? 0.05;
  const power = design.power ?? 0.8;
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) throw new RangeError(`alpha and power must be in (0, 1)`);
  if (!(design.relativeMde !== 0) || !Number.isFinite(design.relativeMde)) throw new RangeError(`relativeMde must be non-zero`);
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  if (design.metric === 'conversion') {
    const p1 = design.baselineRate;
    const p2 = p1 * (1 + design.relativeMde);
    if (!(p1 > 0 && p1 < 1) || !(p2 > 0 && p2 < 1)) throw new RangeError(`baseline and lifted rates must be in (0, 1): ${p1}, ${p2}`);
    const pBar = (p1 + p2) / 2;
    const root = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    return Math.ceil((root * root) / (p2 - p1) ** 2);
  }
  const delta = design.baselineMean * design.relativeMde;
  if (!(design.standardDeviation > 0) || !(delta !== 0)) throw new RangeError(`need standardDeviation > 0 and a non-zero baseline mean`);
  return Math.ceil((2 * design.standardDeviation ** 2 * (za + zb) ** 2) / (delta * delta));
}
