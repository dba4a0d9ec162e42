import { describe, expect, it } from 'vitest';
import { createLoadShedder } from './load-shedder.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { newBucket, take } from './token-bucket.ts';

const key = { keyId: 'k', gameId: 'demo' };

describe('collector/limits', () => {
  it('token bucket: burst, refill at the rate, all-or-nothing, retry-after = time to fit', () => {
    const limit = { ratePerS: 10, burst: 20 };
    const b = newBucket(limit, 0);
    expect(take(b, limit, 15, 0)).toEqual({ ok: true });
    expect(take(b, limit, 10, 0)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(take(b, limit, 10, 500)).toEqual({ ok: true });
    // More than the burst waits for a full bucket instead of failing forever.
    expect(take(b, limit, 1000, 500)).toEqual({ ok: false, retryAfterMs: 2000 });
    expect(take(b, limit, 1000, 2500)).toEqual({ ok: true });
  });

  it('per-key limit: cheap admission check, then events charged; split between cluster workers', () => {
    const rl = createRateLimiter({ keyEventsPerS: 100, keyBurstEvents: 100, playerEventsPerS: 0, playerBurstEvents: 1 });
    expect(rl.charge(key, 100, new Map(), 0)).toEqual({ ok: true });
    expect(rl.admitKey(key, 0)).toMatchObject({ ok: false, code: 'GP_RATE_LIMITED_KEY', retryAfterS: 1 });
    expect(rl.charge(key, 50, new Map(), 0)).toMatchObject({ ok: false, code: 'GP_RATE_LIMITED_KEY', retryable: true });
    expect(rl.admitKey(key, 10)).toEqual({ ok: true });
    const shared = createRateLimiter({ keyEventsPerS: 100, keyBurstEvents: 100, playerEventsPerS: 0, playerBurstEvents: 1, shareOf: 4 });
    expect(shared.charge(key, 25, new Map(), 0)).toEqual({ ok: true });
    expect(shared.charge(key, 1, new Map(), 0)).toMatchObject({ code: 'GP_RATE_LIMITED_KEY' });
    // A keys-file override wins over the default.
    expect(rl.charge({ ...key, keyId: 'big', eventsPerSecond: 1e6, burstEvents: 1e6 }, 10_000, new Map(), 0)).toEqual({ ok: true });
  });

  it('per-player limit: one player cannot use the game’s budget; a refused batch costs nobody tokens', () => {
    const rl = createRateLimiter({ keyEventsPerS: 1000, keyBurstEvents: 1000, playerEventsPerS: 10, playerBurstEvents: 50 });
    expect(rl.charge(key, 50, new Map([['p1', 50]]), 0)).toEqual({ ok: true });
    expect(rl.charge(key, 5, new Map([['p1', 5]]), 0)).toMatchObject({ ok: false, code: 'GP_RATE_LIMITED_PLAYER', retryAfterS: 1 });
    expect(rl.charge(key, 50, new Map([['p2', 50]]), 0)).toEqual({ ok: true });
    // p3 fits, p1 does not: nothing is taken from p3.
    expect(
      rl.charge(
        key,
        20,
        new Map([
          ['p3', 10],
          ['p1', 10],
        ]),
        0,
      ),
    ).toMatchObject({ code: 'GP_RATE_LIMITED_PLAYER' });
    expect(rl.charge(key, 50, new Map([['p3', 50]]), 0)).toEqual({ ok: true });
  });

  it('player buckets are bounded in number', () => {
    const rl = createRateLimiter({ keyEventsPerS: 0, keyBurstEvents: 1, playerEventsPerS: 1, playerBurstEvents: 10, maxPlayers: 100 });
    for (let i = 0; i < 1000; i++) rl.charge(key, 1, new Map([[`p${i}`, 1]]), 0);
    expect(rl.trackedPlayers).toBeLessThanOrEqual(100);
  });

  it('load shedder: bounds batches and bytes in flight, and sheds while appends are slow, recovering afterwards', () => {
    let now = 0;
    const s = createLoadShedder({ maxInFlightBatches: 2, maxInFlightBytes: 1000, maxAppendLatencyMs: 100, retryAfterS: 1, now: () => now });
    const a = s.admit(400);
    const b = s.admit(400);
    if ('ok' in a || 'ok' in b) throw new Error('expected admissions');
    expect(s.admit(1)).toMatchObject({ ok: false, code: 'GP_SERVER_OVERLOADED', retryAfterS: 1 });
    b.release();
    b.release(); // twice is harmless
    expect(s.admit(700)).toMatchObject({ code: 'GP_SERVER_OVERLOADED' }); // bytes
    expect(a.hold(700)).toBe(false);
    // A slow append: while it is pending past the bound, everything is shed.
    a.appendStarted();
    now = 150;
    expect(s.wouldAdmit()).toMatchObject({ code: 'GP_SERVER_OVERLOADED' });
    a.appendFinished();
    a.release();
    // The recent average remembers the slow append, then decays while idle.
    expect(s.appendLatencyMs).toBeGreaterThan(0);
    now += 5_000;
    expect(s.wouldAdmit()).toEqual({ ok: true });
    expect(s.inFlightBatches).toBe(0);
    expect(s.inFlightBytes).toBe(0);
  });
});
