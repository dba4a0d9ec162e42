/**
 * Retention rows as day masks (engines whose Dialect sets `retentionDayMasks`: Druid).
 * The plain shape (retention-cohorts.ts) returns a row per player, dimension group and
 * active day — at 100k players × 30 days ~0.7M rows that Druid serializes and `finish`
 * re-groups. Here the activity part returns one row per (game, player, group): which
 * days it was active as bits of integers (BIT_OR of 2^(day − base), 52 days per
 * column so every mask is exact in a JavaScript number) and its last active day for
 * rolling retention. The cohort part is the plain one (MIN day over all the player's
 * rows, before the range too); without `by` both are one groupBy per player. Same
 * membership and counts: exact, like the plain shape.
 */
import type { Row } from '@gamepulse/store';
import type { Dialect } from '../dialect.ts';
import { DAY_MS, dims as groupDims, intLiteral, type QueryBuilder } from '../sql.ts';
import type { ResolvedKpiParams } from '../types.ts';
import type { CohortCounts } from './retention-cohorts.ts';

/** Days per mask column: 2^52 is the largest power of two below 2^53 (exact doubles). */
export const DAYS_PER_MASK = 52;

/** Marks the day-mask rows (they carry masks `m0`, `m1`, …, `last_ms` and, from one groupBy, `cohort_ms`). */
export const MASK_PART = 'm';

/**
 * The UNION ALL of the cohort part ('c': cohort day per game and player, in `day_ms`)
 * and the mask part ('m': `day_ms` = the day of bit 0, `last_ms` = last active day,
 * masks of days up to the last day N of the last cohort).
 */
export function dayMaskRowsQuery(
  p: ResolvedKpiParams,
  d: Dialect,
  q: QueryBuilder,
  first: number,
): { sql: string; columns: string[]; dims: string[] } {
  const day = d.bucketStartMs('day');
  const g = groupDims(p, d, 'playerDays');
  const t = d.timeColumn;
  const activityUntil = Math.max(first, p.nowMs);
  // Classic retention looks at most max(days) days past a cohort day before `to`.
  const maskUntil = Math.min(activityUntil, Math.ceil(p.toMs / DAY_MS) * DAY_MS + Math.max(0, ...p.days) * DAY_MS);
  const maskCount = Math.max(1, Math.ceil((maskUntil - first) / DAY_MS / DAYS_PER_MASK));
  const maskColumns = Array.from({ length: maskCount }, (_, j) => `m${j}`);
  const bitOf = (from: number) => {
    // Clamped: an engine may compute the bit of a row its FILTER then drops (DuckDB does).
    const index = `GREATEST(0, LEAST(${intLiteral(DAYS_PER_MASK - 1)}, CAST((${day} - ${intLiteral(from)}) / ${intLiteral(DAY_MS)} AS BIGINT)))`;
    return `CAST(POWER(2, ${index}) AS BIGINT)`;
  };
  const maskRange = (j: number) => {
    const from = first + j * DAYS_PER_MASK * DAY_MS;
    return { from, until: Math.min(maskUntil, from + DAYS_PER_MASK * DAY_MS) };
  };
  if (g.columns.length === 0) return oneGroupBy();
  const cohortWhere = [`${t} < ${d.timeLiteral(p.toMs)}`];
  if (p.game !== undefined) cohortWhere.push(`game_id = ${q.param(p.game)}`);
  const cohort = [
    `SELECT ${[
      "'c' AS part",
      'game_id AS g',
      'player_id AS pl',
      ...g.columns.map((c) => `'' AS ${c}`),
      `MIN(${day}) AS day_ms`,
      '0 AS last_ms',
      ...maskColumns.map((m) => `0 AS ${m}`),
    ].join(', ')}`,
    `FROM ${d.table('playerDays')}`,
    `WHERE ${cohortWhere.join(' AND ')}`,
    `GROUP BY game_id, player_id`,
    `HAVING MIN(${day}) >= ${intLiteral(first)} AND MIN(${day}) < ${intLiteral(p.toMs)}`,
  ].join('\n');
  const masks = maskColumns.map((m, j) => {
    const { from, until } = maskRange(j);
    return `COALESCE(BIT_OR(${bitOf(from)}) FILTER (WHERE ${t} >= ${d.timeLiteral(from)} AND ${t} < ${d.timeLiteral(until)}), 0) AS ${m}`;
  });
  const activity = [
    `SELECT ${[`'${MASK_PART}' AS part`, 'game_id AS g', 'player_id AS pl', ...g.select, `${intLiteral(first)} AS day_ms`, `MAX(${day}) AS last_ms`, ...masks].join(', ')}`,
    `FROM ${d.table('playerDays')}`,
    q.where(p, [], { table: 'playerDays', fromMs: first, toMs: activityUntil }),
    `GROUP BY ${['game_id', 'player_id', ...g.group].join(', ')}`,
    // A member is active in the group on its cohort day, which is before `to`.
    `HAVING MIN(${day}) < ${intLiteral(p.toMs)}`,
  ].join('\n');
  const columns = ['part', 'g', 'pl', ...g.columns, 'day_ms', 'last_ms', ...maskColumns];
  return { sql: d.unionAll([cohort, activity], columns), columns, dims: g.columns };

  /**
   * Without `by` the cohort and the activity group by the same (game, player): one
   * groupBy over the rows up to the later of `to` and now answers both, the activity
   * (range and slice filters) as FILTERs, and keeps only the players whose first day
   * is a cohort of the range. Its rows carry the cohort day in `cohort_ms`.
   */
  function oneGroupBy(): { sql: string; columns: string[]; dims: string[] } {
    // Each FILTER renders its own filters: parameters are bound in text order.
    const activity = (from: number, until: number) =>
      q.where(p, [], { table: 'playerDays', fromMs: from, toMs: until }).replace(/^WHERE /, '');
    const select = [
      `'${MASK_PART}' AS part`,
      'game_id AS g',
      'player_id AS pl',
      `${intLiteral(first)} AS day_ms`,
      `MAX(${day}) FILTER (WHERE ${activity(first, activityUntil)}) AS last_ms`,
      ...maskColumns.map((m, j) => {
        const { from, until } = maskRange(j);
        return `COALESCE(BIT_OR(${bitOf(from)}) FILTER (WHERE ${activity(from, until)}), 0) AS ${m}`;
      }),
      `MIN(${day}) AS cohort_ms`,
    ];
    const where = [`${t} < ${d.timeLiteral(Math.max(p.toMs, activityUntil))}`];
    if (p.game !== undefined) where.push(`game_id = ${q.param(p.game)}`);
    const sql = [
      `SELECT ${select.join(', ')}`,
      `FROM ${d.table('playerDays')}`,
      `WHERE ${where.join(' AND ')}`,
      'GROUP BY game_id, player_id',
      `HAVING MIN(${day}) >= ${intLiteral(first)} AND MIN(${day}) < ${intLiteral(p.toMs)}`,
    ].join('\n');
    return { sql, columns: ['part', 'g', 'pl', 'day_ms', 'last_ms', ...maskColumns, 'cohort_ms'], dims: [] };
  }
}

/** Whether `day` is set in the masks of a mask row. */
function activeOn(r: Row, day: number): boolean {
  const index = (day - Number(r.day_ms)) / DAY_MS;
  if (index < 0) return false;
  const mask = Number(r[`m${Math.floor(index / DAYS_PER_MASK)}`] ?? 0);
  return Math.floor(mask / 2 ** (index % DAYS_PER_MASK)) % 2 === 1;
}

/** CohortCounts from dayMaskRowsQuery's rows, unsorted. */
export function cohortsFromDayMasks(rows: readonly Row[], dims: readonly string[]): CohortCounts[] {
  const cohortOf = new Map<string, number>();
  for (const r of rows) if (r.part === 'c') cohortOf.set(`${String(r.g)}\u0000${String(r.pl)}`, Number(r.day_ms));
  const groups = new Map<string, { cohort: number; key: Row; members: Row[] }>();
  for (const r of rows) {
    if (r.part !== MASK_PART) continue;
    const cohort = r.cohort_ms !== undefined ? Number(r.cohort_ms) : cohortOf.get(`${String(r.g)}\u0000${String(r.pl)}`);
    // Members: active in this group on their cohort day.
    if (cohort === undefined || !activeOn(r, cohort)) continue;
    const key: Row = {};
    for (const c of dims) key[c] = r[c] ?? '';
    const id = JSON.stringify([cohort, key]);
    let grp = groups.get(id);
    if (!grp) groups.set(id, (grp = { cohort, key, members: [] }));
    grp.members.push(r);
  }
  return [...groups.values()].map((grp) => ({
    cohortDayMs: grp.cohort,
    key: grp.key,
    size: grp.members.length,
    classic: (n) => grp.members.filter((r) => activeOn(r, grp.cohort + n * DAY_MS)).length,
    rolling: (n) => grp.members.filter((r) => Number(r.last_ms) >= grp.cohort + n * DAY_MS).length,
  }));
}
