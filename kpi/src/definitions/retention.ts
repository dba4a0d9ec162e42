import { DAY_MS, QueryBuilder, dims, intLiteral, ratio } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

/** Classic (day-N) retention days reported. */
export const RETENTION_DAYS = [1, 7, 30] as const;

export const retention: KpiDefinition = {
  name: 'retention',
  description:
    'Classic D1/D7/D30 retention by install cohort (UTC day of first_seen): cohort size (players active on their first day), ' +
    'players active exactly N days later, and the rate. Cohorts are the days starting in the range; a day N that has not ended yet is NULL.',
  params: SLICE_PARAMS,
  granularities: ['day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = dims(p, d, 'playerDays');
    const cohort = d.cohortDayMs;
    const day = d.bucketStartMs('day');
    const firstCohort = Math.ceil(p.fromMs / DAY_MS) * DAY_MS;
    const lastActivity = Math.ceil(p.toMs / DAY_MS) * DAY_MS + Math.max(...RETENTION_DAYS) * DAY_MS;
    const size = d.uniquePlayers(`${day} = ${cohort}`);
    const cols: string[] = [`${size} AS cohort_players`];
    for (const n of RETENTION_DAYS) {
      // Day N counts once it has ended (by the request's clock), else it is unknown.
      const complete = `${cohort} + ${intLiteral((n + 1) * DAY_MS)} <= ${intLiteral(p.nowMs)}`;
      const retained = d.uniquePlayers(`${day} = ${cohort} + ${intLiteral(n * DAY_MS)}`);
      cols.push(`CASE WHEN ${complete} THEN ${retained} END AS d${n}_players`);
      cols.push(`CASE WHEN ${complete} THEN ${ratio(retained, size)} END AS d${n}_rate`);
    }
    return q.build(
      [
        `SELECT ${[`${cohort} AS cohort_day_ms`, ...g.select, ...cols].join(',\n  ')}`,
        `FROM ${d.table('playerDays')}`,
        q.where(p, [`${cohort} >= ${intLiteral(firstCohort)}`, `${cohort} < ${intLiteral(p.toMs)}`], {
          table: 'playerDays',
          fromMs: firstCohort,
          toMs: lastActivity,
        }),
        `GROUP BY ${[cohort, ...g.group].join(', ')}`,
        `ORDER BY ${['cohort_day_ms', ...g.order].join(', ')}`,
      ],
      ['cohort_day_ms', ...g.columns, 'cohort_players', ...RETENTION_DAYS.flatMap((n) => [`d${n}_players`, `d${n}_rate`])],
    );
  },
};
