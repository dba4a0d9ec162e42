/** Time, injected: tests drive the commit timer and recovery backoff without sleeping. */
export interface Clock {
  nowMs(): number;
  /** Calls `fn` every `intervalMs` until the returned function is called; never keeps the process alive. */
  every(intervalMs: number, fn: () => void): () => void;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  every(intervalMs, fn) {
    const timer = setInterval(fn, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};
