import type { Row } from '@gamepulse/store';
import { QueryBuilder } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { cohortRowsQuery, countCohorts, dayComplete, isCohortRowColumn } from './retention-cohorts.ts';

export const retentionMatrix: KpiDefinition = {
  name: 'retention_matrix',
  description:
    "Cohort matrix: one row per install cohort (UTC day of the player's first event on any device) × day N, for N = 0 up to the largest of days= " +
    '(default 30): cohort size, classic retention (players active on day N exactly) and rolling/unbounded retention (active on day N or any later ' +
    'day up to now), with rates. Only days N that have ended are listed. Exact counts on both engines.',
  params: [...SLICE_PARAMS, 'days'],
  granularities: ['day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const { sql, columns } = cohortRowsQuery(p, d, q);
    return q.build([sql], columns);
  },
  /** One row per cohort, group and day N that has ended. */
  finish(rows, columns, p) {
    const dims = p.by.length > 0 ? columns.filter((c) => !isCohortRowColumn(c)) : [];
    const maxN = Math.max(...p.days);
    const out: Row[] = [];
    for (const c of countCohorts(rows, dims)) {
      for (let n = 0; n <= maxN && dayComplete(c.cohortDayMs, n, p.nowMs); n++) {
        const classic = c.classic(n);
        const rolling = c.rolling(n);
        out.push({
          cohort_day_ms: c.cohortDayMs,
          ...c.key,
          day_n: n,
          cohort_players: c.size,
          players: classic,
          rate: c.size > 0 ? classic / c.size : null,
          rolling_players: rolling,
          rolling_rate: c.size > 0 ? rolling / c.size : null,
        });
      }
    }
    return {
      rows: out,
      columns: ['cohort_day_ms', ...dims, 'day_n', 'cohort_players', 'players', 'rate', 'rolling_players', 'rolling_rate'],
    };
  },
};
