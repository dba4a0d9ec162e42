import type { Row } from '@gamepulse/store';
import { QueryBuilder } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { cohortRowsQuery, countCohorts, dayComplete, isCohortRowColumn } from './retention-cohorts.ts';

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
    const { sql, columns } = cohortRowsQuery(p, d, q);
    return q.build([sql], columns);
  },
  finish(rows, columns, p) {
    const dims = p.by.length > 0 ? columns.filter((c) => !isCohortRowColumn(c)) : [];
    const out: Row[] = countCohorts(rows, dims).map((c) => {
      const row: Row = { cohort_day_ms: c.cohortDayMs, ...c.key, cohort_players: c.size };
      for (const n of p.days) {
        const done = dayComplete(c.cohortDayMs, n, p.nowMs);
        const classic = done ? c.classic(n) : null;
        const rolling = done ? c.rolling(n) : null;
        row[`d${n}_players`] = classic;
        row[`d${n}_rate`] = classic === null || c.size === 0 ? null : classic / c.size;
        row[`d${n}_rolling_players`] = rolling;
        row[`d${n}_rolling_rate`] = rolling === null || c.size === 0 ? null : rolling / c.size;
      }
      return row;
    });
    return {
      rows: out,
      columns: [
        'cohort_day_ms',
        ...dims,
        'cohort_players',
        ...p.days.flatMap((n) => [`d${n}_players`, `d${n}_rate`, `d${n}_rolling_players`, `d${n}_rolling_rate`]),
      ],
    };
  },
};
