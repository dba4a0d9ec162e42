/**
 * Waiting in tests: poll the system's own signal (a counter, a stats field, an HTTP
 * answer, a log line) until it holds, with a deadline and a message that says what was
 * awaited — never a fixed sleep standing in for "long enough".
 */

export interface UntilOptions {
  /** Give up after this long. @default 10_000 */
  timeoutMs?: number;
  /** Pause between probes. @default 5 */
  everyMs?: number;
  /**
   * A probe that throws counts as "not yet" (e.g. a server that does not listen yet);
   * the last error is quoted in the timeout message. Otherwise the error fails the wait.
   * @default false
   */
  retryErrors?: boolean;
}

/**
 * Polls `probe` until it returns a truthy value, and returns that value. Throws
 * `timed out after <ms> ms waiting for <what>` (plus the last probe error, if any) when
 * the deadline passes first. `what` may be a function, evaluated at the timeout, to
 * report the state reached (e.g. `() => \`2,000 acks (have ${acked.size})\``).
 */
export async function until<T>(
  probe: () => T | undefined | null | false | 0 | '' | Promise<T | undefined | null | false | 0 | ''>,
  what: string | (() => string),
  options: UntilOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const everyMs = options.everyMs ?? 5;
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      if (!options.retryErrors) throw err;
      const text = err instanceof Error ? err.message : String(err);
      last = err === undefined ? '' : ` (last error: ${text})`;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}${last}`);
    }
    await sleep(everyMs);
  }
}

/** A plain pause: for settle periods after a condition held (to see an over-count), not for waiting on one. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
