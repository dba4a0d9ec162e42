/**
 * The per-player retention query behind `retention` and `retention_matrix`: each
 * player's cohort is the first UTC day of ANY of the player's rows (MIN over every
 * device and partition, before the range too) — not a row's `first_seen_day`, which is
 * per input partition and differs for a player with two devices. One row per (game,
 * player, dimensions) with 0/1 flags per day N; the KPIs sum the flags, so every count
 * is exact on both engines (no sketch), and a player counts once per dimension group.
 *
 * A player belongs to the cohort of a group (e.g. platform=ios) when the player has a
 * row in that group on the cohort day; the player is retained on day N (classic) when
 * it has a row in the group on day cohort + N exactly, and rolling (unbounded) when it
 * has one on day cohort + N or any later day up to `now`. Only cohort members count
 * as retained, so rates are ≤ 1.
 */
import { DAY_MS, dims as groupDims, intLiteral, type QueryBuilder } from '../sql.ts';
import type { Dialect } from '../dialect.ts';
import type { ResolvedKpiParams } from '../types.ts';

export interface CohortQuery {
  /** SQL of the per-player subquery (columns: dims, cohort_day_ms, c, dN, rN for each N). */
  sql: string;
  /** The dimension columns, in order. */
  dims: string[];
}

/** First cohort day in the range: cohorts are the UTC days starting in [from, to). */
export function firstCohortMs(p: ResolvedKpiParams): number {
  return Math.ceil(p.fromMs / DAY_MS) * DAY_MS;
}

/** Whether day N of `cohort` has ended by the request's clock (else its numbers are unknown: NULL). */
export function dayComplete(cohortExpr: string, n: number, nowMs: number): string {
  return `${cohortExpr} + ${intLiteral((n + 1) * DAY_MS)} <= ${intLiteral(nowMs)}`;
}

/** Renders the per-player subquery for the days `ns`; binds its parameters on `q` in text order. */
export function cohortQuery(p: ResolvedKpiParams, d: Dialect, q: QueryBuilder, ns: readonly number[]): CohortQuery {
  const first = firstCohortMs(p);
  const day = d.bucketStartMs('day');
  // dims() refuses by=variant where the player table has no variant column.
  const dims = groupDims(p, d, 'playerDays').columns;
  const t = d.timeColumn;
  // Activity: the player's days per dimension group, from the first cohort day until now.
  const activity = [
    `SELECT ${['game_id AS a_game', 'player_id AS a_player', ...dims.map((c) => `${d.dimension(c)} AS ${c}`), `${day} AS day_ms`].join(', ')}`,
    `FROM ${d.table('playerDays')}`,
    q.where(p, [], { table: 'playerDays', fromMs: first, toMs: Math.max(first, p.nowMs) }),
    `GROUP BY ${['game_id', 'player_id', ...dims.map((c) => d.dimension(c)), day].join(', ')}`,
  ].join('\n    ');
  // Cohort: the first day of any of the player's rows (every device, before the range too).
  const cohortWhere = [`${t} < ${d.timeLiteral(p.toMs)}`];
  if (p.game !== undefined) cohortWhere.push(`game_id = ${q.param(p.game)}`);
  const cohort = [
    `SELECT game_id AS c_game, player_id AS c_player, MIN(${day}) AS cohort_day_ms`,
    `FROM ${d.table('playerDays')}`,
    `WHERE ${cohortWhere.join(' AND ')}`,
    `GROUP BY game_id, player_id`,
    `HAVING MIN(${day}) >= ${intLiteral(first)} AND MIN(${day}) < ${intLiteral(p.toMs)}`,
  ].join('\n    ');
  const flag = (cond: string, name: string) => `MAX(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS ${name}`;
  const cols = [
    ...dims.map((c) => `a.${c} AS ${c}`),
    'c.cohort_day_ms AS cohort_day_ms',
    flag('a.day_ms = c.cohort_day_ms', 'c'),
    ...ns.flatMap((n) => [
      flag(`a.day_ms = c.cohort_day_ms + ${intLiteral(n * DAY_MS)}`, `d${n}`),
      flag(`a.day_ms >= c.cohort_day_ms + ${intLiteral(n * DAY_MS)}`, `r${n}`),
    ]),
  ];
  const sql = [
    `SELECT ${cols.join(', ')}`,
    `  FROM (\n    ${activity}\n  ) a`,
    `  JOIN (\n    ${cohort}\n  ) c ON a.a_game = c.c_game AND a.a_player = c.c_player`,
    `  GROUP BY ${['a.a_game', 'a.a_player', ...dims.map((c) => `a.${c}`), 'c.cohort_day_ms'].join(', ')}`,
  ].join('\n');
  return { sql, dims };
}
