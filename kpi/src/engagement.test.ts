/**
 * The engagement and late-data KPIs (feature_adoption, ads, social_actions, error_rate,
 * top_items, late_events) on DuckDB against their references (reference/engagement.ts).
 * Raw events are generated here, summed into rollup and player rows the way the
 * processor does (per minute, dimensions, sub-dimensions; region from the country), and
 * the references read one fact per event: equal answers mean the SQL sums, joins and
 * divides like the definition says.
 */
import { regionOf, type PlayerStepData, type PlayerWindowData, type RollupRowData } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { seededRandom, DAY_MS, MINUTE_MS } from '@gamepulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGAGEMENT_REFERENCES } from './reference/engagement.ts';
import type { RefData } from './reference/reference-kpis.ts';
import { runKpi } from './run-kpi.ts';
import type { KpiParams } from './types.ts';

const DAY0 = Date.UTC(2025, 6, 1);
const H = 3_600_000;

interface RawEvent {
  tsMs: number;
  playerId: string;
  gameId: string;
  build: string;
  platform: string;
  country: string;
  eventType: string;
  action: string;
  currency: string;
  item: string;
  amount: number;
  late: boolean;
}

/** 150 players over two days, each with a fixed device profile, doing the engagement events. */
function generate(): RawEvent[] {
  const rng = seededRandom('engagement');
  const out: RawEvent[] = [];
  for (let i = 0; i < 150; i++) {
    const profile = {
      playerId: `p${i}`,
      gameId: rng.pick(['space-miner', 'word-quest']),
      build: rng.pick(['1.0.0', '1.1.0', '1.2.0']),
      platform: rng.pick(['ios', 'android']),
      // 'AQ' (no M49 region) and 'XX' (unknown): region ''.
      country: rng.pick(['DE', 'FR', 'US', 'BR', 'JP', 'IN', 'NG', 'AU', 'AQ', 'XX']),
    };
    for (let s = rng.int(1, 6); s > 0; s--) {
      let t = DAY0 + rng.int(0, 2 * 1440 - 30) * MINUTE_MS + rng.int(0, 59_999);
      const ev = (eventType: string, f: Partial<RawEvent> = {}) =>
        out.push({ tsMs: t, ...profile, eventType, action: '', currency: '', item: '', amount: 0, late: rng.next() < 0.05, ...f });
      ev('session_start');
      for (let a = rng.int(1, 12); a > 0; a--) {
        t += rng.int(1, 120) * 1000;
        const roll = rng.next();
        if (roll < 0.3) {
          const ad = rng.pick(['rewarded:shop', 'rewarded:game_over', 'interstitial', 'banner:menu']);
          ev('ad', { action: 'show', item: ad });
          if (rng.next() < 0.3) ev('ad', { action: 'click', item: ad });
          if (ad.startsWith('rewarded') && rng.next() < 0.7) ev('ad', { action: 'reward_received', item: ad });
          if (rng.next() < 0.1) ev('ad', { action: 'failed_show', item: ad });
        } else if (roll < 0.45) ev('social', { action: rng.pick(['invite', 'share', 'gift']) });
        else if (roll < 0.6) ev('error', { action: rng.pick(['warning', 'error', 'critical']) });
        else if (roll < 0.85) ev('feature_use', { item: rng.pick(['chat', 'daily_bonus', 'leaderboard']) });
        else {
          const currency = rng.pick(['USD', 'EUR', 'JPY']);
          ev('purchase', {
            currency,
            item: rng.pick(['gem_pack', 'starter', 'vip']),
            amount: currency === 'JPY' ? 500 : rng.pick([99, 499, 999]),
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.tsMs - b.tsMs);
}

/** The processor's rows: summed per minute and key, region stamped from the country; step facts per player and key. */
function aggregate(events: readonly RawEvent[]): { rollups: RollupRowData[]; players: PlayerWindowData[]; steps: PlayerStepData[] } {
  const rollups = new Map<string, RollupRowData & { events: number; amount: number; lateEvents: number }>();
  const players = new Map<string, PlayerWindowData & { events: number }>();
  const steps = new Map<string, PlayerStepData & { firstMs: number; events: number }>();
  for (const e of events) {
    const windowStartMs = Math.floor(e.tsMs / MINUTE_MS) * MINUTE_MS;
    const dims = { windowStartMs, gameId: e.gameId, build: e.build, platform: e.platform, country: e.country, ...regionOf(e.country) };
    const rk = JSON.stringify([dims, e.eventType, e.action, e.currency, e.item]);
    const r = rollups.get(rk) ?? {
      ...dims,
      eventType: e.eventType,
      action: e.action,
      currency: e.currency,
      item: e.item,
      events: 0,
      amount: 0,
      lateEvents: 0,
    };
    r.events += 1;
    r.amount += e.amount;
    if (e.late) r.lateEvents += 1;
    rollups.set(rk, r);
    const pk = JSON.stringify([dims, e.playerId]);
    const p = players.get(pk) ?? { ...dims, playerId: e.playerId, firstSeenDayMs: DAY0, events: 0 };
    p.events += 1;
    players.set(pk, p);
    const { region: _r, subregion: _s, ...stepDims } = dims;
    const sk = JSON.stringify([dims, e.playerId, e.eventType, e.action, e.item]);
    const st = steps.get(sk) ?? {
      ...stepDims,
      playerId: e.playerId,
      eventType: e.eventType,
      action: e.action,
      item: e.item,
      variant: '',
      firstMs: e.tsMs,
      events: 0,
    };
    st.firstMs = Math.min(st.firstMs, e.tsMs);
    st.events += 1;
    steps.set(sk, st);
  }
  return { rollups: [...rollups.values()], players: [...players.values()], steps: [...steps.values()] };
}

function facts(events: readonly RawEvent[]): RefData {
  return {
    rollups: events.map((e) => ({
      windowStartMs: e.tsMs,
      gameId: e.gameId,
      build: e.build,
      platform: e.platform,
      country: e.country,
      eventType: e.eventType,
      action: e.action,
      currency: e.currency,
      item: e.item,
      variant: '',
      events: 1,
      amount: e.amount,
      lateEvents: e.late ? 1 : 0,
    })),
    players: events.map((e) => ({
      windowStartMs: e.tsMs,
      gameId: e.gameId,
      build: e.build,
      platform: e.platform,
      country: e.country,
      variant: '',
      playerId: e.playerId,
      firstSeenDayMs: DAY0,
      events: 1,
      purchases: 0,
      sessions: 0,
    })),
    events: events.map((e) => ({
      tsMs: e.tsMs,
      playerId: e.playerId,
      installId: e.playerId,
      gameId: e.gameId,
      build: e.build,
      platform: e.platform,
      country: e.country,
      type: e.eventType,
      action: e.action,
      currency: e.currency,
      item: e.item,
      amount: e.amount,
      value: 0,
      exposure: '',
    })),
    playerVariant: true,
  };
}

let store: DuckDbStore;
let truth: RefData;

beforeAll(async () => {
  const events = generate();
  truth = facts(events);
  const { rollups, players, steps } = aggregate(events);
  store = await openDuckDbStore({ path: ':memory:' });
  // Two commits, so keys repeat as deltas.
  const half = (xs: unknown[], i: number) => xs.filter((_, j) => j % 2 === i);
  for (const i of [0, 1])
    await store.commit({
      consumer: 'test',
      rollups: half(rollups, i) as RollupRowData[],
      players: half(players, i) as PlayerWindowData[],
      steps: half(steps, i) as PlayerStepData[],
      positions: [],
      state: [],
      deadLetters: [],
    });
});
afterAll(async () => {
  await store.close();
});

const CASES: Array<[string, KpiParams]> = [
  ['both days', { fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS }],
  ['range cutting days, by game', { fromMs: DAY0 + 5 * H + 7 * MINUTE_MS, toMs: DAY0 + 30 * H, by: ['game'] }],
  ['by region and subregion', { fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS, by: ['region', 'subregion'] }],
  ['one region, by country', { fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS, region: 'Europe', by: ['country'] }],
  ['one subregion and platform', { fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS, subregion: 'South America', platform: 'ios' }],
  ['by build and platform', { fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS, by: ['build', 'platform'] }],
  ['no data', { fromMs: DAY0 - DAY_MS, toMs: DAY0 }],
];

describe('kpi/engagement (DuckDB vs reference)', () => {
  for (const [name, reference] of Object.entries(ENGAGEMENT_REFERENCES)) {
    describe(name, () => {
      for (const [label, params] of CASES) {
        for (const granularity of ['all', 'day', 'hour'] as const) {
          it(`${label}, granularity ${granularity}`, async () => {
            const result = await runKpi(store, name, { ...params, granularity, limit: 7 }, { nowMs: () => DAY0 + 3 * DAY_MS }).catch(
              (e: unknown) => e as Error,
            );
            // top_items has one granularity and no by: the others are refused, not ignored.
            if (result instanceof Error) {
              expect(name).toBe('top_items');
              expect(result).toMatchObject({ code: 'GP_QUERY_BAD_PARAM' });
              return;
            }
            expect(result.rows).toEqual(reference(result.params, truth));
            for (const row of result.rows) expect(Object.keys(row)).toEqual(result.columns);
          });
        }
      }
    });
  }

  it('the comparisons are not empty: every KPI has rows with non-zero measures', async () => {
    const p = { fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS, granularity: 'all' as const };
    const ads = await runKpi(store, 'ads', p);
    expect(ads.rows.map((r) => r.ad)).toEqual(['banner:menu', 'interstitial', 'rewarded:game_over', 'rewarded:shop']);
    expect(ads.rows.every((r) => (r.impressions as number) > 0 && (r.players as number) > 0)).toBe(true);
    expect(ads.rows.find((r) => r.ad === 'interstitial')!.rewarded).toBe(0);
    expect((await runKpi(store, 'social_actions', p)).rows.map((r) => r.action)).toEqual(['gift', 'invite', 'share']);
    const features = await runKpi(store, 'feature_adoption', p);
    expect(features.rows.map((r) => r.feature)).toEqual(['chat', 'daily_bonus', 'leaderboard']);
    expect(features.rows.every((r) => (r.adopters as number) > 0 && (r.adopters as number) < (r.uses as number))).toBe(true);
    expect(features.rows.every((r) => (r.adoption as number) > 0 && (r.adoption as number) < 1)).toBe(true);
    const errors = await runKpi(store, 'error_rate', p);
    expect(new Set(errors.rows.map((r) => r.build))).toEqual(new Set(['1.0.0', '1.1.0', '1.2.0']));
    expect(errors.rows.every((r) => (r.sessions as number) > 0)).toBe(true);
    const late = await runKpi(store, 'late_events', p);
    expect(late.rows[0]!.late_events).toBeGreaterThan(0);
    expect(late.rows[0]!.late_share).toBeLessThan(0.1);
    const regions = await runKpi(store, 'late_events', { ...p, by: ['region'] });
    expect(regions.rows.map((r) => r.region)).toEqual(['', 'Africa', 'Americas', 'Asia', 'Europe', 'Oceania']);
  });
});

describe('kpi/engagement (hand-computed)', () => {
  it('ads, social_actions, error_rate, top_items and late_events give the numbers worked out by hand', async () => {
    const s = await openDuckDbStore({ path: ':memory:' });
    const w = Date.UTC(2025, 6, 1, 10, 0);
    const dims = { windowStartMs: w, gameId: 'g', build: '2.0', platform: 'ios', country: 'DE', ...regionOf('DE') };
    const row = (eventType: string, action: string, item: string, events: number, o: Partial<RollupRowData> = {}): RollupRowData => ({
      ...dims,
      eventType,
      action,
      item,
      events,
      ...o,
    });
    await s.commit({
      consumer: 'test',
      rollups: [
        row('ad', 'show', 'rewarded:shop', 6),
        row('ad', 'click', 'rewarded:shop', 2, { lateEvents: 1 }),
        row('ad', 'reward_received', 'rewarded:shop', 3),
        row('social', 'invite', '', 4),
        row('session_start', '', '', 2),
        row('error', 'critical', '', 1, { lateEvents: 1 }),
        row('purchase', '', 'vip', 1, { currency: 'EUR', amount: 999 }),
        row('purchase', '', 'gem_pack', 3, { currency: 'EUR', amount: 297 }),
        row('purchase', '', 'gem_pack', 1, { currency: 'JPY', amount: 500 }),
      ],
      players: ['a', 'b', 'c'].map((playerId) => ({ ...dims, playerId, events: 1 })),
      positions: [],
      state: [],
      deadLetters: [],
    });
    const p = { fromMs: w, toMs: w + MINUTE_MS, granularity: 'all' as const };
    expect((await runKpi(s, 'ads', p)).rows).toEqual([
      {
        ad: 'rewarded:shop',
        impressions: 6,
        clicks: 2,
        failed_shows: 0,
        rewarded: 3,
        players: 3,
        impressions_per_player: 2,
        rewarded_per_player: 1,
        click_rate: 2 / 6,
      },
    ]);
    expect((await runKpi(s, 'social_actions', { ...p, by: ['region'] })).rows).toEqual([
      { region: 'Europe', action: 'invite', actions: 4, players: 3, actions_per_player: 4 / 3 },
    ]);
    // 23 events of build 2.0 in all, 2 sessions, 1 critical error.
    expect((await runKpi(s, 'error_rate', p)).rows).toEqual([
      { build: '2.0', severity: 'critical', errors: 1, sessions: 2, events: 23, errors_per_session: 0.5, errors_per_event: 1 / 23 },
    ]);
    expect((await runKpi(s, 'top_items', { ...p, limit: 2 })).rows).toEqual([
      { currency: 'EUR', item: 'vip', purchases: 1, revenue_minor: 999 },
      { currency: 'JPY', item: 'gem_pack', purchases: 1, revenue_minor: 500 },
    ]);
    expect((await runKpi(s, 'late_events', p)).rows).toEqual([{ events: 23, late_events: 2, late_share: 2 / 23 }]);
    await s.close();
  });
});
