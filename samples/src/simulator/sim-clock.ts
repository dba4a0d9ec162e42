/**
 * Time for simulated players. Each player runs on its own `SimClock`:
 *  - virtual: `sleep` advances the player's clock instantly, firing the timers the SDK
 *    set on it (flush intervals) in order; days of play take milliseconds, and the
 *    timestamps are deterministic for a seed. Players are independent, so each one's
 *    time can run at its own pace.
 *  - realtime: wall-clock time with real timers, `sleep` divided by `timeScale` so a
 *    demo shows a day's rhythm in minutes.
 * It also serves as the SDK's injected clock.
 */
export interface SimClock {
  now(): number;
  monotonicNow(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Lets simulated time pass (and real I/O make progress). */
  sleep(ms: number): Promise<void>;
  /**
   * Waits for `work` (e.g. the SDK's flush or shutdown). A virtual clock lets simulated
   * time pass at the real pace while it waits, so that the SDK's retry backoffs and
   * timeouts, which run on this clock, come due — but no faster than real time, or a
   * request timeout would fire before a busy collector could answer.
   */
  settle<T>(work: Promise<T>): Promise<T>;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export function createVirtualClock(startMs: number): SimClock {
  let now = startMs;
  let seq = 0;
  const timers: Timer[] = [];
  const fireDue = (until: number) => {
    while (true) {
      let best: Timer | undefined;
      for (const t of timers)
        if (!t.cancelled && t.at <= until && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
      if (!best) break;
      best.cancelled = true;
      now = Math.max(now, best.at);
      best.fn();
    }
    for (let i = timers.length - 1; i >= 0; i--) if (timers[i]!.cancelled) timers.splice(i, 1);
  };
  return {
    now: () => now,
    monotonicNow: () => now,
    setTimeout: (fn, ms) => {
      const t: Timer = { at: now + Math.max(0, Math.round(ms)), seq: seq++, fn, cancelled: false };
      timers.push(t);
      return t;
    },
    clearTimeout: (handle) => {
      if (handle) (handle as Timer).cancelled = true;
    },
    sleep: async (ms) => {
      // Whole milliseconds, like a real clock: timestamps and durations stay integers.
      const until = now + Math.max(0, Math.round(ms));
      fireDue(until);
      now = until;
      // Give sockets a turn: the SDK's sends complete in real time.
      await new Promise<void>((r) => setImmediate(r));
    },
    settle: async (work) => {
      let done = false;
      const result = work.finally(() => (done = true));
      let last = performance.now();
      while (!done) {
        await Promise.race([
          result.then(
            () => undefined,
            () => undefined,
          ),
          new Promise((r) => setTimeout(r, 2)),
        ]);
        const real = performance.now();
        if (!done) {
          now += Math.max(1, Math.round(real - last));
          fireDue(now);
        }
        last = real;
      }
      return result;
    },
  };
}

/** `signal` cuts every pending and future sleep short (shutdown of a realtime demo). */
export function createRealtimeClock(timeScale = 1, signal?: AbortSignal): SimClock {
  const origin = performance.now();
  return {
    now: () => Date.now(),
    monotonicNow: () => performance.now() - origin,
    setTimeout: (fn, ms) => {
      const t = setTimeout(fn, ms);
      t.unref?.();
      return t;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    sleep: (ms) =>
      new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const t = setTimeout(done, Math.max(0, ms / timeScale));
        function done() {
          clearTimeout(t);
          signal?.removeEventListener('abort', done);
          resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
      }),
    settle: (work) => work,
  };
}
