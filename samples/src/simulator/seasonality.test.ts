import { describe, expect, it } from 'vitest';
import type { GameClient } from './game-client.ts';
import {
  DEFAULT_SEASONALITY,
  dailyMultiplier,
  maxSeasonalMultiplier,
  resolveSeasonality,
  seasonalMultiplier,
  seasonalPlayersAt,
  weeklyMultiplier,
} from './seasonality.ts';
import type { SimClock } from './sim-clock.ts';
import { createSimulator } from './simulator.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = Date.UTC(2026, 10, 2);

describe('samples/simulator seasonality curve', () => {
  const s = DEFAULT_SEASONALITY;

  it('has its trough and peak at the configured hours, in the configured ratio, and averages 1 over a day', () => {
    const lo = dailyMultiplier(s, MONDAY + 4 * HOUR);
    const hi = dailyMultiplier(s, MONDAY + 20 * HOUR);
    expect(hi / lo).toBeCloseTo(3, 10);
    let sum = 0;
    let min = Infinity;
    let max = 0;
    for (let m = 0; m < 1440; m++) {
      const v = dailyMultiplier(s, MONDAY + m * 60_000);
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(sum / 1440).toBeCloseTo(1, 3);
    expect(min).toBeCloseTo(lo, 10);
    expect(max).toBeCloseTo(hi, 10);
    expect(dailyMultiplier(s, MONDAY + 12 * HOUR)).toBeGreaterThan(lo);
    expect(dailyMultiplier(s, MONDAY + 12 * HOUR)).toBeLessThan(hi);
  });

  it('lifts Saturday and Sunday (UTC) only', () => {
    const days = Array.from({ length: 7 }, (_, d) => weeklyMultiplier(s, MONDAY + d * DAY + 12 * HOUR));
    expect(days).toEqual([1, 1, 1, 1, 1, 1.25, 1.25]);
    expect(seasonalMultiplier(s, MONDAY + 5 * DAY + 20 * HOUR)).toBeCloseTo(maxSeasonalMultiplier(s), 10);
  });

  it('a flat curve changes nothing; bad values are refused', () => {
    const flat = resolveSeasonality({ dailyPeakToTrough: 1, weekendLift: 1 });
    for (let h = 0; h < 24 * 7; h += 5) expect(seasonalMultiplier(flat, MONDAY + h * HOUR)).toBeCloseTo(1, 12);
    expect(() => resolveSeasonality({ dailyPeakToTrough: 0.5 })).toThrow(/dailyPeakToTrough/);
    expect(() => resolveSeasonality({ peakHourUtc: 24 })).toThrow(/peakHourUtc/);
    expect(() => resolveSeasonality({ peakHourUtc: 4 })).toThrow(/differ/);
    expect(() => resolveSeasonality({ weekendLift: 0 })).toThrow(/weekendLift/);
  });

  it('realtime: players in the game at once follow the curve, all of them at the peak', () => {
    expect(seasonalPlayersAt(300, s, MONDAY + 5 * DAY + 20 * HOUR)).toBe(300);
    expect(seasonalPlayersAt(300, s, MONDAY + 20 * HOUR)).toBe(240);
    expect(seasonalPlayersAt(300, s, MONDAY + 4 * HOUR)).toBe(80);
    expect(seasonalPlayersAt(1, s, MONDAY + 4 * HOUR)).toBe(1);
  });
});

describe('samples/simulator seasonality in virtual mode', () => {
  async function sessionStarts(seed: number, seasonality?: object): Promise<number[]> {
    const starts: number[] = [];
    const noop = () => undefined;
    const client = (clock: SimClock): GameClient => ({
      session: { start: () => void starts.push(clock.now()), end: noop },
      progression: { start: noop, complete: noop, fail: noop },
      purchase: noop,
      refund: noop,
      resource: { source: noop, sink: noop },
      design: noop,
      ad: noop,
      social: noop,
      featureUsed: noop,
      error: noop,
      experiment: { exposure: noop },
      flush: async () => {},
      shutdown: async () => {},
    });
    await createSimulator({
      players: 80,
      seed,
      days: 14,
      startMs: MONDAY,
      // Steady players (no churn) with few actions: the session rate is stationary and cheap to run.
      churnRate: 0,
      maxSessionsPerPlayer: 100_000,
      actionGapMs: 10 * 60_000,
      ...(seasonality ? { seasonality } : {}),
      createClient: (_p, clock) => client(clock),
    }).run();
    return starts;
  }

  it('session starts follow the daily and weekly curve, deterministically from the seed', async () => {
    const starts = await sessionStarts(3, {});
    expect(starts.length).toBeGreaterThan(2_000);
    const hourOf = (ms: number) => Math.floor((ms % DAY) / HOUR);
    const inHours = (hours: number[]) => starts.filter((ms) => hours.includes(hourOf(ms))).length;
    // Peak hours around 20:00 against trough hours around 04:00: the curve's ratio there is about 2.9.
    const ratio = inHours([19, 20, 21]) / inHours([3, 4, 5]);
    expect(ratio).toBeGreaterThan(2.2);
    expect(ratio).toBeLessThan(3.8);
    // Steady players first start within the first day; count from day 2 on (two weekends, ten weekdays).
    const late = starts.filter((ms) => ms >= MONDAY + 2 * DAY);
    const weekend = late.filter((ms) => [0, 6].includes(new Date(ms).getUTCDay())).length / 4;
    const weekday = late.filter((ms) => ![0, 6].includes(new Date(ms).getUTCDay())).length / 8;
    expect(weekend / weekday).toBeGreaterThan(1.12);
    expect(weekend / weekday).toBeLessThan(1.4);
    expect(await sessionStarts(3, {})).toEqual(starts);
  });

  it('without seasonality the hours are flat', async () => {
    const starts = await sessionStarts(3);
    const hourOf = (ms: number) => Math.floor((ms % DAY) / HOUR);
    const late = starts.filter((ms) => ms >= MONDAY + 2 * DAY);
    const ratio =
      late.filter((ms) => [19, 20, 21].includes(hourOf(ms))).length / late.filter((ms) => [3, 4, 5].includes(hourOf(ms))).length;
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.33);
  });
});
