/**
 * Every KPI against a reference computed in plain TypeScript from the same random
 * rows, over a real DuckDB store: results must match exactly, for several ranges,
 * granularities and filters.
 */
import { regionOf, type PlayerWindowData, type RollupRowData } from '@gamepulse/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { seededRandom, DAY_MS, MINUTE_MS, randomPlayerWindows, randomRollups } from '@gamepulse/testkit';
import { REFERENCE_KPIS, type RefData, type RefPlayer, type RefRollup } from './reference/reference-kpis.ts';
import { createDuckDbDialect } from './duckdb-dialect.ts';
import { KPIS, runKpi } from './run-kpi.ts';
import type { KpiParams } from './types.ts';

const DAY0 = Date.UTC(2025, 2, 10);
const SHAPE = { fromMs: DAY0, minutes: 3 * 1440, players: 400 };
const NOW = DAY0 + 1440 * MINUTE_MS + 1000 * MINUTE_MS + 30_000; // day 1, 16:40:30

let store: DuckDbStore;
/** A store whose player rows carry an assignment in player_windows.variant (README, "A/B readout"). */
let variantStore: DuckDbStore;
let rollups: RollupRowData[];
let players: PlayerWindowData[];

beforeAll(async () => {
  const rng = seededRandom(7);
  // Region and sub-region stamped from the country, and purchases and refunds in a reporting currency, as the processor does (any integer will do here).
  rollups = randomRollups(rng, SHAPE, 20_000).map((r) => {
    const row = { ...r, ...regionOf(r.country ?? '') };
    return r.eventType === 'purchase' || r.eventType === 'refund'
      ? { ...row, revenueReportingMinor: Math.round((r.amount ?? 0) * 0.9), reportingCurrency: r.gameId === 'word-quest' ? 'EUR' : 'USD' }
      : row;
  });
  players = randomPlayerWindows(rng, SHAPE, 12_000).map((p) => ({
    ...p,
    ...regionOf(p.country ?? ''),
    revenueReportingMinor: (p.purchases ?? 0) * 499,
  }));
  store = await openDuckDbStore({ path: ':memory:' });
  // Several commits, so keys repeat across commits as deltas.
  for (let i = 0; i < 4; i++) {
    await store.commit({
      consumer: 'test',
      rollups: rollups.slice(i * 5000, (i + 1) * 5000),
      players: players.slice(i * 3000, (i + 1) * 3000),
      positions: [],
      state: [],
      deadLetters: [],
    });
  }
  // The same rows with each player's assignment stamped, written through the appender
  // into player_windows.variant (schema migration 2), as the processor writes them.
  variantStore = await openDuckDbStore({ path: ':memory:' });
  await variantStore.commit({
    consumer: 'test',
    rollups,
    players: players.map((p) => ({ ...p, variant: VARIANT_OF(p.playerId ?? '') })),
    positions: [],
    state: [],
    deadLetters: [],
  });
});
afterAll(async () => {
  await store.close();
  await variantStore.close();
});

// ---- reference: src/testing/reference-kpis.ts ----------------------------------------

/** Assignment sets: one variant per experiment, sorted by experiment (druid/README.md, "A/B readout"). */
const VARIANT_OF = (playerId: string) =>
  ['', 'onboarding:a', 'onboarding:b,shop_layout:grid', 'shop_layout:grid', 'onboarding:a,shop_layout:control'][
    Number(playerId.slice(1)) % 5
  ]!;

function refRollup(r: RollupRowData): RefRollup {
  return {
    windowStartMs: r.windowStartMs ?? 0,
    gameId: r.gameId ?? '',
    build: r.build ?? '',
    platform: r.platform ?? '',
    country: r.country ?? '',
    eventType: r.eventType ?? '',
    action: r.action ?? '',
    currency: r.currency ?? '',
    item: r.item ?? '',
    variant: r.variant ?? '',
    events: r.events ?? 0,
    amount: r.amount ?? 0,
    revenueReportingMinor: r.revenueReportingMinor ?? 0,
    reportingCurrency: r.reportingCurrency ?? '',
  };
}

function refPlayer(r: PlayerWindowData, withVariant: boolean): RefPlayer {
  return {
    windowStartMs: r.windowStartMs ?? 0,
    gameId: r.gameId ?? '',
    build: r.build ?? '',
    platform: r.platform ?? '',
    country: r.country ?? '',
    variant: withVariant ? VARIANT_OF(r.playerId ?? '') : '',
    playerId: r.playerId ?? '',
    firstSeenDayMs: r.firstSeenDayMs ?? 0,
    events: r.events ?? 0,
    purchases: r.purchases ?? 0,
    sessions: r.sessions ?? 0,
    gapSessions: r.gapSessions ?? 0,
    activeMs: r.activeMs ?? 0,
    maxProgress: r.maxProgress ?? 0,
    revenueReportingMinor: r.revenueReportingMinor ?? 0,
  };
}

function refData(withVariant: boolean): RefData {
  return { rollups: rollups.map(refRollup), players: players.map((r) => refPlayer(r, withVariant)), playerVariant: withVariant };
}

// ---- cases -------------------------------------------------------------------------

const H = 3_600_000;
const CASES: Array<[string, KpiParams]> = [
  ['defaults (last 24 h)', {}],
  ['whole data set', { fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
  ['range not on bucket edges', { fromMs: DAY0 + 5 * H + 17 * MINUTE_MS, toMs: DAY0 + 29 * H + 3 * MINUTE_MS }],
  ['one game', { game: 'space-miner', fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS }],
  ['game, platform and country', { game: 'word-quest', platform: 'ios', country: 'DE', fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
  ['build', { build: '1.1.0', fromMs: DAY0 + 12 * H, toMs: DAY0 + 60 * H }],
  ['no data in range', { fromMs: DAY0 - DAY_MS, toMs: DAY0 }],
  ['filter that matches nothing', { game: 'no-such-game' }],
  ['by country and platform', { by: ['country', 'platform'], fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
  ['by game, one build', { by: ['game'], build: '1.0.0', fromMs: DAY0 + 3 * H, toMs: DAY0 + 50 * H }],
  ['by region and subregion', { by: ['region', 'subregion'], fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
  ['one region, by country', { region: 'Americas', by: ['country'], fromMs: DAY0 + 6 * H, toMs: DAY0 + 40 * H }],
  ['one subregion', { subregion: 'Western Europe', fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS }],
];

/** Cases that slice by variant: on player tables only with the variant column. */
const VARIANT_CASES: Array<[string, KpiParams]> = [
  ['by variant', { by: ['variant'], fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
  ['one variant, by country', { variant: 'onboarding:b', by: ['country'], fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS }],
  ['one experiment', { experiment: 'shop_layout', fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
  ['by variant of one experiment', { by: ['variant'], experiment: 'onboarding', fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
  [
    'one variant, one experiment',
    { variant: 'shop_layout:grid', experiment: 'onboarding', by: ['variant'], fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS },
  ],
];

/** A/B KPIs read one experiment: asked without one they refuse (players are in several at once). */
const NEEDS_EXPERIMENT = new Set(['ab_readout', 'ab_test', 'ab_stats']);

const PLAYER_KPIS = new Set([
  'online_now',
  'dau',
  'active_users',
  'retention',
  'retention_matrix',
  'session_stats',
  'arpdau',
  'arppu',
  'payer_conversion',
  'arpdau_reporting',
  'arppu_reporting',
]);
PLAYER_KPIS.add('churn_risk').add('at_risk_players');
// Engagement KPIs that divide by active players (kpi/src/definitions/per-player-activity.ts).
for (const name of ['feature_adoption', 'ads', 'social_actions']) PLAYER_KPIS.add(name);
const readsBy = (name: string) => KPIS.find((k) => k.name === name)!.params.includes('by');

describe('druid/kpi (DuckDB vs reference)', () => {
  for (const def of KPIS) {
    describe(def.name, () => {
      for (const [label, params] of CASES) {
        for (const granularity of def.granularities) {
          it(`${label}, granularity ${granularity}`, async () => {
            if (params.by && !readsBy(def.name)) return;
            if (NEEDS_EXPERIMENT.has(def.name)) {
              const run = runKpi(store, def.name, { ...params, granularity, limit: 5 }, { nowMs: () => NOW });
              await expect(run).rejects.toMatchObject({ code: 'GP_QUERY_BAD_PARAM' });
              return;
            }
            const result = await runKpi(store, def.name, { ...params, granularity, limit: 5 }, { nowMs: () => NOW });
            const expected = REFERENCE_KPIS[def.name]!(result.params, refData(false));
            expect(result.rows).toEqual(expected);
            for (const row of result.rows) expect(Object.keys(row)).toEqual(result.columns);
          });
        }
      }
      for (const [label, params] of VARIANT_CASES) {
        const granularity = def.granularities[0]!;
        it(`${label} (player_windows with variant)`, async () => {
          if (params.by && !readsBy(def.name)) return;
          const run = runKpi(variantStore, def.name, { ...params, granularity, limit: 5 }, { nowMs: () => NOW });
          if (NEEDS_EXPERIMENT.has(def.name) && params.experiment === undefined) {
            await expect(run).rejects.toMatchObject({ code: 'GP_QUERY_BAD_PARAM' });
            return;
          }
          const result = await run;
          expect(result.rows).toEqual(REFERENCE_KPIS[def.name]!(result.params, refData(true)));
          if (NEEDS_EXPERIMENT.has(def.name)) expect(result.rows.length).toBeGreaterThan(0);
        });
        it(`${label} (a dialect whose player table has no variant)`, async () => {
          if (params.by && !readsBy(def.name)) return;
          const dialect = createDuckDbDialect({ playerVariant: false });
          const run = runKpi(store, def.name, { ...params, granularity, limit: 5 }, { nowMs: () => NOW, dialect });
          const slicesPlayersByVariant =
            NEEDS_EXPERIMENT.has(def.name) ||
            (PLAYER_KPIS.has(def.name) && (params.variant !== undefined || params.by?.includes('variant')));
          if (slicesPlayersByVariant) await expect(run).rejects.toMatchObject({ code: 'GP_QUERY_BAD_PARAM' });
          else expect((await run).rows).toEqual(REFERENCE_KPIS[def.name]!((await run).params, refData(false)));
        });
      }
    });
  }

  it('found data in most cases (the comparisons above are not all empty)', async () => {
    const r = await runKpi(store, 'revenue', { fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS, granularity: 'hour' });
    expect(r.rows.length).toBeGreaterThan(100);
    const online = await runKpi(store, 'online_now', {}, { nowMs: () => NOW });
    expect(online.rows[0]!.players).toBeGreaterThan(5);
    expect(online.params).toMatchObject({ fromMs: DAY0 + DAY_MS + 996 * MINUTE_MS, toMs: DAY0 + DAY_MS + 1001 * MINUTE_MS });
  });
});

describe('druid/kpi (range edges)', () => {
  it('includes rows at `from` and excludes rows at `to`, for rollups and players alike', async () => {
    const s = await openDuckDbStore({ path: ':memory:' });
    const from = Date.UTC(2025, 5, 1, 10, 0);
    const to = from + 10 * MINUTE_MS;
    const at = (w: number, events: number): RollupRowData => ({ windowStartMs: w, gameId: 'g', eventType: 'ad', events });
    const player = (w: number, id: string): PlayerWindowData => ({ windowStartMs: w, gameId: 'g', playerId: id, events: 1 });
    await s.commit({
      consumer: 'test',
      rollups: [at(from - MINUTE_MS, 1), at(from, 10), at(to - MINUTE_MS, 100), at(to, 1000)],
      players: [player(from - MINUTE_MS, 'before'), player(from, 'first'), player(to - MINUTE_MS, 'last'), player(to, 'after')],
      positions: [],
      state: [],
      deadLetters: [],
    });
    const events = await runKpi(s, 'events_by_type', { fromMs: from, toMs: to });
    expect(events.rows).toEqual([{ event_type: 'ad', events: 110 }]);
    const dau = await runKpi(s, 'dau', { fromMs: from, toMs: to });
    expect(dau.rows).toEqual([{ day_start_ms: Date.UTC(2025, 5, 1), players: 2 }]);
    // online_now at to - 1 ms covers [to - 5 min, to): only 'last'.
    const online = await runKpi(s, 'online_now', {}, { nowMs: () => to - 1 });
    expect(online.rows).toEqual([{ players: 1 }]);
    await s.close();
  });

  it('breaks ties in top_progression_fails by item, so equal counts come back in a stable order', async () => {
    const s = await openDuckDbStore({ path: ':memory:' });
    const w = Date.UTC(2025, 5, 1, 10, 0);
    const fail = (item: string, events: number): RollupRowData => ({
      windowStartMs: w,
      eventType: 'progression',
      action: 'fail',
      item,
      events,
    });
    await s.commit({
      consumer: 'test',
      rollups: [fail('w2:l1', 3), fail('w1:l9', 3), fail('w1:l1', 5), fail('w3', 1), { ...fail('w9', 99), action: 'complete' }],
      players: [],
      positions: [],
      state: [],
      deadLetters: [],
    });
    const top = await runKpi(s, 'top_progression_fails', { fromMs: w, toMs: w + MINUTE_MS, limit: 3 });
    expect(top.rows).toEqual([
      { item: 'w1:l1', fails: 5 },
      { item: 'w1:l9', fails: 3 },
      { item: 'w2:l1', fails: 3 },
    ]);
    await s.close();
  });
});

/**
 * DuckDB's faster forms (duckdb-dialect.ts: onePassPlayerDays, pagesPlayersFirst)
 * against the reference, on the cases the generic ones
 * leave out: pages after the first, ranges cutting days, slices with a dimension.
 */
describe('druid/kpi DuckDB one-pass and page-first forms vs reference', () => {
  const PAGED: Array<[string, KpiParams]> = [
    ['first page, whole days', { fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS, limit: 4 }],
    ['page 3, whole days', { fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS, limit: 4, offset: 8 }],
    ['page 2, range cutting days', { fromMs: DAY0 + 5 * H + 17 * MINUTE_MS, toMs: DAY0 + 29 * H + 3 * MINUTE_MS, limit: 5, offset: 5 }],
    ['page 2, one game', { game: 'space-miner', fromMs: DAY0 + DAY_MS, toMs: DAY0 + 2 * DAY_MS, limit: 3, offset: 3 }],
    ['past the last player', { fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS, limit: 5, offset: 100_000 }],
  ];
  for (const [label, params] of PAGED) {
    it(`player_lifecycle: ${label}`, async () => {
      const result = await runKpi(store, 'player_lifecycle', params, { nowMs: () => NOW });
      expect(result.rows).toEqual(REFERENCE_KPIS.player_lifecycle!(result.params, refData(false)));
      if (label !== 'past the last player') expect(result.rows.length).toBe(params.limit);
    });
  }
  const SLICED: Array<[string, KpiParams]> = [
    ['whole data set', { fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
    ['by platform, range cutting days', { by: ['platform'], fromMs: DAY0 + 5 * H, toMs: DAY0 + 70 * H }],
    ['one game and platform, by country', { game: 'word-quest', platform: 'ios', by: ['country'], fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
    ['before the data', { fromMs: DAY0 - 3 * DAY_MS, toMs: DAY0 + DAY_MS }],
  ];
  // ltv's in-engine sums: ltv.test.ts (these rows carry no first_seen_day, so no cohorts).
  for (const [label, params] of SLICED) {
    it(`active_users: ${label}`, async () => {
      const result = await runKpi(store, 'active_users', params, { nowMs: () => NOW + 2 * DAY_MS });
      expect(result.rows).toEqual(REFERENCE_KPIS.active_users!(result.params, refData(false)));
      expect(result.rows.length).toBeGreaterThan(0);
    });
  }
  it('the DuckDB dialect selects these forms', () => {
    const dialect = createDuckDbDialect();
    expect([dialect.onePassPlayerDays, dialect.pagesPlayersFirst, dialect.countsCohortsInEngine]).toEqual([true, true, true]);
  });
});
