/**
 * A clock that moves only when told to: for tests and for simulators that replay
 * days of play. `advance` fires due timers in order and lets pending promise work
 * (transport results, storage writes) settle between them, so no test sleeps.
 */
import type { Clock } from './clock.ts';

interface ManualTimer {
  readonly dueMs: number;
  readonly delayMs: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

export interface PendingTimer {
  dueMs: number;
  delayMs: number;
}

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): Promise<void>;
  /** Fires timers until none is left (or `maxTimers` fired, against endless rescheduling). */
  runAll(maxTimers?: number): Promise<void>;
  /** Lets promise chains and I/O callbacks that are already under way run. */
  settle(): Promise<void>;
  /** Timers not yet fired, soonest first. */
  pendingTimers(): PendingTimer[];
}

/** One macrotask turn: every microtask queued so far has run when it resolves. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => globalThis.setTimeout(resolve, 0));
}

export function createManualClock(startMs = Date.UTC(2025, 0, 1)): ManualClock {
  let wallMs = startMs;
  let monoMs = 0;
  let order = 0;
  let timers: ManualTimer[] = [];

  const live = () => timers.filter((t) => !t.cancelled).sort((a, b) => a.dueMs - b.dueMs || a.order - b.order);
  const move = (toMono: number) => {
    wallMs += toMono - monoMs;
    monoMs = toMono;
  };
  const settle = async () => {
    for (let i = 0; i < 3; i++) await macrotask();
  };
  const fire = (t: ManualTimer) => {
    t.cancelled = true;
    timers = timers.filter((x) => x !== t);
    move(Math.max(monoMs, t.dueMs));
    t.callback();
  };

  return {
    now: () => wallMs,
    monotonicNow: () => monoMs,
    setTimeout(callback, delayMs) {
      const t: ManualTimer = { dueMs: monoMs + Math.max(0, delayMs), delayMs, order: order++, callback, cancelled: false };
      timers.push(t);
      return t;
    },
    clearTimeout(handle) {
      const t = handle as ManualTimer | undefined;
      if (t && typeof t === 'object' && 'cancelled' in t) t.cancelled = true;
    },
    async advance(ms) {
      const target = monoMs + Math.max(0, ms);
      await settle();
      for (;;) {
        const next = live()[0];
        if (!next || next.dueMs > target) break;
        fire(next);
        await settle();
      }
      move(target);
      await settle();
    },
    async runAll(maxTimers = 10_000) {
      await settle();
      for (let i = 0; i < maxTimers; i++) {
        const next = live()[0];
        if (!next) return;
        fire(next);
        await settle();
      }
    },
    settle,
    pendingTimers: () => live().map((t) => ({ dueMs: t.dueMs, delayMs: t.delayMs })),
  };
}
