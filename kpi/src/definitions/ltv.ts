/**
 * LTV in the reporting currency: cumulative revenue per cohort player by day N since
 * install (kpi/README.md, "LTV").
 *
 * The engine answers plain GROUP BYs in one UNION ALL, as retention does
 * (retention-cohorts.ts): part 'c', the cohort of each (game, player) — the earliest
 * non-zero `first_seen_day` over all the player's rows of the game (every device,
 * platform, country and build, before the range too) — when it is a day starting in the
 * range; with a platform, country or build filter, part 'm', the players with a row in
 * that slice (only they count); part 'r', each (game, player)'s reporting-currency
 * revenue in the slice per UTC day from the first cohort day on. `finish` sums the
 * revenue of each cohort's players by day N. No join and no nested GROUP BY: Druid 33
 * loses the right side's sums when an outer GROUP BY runs over a joined per-player
 * subquery, and runs these as single-level groupBys. The cost is one row per cohort
 * player (two with a slice filter) and one per paying player-day returned. Engines with
 * `countsCohortsInEngine` (DuckDB) join the same parts and sum them per cohort in the
 * engine instead (ltv-in-engine.ts).
 */
import { DAY_MS, QueryBuilder, intLiteral } from '../sql.ts';
import type { Row } from '@gamepulse/store';
import type { KpiDefinition, ResolvedKpiParams } from '../types.ts';
import { ltvCounts, ltvCountsQuery } from './ltv-in-engine.ts';

/** Days N since install LTV is reported for (day 0 = the install day). */
export const LTV_DAYS = [0, 1, 7, 14, 30] as const;

const QUERY_COLUMNS = ['part', 'g', 'pl', 'day_ms', 'revenue'];

/** A filter besides game= (platform, country, build): the cohort stays the player's, membership needs a row in the slice. */
const sliced = (p: ResolvedKpiParams) => p.platform !== undefined || p.country !== undefined || p.build !== undefined;

const num = (v: Row[string] | undefined): number => (v === null || v === undefined ? 0 : Number(v));

export const ltv: KpiDefinition = {
  name: 'ltv',
  description:
    'Lifetime value in the reporting currency by install cohort (earliest first-seen UTC day of the player across devices): cohort players, ' +
    'and per day N (0, 1, 7, 14, 30) the revenue of the cohort from its install day to day N inclusive (minor units) and that / cohort players; ' +
    'NULL until day N has ended. Filter game= when games report in different currencies.',
  params: ['game', 'from', 'to', 'platform', 'country', 'build'],
  granularities: ['day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const table = 'playerDays';
    const t = d.timeColumn;
    const firstCohort = Math.ceil(p.fromMs / DAY_MS) * DAY_MS;
    // Day 30 of the last cohort (the day before `to`'s ceiling) ends here.
    const lastActivity = Math.ceil(p.toMs / DAY_MS) * DAY_MS + Math.max(...LTV_DAYS) * DAY_MS;
    const day = d.bucketStartMs('day');
    // The cohort is the player's (every platform, country and build; no lower time bound:
    // a device seen only before the range makes the player old, not new).
    const cohortWhere = [`${t} < ${d.timeLiteral(lastActivity)}`, `${d.cohortDayMs} > 0`];
    if (p.game !== undefined) cohortWhere.push(`game_id = ${q.param(p.game)}`);
    const cohort = [
      `SELECT ${["'c' AS part", 'game_id AS g', 'player_id AS pl', `MIN(${d.cohortDayMs}) AS day_ms`, 'CAST(0 AS BIGINT) AS revenue'].join(', ')}`,
      `FROM ${d.table(table)}`,
      `WHERE ${cohortWhere.join('\n  AND ')}`,
      'GROUP BY game_id, player_id',
      `HAVING MIN(${d.cohortDayMs}) >= ${intLiteral(firstCohort)} AND MIN(${d.cohortDayMs}) < ${intLiteral(p.toMs)}`,
    ].join('\n');
    // With a slice filter, the cohort's players are those with a row in the slice.
    const members = sliced(p)
      ? [
          [
            `SELECT ${["'m' AS part", 'game_id AS g', 'player_id AS pl', 'CAST(0 AS BIGINT) AS day_ms', 'CAST(0 AS BIGINT) AS revenue'].join(', ')}`,
            `FROM ${d.table(table)}`,
            q.where(p, [], { table, fromMs: firstCohort, toMs: lastActivity }),
            'GROUP BY game_id, player_id',
          ].join('\n'),
        ]
      : [];
    const revenue = [
      `SELECT ${["'r' AS part", 'game_id AS g', 'player_id AS pl', `${day} AS day_ms`, 'SUM(revenue_reporting_minor) AS revenue'].join(', ')}`,
      `FROM ${d.table(table)}`,
      q.where(p, ['revenue_reporting_minor > 0'], { table, fromMs: firstCohort, toMs: lastActivity }),
      `GROUP BY game_id, player_id, ${day}`,
    ].join('\n');
    if (d.countsCohortsInEngine) return q.build([ltvCountsQuery(cohort, members[0], revenue, LTV_DAYS)], QUERY_COLUMNS);
    return q.build([d.unionAll([cohort, ...members, revenue], QUERY_COLUMNS)], QUERY_COLUMNS);
  },
  finish(rows, _columns, p) {
    const key = (r: Row) => `${String(r.g)}\u0000${String(r.pl)}`;
    const inSlice = sliced(p) ? new Set(rows.filter((r) => r.part === 'm').map(key)) : undefined;
    const cohortOf = new Map<string, number>();
    for (const r of rows) if (r.part === 'c' && (!inSlice || inSlice.has(key(r)))) cohortOf.set(key(r), num(r.day_ms));
    const cohorts = new Map<number, { players: number; revenue: number[] }>();
    // The in-engine form's rows (part 'n') are already per cohort.
    for (const c of ltvCounts(rows, LTV_DAYS)) cohorts.set(c.cohort, c);
    for (const c of cohortOf.values()) {
      const s = cohorts.get(c) ?? { players: 0, revenue: LTV_DAYS.map(() => 0) };
      s.players += 1;
      cohorts.set(c, s);
    }
    for (const r of rows) {
      if (r.part !== 'r') continue;
      const cohort = cohortOf.get(key(r));
      if (cohort === undefined) continue;
      const s = cohorts.get(cohort)!;
      const dayMs = num(r.day_ms);
      LTV_DAYS.forEach((n, i) => {
        if (dayMs >= cohort && dayMs <= cohort + n * DAY_MS) s.revenue[i]! += num(r.revenue);
      });
    }
    const columns = ['cohort_day_ms', 'cohort_players', ...LTV_DAYS.flatMap((n) => [`revenue_d${n}_minor`, `ltv_d${n}_minor`])];
    const out = [...cohorts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([cohort, s]) => {
        const row: Row = { cohort_day_ms: cohort, cohort_players: s.players };
        LTV_DAYS.forEach((n, i) => {
          // Day N counts once it has ended (by the request's clock), else it is unknown.
          const complete = cohort + (n + 1) * DAY_MS <= p.nowMs;
          const revenue = complete ? s.revenue[i]! : null;
          row[`revenue_d${n}_minor`] = revenue;
          row[`ltv_d${n}_minor`] = revenue === null ? null : revenue / s.players;
        });
        return row;
      });
    return { rows: out, columns };
  },
};
