/**
 * LTV in the reporting currency: cumulative revenue per cohort player by day N since
 * install (kpi/README.md, "LTV").
 *
 * The engine answers two plain GROUP BYs in one UNION ALL, as retention does
 * (retention-cohorts.ts): part 'c', the cohort of each (game, player) — the earliest
 * non-zero `first_seen_day` over the player's rows matching the filters, on every
 * device and before the range too — when it is a day starting in the range; part 'r',
 * each (game, player)'s reporting-currency revenue per UTC day from the first cohort
 * day on. `finish` sums the revenue of each cohort's players by day N. No join and no
 * nested GROUP BY: Druid 33 loses the right side's sums when an outer GROUP BY runs over
 * a joined per-player subquery, and runs these two as single-level groupBys. The cost
 * is one row per player of the cohorts and one per paying player-day returned.
 */
import { DAY_MS, QueryBuilder, intLiteral } from '../sql.ts';
import type { Row } from '@gamepulse/store';
import type { KpiDefinition } from '../types.ts';

/** Days N since install LTV is reported for (day 0 = the install day). */
export const LTV_DAYS = [0, 1, 7, 14, 30] as const;

const QUERY_COLUMNS = ['part', 'g', 'pl', 'day_ms', 'revenue'];

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
    // No lower time bound: a device seen only before the range still makes the player old.
    const cohortWhere = [`${t} < ${d.timeLiteral(lastActivity)}`, `${d.cohortDayMs} > 0`];
    for (const [column, value] of [
      ['game_id', p.game],
      ['platform', p.platform],
      ['country', p.country],
      ['build', p.build],
    ] as const)
      if (value !== undefined) cohortWhere.push(`${column} = ${q.param(value)}`);
    const cohort = [
      `SELECT ${["'c' AS part", 'game_id AS g', 'player_id AS pl', `MIN(${d.cohortDayMs}) AS day_ms`, 'CAST(0 AS BIGINT) AS revenue'].join(', ')}`,
      `FROM ${d.table(table)}`,
      `WHERE ${cohortWhere.join('\n  AND ')}`,
      'GROUP BY game_id, player_id',
      `HAVING MIN(${d.cohortDayMs}) >= ${intLiteral(firstCohort)} AND MIN(${d.cohortDayMs}) < ${intLiteral(p.toMs)}`,
    ].join('\n');
    const revenue = [
      `SELECT ${["'r' AS part", 'game_id AS g', 'player_id AS pl', `${day} AS day_ms`, 'SUM(revenue_reporting_minor) AS revenue'].join(', ')}`,
      `FROM ${d.table(table)}`,
      q.where(p, ['revenue_reporting_minor > 0'], { table, fromMs: firstCohort, toMs: lastActivity }),
      `GROUP BY game_id, player_id, ${day}`,
    ].join('\n');
    return q.build([d.unionAll([cohort, revenue], QUERY_COLUMNS)], QUERY_COLUMNS);
  },
  finish(rows, _columns, p) {
    const cohortOf = new Map<string, number>();
    for (const r of rows) if (r.part === 'c') cohortOf.set(`${String(r.g)}\u0000${String(r.pl)}`, num(r.day_ms));
    const cohorts = new Map<number, { players: number; revenue: number[] }>();
    for (const c of cohortOf.values()) {
      const s = cohorts.get(c) ?? { players: 0, revenue: LTV_DAYS.map(() => 0) };
      s.players += 1;
      cohorts.set(c, s);
    }
    for (const r of rows) {
      if (r.part !== 'r') continue;
      const cohort = cohortOf.get(`${String(r.g)}\u0000${String(r.pl)}`);
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
