/**
 * What `retention` and `retention_matrix` share. Each player's cohort is the first UTC
 * day of ANY of the player's rows (MIN over every device and partition, before the
 * range too) — not a row's `first_seen_day`, which is per input partition and differs
 * for a player with two devices.
 *
 * Three exact forms of the same counts (no sketch on either engine):
 *  - portable: two plain GROUP BYs in one UNION ALL — the cohort of each (game, player)
 *    whose first day is in the range, and the days each (game, player, dimension group)
 *    was active — counted by `finish` in TypeScript; it returns a row per player and
 *    active day;
 *  - `Dialect.countsCohortsInEngine` (DuckDB): the engine joins and counts, one row per
 *    cohort, group and day offset back (`cohortCountsQuery`);
 *  - `Dialect.retentionDayMasks` (Druid): one row per player and group with its active
 *    days as bit masks (retention-day-masks.ts), counted by `finish`.
 *
 * A player belongs to the cohort of a group (e.g. platform=ios) when the player has a
 * row in that group on the cohort day; it is retained on day N (classic) when it has a
 * row in the group on day cohort + N exactly, and rolling (unbounded) when it has one
 * on day cohort + N or any later day up to `now`. Only cohort members count as
 * retained, so rates are ≤ 1.
 */
import type { Row } from '@gamepulse/store';
import { DAY_MS, dims as groupDims, intLiteral, type QueryBuilder } from '../sql.ts';
import type { Dialect } from '../dialect.ts';
import type { ResolvedKpiParams } from '../types.ts';
import { MASK_PART, cohortsFromDayMasks, dayMaskRowsQuery } from './retention-day-masks.ts';

/** First cohort day in the range: cohorts are the UTC days starting in [from, to). */
export function firstCohortMs(p: ResolvedKpiParams): number {
  return Math.ceil(p.fromMs / DAY_MS) * DAY_MS;
}

/** The UNION ALL: `part` 'c' rows (cohort per player, in `day_ms`) and 'a' rows (an active day per player and group). */
export function cohortRowsQuery(p: ResolvedKpiParams, d: Dialect, q: QueryBuilder): { sql: string; columns: string[]; dims: string[] } {
  const first = firstCohortMs(p);
  if (d.retentionDayMasks) return dayMaskRowsQuery(p, d, q, first);
  const day = d.bucketStartMs('day');
  // dims() refuses by=variant where the player table has no variant column.
  const g = groupDims(p, d, 'playerDays');
  const t = d.timeColumn;
  // Cohort: the first day of any of the player's rows (every device, before the range too).
  const cohortWhere = [`${t} < ${d.timeLiteral(p.toMs)}`];
  if (p.game !== undefined) cohortWhere.push(`game_id = ${q.param(p.game)}`);
  const activityUntil = Math.max(first, p.nowMs);
  const cohort = [
    `SELECT ${["'c' AS part", 'game_id AS g', 'player_id AS pl', ...g.columns.map((c) => `'' AS ${c}`), `MIN(${day}) AS day_ms`].join(', ')}`,
    `FROM ${d.countsCohortsInEngine ? playerRowsUntil(d, p.toMs) : d.table('playerDays')}`,
    `WHERE ${cohortWhere.join(' AND ')}`,
    `GROUP BY game_id, player_id`,
    `HAVING MIN(${day}) >= ${intLiteral(first)} AND MIN(${day}) < ${intLiteral(p.toMs)}`,
  ].join('\n');
  // Activity: the player's days per dimension group, from the first cohort day until now.
  const activity = [
    `SELECT ${["'a' AS part", 'game_id AS g', 'player_id AS pl', ...g.select, `${day} AS day_ms`].join(', ')}`,
    `FROM ${d.countsCohortsInEngine ? playerRowsUntil(d, activityUntil) : d.table('playerDays')}`,
    q.where(p, [], { table: 'playerDays', fromMs: first, toMs: activityUntil }),
    `GROUP BY ${['game_id', 'player_id', ...g.group, day].join(', ')}`,
  ].join('\n');
  const columns = ['part', 'g', 'pl', ...g.columns, 'day_ms'];
  if (d.countsCohortsInEngine) return { sql: cohortCountsQuery(cohort, activity, g.columns), columns, dims: g.columns };
  return { sql: d.unionAll([cohort, activity], columns), columns, dims: g.columns };
}

/**
 * The in-engine path (DuckDB) reads the player rows exactly up to `untilMs`: the day
 * table for the days before the one holding `untilMs`, the minute table within it. A
 * day row's time is its day's start, so the day table alone would count a whole day
 * that `untilMs` cuts (a player first seen after `to`, or active after `now`).
 */
function playerRowsUntil(d: Dialect, untilMs: number): string {
  const t = d.timeColumn;
  const day = Math.floor(untilMs / DAY_MS) * DAY_MS;
  if (day === untilMs) return d.table('playerDays');
  return [
    `(SELECT * FROM ${d.table('playerDays')} WHERE ${t} < ${d.timeLiteral(day)}`,
    `UNION ALL BY NAME SELECT * FROM ${d.table('players')} WHERE ${t} >= ${d.timeLiteral(day)} AND ${t} < ${d.timeLiteral(untilMs)}) pd`,
  ].join('\n');
}

/**
 * The same two queries joined and counted in the engine (DuckDB): per cohort, group and
 * day offset k, `part` 'k' rows count the members active k days after their cohort day
 * and 'l' rows the members whose last active day is k days after it (`n`). Members are
 * the (game, player, group)s active in the group on their cohort day, as in countCohorts.
 * One grouping per (game, player, group) gives membership and last day; the 'k' counts
 * read the joined rows again minus the few non-members (an ANTI JOIN against a small
 * table), rather than joining every row back to its member row.
 */
function cohortCountsQuery(cohort: string, activity: string, dims: readonly string[]): string {
  const on = ['g', 'pl', ...dims].map((c) => `m.${c} IS NOT DISTINCT FROM x.${c}`).join(' AND ');
  const keys = (t: string) => dims.map((c) => `${t}.${c}`);
  return [
    `WITH c AS (\n${cohort}\n), a AS (\n${activity}\n),`,
    `m AS (SELECT ${['c.day_ms AS cohort', 'a.g', 'a.pl', ...keys('a'), `CAST((a.day_ms - c.day_ms) // ${DAY_MS} AS BIGINT) AS k`].join(', ')}`,
    `  FROM a JOIN c ON a.g = c.g AND a.pl = c.pl),`,
    `mem AS (SELECT ${['cohort', 'g', 'pl', ...dims, 'MAX(k) AS last', 'bool_or(k = 0) AS member'].join(', ')} FROM m`,
    `  GROUP BY ${['cohort', 'g', 'pl', ...dims].join(', ')}),`,
    `x AS (SELECT ${['g', 'pl', ...dims].join(', ')} FROM mem WHERE NOT member)`,
    `SELECT * FROM (`,
    `SELECT ${["'k' AS part", "'' AS g", "'' AS pl", ...keys('m'), 'm.cohort AS day_ms', 'm.k AS k', 'CAST(COUNT(*) AS BIGINT) AS n'].join(', ')}`,
    `FROM m ANTI JOIN x ON ${on}`,
    `GROUP BY ${['m.cohort', ...keys('m'), 'm.k'].join(', ')}`,
    'UNION ALL',
    `SELECT ${["'l' AS part", "'' AS g", "'' AS pl", ...dims, 'cohort AS day_ms', 'last AS k', 'CAST(COUNT(*) AS BIGINT) AS n'].join(', ')}`,
    `FROM mem WHERE member GROUP BY ${['cohort', ...dims, 'last'].join(', ')}`,
    `) ORDER BY day_ms, k`,
  ].join('\n');
}

/** Whether a column of cohortRowsQuery's rows is not a `by` dimension. */
export function isCohortRowColumn(column: string): boolean {
  return ['part', 'g', 'pl', 'day_ms', 'last_ms', 'cohort_ms'].includes(column) || /^m\d+$/.test(column);
}

/** One cohort of one dimension group: its size and, per day N, classic and rolling retained players. */
export interface CohortCounts {
  cohortDayMs: number;
  /** The `by` columns' values. */
  key: Row;
  size: number;
  classic(n: number): number;
  rolling(n: number): number;
}

/** Counts from the rows of `cohortRowsQuery`, ordered by cohort day, then the `by` columns. */
export function countCohorts(rows: readonly Row[], dims: readonly string[]): CohortCounts[] {
  if (rows.some((r) => r.part === MASK_PART)) return sortCohorts(cohortsFromDayMasks(rows, dims), dims);
  if (rows.some((r) => r.part === 'k' || r.part === 'l')) return sortCohorts(cohortsFromCounts(rows, dims), dims);
  const cohortOf = new Map<string, number>();
  for (const r of rows) if (r.part === 'c') cohortOf.set(`${String(r.g)}\u0000${String(r.pl)}`, Number(r.day_ms));
  // (game, player, group) → the days it was active in the group.
  const members = new Map<string, { cohort: number; key: Row; days: Set<number> }>();
  for (const r of rows) {
    if (r.part !== 'a') continue;
    const cohort = cohortOf.get(`${String(r.g)}\u0000${String(r.pl)}`);
    if (cohort === undefined) continue;
    const key: Row = {};
    for (const c of dims) key[c] = r[c] ?? '';
    const id = `${String(r.g)}\u0000${String(r.pl)}\u0000${JSON.stringify(key)}`;
    let m = members.get(id);
    if (!m) members.set(id, (m = { cohort, key, days: new Set() }));
    m.days.add(Number(r.day_ms));
  }
  const groups = new Map<string, { cohort: number; key: Row; lastDays: number[]; days: Array<Set<number>> }>();
  for (const m of members.values()) {
    if (!m.days.has(m.cohort)) continue; // not active in this group on its cohort day
    const id = JSON.stringify([m.cohort, m.key]);
    let grp = groups.get(id);
    if (!grp) groups.set(id, (grp = { cohort: m.cohort, key: m.key, lastDays: [], days: [] }));
    grp.days.push(m.days);
    grp.lastDays.push(Math.max(...m.days));
  }
  const out: CohortCounts[] = [...groups.values()].map((grp) => ({
    cohortDayMs: grp.cohort,
    key: grp.key,
    size: grp.days.length,
    classic: (n) => grp.days.filter((s) => s.has(grp.cohort + n * DAY_MS)).length,
    rolling: (n) => grp.lastDays.filter((last) => last >= grp.cohort + n * DAY_MS).length,
  }));
  return sortCohorts(out, dims);
}

/** CohortCounts from cohortCountsQuery's rows: members active on offset k ('k'), members last active on offset k ('l'). */
function cohortsFromCounts(rows: readonly Row[], dims: readonly string[]): CohortCounts[] {
  const groups = new Map<string, { cohort: number; key: Row; active: Map<number, number>; last: Map<number, number> }>();
  for (const r of rows) {
    const key: Row = {};
    for (const c of dims) key[c] = r[c] ?? '';
    const cohort = Number(r.day_ms);
    const id = JSON.stringify([cohort, key]);
    let grp = groups.get(id);
    if (!grp) groups.set(id, (grp = { cohort, key, active: new Map(), last: new Map() }));
    (r.part === 'k' ? grp.active : grp.last).set(Number(r.k), Number(r.n));
  }
  return [...groups.values()].map((grp) => ({
    cohortDayMs: grp.cohort,
    key: grp.key,
    // Every member is active on offset 0 (that is what makes it a member).
    size: grp.active.get(0) ?? 0,
    classic: (n) => grp.active.get(n) ?? 0,
    rolling: (n) => [...grp.last].reduce((sum, [k, count]) => (k >= n ? sum + count : sum), 0),
  }));
}

function sortCohorts(out: CohortCounts[], dims: readonly string[]): CohortCounts[] {
  return out.sort((a, b) => {
    if (a.cohortDayMs !== b.cohortDayMs) return a.cohortDayMs - b.cohortDayMs;
    for (const c of dims) {
      const x = a.key[c]!;
      const y = b.key[c]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

/** Whether day N of a cohort has ended by the request's clock (else its numbers are unknown). */
export function dayComplete(cohortDayMs: number, n: number, nowMs: number): boolean {
  return cohortDayMs + (n + 1) * DAY_MS <= nowMs;
}
