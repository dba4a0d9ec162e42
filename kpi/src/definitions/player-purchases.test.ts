/**
 * player_purchases on DuckDB: hand-made rows whose answer is written out (sums across a
 * player's rows, range edges, order and ties, the cut at `limit`, the filters, the day
 * table), random rows against the reference with the filters the generic suite
 * (kpi.test.ts) does not set, and the Druid SQL it renders.
 */
import type { PlayerWindowData } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { DAY_MS, MINUTE_MS, randomPlayerWindows, seededRandom } from '@gamepulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDruidDialect } from '../druid-dialect.ts';
import { DUCKDB_DIALECT } from '../duckdb-dialect.ts';
import { resolveKpiParams } from '../params.ts';
import { playerRowsRefData } from '../reference/player-rows-data.ts';
import { REFERENCE_KPIS } from '../reference/reference-kpis.ts';
import { runKpi } from '../run-kpi.ts';
import type { KpiParams } from '../types.ts';
import { playerPurchases } from './player-purchases.ts';

const DAY0 = Date.UTC(2025, 5, 2);
const at = (min: number) => DAY0 + 10 * 60 * MINUTE_MS + min * MINUTE_MS;

function row(min: number, playerId: string, purchases: number, revenue: number, o: Partial<PlayerWindowData> = {}): PlayerWindowData {
  return {
    windowStartMs: at(min),
    gameId: 'space-miner',
    build: '1.0',
    platform: 'ios',
    country: 'US',
    region: 'Americas',
    subregion: 'Northern America',
    playerId,
    firstSeenDayMs: DAY0,
    events: purchases + 3,
    purchases,
    sessions: 0,
    revenueReportingMinor: revenue,
    ...o,
  };
}

async function storeWith(players: PlayerWindowData[]): Promise<DuckDbStore> {
  const store = await openDuckDbStore({ path: ':memory:' });
  // Two commits: a player's rows arrive as deltas, as the processor writes them.
  for (const part of [players.slice(0, players.length >> 1), players.slice(players.length >> 1)])
    await store.commit({ consumer: 'test', rollups: [], players: part, positions: [], state: [], deadLetters: [] });
  return store;
}

describe('kpi/definitions/player-purchases: hand-made rows', () => {
  let store: DuckDbStore;
  beforeAll(async () => {
    store = await storeWith([
      // Fraud-like: 30 purchases over three minutes and two platforms.
      row(0, 'burst', 10, 99_900),
      row(1, 'burst', 10, 99_900, { platform: 'android' }),
      row(2, 'burst', 10, 99_900),
      // Ties on spend: more purchases first; equal on both: by game, then player.
      row(3, 'whale', 1, 9_990),
      row(4, 'small-a', 10, 9_990),
      row(5, 'tie-b', 2, 998),
      row(5, 'tie-a', 2, 998),
      row(6, 'tie-a', 2, 998, { gameId: 'word-quest' }),
      // Activity without a purchase: never a row.
      row(7, 'browser', 0, 0),
      // Range edges: the first minute counts, the minute at `to` does not.
      row(-1, 'before', 50, 500_000),
      row(20, 'after', 50, 500_000),
    ]);
  });
  afterAll(async () => store?.close());
  const range = { fromMs: at(0), toMs: at(20) };

  it('sums each player over its rows in the range, by spend, purchases, game and player', async () => {
    const r = await runKpi(store, 'player_purchases', { ...range, limit: 100 });
    expect(r.columns).toEqual(['game_id', 'player_id', 'purchases', 'spend_reporting_minor']);
    expect(r.rows).toEqual([
      { game_id: 'space-miner', player_id: 'burst', purchases: 30, spend_reporting_minor: 299_700 },
      { game_id: 'space-miner', player_id: 'small-a', purchases: 10, spend_reporting_minor: 9_990 },
      { game_id: 'space-miner', player_id: 'whale', purchases: 1, spend_reporting_minor: 9_990 },
      { game_id: 'space-miner', player_id: 'tie-a', purchases: 2, spend_reporting_minor: 998 },
      { game_id: 'space-miner', player_id: 'tie-b', purchases: 2, spend_reporting_minor: 998 },
      { game_id: 'word-quest', player_id: 'tie-a', purchases: 2, spend_reporting_minor: 998 },
    ]);
  });

  it('cuts at limit (default 10) after ordering, so the cut is the same on every run', async () => {
    expect((await runKpi(store, 'player_purchases', range)).params.limit).toBe(10);
    const top = await runKpi(store, 'player_purchases', { ...range, limit: 4 });
    expect(top.rows.map((x) => x.player_id)).toEqual(['burst', 'small-a', 'whale', 'tie-a']);
  });

  it('keeps only the players at or past minPurchases and minSpend', async () => {
    const velocity = await runKpi(store, 'player_purchases', { ...range, minPurchases: 10 });
    expect(velocity.rows.map((x) => [x.player_id, x.purchases])).toEqual([
      ['burst', 30],
      ['small-a', 10],
    ]);
    const spend = await runKpi(store, 'player_purchases', { ...range, minSpendMinor: 9_990 });
    expect(spend.rows.map((x) => x.player_id)).toEqual(['burst', 'small-a', 'whale']);
    const both = await runKpi(store, 'player_purchases', { ...range, minPurchases: 2, minSpendMinor: 10_000 });
    expect(both.rows.map((x) => x.player_id)).toEqual(['burst']);
    const none = await runKpi(store, 'player_purchases', { ...range, minSpendMinor: 1_000_000 });
    expect(none.rows).toEqual([]);
  });

  it('slices by game, platform, region', async () => {
    const ios = await runKpi(store, 'player_purchases', { ...range, platform: 'ios', minPurchases: 10 });
    expect(ios.rows).toEqual([
      { game_id: 'space-miner', player_id: 'burst', purchases: 20, spend_reporting_minor: 199_800 },
      { game_id: 'space-miner', player_id: 'small-a', purchases: 10, spend_reporting_minor: 9_990 },
    ]);
    const wq = await runKpi(store, 'player_purchases', { ...range, game: 'word-quest' });
    expect(wq.rows.map((x) => x.player_id)).toEqual(['tie-a']);
    expect((await runKpi(store, 'player_purchases', { ...range, region: 'Europe' })).rows).toEqual([]);
  });

  it('reads the day table for whole days with the same answer as the minute rows', async () => {
    const p = resolveKpiParams(playerPurchases, { fromMs: DAY0, toMs: DAY0 + DAY_MS }, DAY0 + DAY_MS);
    expect(playerPurchases.render(p, DUCKDB_DIALECT).sql).toContain('FROM player_days t');
    const day = await runKpi(store, 'player_purchases', { fromMs: DAY0, toMs: DAY0 + DAY_MS, limit: 100 });
    const minutes = await runKpi(store, 'player_purchases', { fromMs: DAY0, toMs: DAY0 + DAY_MS - MINUTE_MS, limit: 100 });
    expect(day.rows).toEqual(minutes.rows);
    expect(day.rows.map((x) => x.player_id)).toEqual(['after', 'before', 'burst', 'small-a', 'whale', 'tie-a', 'tie-b', 'tie-a']);
  });

  it('refuses filters out of range with GP_QUERY_BAD_PARAM', async () => {
    for (const bad of [{ minPurchases: 0 }, { minPurchases: 2.5 }, { minSpendMinor: -1 }, { minSpendMinor: 0.5 }, { limit: 0 }])
      await expect(runKpi(store, 'player_purchases', { ...range, ...bad })).rejects.toMatchObject({ code: 'GP_QUERY_BAD_PARAM' });
  });
});

describe('kpi/definitions/player-purchases: random rows against the reference', () => {
  const SHAPE = { fromMs: DAY0, minutes: 3 * 1440, players: 300 };
  let store: DuckDbStore;
  let players: PlayerWindowData[];
  beforeAll(async () => {
    const rng = seededRandom(15);
    // Spend not proportional to purchases (prices differ), so the two orders disagree.
    players = randomPlayerWindows(rng, SHAPE, 8_000).map((p) => ({
      ...p,
      revenueReportingMinor: (p.purchases ?? 0) * [99, 499, 999][rng.int(0, 2)]!,
    }));
    store = await storeWith(players);
  });
  afterAll(async () => store?.close());
  const H = 3_600_000;
  const CASES: Array<[string, KpiParams]> = [
    ['whole days (day table), top 50', { fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS, limit: 50 }],
    ['10 minutes, every payer', { fromMs: DAY0 + 30 * H, toMs: DAY0 + 30 * H + 10 * MINUTE_MS, limit: 1000 }],
    ['one hour, minSpend', { fromMs: DAY0 + 5 * H, toMs: DAY0 + 6 * H, minSpendMinor: 1_000, limit: 1000 }],
    ['range cutting days, minPurchases', { fromMs: DAY0 + 5 * H + 17 * MINUTE_MS, toMs: DAY0 + 50 * H, minPurchases: 12, limit: 1000 }],
    [
      'one game and country, both filters',
      { game: 'word-quest', country: 'DE', fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS, minPurchases: 3, minSpendMinor: 2_000 },
    ],
  ];
  for (const [label, params] of CASES) {
    it(label, async () => {
      const r = await runKpi(store, 'player_purchases', params);
      const expected = REFERENCE_KPIS.player_purchases!(r.params, playerRowsRefData(players));
      expect(r.rows).toEqual(expected);
      expect(expected.length).toBeGreaterThan(1);
      for (const x of r.rows) {
        expect(x.purchases as number).toBeGreaterThanOrEqual(r.params.minPurchases);
        expect(x.spend_reporting_minor as number).toBeGreaterThanOrEqual(r.params.minSpendMinor);
      }
    });
  }
});

describe('kpi/definitions/player-purchases: Druid SQL', () => {
  it('groups the player datasource per game and player, filters in HAVING, orders and cuts with literals', () => {
    const d = createDruidDialect();
    const cut = resolveKpiParams(
      playerPurchases,
      { fromMs: at(0), toMs: at(10), minPurchases: 10, minSpendMinor: 20_000, limit: 20 },
      at(12),
    );
    const q = playerPurchases.render(cut, d);
    expect(q.sql).toContain('FROM "gamepulse_players" t');
    expect(q.sql).toContain('HAVING SUM(t.purchases) >= 10 AND COALESCE(SUM(t.revenue_reporting_minor), 0) >= 20000');
    expect(q.sql).toMatch(/ORDER BY spend_reporting_minor DESC, purchases DESC, game_id, player_id\nLIMIT 20$/);
    const days = resolveKpiParams(playerPurchases, { fromMs: DAY0, toMs: DAY0 + DAY_MS }, DAY0 + DAY_MS);
    expect(playerPurchases.render(days, d).sql).toContain('FROM "gamepulse_player_days" t');
    expect(playerPurchases.render(days, d).sql).not.toContain('HAVING SUM(t.purchases) >= 1 AND');
  });
});
