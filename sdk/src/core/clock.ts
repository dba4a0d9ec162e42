/**
 * Time as the SDK sees it. Injected everywhere (timers, timestamps, backoff waits) so
 * tests run on a manual clock and a simulator can run days of play in milliseconds.
 */
export type TimerHandle = unknown;

export interface TimerOptions {
  /**
   * Keep a Node process alive while this timer is pending. Background timers (flush
   * interval, retry waits) do not, so an idle SDK never delays a server's exit; the
   * timer behind an awaited `flush()` does, so `await client.shutdown()` is honoured.
   * @default false
   */
  keepAlive?: boolean;
}

export interface Clock {
  /** Wall clock, Unix ms: event and batch timestamps. */
  now(): number;
  /** Monotonic ms from an arbitrary origin: durations (session length), never timestamps. */
  monotonicNow(): number;
  setTimeout(callback: () => void, delayMs: number, options?: TimerOptions): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The real clock: `Date.now`, `performance.now` and the platform's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonicNow: () => performance.now(),
  setTimeout(callback, delayMs, options) {
    const handle: unknown = globalThis.setTimeout(callback, Math.max(0, delayMs));
    // Node returns a Timeout object with unref(); browsers return a number.
    if (!options?.keepAlive && typeof handle === 'object' && handle !== null && 'unref' in handle) {
      (handle as { unref(): void }).unref();
    }
    return handle;
  },
  clearTimeout(handle) {
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
};
