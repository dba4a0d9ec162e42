/**
 * When the launcher restarts a crashed service and when it gives up — the decision a
 * process manager makes (Kubernetes' CrashLoopBackOff, systemd's Restart= with
 * StartLimitBurst/StartLimitIntervalSec): exponential backoff between restarts, and a
 * crash loop (too many crashes within a window) stops the whole launcher, because a
 * service that keeps dying is a fault an operator must look at, not one to hide.
 *
 * Pure: time comes in as arguments and randomness is injected, so the policy is tested
 * without processes or sleeping (restart-policy.test.ts).
 */

export interface RestartPolicyOptions {
  /** Delay before the first restart after a quiet period. @default 500 */
  baseDelayMs?: number;
  /** Ceiling of the exponential delay. @default 15_000 */
  maxDelayMs?: number;
  /** This many crashes of one service within `crashWindowMs` is a crash loop: the launcher stops. @default 5 */
  maxCrashesInWindow?: number;
  /** The sliding window crashes are counted in; older crashes are forgiven (the backoff starts over). @default 60_000 */
  crashWindowMs?: number;
}

export type ResolvedRestartPolicyOptions = Required<RestartPolicyOptions>;

export const DEFAULT_RESTART_POLICY: ResolvedRestartPolicyOptions = {
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxCrashesInWindow: 5,
  crashWindowMs: 60_000,
};

export function resolveRestartPolicy(o: RestartPolicyOptions = {}): ResolvedRestartPolicyOptions {
  const r = { ...DEFAULT_RESTART_POLICY, ...o };
  if (!(r.baseDelayMs >= 0) || !(r.maxDelayMs >= r.baseDelayMs)) throw new Error(`restart policy: need 0 <= baseDelayMs <= maxDelayMs`);
  if (!(r.maxCrashesInWindow >= 1) || !(r.crashWindowMs > 0))
    throw new Error(`restart policy: need maxCrashesInWindow >= 1 and crashWindowMs > 0`);
  return r;
}

/** What to do about a crash: restart after `delayMs`, or give up (a crash loop). */
export type RestartDecision =
  { action: 'restart'; delayMs: number; crashesInWindow: number } | { action: 'give_up'; crashesInWindow: number };

/** One service's crash history and the decision each new crash gets. */
export class RestartPolicy {
  readonly options: ResolvedRestartPolicyOptions;
  private crashes: number[] = [];

  constructor(
    options: RestartPolicyOptions = {},
    /** Uniform in [0, 1): the jitter. */
    private readonly random: () => number = Math.random,
  ) {
    this.options = resolveRestartPolicy(options);
  }

  /**
   * Records a crash at `nowMs` and decides. The delay doubles with every crash inside
   * the window (base, 2×base, 4×base … up to maxDelayMs) with "equal jitter" — half
   * fixed, half random — so restarts of several services spread out but never collapse
   * to zero.
   */
  onCrash(nowMs: number): RestartDecision {
    const { baseDelayMs, maxDelayMs, maxCrashesInWindow, crashWindowMs } = this.options;
    this.crashes = this.crashes.filter((t) => t > nowMs - crashWindowMs);
    this.crashes.push(nowMs);
    const n = this.crashes.length;
    if (n >= maxCrashesInWindow) return { action: 'give_up', crashesInWindow: n };
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
    return { action: 'restart', delayMs: Math.round(ceiling / 2 + this.random() * (ceiling / 2)), crashesInWindow: n };
  }
}
