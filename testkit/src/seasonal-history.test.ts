import type { PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import { DEFAULT_SEASONALITY, dailyMultiplier, largestPrice, resolveSeasonality, type IncidentSpec } from '@gamepulse/samples';
import { describe, expect, it } from 'vitest';
import { seasonalRollupHistory, type SeasonalHistoryOptions } from './seasonal-history.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = Date.UTC(2026, 10, 2);
const SHAPE: SeasonalHistoryOptions = {
  startMs: MONDAY,
  days: 14,
  seed: 5,
  platforms: ['ios'],
  countries: ['US', 'DE'],
  builds: ['1.4.0', '1.4.1'],
};

const hourOf = (ms: number) => Math.floor((ms % DAY) / HOUR);
const weekend = (ms: number) => [0, 6].includes(new Date(ms).getUTCDay());
const sum = (rows: ReadonlyArray<{ events?: number | null }>) => rows.reduce((n, r) => n + r.events!, 0);
const key = (r: object) => JSON.stringify(r);

/** Rows as sorted strings, to compare sets of rows regardless of order. */
const sorted = (rows: readonly object[]) => rows.map(key).sort();

/** The rows of `run` beyond those of `base` (multisets), and how many of base's are missing from run. */
function added<T extends object>(run: readonly T[], base: readonly T[]): { added: T[]; missing: number } {
  const left = new Map<string, number>();
  for (const r of base) {
    const k = key(r);
    left.set(k, (left.get(k) ?? 0) + 1);
  }
  const extra: T[] = [];
  for (const r of run) {
    const k = key(r);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else extra.push(r);
  }
  return { added: extra, missing: [...left.values()].reduce((a, b) => a + b, 0) };
}

describe('testkit/seasonal-history', () => {
  const base = seasonalRollupHistory(SHAPE);

  it('online players follow the daily curve: the peak-to-trough ratio is as configured', () => {
    // Distinct players per window, averaged over hours 19–21 and 03–05 of weekdays.
    const online = new Map<number, Set<string>>();
    for (const p of base.players) {
      let s = online.get(p.windowStartMs!);
      if (!s) online.set(p.windowStartMs!, (s = new Set()));
      s.add(p.playerId!);
    }
    const mean = (hours: number[]) => {
      const sizes = [...online].filter(([w]) => !weekend(w) && hours.includes(hourOf(w))).map(([, s]) => s.size);
      return sizes.reduce((a, b) => a + b, 0) / sizes.length;
    };
    const curve = (hours: number[]) => hours.reduce((a, h) => a + dailyMultiplier(DEFAULT_SEASONALITY, MONDAY + h * HOUR + HOUR / 2), 0);
    const expected = curve([19, 20, 21]) / curve([3, 4, 5]);
    const ratio = mean([19, 20, 21]) / mean([3, 4, 5]);
    expect(expected).toBeGreaterThan(2.7);
    expect(ratio / expected).toBeGreaterThan(0.85);
    expect(ratio / expected).toBeLessThan(1.15);
  });

  it('session starts follow another configured curve: peak at 14:00 UTC, five times the trough', () => {
    const seasonality = { peakHourUtc: 14, dailyPeakToTrough: 5 };
    const h = seasonalRollupHistory({ ...SHAPE, days: 7, seasonality });
    const starts = h.rollups.filter((r) => r.eventType === 'session_start');
    const inHour = (hour: number) => sum(starts.filter((r) => hourOf(r.windowStartMs!) === hour));
    const s = resolveSeasonality(seasonality);
    const curve = (hour: number) => dailyMultiplier(s, MONDAY + hour * HOUR + HOUR / 2);
    const ratio = inHour(14) / inHour(4);
    expect(ratio / (curve(14) / curve(4))).toBeGreaterThan(0.85);
    expect(ratio / (curve(14) / curve(4))).toBeLessThan(1.15);
    expect(curve(14) / curve(4)).toBeGreaterThan(4.5);
    // Without a curve the same hours are level.
    const flat = seasonalRollupHistory({ ...SHAPE, days: 7, seasonality: false }).rollups.filter((r) => r.eventType === 'session_start');
    const flatRatio = sum(flat.filter((r) => hourOf(r.windowStartMs!) === 14)) / sum(flat.filter((r) => hourOf(r.windowStartMs!) === 4));
    expect(flatRatio).toBeGreaterThan(0.85);
    expect(flatRatio).toBeLessThan(1.15);
  });

  it('weekends lift sessions and DAU', () => {
    const starts = base.rollups.filter((r) => r.eventType === 'session_start');
    const perDay = (pick: (ms: number) => boolean, n: number) => sum(starts.filter((r) => pick(r.windowStartMs!))) / n;
    const lift = perDay(weekend, 4) / perDay((ms) => !weekend(ms), 10);
    expect(lift).toBeGreaterThan(1.15);
    expect(lift).toBeLessThan(1.35);
    const dau = new Map<number, Set<string>>();
    for (const p of base.players) {
      const day = Math.floor(p.windowStartMs! / DAY) * DAY;
      let s = dau.get(day);
      if (!s) dau.set(day, (s = new Set()));
      s.add(p.playerId!);
    }
    const dauOn = (pick: (ms: number) => boolean) => {
      const v = [...dau].filter(([d]) => pick(d)).map(([, s]) => s.size);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    expect(dauOn(weekend) / dauOn((ms) => !weekend(ms))).toBeGreaterThan(1.08);
  });

  it('rollups and player rows agree: the same events per window and dimensions', () => {
    const events = (rows: ReadonlyArray<RollupRowData | PlayerWindowData>) => {
      const m = new Map<string, number>();
      for (const r of rows) {
        if ('eventType' in r && r.eventType === 'sdk_dropped') continue; // no player's event
        const k = `${r.windowStartMs}|${r.gameId}|${r.platform}|${r.country}|${r.build}`;
        m.set(k, (m.get(k) ?? 0) + r.events!);
      }
      return m;
    };
    expect(events(base.players)).toEqual(events(base.rollups));
    expect(base.rollups.every((r) => r.events! > 0 && r.windowStartMs! % 60_000 === 0)).toBe(true);
    expect(new Set(base.rollups.map((r) => r.eventType))).toEqual(
      new Set([
        'session_start',
        'session_end',
        'progression',
        'resource',
        'design',
        'feature_use',
        'social',
        'ad',
        'error',
        'purchase',
        'sdk_dropped',
        'refund',
      ]),
    );
  });

  it('is deterministic from the seed', () => {
    const again = seasonalRollupHistory({ ...SHAPE, days: 1 });
    expect(seasonalRollupHistory({ ...SHAPE, days: 1 })).toEqual(again);
    expect(sum(seasonalRollupHistory({ ...SHAPE, days: 1, seed: 6 }).rollups)).not.toBe(sum(again.rollups));
  });
});

describe('testkit/seasonal-history incident overlay', () => {
  // Two days of two segments keep the row-by-row comparisons quick; the incident is on the second evening.
  const SHORT = { ...SHAPE, days: 2, countries: ['US'] };
  const base = seasonalRollupHistory(SHORT);
  const WINDOW = { startMs: MONDAY + DAY + 18 * HOUR, durationMs: 2 * HOUR };
  const END = WINDOW.startMs + WINDOW.durationMs;
  const overlay = (incident: IncidentSpec) => seasonalRollupHistory({ ...SHORT, incidents: [incident] });
  /** Rows of windows outside [from, to). */
  const outside = <T extends { windowStartMs?: number | null }>(rows: readonly T[], from: number, to: number) =>
    rows.filter((r) => r.windowStartMs! < from || r.windowStartMs! >= to);
  const within = <T extends { windowStartMs?: number | null }>(rows: readonly T[]) =>
    rows.filter((r) => r.windowStartMs! >= WINDOW.startMs && r.windowStartMs! < END);
  // A session that starts in the window may last 30 minutes past its end.
  const TAIL = 30 * 60_000;

  it('dau-drop: sessions, online players and events fall in the window; rows outside it are unchanged', () => {
    const run = overlay({ kind: 'dau-drop', ...WINDOW });
    // The blocked sessions' purchases are not refunded either: refunds come up to 4 h later.
    const later = END + TAIL + 4 * HOUR;
    expect(sorted(outside(run.rollups, WINDOW.startMs, later))).toEqual(sorted(outside(base.rollups, WINDOW.startMs, later)));
    expect(sorted(outside(run.players, WINDOW.startMs, later))).toEqual(sorted(outside(base.players, WINDOW.startMs, later)));
    const starts = (rows: RollupRowData[]) => sum(within(rows).filter((r) => r.eventType === 'session_start'));
    expect(starts(run.rollups) / starts(base.rollups)).toBeLessThan(0.3);
    expect(new Set(within(run.players).map((p) => p.playerId)).size).toBeLessThan(
      new Set(within(base.players).map((p) => p.playerId)).size * 0.5,
    );
    const [truth] = run.incidents;
    expect(truth).toMatchObject({
      kind: 'dau-drop',
      startMs: WINDOW.startMs,
      endMs: END,
      sessions: starts(base.rollups) - starts(run.rollups),
    });
  });

  it('fraud: only purchase rows (and the actors’ sessions) are added, at 10× the largest price', () => {
    const run = overlay({ kind: 'fraud', ...WINDOW });
    const diff = added(run.rollups, base.rollups);
    expect(diff.missing).toBe(0);
    expect(new Set(diff.added.map((r) => r.eventType))).toEqual(new Set(['session_start', 'purchase', 'session_end']));
    const buys = diff.added.filter((r) => r.eventType === 'purchase');
    expect(sum(buys)).toBe(3 * (WINDOW.durationMs / 5_000));
    expect(buys.every((r) => r.windowStartMs! >= WINDOW.startMs && r.windowStartMs! < END)).toBe(true);
    expect(buys.every((r) => r.amount === r.events! * 10 * largestPrice(r.currency as Parameters<typeof largestPrice>[0]))).toBe(true);
    expect(run.incidents[0]!.players).toHaveLength(3);
    expect(new Set(run.players.map((p) => p.playerId)).size).toBe(new Set(base.players.map((p) => p.playerId)).size + 3);
  });

  it('exploit: only source rows of the currency are added; net flow in the window explodes', () => {
    const run = overlay({ kind: 'exploit', ...WINDOW });
    const diff = added(run.rollups, base.rollups);
    expect(diff.missing).toBe(0);
    expect(new Set(diff.added.map((r) => r.eventType))).toEqual(new Set(['session_start', 'resource', 'session_end']));
    const sources = diff.added.filter((r) => r.eventType === 'resource');
    expect(sources.every((r) => r.action === 'source' && r.currency === 'gems')).toBe(true);
    const net = (rows: RollupRowData[]) =>
      within(rows)
        .filter((r) => r.eventType === 'resource' && r.currency === 'gems')
        .reduce((n, r) => n + (r.action === 'source' ? r.amount! : -r.amount!), 0);
    expect(net(run.rollups) - net(base.rollups)).toBe(3 * (WINDOW.durationMs / 2_000) * 10_000);
    expect(Math.abs(net(base.rollups))).toBeLessThan(net(run.rollups) / 20);
  });

  it('normal traffic: about refundShare of the purchases are refunded, later, by reason', () => {
    const purchases = sum(base.rollups.filter((r) => r.eventType === 'purchase'));
    const refunds = base.rollups.filter((r) => r.eventType === 'refund');
    // 2 % of the purchases (binomial: within 4σ), less those whose refund falls after the history's end.
    expect(sum(refunds)).toBeGreaterThan(0);
    expect(Math.abs(sum(refunds) - 0.02 * purchases)).toBeLessThan(4 * Math.sqrt(0.02 * purchases) + 1);
    expect(new Set(refunds.map((r) => r.action))).toEqual(new Set(['refund', 'chargeback']));
    expect(refunds.every((r) => r.reportingCurrency === 'USD' && r.revenueReportingMinor! > 0)).toBe(true);
    expect(sum(seasonalRollupHistory({ ...SHORT, refundShare: 0 }).rollups.filter((r) => r.eventType === 'refund'))).toBe(0);
  });

  it('refund-burst: only chargeback rows (and the actors’ sessions) are added, in the window', () => {
    const run = overlay({ kind: 'refund-burst', ...WINDOW });
    const diff = added(run.rollups, base.rollups);
    expect(diff.missing).toBe(0);
    expect(new Set(diff.added.map((r) => r.eventType))).toEqual(new Set(['session_start', 'refund', 'session_end']));
    const refunds = diff.added.filter((r) => r.eventType === 'refund');
    expect(sum(refunds)).toBe(3 * (WINDOW.durationMs / 5_000));
    expect(refunds.every((r) => r.action === 'chargeback' && r.windowStartMs! >= WINDOW.startMs && r.windowStartMs! < END)).toBe(true);
    expect(run.incidents[0]).toMatchObject({ kind: 'refund-burst', events: 3 * (WINDOW.durationMs / 5_000) });
    expect(run.incidents[0]!.players).toHaveLength(3);
  });

  it('bad-release: a share of the window’s sessions move to the bad build with many errors; other events are as before', () => {
    const run = overlay({ kind: 'bad-release', ...WINDOW });
    expect(sorted(outside(run.rollups, WINDOW.startMs, END + TAIL))).toEqual(sorted(outside(base.rollups, WINDOW.startMs, END + TAIL)));
    const bad = run.rollups.filter((r) => r.build === '1.4.0-bad');
    expect(bad.every((r) => r.windowStartMs! >= WINDOW.startMs && r.windowStartMs! < END + TAIL)).toBe(true);
    const perSession = (rows: RollupRowData[]) =>
      sum(rows.filter((r) => r.eventType === 'error')) / sum(rows.filter((r) => r.eventType === 'session_start'));
    expect(perSession(bad)).toBeGreaterThan(10);
    expect(perSession(within(base.rollups))).toBeLessThan(0.5);
    // Without the errors, and summed over builds, every window is as without the incident.
    const play = (rows: RollupRowData[]) => {
      const m = new Map<string, number>();
      for (const r of rows) {
        if (r.eventType === 'error') continue;
        const k = `${r.windowStartMs}|${r.eventType}|${r.action}|${r.currency}|${r.item}|${r.country}`;
        m.set(k, (m.get(k) ?? 0) + r.events!);
      }
      return m;
    };
    expect(play(run.rollups)).toEqual(play(base.rollups));
    expect(run.incidents[0]).toMatchObject({ kind: 'bad-release', build: '1.4.0-bad' });
    expect(run.incidents[0]!.sessions).toBe(sum(bad.filter((r) => r.eventType === 'session_start')));
  });
  it('sdk-drops: a share of the window’s sessions move to the drops build, whose SDK drops events; tracked events are as before', () => {
    const run = overlay({ kind: 'sdk-drops', ...WINDOW });
    expect(sorted(outside(run.rollups, WINDOW.startMs, END + TAIL))).toEqual(sorted(outside(base.rollups, WINDOW.startMs, END + TAIL)));
    const onBuild = run.rollups.filter((r) => r.build === '1.5.0-drops');
    const dropped = (rows: RollupRowData[]) => sum(rows.filter((r) => r.eventType === 'sdk_dropped'));
    const tracked = (rows: RollupRowData[]) => sum(rows.filter((r) => r.eventType !== 'sdk_dropped'));
    // About 0.5 drops per action (7.5 a minute) against the session’s tracked events: about a fifth.
    expect(dropped(onBuild) / (dropped(onBuild) + tracked(onBuild))).toBeGreaterThan(0.15);
    // Normal traffic drops about 0.2 % (queue full).
    const normal = within(base.rollups);
    expect(dropped(normal) / tracked(normal)).toBeGreaterThan(0.0005);
    expect(dropped(normal) / tracked(normal)).toBeLessThan(0.01);
    // Tracked events summed over builds are as without the incident.
    const play = (rows: RollupRowData[]) => {
      const m = new Map<string, number>();
      for (const r of rows) {
        if (r.eventType === 'sdk_dropped') continue;
        const k = `${r.windowStartMs}|${r.eventType}|${r.action}|${r.currency}|${r.item}|${r.country}`;
        m.set(k, (m.get(k) ?? 0) + r.events!);
      }
      return m;
    };
    expect(play(run.rollups)).toEqual(play(base.rollups));
    expect(run.incidents[0]).toMatchObject({ kind: 'sdk-drops', build: '1.5.0-drops' });
    expect(run.incidents[0]!.events).toBe(
      sum(onBuild.filter((r) => r.eventType === 'sdk_dropped' && r.action === 'GP_EVENT_CURRENCY_INVALID')),
    );
  });
});
