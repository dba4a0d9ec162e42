/**
 * LTV in the reporting currency: cumulative revenue per cohort player by day N since
 * install. The cohort is the player's first-seen UTC day across devices: MIN of
 * `first_seen_day` over all the player's rows (each partition stamps what it saw; the
 * earliest wins), computed per player in SQL (GROUP BY player first), then joined with
 * the player's revenue per day.
 */
import { DAY_MS, QueryBuilder, intLiteral } from '../sql.ts';
import type { Row } from '@gamepulse/store';
import type { KpiDefinition } from '../types.ts';

/** Days N since install LTV is reported for (day 0 = the install day). */
export const LTV_DAYS = [0, 1, 7, 14, 30] as const;

export const ltv: KpiDefinition = {
  name: 'ltv',
  description:
    'Lifetime value in the reporting currency by install cohort (first-seen UTC day across devices): cohort players, and per day N (0, 1, 7, 14, 30) ' +
    'the revenue of the cohort from its install day to day N inclusive (minor units) and that / cohort players; NULL until day N has ended. ' +
    'Filter game= when games report in different currencies.',
  params: ['game', 'from', 'to', 'platform', 'country', 'build'],
  granularities: ['day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const table = 'playerDays';
    const firstCohort = Math.ceil(p.fromMs / DAY_MS) * DAY_MS;
    const lastActivity = Math.ceil(p.toMs / DAY_MS) * DAY_MS + Math.max(...LTV_DAYS) * DAY_MS;
    const range = { table, fromMs: firstCohort, toMs: lastActivity } as const;
    const day = d.bucketStartMs('day');
    const cohorts = [
      `SELECT player_id, MIN(${d.cohortDayMs}) AS cohort_day_ms`,
      `  FROM ${d.table(table)}`,
      `  ${q.where(p, [], range)}`,
      '  GROUP BY player_id',
    ].join('\n    ');
    const revenue = [
      `SELECT player_id, ${day} AS day_ms, SUM(revenue_reporting_minor) AS revenue`,
      `  FROM ${d.table(table)}`,
      `  ${q.where(p, ['revenue_reporting_minor > 0'], range)}`,
      `  GROUP BY player_id, ${day}`,
    ].join('\n    ');
    const perPlayer = [
      `SELECT ${['a.player_id AS player_id', 'a.cohort_day_ms AS cohort_day_ms', ...LTV_DAYS.map((n) => `COALESCE(SUM(CASE WHEN r.day_ms <= a.cohort_day_ms + ${intLiteral(n * DAY_MS)} THEN r.revenue ELSE 0 END), 0) AS rev_d${n}`)].join(', ')}`,
      `  FROM (\n    ${cohorts}\n  ) a`,
      `  LEFT JOIN (\n    ${revenue}\n  ) r ON a.player_id = r.player_id`,
      '  GROUP BY a.player_id, a.cohort_day_ms',
    ].join('\n  ');
    return q.build(
      [
        `SELECT ${['c.cohort_day_ms AS cohort_day_ms', 'COUNT(*) AS cohort_players', ...LTV_DAYS.map((n) => `SUM(c.rev_d${n}) AS revenue_d${n}_minor`)].join(', ')}`,
        `FROM (\n  ${perPlayer}\n) c`,
        `WHERE c.cohort_day_ms >= ${intLiteral(firstCohort)} AND c.cohort_day_ms < ${intLiteral(p.toMs)}`,
        'GROUP BY c.cohort_day_ms',
        'ORDER BY cohort_day_ms',
      ],
      ['cohort_day_ms', 'cohort_players', ...LTV_DAYS.map((n) => `revenue_d${n}_minor`)],
    );
  },
  finish(rows, _columns, p) {
    const columns = ['cohort_day_ms', 'cohort_players', ...LTV_DAYS.flatMap((n) => [`revenue_d${n}_minor`, `ltv_d${n}_minor`])];
    const out = rows.map((r) => {
      const cohort = Number(r.cohort_day_ms);
      const n = Number(r.cohort_players);
      const row: Row = { cohort_day_ms: cohort, cohort_players: n };
      for (const day of LTV_DAYS) {
        // Day N counts once it has ended (by the request's clock), else it is unknown.
        const complete = cohort + (day + 1) * DAY_MS <= p.nowMs;
        const revenue = complete ? Number(r[`revenue_d${day}_minor`] ?? 0) : null;
        row[`revenue_d${day}_minor`] = revenue;
        row[`ltv_d${day}_minor`] = revenue === null || n === 0 ? null : revenue / n;
      }
      return row;
    });
    return { rows: out, columns };
  },
};
