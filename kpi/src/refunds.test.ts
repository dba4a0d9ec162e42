/**
 * The `refunds` KPI on DuckDB with hand-built rollup rows whose answers are worked out
 * by hand: refunds against the purchases of the same bucket, reasons, the amount in the
 * reporting currency, and revenue staying gross. kpi.test.ts compares it with the
 * reference on random rows besides.
 */
import type { RollupRowData } from '@gamepulse/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { runKpi } from './run-kpi.ts';

const W = Date.UTC(2025, 5, 1, 10, 0);
const M = 60_000;
const range = { fromMs: W, toMs: W + 120 * M };
let store: DuckDbStore;

const row = (minute: number, gameId: string, o: Partial<RollupRowData>): RollupRowData => ({
  windowStartMs: W + minute * M,
  gameId,
  platform: 'ios',
  ...o,
});
const buys = (minute: number, gameId: string, events: number, reporting: string) =>
  row(minute, gameId, {
    eventType: 'purchase',
    currency: 'USD',
    item: 'gems',
    events,
    amount: events * 500,
    revenueReportingMinor: events * 450,
    reportingCurrency: reporting,
  });
const refund = (minute: number, gameId: string, reason: string, events: number, reporting: string) =>
  row(minute, gameId, {
    eventType: 'refund',
    action: reason,
    currency: 'USD',
    item: 'google',
    events,
    amount: events * 500,
    revenueReportingMinor: events * 450,
    reportingCurrency: reporting,
  });

beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  const rollups: RollupRowData[] = [
    // g: 40 purchases in the first hour, 2 refunds and a chargeback
    buys(0, 'g', 30, 'USD'),
    buys(30, 'g', 10, 'USD'),
    refund(10, 'g', 'refund', 2, 'USD'),
    refund(50, 'g', 'chargeback', 1, 'USD'),
    // g, second hour: 10 chargebacks, 5 purchases (a wave of disputes)
    buys(70, 'g', 5, 'USD'),
    refund(80, 'g', 'chargeback', 10, 'USD'),
    // h (reports in EUR): refunds, no purchases in the range
    refund(20, 'h', 'revoked', 1, 'EUR'),
    // other events never count
    row(5, 'g', { eventType: 'session_start', events: 100 }),
  ];
  await store.commit({ consumer: 'test', rollups, players: [], positions: [], state: [], deadLetters: [] });
});
afterAll(async () => {
  await store.close();
});

describe('kpi/refunds (DuckDB, worked by hand)', () => {
  it('counts refunds by reason with their amount, against the purchases of the same bucket', async () => {
    const r = await runKpi(store, 'refunds', { ...range, granularity: 'hour', by: ['game'] });
    expect(r.rows).toEqual([
      {
        bucket_start_ms: W,
        game_id: 'g',
        reporting_currency: 'USD',
        refunds: 3,
        chargebacks: 1,
        revoked: 0,
        refunded_reporting_minor: 1350,
        purchases: 40,
        refund_rate: 3 / 40,
      },
      // no purchases: the rate is NULL, not 0 or infinity
      {
        bucket_start_ms: W,
        game_id: 'h',
        reporting_currency: 'EUR',
        refunds: 1,
        chargebacks: 0,
        revoked: 1,
        refunded_reporting_minor: 450,
        purchases: 0,
        refund_rate: null,
      },
      {
        bucket_start_ms: W + 60 * M,
        game_id: 'g',
        reporting_currency: 'USD',
        refunds: 10,
        chargebacks: 10,
        revoked: 0,
        refunded_reporting_minor: 4500,
        purchases: 5,
        refund_rate: 2,
      },
    ]);
  });

  it('filters by game over the whole range; revenue stays gross', async () => {
    const r = await runKpi(store, 'refunds', { ...range, game: 'g', granularity: 'all' });
    expect(r.rows).toEqual([
      {
        reporting_currency: 'USD',
        refunds: 13,
        chargebacks: 11,
        revoked: 0,
        refunded_reporting_minor: 5850,
        purchases: 45,
        refund_rate: 13 / 45,
      },
    ]);
    const revenue = await runKpi(store, 'revenue_reporting', { ...range, game: 'g', granularity: 'all' });
    expect(revenue.rows).toEqual([{ reporting_currency: 'USD', purchases: 45, revenue_reporting_minor: 45 * 450 }]);
  });
});
