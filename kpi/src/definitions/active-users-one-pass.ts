/**
 * active_users in one pass, for engines with `Dialect.onePassPlayerDays` (DuckDB): the
 * player rows of the whole span (the first day's 30-day window to the last day) are
 * read once, and each (player, dimension group, UTC day) with a row opens an
 * interval of the days whose trailing window it covers: [day, min(day + W, next active
 * day)). The intervals of one player do not overlap, so a player counts exactly once
 * for each day it is active in the trailing window of, and a range join of the series
 * of days against the intervals counts DAU, WAU and MAU with plain COUNTs — exact, like
 * the one-branch-per-day form (active-users.ts), which re-reads 30 days per day.
 */
import { DAY_MS, QueryBuilder, dims, intLiteral, ratio } from '../sql.ts';
import type { Dialect } from '../dialect.ts';
import type { KpiQuery, ResolvedKpiParams } from '../types.ts';

/** `days`: the UTC day starts asked for (ascending); `wauDays`/`mauDays`: trailing windows in days. */
export function renderActiveUsersOnePass(
  p: ResolvedKpiParams,
  d: Dialect,
  days: readonly number[],
  wauDays: number,
  mauDays: number,
): KpiQuery {
  const q = new QueryBuilder(d);
  const g = dims(p, d, 'playerDays');
  const first = days[0]!;
  const last = days.at(-1)!;
  const day = d.bucketStartMs('day');
  const cols = (t: string) => g.columns.map((c) => `${t}.${c}`);
  const active = [
    `SELECT ${['player_id', ...g.select, `${day} AS day_ms`].join(', ')}`,
    `FROM ${d.table('playerDays')}`,
    q.where(p, [], { table: 'playerDays', fromMs: first - (mauDays - 1) * DAY_MS, toMs: last + DAY_MS }),
  ].join('\n  ');
  // Each active day until the player's next one in the same group (or the window's end).
  // Rows are not grouped per day first: of a day's rows all but the last in LEAD's order
  // have that same day as next, an empty interval that joins no day.
  const intervals = [
    `SELECT ${[...g.columns, 'day_ms', `LEAD(day_ms) OVER (PARTITION BY ${['player_id', ...g.columns].join(', ')} ORDER BY day_ms) AS next_ms`].join(', ')}`,
    'FROM a',
  ].join('\n  ');
  const series = `SELECT UNNEST([${days.map(intLiteral).join(', ')}]) AS day_start_ms`;
  const covers = (windowDays: number) =>
    `s.day_start_ms < LEAST(i.day_ms + ${intLiteral(windowDays * DAY_MS)}, COALESCE(i.next_ms, i.day_ms + ${intLiteral(windowDays * DAY_MS)}))`;
  const dau = 'COUNT(i.day_ms) FILTER (WHERE s.day_start_ms = i.day_ms)';
  const wau = `COUNT(i.day_ms) FILTER (WHERE ${covers(wauDays)})`;
  const mau = 'COUNT(i.day_ms)';
  const sql = [
    `WITH a AS (\n  ${active}\n), i AS (\n  ${intervals}\n), s AS (${series})`,
    `SELECT ${['s.day_start_ms', ...cols('i'), `${dau} AS dau`, `${wau} AS wau`, `${mau} AS mau`, `${ratio(dau, mau)} AS stickiness`].join(', ')}`,
    `FROM s LEFT JOIN i ON s.day_start_ms >= i.day_ms AND ${covers(mauDays)}`,
    `GROUP BY ${['s.day_start_ms', ...cols('i')].join(', ')}`,
    // Without dimensions every day has a row (zeros included), as an aggregate per day does; with them, only groups with players.
    g.columns.length > 0 && 'HAVING COUNT(i.day_ms) > 0',
    `ORDER BY ${['day_start_ms', ...g.order].join(', ')}`,
  ];
  return q.build(sql, ['day_start_ms', ...g.columns, 'dau', 'wau', 'mau', 'stickiness']);
}
