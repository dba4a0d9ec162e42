/**
 * ab_test and the reporting-currency KPIs on DuckDB with hand-built rows whose answers
 * are worked out by hand: assignment-set semantics (element match, per-experiment
 * variant), per-player sums before per-variant sums, sums of squares.
 */
import type { PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { runKpi } from './run-kpi.ts';
import { meanAndVariance } from './definitions/ab-test.ts';

const W = Date.UTC(2025, 5, 1, 10, 0);
const M = 60_000;
const range = { fromMs: W - 60 * M, toMs: W + 60 * M };
let store: DuckDbStore;

const player = (minute: number, playerId: string, variant: string, o: Partial<PlayerWindowData> = {}): PlayerWindowData => ({
  windowStartMs: W + minute * M,
  gameId: 'g',
  playerId,
  variant,
  events: 1,
  ...o,
});

beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  const players: PlayerWindowData[] = [
    // p1: before exposure (no variant), then in shop_layout:grid, then also onboarding:guided
    player(0, 'p1', '', { purchases: 1, revenueReportingMinor: 1000, sessions: 1 }),
    player(1, 'p1', 'shop_layout:grid', { purchases: 1, revenueReportingMinor: 300, sessions: 1 }),
    player(2, 'p1', 'onboarding:guided,shop_layout:grid', { purchases: 2, revenueReportingMinor: 200 }),
    // p2: grid, no purchase, 2 sessions in two windows
    player(0, 'p2', 'shop_layout:grid', { sessions: 1 }),
    player(5, 'p2', 'onboarding:classic,shop_layout:grid', { sessions: 1 }),
    // p3: control, one purchase
    player(3, 'p3', 'onboarding:classic,shop_layout:control', { purchases: 1, revenueReportingMinor: 99, sessions: 3 }),
    // p4: only in onboarding (and a name that LIKE's _ would match if unescaped)
    player(4, 'p4', 'onboarding:guided,shopXlayout:grid', { sessions: 1 }),
  ];
  const rollups: RollupRowData[] = [
    {
      windowStartMs: W,
      gameId: 'g',
      eventType: 'purchase',
      currency: 'JPY',
      events: 2,
      amount: 320,
      revenueReportingMinor: 200,
      reportingCurrency: 'USD',
    },
    {
      windowStartMs: W,
      gameId: 'g',
      eventType: 'purchase',
      currency: 'USD',
      events: 1,
      amount: 99,
      revenueReportingMinor: 99,
      reportingCurrency: 'USD',
    },
    {
      windowStartMs: W,
      gameId: 'h',
      eventType: 'purchase',
      currency: 'USD',
      events: 1,
      amount: 100,
      revenueReportingMinor: 92,
      reportingCurrency: 'EUR',
    },
  ];
  await store.commit({ consumer: 't', rollups, players, positions: [], state: [], deadLetters: [] });
});
afterAll(async () => store.close());

describe('kpi/ab_test (DuckDB, worked by hand)', () => {
  it('per variant: exposed players, and per-player conversion, revenue and sessions as sum, sum of squares, mean, variance', async () => {
    const r = await runKpi(store, 'ab_test', { ...range, experiment: 'shop_layout' });
    // grid: p1 (converted; 300 + 200 after exposure; 1 session) and p2 (0; 0; 2 sessions); control: p3 (1; 99; 3)
    expect(r.rows).toEqual([
      {
        variant: 'shop_layout:control',
        players: 1,
        conversion_sum: 1,
        conversion_sum_squares: 1,
        conversion_mean: 1,
        conversion_variance: null,
        revenue_sum: 99,
        revenue_sum_squares: 9801,
        revenue_mean: 99,
        revenue_variance: null,
        sessions_sum: 3,
        sessions_sum_squares: 9,
        sessions_mean: 3,
        sessions_variance: null,
      },
      {
        variant: 'shop_layout:grid',
        players: 2,
        conversion_sum: 1,
        conversion_sum_squares: 1,
        conversion_mean: 0.5,
        conversion_variance: 0.5,
        revenue_sum: 500,
        revenue_sum_squares: 250_000,
        revenue_mean: 250,
        revenue_variance: 125_000,
        sessions_sum: 3,
        sessions_sum_squares: 5,
        sessions_mean: 1.5,
        sessions_variance: 0.5,
      },
    ]);
    expect(r.columns).toEqual(Object.keys(r.rows[0]!));
  });

  it('another experiment of the same players: its own variants, from the rows assigned to it', async () => {
    const r = await runKpi(store, 'ab_test', { ...range, experiment: 'onboarding' });
    expect(r.rows.map((x) => [x.variant, x.players, x.conversion_sum, x.revenue_sum, x.sessions_sum])).toEqual([
      ['onboarding:classic', 2, 1, 99, 4],
      ['onboarding:guided', 2, 1, 200, 1],
    ]);
  });

  it('refuses without an experiment', async () => {
    await expect(runKpi(store, 'ab_test', range)).rejects.toMatchObject({ code: 'GP_QUERY_BAD_PARAM' });
  });

  it('variant= is element match; by=variant with experiment= groups by that experiment’s variant', async () => {
    const grid = await runKpi(store, 'payer_conversion', { ...range, granularity: 'all', variant: 'shop_layout:grid' });
    expect(grid.rows).toEqual([{ players: 2, payers: 1, conversion: 0.5 }]);
    const by = await runKpi(store, 'payer_conversion', { ...range, granularity: 'all', by: ['variant'], experiment: 'onboarding' });
    expect(by.rows.map((x) => [x.variant, x.players])).toEqual([
      ['', 2],
      ['onboarding:classic', 2],
      ['onboarding:guided', 2],
    ]);
  });

  it('meanAndVariance: sample variance from n, Σx, Σx²; NULL where undefined', () => {
    expect(meanAndVariance(0, 0, 0)).toEqual({ mean: null, variance: null });
    expect(meanAndVariance(1, 5, 25)).toEqual({ mean: 5, variance: null });
    expect(meanAndVariance(4, 10, 30)).toEqual({ mean: 2.5, variance: (30 - 25) / 3 });
  });
});

describe('kpi/reporting-currency KPIs (DuckDB, worked by hand)', () => {
  it('revenue_reporting sums converted revenue per reporting currency; revenue keeps the original currencies', async () => {
    const r = await runKpi(store, 'revenue_reporting', { ...range, granularity: 'all' });
    expect(r.rows).toEqual([
      { reporting_currency: 'EUR', purchases: 1, revenue_reporting_minor: 92 },
      { reporting_currency: 'USD', purchases: 3, revenue_reporting_minor: 299 },
    ]);
    const orig = await runKpi(store, 'revenue', { ...range, granularity: 'all' });
    expect(orig.rows.map((x) => [x.currency, x.amount_minor])).toEqual([
      ['JPY', 320],
      ['USD', 199],
    ]);
  });

  it('arppu_reporting and arpdau_reporting divide the player rows’ converted revenue by payers / DAU', async () => {
    const arppu = await runKpi(store, 'arppu_reporting', { ...range, granularity: 'all' });
    expect(arppu.rows).toEqual([{ payers: 2, revenue_reporting_minor: 1599, arppu_reporting_minor: 799.5 }]);
    const arpdau = await runKpi(store, 'arpdau_reporting', { fromMs: Date.UTC(2025, 5, 1), toMs: Date.UTC(2025, 5, 2) });
    expect(arpdau.rows).toEqual([
      { day_start_ms: Date.UTC(2025, 5, 1), dau: 4, revenue_reporting_minor: 1599, arpdau_reporting_minor: 1599 / 4 },
    ]);
  });
});
