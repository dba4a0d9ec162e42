/**
 * ltv counted inside the engine, for engines with `Dialect.countsCohortsInEngine`
 * (DuckDB): the same subqueries as ltv.ts — cohort per (game, player), slice members,
 * revenue per paying player-day — joined and summed per cohort, so one row per cohort
 * comes back instead of one per cohort player and paying player-day.
 */
import type { Row } from '@gamepulse/store';
import { DAY_MS, intLiteral } from '../sql.ts';

/**
 * `cohort`, `members` (absent without a slice filter) and `revenue` are ltv.ts's parts
 * 'c', 'm' and 'r' (columns part, g, pl, day_ms, revenue), in the order their parameters bind.
 * Its rows are part 'n', one per cohort: the cohort in `day_ms` and, besides ltv.ts's
 * columns (the same on both engines), `cohort_players` and `revenue_d<N>_minor`.
 */
export function ltvCountsQuery(cohort: string, members: string | undefined, revenue: string, days: readonly number[]): string {
  const sums = days.map(
    (n) => `SUM(r.revenue) FILTER (WHERE r.day_ms >= cm.day_ms AND r.day_ms <= cm.day_ms + ${intLiteral(n * DAY_MS)}) AS r${n}`,
  );
  return [
    `WITH c AS (\n${cohort}\n),${members === undefined ? '' : ` m AS (\n${members}\n),`} r AS (\n${revenue}\n),`,
    `cm AS (SELECT g, pl, day_ms FROM c${members === undefined ? '' : ' SEMI JOIN m USING (g, pl)'}),`,
    `s AS (SELECT ${['cm.day_ms AS cohort', ...sums].join(', ')} FROM r JOIN cm USING (g, pl) GROUP BY cm.day_ms),`,
    'n AS (SELECT day_ms AS cohort, COUNT(*) AS players FROM cm GROUP BY day_ms)',
    `SELECT ${["'n' AS part", "'' AS g", "'' AS pl", 'n.cohort AS day_ms', 'CAST(0 AS BIGINT) AS revenue', 'n.players AS cohort_players', ...days.map((d) => `COALESCE(s.r${d}, 0) AS revenue_d${d}_minor`)].join(', ')}`,
    'FROM n LEFT JOIN s USING (cohort)',
    'ORDER BY day_ms',
  ].join('\n');
}

/** Per cohort (the part 'n' rows of ltvCountsQuery): players and revenue up to day N, as numbers. */
export function ltvCounts(rows: readonly Row[], days: readonly number[]): Array<{ cohort: number; players: number; revenue: number[] }> {
  return rows
    .filter((r) => r.part === 'n')
    .map((r) => ({
      cohort: Number(r.day_ms),
      players: Number(r.cohort_players),
      revenue: days.map((n) => Number(r[`revenue_d${n}_minor`] ?? 0)),
    }));
}
