/**
 * The delivery KPI on DuckDB against its reference (reference/delivery.ts) and against
 * numbers worked out by hand: simulated batches of tracked events, each with the drops
 * its SDK reports (sdk_health), summed into rollup rows the way the processor does (drop
 * rows: event_type sdk_dropped, reason in action, in the window of the batch's newest
 * event); the reference reads one fact per event and one per reported reason. Also: the
 * KPIs that sum all events (events_by_type, late_events, error_rate) leave the drop rows out.
 */
import { SDK_DROP_CODES, type RollupRowData } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { seededRandom, MINUTE_MS } from '@gamepulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryReference } from './reference/delivery.ts';
import { REFERENCE_KPIS, type RefData, type RefRollup } from './reference/reference-kpis.ts';
import { resolveKpiParams } from './params.ts';
import { getKpi, runKpi } from './run-kpi.ts';
import type { KpiParams } from './types.ts';

const DAY0 = Date.UTC(2026, 11, 1);
const H = 3_600_000;
const REASONS = [...SDK_DROP_CODES, 'GP_EVENT_CURRENCY_INVALID', 'other'];

/** One fact per tracked event and per (batch, reason) of reported drops. */
function generate(): RefRollup[] {
  const rng = seededRandom('delivery');
  const out: RefRollup[] = [];
  const row = (
    tsMs: number,
    d: { gameId: string; build: string; platform: string },
    eventType: string,
    action: string,
    events: number,
  ): RefRollup => ({
    windowStartMs: tsMs,
    ...d,
    country: 'DE',
    eventType,
    action,
    currency: '',
    item: '',
    variant: '',
    events,
    amount: 0,
  });
  for (let install = 0; install < 60; install++) {
    const d = { gameId: rng.pick(['g1', 'g2']), build: rng.pick(['1.0.0', '1.1.0', '2.0.0']), platform: rng.pick(['ios', 'web']) };
    let t = DAY0 + rng.int(0, 20 * 60) * MINUTE_MS;
    for (let b = rng.int(1, 8); b > 0; b--) {
      let newest = 0;
      for (let e = rng.int(1, 20); e > 0; e--) {
        t += rng.int(100, 20_000);
        newest = t;
        out.push(row(t, d, rng.pick(['session_start', 'progression', 'error']), rng.pick(['', 'fail', 'critical']), 1));
      }
      if (rng.next() < 0.6)
        for (const reason of REASONS) if (rng.next() < 0.3) out.push(row(newest, d, 'sdk_dropped', reason, rng.int(1, 50)));
    }
  }
  return out;
}

/** Summed per minute and key, as the processor writes them. */
function aggregate(facts: readonly RefRollup[]): RollupRowData[] {
  const rows = new Map<string, RollupRowData & { events: number }>();
  for (const f of facts) {
    const windowStartMs = Math.floor(f.windowStartMs / MINUTE_MS) * MINUTE_MS;
    const k = JSON.stringify([windowStartMs, f.gameId, f.build, f.platform, f.eventType, f.action]);
    const r = rows.get(k) ?? { ...f, windowStartMs, events: 0, lateEvents: 0, region: 'Europe', subregion: 'Western Europe' };
    r.events += f.events;
    rows.set(k, r);
  }
  return [...rows.values()];
}

let store: DuckDbStore;
let truth: RefData;

beforeAll(async () => {
  const facts = generate();
  truth = { rollups: facts, players: [], playerVariant: true };
  store = await openDuckDbStore({ path: ':memory:' });
  const rollups = aggregate(facts);
  for (const i of [0, 1])
    await store.commit({
      consumer: 'test',
      rollups: rollups.filter((_, j) => j % 2 === i),
      players: [],
      steps: [],
      positions: [],
      state: [],
      deadLetters: [],
    });
});
afterAll(async () => {
  await store.close();
});

describe('kpi/delivery', () => {
  const cases: KpiParams[] = [
    { fromMs: DAY0, toMs: DAY0 + 24 * H },
    { fromMs: DAY0, toMs: DAY0 + 24 * H, by: ['game'] },
    { fromMs: DAY0, toMs: DAY0 + 24 * H, by: ['game', 'platform'], granularity: 'hour' },
    { fromMs: DAY0 + 2 * H, toMs: DAY0 + 9 * H, game: 'g1', build: '1.1.0', granularity: 'minute' },
    { fromMs: DAY0, toMs: DAY0 + 24 * H, platform: 'web', by: ['build'] },
  ];
  for (const params of cases)
    it(`equals the reference for ${JSON.stringify(params)}`, async () => {
      const got = await runKpi(store, 'delivery', params);
      const want = deliveryReference(resolveKpiParams(getKpi('delivery'), params, DAY0 + 24 * H), truth);
      expect(want.length).toBeGreaterThan(0);
      expect(got.rows).toHaveLength(want.length);
      got.rows.forEach((r, i) => {
        const w = want[i]!;
        for (const [k, v] of Object.entries(w)) {
          if (typeof v === 'number' && !Number.isInteger(v)) expect(r[k], k).toBeCloseTo(v, 12);
          else expect(r[k], k).toEqual(v);
        }
      });
      expect(got.rows.some((r) => Number(r.dropped) > 0)).toBe(true);
    });

  it('gives the numbers worked out by hand', async () => {
    const s = await openDuckDbStore({ path: ':memory:' });
    try {
      const w = DAY0 + 5 * MINUTE_MS;
      const base = {
        windowStartMs: w,
        gameId: 'g',
        build: '3.0.0',
        platform: 'ios',
        country: '',
        currency: '',
        item: '',
        variant: '',
        lateEvents: 0,
      };
      const rollups: RollupRowData[] = [
        { ...base, eventType: 'session_start', action: '', events: 60 },
        { ...base, eventType: 'progression', action: 'fail', events: 20 },
        { ...base, eventType: 'sdk_dropped', action: 'GP_SDK_QUEUE_FULL', events: 10 },
        { ...base, eventType: 'sdk_dropped', action: 'GP_SDK_QUEUE_EVICTED', events: 2 },
        { ...base, eventType: 'sdk_dropped', action: 'GP_SDK_CONSENT_DENIED', events: 3 },
        { ...base, eventType: 'sdk_dropped', action: 'GP_EVENT_AMOUNT_INVALID', events: 4 },
        { ...base, eventType: 'sdk_dropped', action: 'other', events: 1 },
      ];
      await s.commit({ consumer: 'test', rollups, players: [], steps: [], positions: [], state: [], deadLetters: [] });
      const p = { fromMs: DAY0, toMs: DAY0 + H };
      expect((await runKpi(s, 'delivery', { ...p, by: ['game'] })).rows).toEqual([
        {
          game_id: 'g',
          build: '3.0.0',
          arrived: 80,
          dropped: 20,
          tracked: 100,
          dropped_queue_full: 12,
          dropped_consent: 3,
          dropped_invalid: 4,
          dropped_rejected: 0,
          dropped_shutdown: 0,
          dropped_other: 1,
          delivery_share: 0.8,
          dropped_share: 0.2,
        },
      ]);
      // Whole-traffic KPIs count tracked events only.
      expect((await runKpi(s, 'events_by_type', p)).rows).toEqual([
        { event_type: 'session_start', events: 60 },
        { event_type: 'progression', events: 20 },
      ]);
      expect((await runKpi(s, 'late_events', { ...p, granularity: 'all' })).rows).toEqual([{ events: 80, late_events: 0, late_share: 0 }]);
    } finally {
      await s.close();
    }
  });

  it('events_by_type, late_events and error_rate leave the drop rows out, like their references', async () => {
    const p: KpiParams = { fromMs: DAY0, toMs: DAY0 + 24 * H, by: ['game'] };
    for (const name of ['events_by_type', 'late_events', 'error_rate']) {
      const got = await runKpi(store, name, p);
      const want = REFERENCE_KPIS[name]!(resolveKpiParams(getKpi(name), p, DAY0 + 24 * H), truth);
      expect(got.rows.length).toBeGreaterThan(0);
      expect(got.rows.map((r) => JSON.stringify(r))).toEqual(want.map((r) => JSON.stringify(r)));
      expect(got.rows.some((r) => r.event_type === 'sdk_dropped')).toBe(false);
    }
  });
});
