import type { Row } from '@gamepulse/store';
import { QueryBuilder } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { cohortQuery } from './retention-cohorts.ts';

const DAY_MS = 86_400_000;

/** Days 0..max(days): the matrix's columns. */
function matrixDays(days: readonly number[]): number[] {
  return Array.from({ length: Math.max(...days) + 1 }, (_, n) => n);
}

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
    const ns = matrixDays(p.days);
    const inner = cohortQuery(p, d, q, ns);
    const keys = ['cohort_day_ms', ...inner.dims];
    const sums = ['c', ...ns.flatMap((n) => [`d${n}`, `r${n}`])];
    return q.build(
      [
        `SELECT ${[...keys, ...sums.map((s) => `SUM(${s}) AS s_${s}`)].join(',\n  ')}`,
        `FROM (\n${inner.sql}\n) r`,
        `WHERE c = 1`,
        `GROUP BY ${keys.join(', ')}`,
        `ORDER BY ${keys.join(', ')}`,
      ],
      [...keys, ...sums.map((s) => `s_${s}`)],
    );
  },
  /** Wide rows (one per cohort and group) → one row per day N that has ended. */
  finish(rows, columns, p) {
    const keys = columns.filter((c) => !c.startsWith('s_'));
    const out: Row[] = [];
    for (const row of rows) {
      const cohort = Number(row.cohort_day_ms);
      const size = Number(row.s_c);
      for (const n of matrixDays(p.days)) {
        if (cohort + (n + 1) * DAY_MS > p.nowMs) break;
        const classic = Number(row[`s_d${n}`]);
        const rolling = Number(row[`s_r${n}`]);
        const key: Row = {};
        for (const k of keys) key[k] = row[k]!;
        out.push({
          ...key,
          day_n: n,
          cohort_players: size,
          players: classic,
          rate: size > 0 ? classic / size : null,
          rolling_players: rolling,
          rolling_rate: size > 0 ? rolling / size : null,
        });
      }
    }
    return { rows: out, columns: [...keys, 'day_n', 'cohort_players', 'players', 'rate', 'rolling_players', 'rolling_rate'] };
  },
};
