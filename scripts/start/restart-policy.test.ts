import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY, RestartPolicy, resolveRestartPolicy } from './restart-policy.ts';

describe('scripts/start/restart-policy', () => {
  it('doubles the delay with each crash in the window, up to the ceiling, with half of it fixed and half jitter', () => {
    const atHalf = new RestartPolicy({ baseDelayMs: 100, maxDelayMs: 500, maxCrashesInWindow: 10, crashWindowMs: 60_000 }, () => 0.5);
    const delays = [0, 1, 2, 3, 4, 5].map((i) => atHalf.onCrash(1_000 + i));
    // ceilings 100, 200, 400, 500 (capped), 500, 500; random 0.5 → 3/4 of each
    expect(delays).toEqual([75, 150, 300, 375, 375, 375].map((delayMs, i) => ({ action: 'restart', delayMs, crashesInWindow: i + 1 })));

    const low = new RestartPolicy({ baseDelayMs: 100 }, () => 0);
    const high = new RestartPolicy({ baseDelayMs: 100 }, () => 0.999_999);
    expect(low.onCrash(0)).toMatchObject({ delayMs: 50 });
    expect(high.onCrash(0)).toMatchObject({ delayMs: 100 });
  });

  it('gives up on the crash that reaches maxCrashesInWindow inside crashWindowMs', () => {
    const p = new RestartPolicy({ maxCrashesInWindow: 3, crashWindowMs: 10_000 }, () => 0);
    expect(p.onCrash(0).action).toBe('restart');
    expect(p.onCrash(4_000).action).toBe('restart');
    expect(p.onCrash(9_999)).toEqual({ action: 'give_up', crashesInWindow: 3 });
  });

  it('forgets crashes older than the window: a service that crashes now and then is restarted forever, from the base delay', () => {
    const p = new RestartPolicy({ baseDelayMs: 1_000, maxCrashesInWindow: 2, crashWindowMs: 60_000 }, () => 0.5);
    for (let i = 0; i < 20; i++) expect(p.onCrash(i * 60_000)).toEqual({ action: 'restart', delayMs: 750, crashesInWindow: 1 });
    // Two inside one window is a loop.
    expect(p.onCrash(20 * 60_000 - 1).action).toBe('give_up');
  });

  it('has documented defaults and refuses contradictory options', () => {
    expect(resolveRestartPolicy()).toEqual({ baseDelayMs: 500, maxDelayMs: 15_000, maxCrashesInWindow: 5, crashWindowMs: 60_000 });
    expect(new RestartPolicy().options).toEqual(DEFAULT_RESTART_POLICY);
    expect(() => resolveRestartPolicy({ baseDelayMs: 2_000, maxDelayMs: 1_000 })).toThrow(/baseDelayMs/);
    expect(() => resolveRestartPolicy({ maxCrashesInWindow: 0 })).toThrow(/maxCrashesInWindow/);
  });
});
