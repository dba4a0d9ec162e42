/**
 * `player_days`: the player rows of `player_windows` rolled up to the UTC day — the
 * embedded store's copy of Druid's `gamepulse_player_days` (the dialect's `playerDays`
 * table). Per (day, dimensions, player, first_seen_day, variant) the sums of the
 * counters and the MAX of `max_progress`, so a KPI over whole days (dau, active_users,
 * retention, churn, A/B) reads one row per player and day instead of one per minute
 * window; a range or bucket that cuts days reads `player_windows` (kpi/src/sql.ts,
 * `playersTable`).
 *
 * Maintained by the sink: each commit's player rows are staged once (columnar-append.ts)
 * and inserted into both tables in the commit's transaction, rolled up within the commit.
 * Rows stay deltas — the same key appears once per commit that touched the player that
 * day — and queries sum them as they do `player_windows`. Erased with the player (erase.ts).
 * The processor commits every second, so a live day gets about one row per player and
 * commit; `PlayerDaysCompactor` merges a day's deltas once the data has moved past it
 * (what Druid's rollup does at ingestion), so closed days hold one row per key.
 */

import type { DuckDBConnection } from '@duckdb/node-api';

/** Schema migration 8 (schema.ts): the table, and the rows already in player_windows rolled up. */
export const PLAYER_DAYS_MIGRATION = {
  version: 8,
  description: 'player_days: player_windows rolled up to the UTC day (KPIs over whole days)',
  statements: [
    `CREATE TABLE player_days AS SELECT * FROM player_windows LIMIT 0`,
    `INSERT INTO player_days BY NAME
      SELECT date_trunc('day', window_start) AS window_start, game_id, build, platform, country, player_id, first_seen_day, variant,
             region, subregion,
             SUM(events) AS events, SUM(purchases) AS purchases, SUM(sessions) AS sessions, SUM(gap_sessions) AS gap_sessions,
             SUM(active_ms) AS active_ms, MAX(max_progress) AS max_progress, SUM(revenue_reporting_minor) AS revenue_reporting_minor
      FROM player_windows
      GROUP BY date_trunc('day', window_start), game_id, build, platform, country, player_id, first_seen_day, variant, region, subregion`,
  ],
};

/**
 * The commit's staged player rows (`players_stage`, columns as in append.ts PLAYERS)
 * rolled up to the day into player_days; `$1` is the stage's string dictionary. The codes
 * are grouped first and decoded after, from the dictionary as a joined one-row relation
 * (`dict.l`), for the reason `dictionaryInsertSql` gives: indexing the list parameter
 * itself costs in proportion to its length.
 */
export const PLAYER_DAYS_INSERT = `INSERT INTO player_days
      (window_start, game_id, build, platform, country, player_id, first_seen_day, events, purchases, sessions, variant,
       gap_sessions, active_ms, max_progress, region, subregion, revenue_reporting_minor)
    SELECT g.day, dict.l[g.s0], dict.l[g.s1], dict.l[g.s2], dict.l[g.s3], dict.l[g.s4], DATE '1970-01-01' + CAST(g.n1 AS INTEGER),
           CAST(g.events AS BIGINT), CAST(g.purchases AS BIGINT), CAST(g.sessions AS BIGINT), dict.l[g.s5],
           CAST(g.gap_sessions AS BIGINT), CAST(g.active_ms AS BIGINT), CAST(g.max_progress AS BIGINT), dict.l[g.s6], dict.l[g.s7],
           CAST(g.revenue AS BIGINT)
    FROM (SELECT date_trunc('day', epoch_ms(CAST(n0 AS BIGINT))) AS day, s0, s1, s2, s3, s4, n1, s5, s6, s7,
                 SUM(n2) AS events, SUM(n3) AS purchases, SUM(n4) AS sessions, SUM(n5) AS gap_sessions, SUM(n6) AS active_ms,
                 MAX(n7) AS max_progress, SUM(n8) AS revenue
          FROM players_stage
          GROUP BY date_trunc('day', epoch_ms(CAST(n0 AS BIGINT))), s0, s1, s2, s3, s4, n1, s5, s6, s7) AS g,
         (SELECT $1 AS l) AS dict`;

const DAY_MS = 86_400_000;
const KEY = 'window_start, game_id, build, platform, country, player_id, first_seen_day, variant, region, subregion';

/**
 * Merges the deltas of closed days: once a commit brings player rows of a UTC day later
 * than any this process has seen, the days between the last boundary and that day are
 * re-rolled up to one row per key, in one transaction (a query sees the days before or
 * after, never half). The first time it covers every day before the latest one (a full
 * pass per process start), then about once per day of data. Late deltas to a day already
 * compacted stay as extra rows — summed like any other.
 */
export class PlayerDaysCompactor {
  /** Days before this (epoch ms, UTC midnight) are compacted. */
  private compactedBeforeMs = 0;

  /** The next day boundary to compact up to after a commit of `windowStartsMs`, or undefined. */
  due(windowStartsMs: Iterable<number | null | undefined>): number | undefined {
    let latest = 0;
    for (const ms of windowStartsMs) if (typeof ms === 'number' && ms > latest) latest = ms;
    const day = Math.floor(latest / DAY_MS) * DAY_MS;
    return day > this.compactedBeforeMs ? day : undefined;
  }

  /** Compacts [compactedBefore, beforeMs) on `conn` (no other transaction open on it). */
  async compact(conn: DuckDBConnection, beforeMs: number): Promise<void> {
    const range = `window_start >= make_timestamp(${this.compactedBeforeMs * 1000}) AND window_start < make_timestamp(${beforeMs * 1000})`;
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(`CREATE OR REPLACE TEMP TABLE player_days_compact AS
        SELECT ${KEY}, SUM(events) AS events, SUM(purchases) AS purchases, SUM(sessions) AS sessions,
               SUM(gap_sessions) AS gap_sessions, SUM(active_ms) AS active_ms, MAX(max_progress) AS max_progress,
               SUM(revenue_reporting_minor) AS revenue_reporting_minor
        FROM player_days WHERE ${range} GROUP BY ${KEY}`);
      await conn.run(`DELETE FROM player_days WHERE ${range}`);
      await conn.run('INSERT INTO player_days BY NAME SELECT * FROM player_days_compact');
      await conn.run('DROP TABLE player_days_compact');
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    this.compactedBeforeMs = beforeMs;
  }
}
