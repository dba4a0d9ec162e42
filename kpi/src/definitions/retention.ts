import { QueryBuilder, ratio } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { cohortQuery, dayComplete } from './retention-cohorts.ts';

export const retention: KpiDefinition = {
  name: 'retention',
  description:
    "Day-N retention by install cohort (the UTC day of the player's first event on any device) for each N in days= (default 1,7,30): " +
    'cohort size (players active on their cohort day), classic retention (dN_players: active on day N exactly) and rolling/unbounded ' +
    'retention (dN_rolling_players: active on day N or any later day up to now), with their rates. Cohorts are the days starting in the range; ' +
    'a day N that has not ended yet is NULL. Exact counts on both engines.',
  params: [...SLICE_PARAMS, 'days'],
  granularities: ['day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const inner = cohortQuery(p, d, q, p.days);
    const cols = ['SUM(c) AS cohort_players'];
    for (const n of p.days) {
      const complete = dayComplete('cohort_day_ms', n, p.nowMs);
      for (const [flag, name] of [
        [`d${n}`, `d${n}`],
        [`r${n}`, `d${n}_rolling`],
      ] as const) {
        cols.push(`CASE WHEN ${complete} THEN SUM(${flag}) END AS ${name}_players`);
        cols.push(`CASE WHEN ${complete} THEN ${ratio(`SUM(${flag})`, 'SUM(c)')} END AS ${name}_rate`);
      }
    }
    const keys = ['cohort_day_ms', ...inner.dims];
    return q.build(
      [
        `SELECT ${[...keys, ...cols].join(',\n  ')}`,
        `FROM (\n${inner.sql}\n) r`,
        `WHERE c = 1`,
        `GROUP BY ${keys.join(', ')}`,
        `ORDER BY ${keys.join(', ')}`,
      ],
      [...keys, 'cohort_players', ...p.days.flatMap((n) => [`d${n}_players`, `d${n}_rate`, `d${n}_rolling_players`, `d${n}_rolling_rate`])],
    );
  },
};
