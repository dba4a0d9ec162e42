import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './breaker.ts';
import { createSeededRandom, type RandomSource } from './random.ts';

const options = { failureThreshold: 2, openMs: 10_000, maxOpenMs: 40_000 };

/** A random source that always draws `value`. */
const fixed = (value: number): RandomSource => ({ next: () => value });

/** Fails `breaker` until it opens at `nowMs`; returns how long it stays open. */
function openPeriod(breaker: CircuitBreaker, nowMs: number): number {
  while (breaker.state !== 'open') breaker.failure(nowMs);
  return breaker.waitMs(nowMs);
}

describe('core/breaker', () => {
  it('draws each open period from (openFor / 2, openFor]: the jitter source decides where', () => {
    expect(openPeriod(new CircuitBreaker(options, fixed(0)), 0)).toBe(10_000);
    expect(openPeriod(new CircuitBreaker(options, fixed(0.5)), 0)).toBe(7_500);
    expect(openPeriod(new CircuitBreaker(options, fixed(0.999999)), 0)).toBe(5_001);
  });

  it('doubles the period after a failed probe up to maxOpenMs, jittered each time, and resets on success', () => {
    const b = new CircuitBreaker(options, fixed(0.5));
    let now = 0;
    const periods: number[] = [];
    periods.push(openPeriod(b, now));
    for (let i = 0; i < 4; i++) {
      now += periods.at(-1)!;
      expect(b.waitMs(now)).toBe(0); // the open period ended: half-open, one probe may go
      expect(b.state).toBe('half_open');
      b.failure(now); // the probe failed
      periods.push(b.waitMs(now));
    }
    expect(periods).toEqual([7_500, 15_000, 30_000, 30_000, 30_000]); // 10s, 20s, 40s (max), 40s, 40s × 0.75
    b.waitMs(now + 30_000);
    b.success();
    expect(b.state).toBe('closed');
    expect(openPeriod(b, now)).toBe(7_500);
  });

  it('spreads the probes of a fleet opened at the same moment over the second half of the period', () => {
    const random = createSeededRandom(11);
    const probeAtMs = Array.from({ length: 2_000 }, () => openPeriod(new CircuitBreaker(options, random), 0));
    expect(Math.min(...probeAtMs)).toBeGreaterThan(5_000);
    expect(Math.max(...probeAtMs)).toBeLessThanOrEqual(10_000);
    // Ten 500 ms buckets: each holds about a tenth of the fleet, none a crowd.
    const buckets = new Array<number>(10).fill(0);
    for (const t of probeAtMs) buckets[Math.min(9, Math.floor((t - 5_000) / 500))]! += 1;
    for (const n of buckets) expect(n).toBeLessThan(2_000 * 0.15);
  });
});
