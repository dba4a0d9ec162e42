/**
 * Always-valid inference for a difference of means, so a readout may be looked at after
 * every batch of players ("peeking") without inflating false positives: the mixture
 * sequential probability ratio test (mSPRT) with a normal mixing prior — Johari,
 * Pekelis & Walsh, "Always Valid Inference: Continuous Monitoring of A/B Tests"
 * (arXiv:1512.04922, 2017; Operations Research 2022), the method behind Optimizely's
 * Stats Engine and Eppo's sequential mode. A conversion is the mean of a 0/1 value.
 *
 * With θ̂ the estimated lift, V its variance (σ_c²/n_c + σ_t²/n_t, plug-in sample
 * variances) and a normal mixing prior N(θ₀, τ²) over the alternatives, the mixture
 * likelihood ratio against H₀: θ = θ₀ is (Johari et al., the normal-mixture mSPRT)
 *
 *   Λ(θ₀) = √(V/(V+τ²)) · exp( τ²(θ̂ − θ₀)² / (2V(V+τ²)) ).
 *
 * - Always-valid p-value: p_n = min(p_{n−1}, 1/Λ_n(0)), p₀ = 1 — a running minimum, so
 *   the caller passes the previous look's p. P(∃n: p_n ≤ α | H₀) ≤ α by Ville's inequality.
 *   That bound covers an unbounded horizon, so over a finite one (thousands of players) the
 *   realised false-positive rate is well below α — the price of looking at any time.
 * - Confidence sequence: {θ₀ : Λ_n(θ₀) < 1/α}, i.e.
 *   θ̂ ± √( V(V+τ²)/τ² · (2·ln(1/α) + ln((V+τ²)/V)) ), intersected with the previous
 *   look's (a running intersection is still a (1 − α) confidence sequence). An empty
 *   intersection (lower > upper) has probability ≤ α under the model; seeing one means
 *   an assumption broke (drifting traffic, sample ratio mismatch).
 * - Mixing variance τ²: the prior spread of lifts the test is tuned for. The default comes
 *   from an expected relative effect e (default 10 %): τ = e·|pooled mean| for the
 *   absolute lift and τ = e for the log ratio (the same prior near the null, where
 *   ln(μ_t/μ_c) ≈ (μ_t − μ_c)/μ). The guarantee holds for any τ fixed in advance; τ only
 *   moves power between early and late looks (a τ near the true lift detects it
 *   soonest). The absolute τ uses the pooled mean seen so far, a plug-in like the variances.
 * - Planned sample size: with `plannedPlayersPerArm` = N, τ² is instead the one that makes
 *   the confidence sequence narrowest at N players per arm — where a planned experiment
 *   is read for its decision — rather than tuned to a guessed effect. The half-width
 *   above, as a function of r = τ²/V, is ∝ √((1 + 1/r)(2·ln(1/α) + ln(1 + r))); it is
 *   smallest where r = 2·ln(1/α) + ln(1 + r) (r ≈ 8.21 at α = 0.05, found by fixed-point
 *   iteration; one step from r = 2·ln(1/α) gives the closed form of Howard, Ramdas,
 *   McAuliffe & Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence
 *   sequences", Ann. Statist. 2021, for the normal mixture tuned to an intrinsic time).
 *   So τ² = r·V_N with V_N = (s_c² + s_t²)/N the variance of θ̂ at the plan, from the
 *   sample variances seen so far (a plug-in, as above); the log ratio likewise with its
 *   delta-method variance at N. The guarantee is unchanged (any τ); the boundary is
 *   narrowest around N instead of wherever the default τ puts it (for an 8 % conversion,
 *   τ = 10 % of the mean is narrowest near 19 000 players per arm), so an experiment that
 *   stops near N leaves less of α unspent and finds a real effect sooner.
 * - The relative lift μ_t/μ_c − 1 gets its own confidence sequence from the same formula
 *   on the log ratio ln(μ_t/μ_c) with its delta-method variance (see `logRatioDelta`),
 *   mapped back by exp(·) − 1; near 0 it agrees with the test of the difference, so the
 *   verdict's interval and p-value tell the same story but at the very edge (readout.ts
 *   says so there). It needs both means > 0: a look
 *   where one is 0 leaves the relative sequence unchanged.
 * - The guarantee rests on θ̂ being close to normal, so looks before every arm has
 *   `minPlayersPerArm` players keep the previous p and intervals.
 */
import { armMoments, checkArm, logRatioDelta, type ArmAggregate, type Interval } from './moments.ts';

/** Default expected relative effect the mixing prior is tuned for: 10 %. */
export const DEFAULT_EXPECTED_RELATIVE_EFFECT = 0.1;
/** Default players every arm needs before a look updates the always-valid p (normal approximation). */
export const DEFAULT_MIN_PLAYERS_PER_ARM = 100;

/**
 * τ²/V at which the normal-mixture confidence sequence at level alpha is narrowest: the
 * root of r = 2·ln(1/α) + ln(1 + r) (see the file header; 8.212 at α = 0.05).
 */
export function optimalMixingRatio(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1): ${alpha}`);
  const twoLog = 2 * Math.log(1 / alpha);
  // A contraction (derivative 1/(1 + r) < 1/(1 + 2·ln(1/α))): 50 steps reach double precision.
  let r = twoLog;
  for (let i = 0; i < 50; i++) r = twoLog + Math.log1p(r);
  return r;
}

export interface MixtureSprtInput {
  /** θ̂, the estimated lift. */
  readonly estimate: number;
  /** V, the variance of θ̂. */
  readonly variance: number;
  /** τ², the variance of the normal mixing prior centred on θ₀ = 0. */
  readonly mixingVariance: number;
  /** @default 0.05 */
  readonly alpha?: number;
  /** The previous look's always-valid p-value and interval; none at the first look. */
  readonly previous?: { readonly pValue: number; readonly interval: Interval };
}

export interface MixtureSprtResult {
  /** ln Λ(0) at this look. */
  readonly logLikelihoodRatio: number;
  /** Always-valid p-value: min(previous, 1/Λ(0)). */
  readonly pValue: number;
  /** (1 − alpha) confidence sequence, intersected with the previous look's. */
  readonly interval: Interval;
}

/** One look of the normal-mixture SPRT (formulas in the file header). */
export function mixtureSprt(input: MixtureSprtInput): MixtureSprtResult {
  const { estimate, variance: v, mixingVariance: tau2, previous } = input;
  const alpha = input.alpha ?? 0.05;
  const prevP = previous?.pValue ?? 1;
  if (!(v > 0) || !(tau2 > 0) || !Number.isFinite(estimate)) {
    // No variance (constant arms) or no prior: this look carries no evidence.
    return { logLikelihoodRatio: 0, pValue: prevP, interval: previous?.interval ?? { estimate, lower: -Infinity, upper: Infinity } };
  }
  const logLr = 0.5 * Math.log(v / (v + tau2)) + (tau2 * estimate * estimate) / (2 * v * (v + tau2));
  const pValue = Math.min(prevP, Math.min(1, Math.exp(-logLr)));
  const half = Math.sqrt(((v * (v + tau2)) / tau2) * (2 * Math.log(1 / alpha) + Math.log((v + tau2) / v)));
  const lower = Math.max(estimate - half, previous?.interval.lower ?? -Infinity);
  const upper = Math.min(estimate + half, previous?.interval.upper ?? Infinity);
  return { logLikelihoodRatio: logLr, pValue, interval: { estimate, lower, upper } };
}

/** The state one look hands to the next: exactly what `sequentialTest` returns. */
export interface SequentialState {
  readonly pValue: number;
  readonly absoluteLift: Interval;
  readonly relativeLift: Interval;
}

export interface SequentialInput {
  readonly control: ArmAggregate;
  readonly treatment: ArmAggregate;
  /** @default 0.05 */
  readonly alpha?: number;
  /** The relative lift the mixing prior is tuned for (τ = e·|pooled mean|, τ_log = e). @default 0.1 */
  readonly expectedRelativeEffect?: number;
  /**
   * Players per arm the experiment plans to reach: τ² makes the confidence sequences
   * narrowest there (see the file header); overrides expectedRelativeEffect.
   * @default none — τ from expectedRelativeEffect
   */
  readonly plannedPlayersPerArm?: number;
  /** Explicit τ² for the absolute lift, in the metric's units squared; overrides the two above. */
  readonly mixingVariance?: number;
  /** Explicit τ² for the log ratio ln(μ_t/μ_c); overrides the two above. */
  readonly relativeMixingVariance?: number;
  /** Looks before every arm has this many players keep the previous state. @default 100 */
  readonly minPlayersPerArm?: number;
  /** The previous look's result for the same comparison and metric. */
  readonly previous?: SequentialState;
}

export interface SequentialResult extends SequentialState {
  /** True when this look updated the state (every arm had minPlayersPerArm players and a variance). */
  readonly updated: boolean;
  /** τ² used for the absolute lift and for the log ratio at this look. */
  readonly mixingVariance: number;
  readonly relativeMixingVariance: number;
}

/** Always-valid p-value and confidence sequences for μ_t − μ_c and μ_t/μ_c − 1 at one look. */
export function sequentialTest(input: SequentialInput): SequentialResult {
  checkArm(input.control, 'control');
  checkArm(input.treatment, 'treatment');
  const alpha = input.alpha ?? 0.05;
  const effect = input.expectedRelativeEffect ?? DEFAULT_EXPECTED_RELATIVE_EFFECT;
  const minPlayers = Math.max(2, input.minPlayersPerArm ?? DEFAULT_MIN_PLAYERS_PER_ARM);
  const c = armMoments(input.control);
  const t = armMoments(input.treatment);
  const pooledMean = (input.control.sum + input.treatment.sum) / (c.n + t.n);
  const diff = t.mean - c.mean;
  const vc = c.variance / c.n;
  const vt = t.variance / t.n;
  const rel = logRatioDelta(c.mean, vc, t.mean, vt);
  const planned = input.plannedPlayersPerArm;
  if (planned !== undefined && !(planned > 0 && Number.isFinite(planned))) {
    throw new RangeError(`plannedPlayersPerArm must be a positive number: ${planned}`);
  }
  let tau2 = (effect * pooledMean) ** 2;
  let tau2Rel = effect * effect;
  if (planned !== undefined) {
    // τ² = r·V at the plan; a NaN variance (fewer than 2 players) or a zero one leaves no evidence this look.
    const r = optimalMixingRatio(alpha);
    tau2 = r * ((c.variance + t.variance) / planned);
    tau2Rel = r * logRatioDelta(c.mean, c.variance / planned, t.mean, t.variance / planned).variance;
  }
  tau2 = input.mixingVariance ?? tau2;
  tau2Rel = input.relativeMixingVariance ?? tau2Rel;
  const relEstimate = c.mean > 0 ? t.mean / c.mean - 1 : NaN;
  const prev = input.previous;
  if (c.n < minPlayers || t.n < minPlayers) {
    return {
      pValue: prev?.pValue ?? 1,
      absoluteLift: { ...(prev?.absoluteLift ?? { lower: -Infinity, upper: Infinity }), estimate: diff },
      relativeLift: { ...(prev?.relativeLift ?? { lower: -Infinity, upper: Infinity }), estimate: relEstimate },
      updated: false,
      mixingVariance: tau2,
      relativeMixingVariance: tau2Rel,
    };
  }
  const abs = mixtureSprt({
    estimate: diff,
    variance: vc + vt,
    mixingVariance: tau2,
    alpha,
    ...(prev && { previous: { pValue: prev.pValue, interval: prev.absoluteLift } }),
  });
  const prevLog = prev && { lower: toLog(prev.relativeLift.lower), upper: toLog(prev.relativeLift.upper) };
  const logRatio = mixtureSprt({
    estimate: rel.logRatio,
    variance: rel.variance,
    mixingVariance: tau2Rel,
    alpha,
    ...(prev && prevLog && { previous: { pValue: prev.pValue, interval: { estimate: rel.logRatio, ...prevLog } } }),
  });
  const relative: Interval = {
    estimate: relEstimate,
    lower: Math.expm1(logRatio.interval.lower),
    upper: Math.expm1(logRatio.interval.upper),
  };
  return {
    pValue: abs.pValue,
    absoluteLift: abs.interval,
    relativeLift: relative,
    updated: vc + vt > 0,
    mixingVariance: tau2,
    relativeMixingVariance: tau2Rel,
  };
}

/** ln(1 + r) for a relative bound, −∞ for −100 % and below. */
function toLog(r: number): number {
  return r <= -1 ? -Infinity : Math.log1p(r);
}
