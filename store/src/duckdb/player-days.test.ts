/**
 * `player_days` in DuckDB: the sink writes each commit's player rows rolled up to the UTC
 * day in the same transaction, and merges a day's deltas once the data moves past it, so
 * summing it per day gives what summing player_windows per day gives; migration 8 rolls
 * up the rows already there; a deletion erases it.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { PlayerWindowData } from '@gamepulse/proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDbStore, type DuckDbStore } from './duckdb-store.ts';
import { MIGRATIONS } from './schema.ts';

const DAY = 86_400_000;
const D0 = Date.UTC(2025, 0, 15);
const row = (playerId: string, atMs: number, extra: Partial<PlayerWindowData> = {}): PlayerWindowData => ({
  windowStartMs: atMs,
  gameId: 'g1',
  build: '1.0',
  platform: 'ios',
  country: 'DE',
  playerId,
  firstSeenDayMs: D0,
  events: 2,
  purchases: 0,
  sessions: 1,
  variant: 'shop_layout:grid',
  region: 'Europe',
  subregion: 'Western Europe',
  gapSessions: 1,
  activeMs: 1_000,
  maxProgress: 0,
  revenueReportingMinor: 0,
  ...extra,
});
const commitOf = (players: PlayerWindowData[], offset: number) => ({
  consumer: 'processor',
  rollups: [],
  players,
  positions: [{ topic: 't', partition: 0, offset }],
  state: [],
  deadLetters: [],
});

/** Per (day, player, variant): the sums and max over a table. */
const PER_DAY = (table: string) =>
  `SELECT epoch_ms(date_trunc('day', window_start)) AS day, player_id, variant, epoch_ms(first_seen_day) AS first_seen_day,
          SUM(events) AS events, SUM(purchases) AS purchases, SUM(sessions) AS sessions, SUM(gap_sessions) AS gap_sessions,
          SUM(active_ms) AS active_ms, MAX(max_progress) AS max_progress, SUM(revenue_reporting_minor) AS revenue_reporting_minor
   FROM ${table} GROUP BY ALL ORDER BY day, player_id, variant`;

const HISTORY = [
  [row('p1', D0 + 600_000), row('p1', D0 + 660_000, { maxProgress: 1_003_000, purchases: 1, revenueReportingMinor: 499 })],
  // a later commit touching the same player and day (a delta), and another variant
  [row('p1', D0 + 3_600_000, { maxProgress: 1_002_000 }), row('p2', D0 + 60_000, { variant: '' })],
  // the next day: day D0 is closed and compacted
  [row('p1', D0 + DAY + 60_000)],
];

let store: DuckDbStore;
beforeEach(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
});
afterEach(() => store.close());

describe('store/duckdb/player-days', () => {
  it('holds the day rollup of player_windows: per commit, then one row per key once the day is closed', async () => {
    const rowsOf = async (day: number) =>
      (await store.sql(`SELECT count(*) AS n FROM player_days WHERE window_start = make_timestamp(${day * 1000})`))[0]!.n;
    await store.commit(commitOf(HISTORY[0]!, 1));
    expect(await rowsOf(D0)).toBe(1); // two windows of one commit: one row
    await store.commit(commitOf(HISTORY[1]!, 2));
    expect(await rowsOf(D0)).toBe(3); // a second commit's delta for p1, and p2
    expect(await store.sql(PER_DAY('player_days'))).toEqual(await store.sql(PER_DAY('player_windows')));
    await store.commit(commitOf(HISTORY[2]!, 3));
    expect(await rowsOf(D0)).toBe(2); // compacted: p1 and p2
    expect(await rowsOf(D0 + DAY)).toBe(1);
    expect(await store.sql(PER_DAY('player_days'))).toEqual(await store.sql(PER_DAY('player_windows')));
  });

  it('writes nothing of a commit that fails', async () => {
    await expect(store.commit(commitOf([row('p1', D0), row('p2', D0, { events: 2 ** 60 })], 1))).rejects.toMatchObject({
      code: 'GP_STORE_BAD_ROW',
    });
    expect(await store.sql('SELECT count(*) AS n FROM player_days')).toEqual([{ n: 0 }]);
  });

  it("is erased with the player's rows of that game", async () => {
    await store.commit(commitOf([...HISTORY[0]!, row('p2', D0), { ...row('p1', D0), gameId: 'g2' }], 1));
    await store.erasePlayers({
      consumer: 'processor.deletions',
      deletions: [{ requestId: 'r1', gameId: 'g1', playerId: 'p1', installId: '', source: 'sdk', keyId: 'k', requestedAtMs: D0 }],
      positions: [{ topic: 'd', partition: 0, offset: 1 }],
      deadLetters: [],
      processedAtMs: D0 + 1,
    });
    expect(await store.sql('SELECT game_id, player_id FROM player_days ORDER BY 1, 2')).toEqual([
      { game_id: 'g1', player_id: 'p2' },
      { game_id: 'g2', player_id: 'p1' },
    ]);
  });

  it('migration 8 rolls up the player rows a version-7 file already holds', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      // A version-7 database with player rows in it, then migration 8 on top.
      for (const m of MIGRATIONS.filter((x) => x.version <= 7)) for (const s of m.statements) await conn.run(s);
      await conn.run(
        `INSERT INTO player_windows (window_start, game_id, build, platform, country, player_id, first_seen_day, events, purchases,
           sessions, variant, gap_sessions, active_ms, max_progress, region, subregion, revenue_reporting_minor)
         VALUES (make_timestamp(${(D0 + 60_000) * 1000}), 'g1', '', 'ios', 'DE', 'p1', DATE '2025-01-15', 3, 0, 1, '', 1, 10, 1003000, '', '', 0),
                (make_timestamp(${(D0 + 120_000) * 1000}), 'g1', '', 'ios', 'DE', 'p1', DATE '2025-01-15', 4, 1, 0, '', 0, 20, 1002000, '', '', 99)`,
      );
      for (const s of MIGRATIONS.find((x) => x.version === 8)!.statements) await conn.run(s);
      const reader = await conn.runAndReadAll(
        'SELECT epoch_ms(window_start) AS w, events, purchases, sessions, active_ms, max_progress, revenue_reporting_minor FROM player_days',
      );
      expect(reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])))).toEqual([
        { w: D0, events: 7, purchases: 1, sessions: 1, active_ms: 30, max_progress: 1_003_000, revenue_reporting_minor: 99 },
      ]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
