/**
 * active_users from one HLL sketch per UTC day, unioned per trailing window (engines
 * whose Dialect sets `unionsDaySketches`: Druid). The plain shape (active-users.ts) is a
 * UNION ALL branch per day, each building its DAU, WAU and MAU sketches from the 30
 * days before it: a week of days reads a month of player rows seven times and feeds
 * every row into up to 21 sketches. Here one query reads the days once and feeds each
 * row into its own day's sketch (`DS_HLL … FILTER`); WAU and MAU are unions of those
 * (`HLL_SKETCH_UNION`), which for HLL equal a sketch built from all the values (the
 * union keeps the larger of each register). Same sketch (lgK 12, HLL_4) and the same
 * bound as the plain shape (kpi/README.md, error bounds). The result has one row per
 * group with a column set per day, which `unpivotActiveUsers` turns back into rows.
 */
import type { Row } from '@gamepulse/store';
import { DIMENSION_COLUMNS, type Dialect } from '../dialect.ts';
import { DAY_MS, QueryBuilder, dims, groupBy, intLiteral } from '../sql.ts';
import type { KpiQuery, ResolvedKpiParams } from '../types.ts';

/** Marks the one-pass result: the first reported day. */
export const FIRST_DAY_COLUMN = 'first_day_ms';

/** HLL parameters: those of APPROX_COUNT_DISTINCT_DS_HLL, which the plain shape uses. */
const LG_K = 12;
const HLL_TYPE = "'HLL_4'";

/** One row per group: first_day_ms, the `by` columns, then dau_i, wau_i, mau_i per reported day i. */
export function activeUsersDaysQuery(
  p: ResolvedKpiParams,
  d: Dialect,
  days: readonly number[],
  wauDays: number,
  mauDays: number,
): KpiQuery {
  const q = new QueryBuilder(d);
  const g = dims(p, d, 'playerDays');
  const t = d.timeColumn;
  const first = days[0]!;
  const oldest = first - (mauDays - 1) * DAY_MS;
  const sketchOf = (day: number) =>
    `DS_HLL(player_id, ${LG_K}, ${HLL_TYPE}) FILTER (WHERE ${t} >= ${d.timeLiteral(day)} AND ${t} < ${d.timeLiteral(day + DAY_MS)})`;
  const union = (lastDay: number, n: number) =>
    `HLL_SKETCH_ESTIMATE(HLL_SKETCH_UNION(${LG_K}, ${HLL_TYPE}, ${Array.from({ length: n }, (_, k) => sketchOf(lastDay - k * DAY_MS)).join(', ')}), TRUE)`;
  const counts = days.flatMap((day, i) => [
    `HLL_SKETCH_ESTIMATE(${sketchOf(day)}, TRUE) AS dau_${i}`,
    `${union(day, wauDays)} AS wau_${i}`,
    `${union(day, mauDays)} AS mau_${i}`,
  ]);
  const columns = [FIRST_DAY_COLUMN, ...g.columns, ...days.flatMap((_, i) => [`dau_${i}`, `wau_${i}`, `mau_${i}`])];
  return q.build(
    [
      `SELECT ${[`${intLiteral(first)} AS ${FIRST_DAY_COLUMN}`, ...g.select, ...counts].join(',\n  ')}`,
      `FROM ${d.table('playerDays')}`,
      q.where(p, [], { table: 'playerDays', fromMs: oldest, toMs: days.at(-1)! + DAY_MS }),
      groupBy(g.group),
    ],
    columns,
  );
}

/**
 * The one-pass row(s) as active_users' rows, ordered by day, then the `by` columns. A
 * group has a row for a day when it has rows in that day's MAU window (mau > 0), as in
 * the plain shape; without `by`, every day has a row.
 */
export function unpivotActiveUsers(rows: readonly Row[], p: ResolvedKpiParams, dayCount: number): { rows: Row[]; columns: string[] } {
  const by = p.by.map((dim) => DIMENSION_COLUMNS[dim]);
  const out: Row[] = [];
  for (let i = 0; i < dayCount; i++) {
    const dayRows: Row[] = [];
    for (const r of rows) {
      const n = (k: string) => Number(r[`${k}_${i}`] ?? 0);
      const [dau, wau, mau] = [n('dau'), n('wau'), n('mau')];
      if (by.length > 0 && mau === 0) continue;
      const row: Row = { day_start_ms: Number(r[FIRST_DAY_COLUMN]) + i * DAY_MS };
      for (const c of by) row[c] = r[c] ?? '';
      Object.assign(row, { dau, wau, mau, stickiness: mau === 0 ? null : dau / mau });
      dayRows.push(row);
    }
    if (by.length === 0 && dayRows.length === 0) {
      dayRows.push({
        day_start_ms: Number(rows[0]?.[FIRST_DAY_COLUMN] ?? Math.floor(p.fromMs / DAY_MS) * DAY_MS) + i * DAY_MS,
        dau: 0,
        wau: 0,
        mau: 0,
        stickiness: null,
      });
    }
    dayRows.sort((a, b) => {
      for (const c of by) if (a[c] !== b[c]) return a[c]! < b[c]! ? -1 : 1;
      return 0;
    });
    out.push(...dayRows);
  }
  return { rows: out, columns: ['day_start_ms', ...by, 'dau', 'wau', 'mau', 'stickiness'] };
}
