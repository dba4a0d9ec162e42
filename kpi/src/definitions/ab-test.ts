/**
 * The exact per-variant aggregates an A/B test's statistics need, for one experiment:
 * per variant, the exposed players n and, for each per-player metric x, Σx and Σx².
 * With those, a two-proportion z-test (conversion), Welch's t-test (revenue, sessions),
 * lifts with confidence intervals, SRM and sequential p-values follow without another
 * query (the statistics library: `experimentReadout`, kpi/src/stats).
 *
 * A player's metrics come from their player rows whose assignment set contains the
 * variant — the rows of their events from the exposure on (variant-sql.ts) — summed per
 * player first (GROUP BY player), then per variant: COUNT, SUM(x), SUM(x*x). Exact on
 * both engines: no sketch is involved (Druid runs the inner GROUP BY as a subquery).
 *
 * Metrics per exposed player:
 *  - conversion: 1 when the player purchased after exposure, else 0 (so Σx² = Σx);
 *  - revenue: purchases after exposure in the reporting currency (minor units; sum across
 *    games only when they share a reporting currency: filter game= otherwise);
 *  - sessions: session starts after exposure.
 */
import { QueryBuilder, playersTable } from '../sql.ts';
import type { Row } from '@gamepulse/store';
import type { KpiDefinition } from '../types.ts';
import { experimentVariant, inExperiment } from '../variant-sql.ts';
import { requireExperiment } from './ab-readout.ts';

/** The per-player metrics, in output order. */
export const AB_METRICS = ['conversion', 'revenue', 'sessions'] as const;
export type AbMetric = (typeof AB_METRICS)[number];

/** The engine's columns: variant, players, then per metric its sum and sum of squares. */
const ENGINE_COLUMNS = ['variant', 'players', ...AB_METRICS.flatMap((m) => [`${m}_sum`, `${m}_sum_squares`])];

/** The KPI's columns: per metric also the mean and the sample variance (n − 1). */
export const AB_TEST_COLUMNS = [
  'variant',
  'players',
  ...AB_METRICS.flatMap((m) => [`${m}_sum`, `${m}_sum_squares`, `${m}_mean`, `${m}_variance`]),
];

/** Mean and unbiased sample variance from n, Σx, Σx² (NULL when undefined: n = 0, or n < 2 for the variance). */
export function meanAndVariance(n: number, sum: number, sumSquares: number): { mean: number | null; variance: number | null } {
  const mean = n > 0 ? sum / n : null;
  // max(0, …): the subtraction can come out a hair below 0 in floating point for constant data.
  const variance = n > 1 ? Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1)) : null;
  return { mean, variance };
}

export const abTest: KpiDefinition = {
  name: 'ab_test',
  description:
    'Per variant of experiment= (required): exposed players n (assignment set contains the variant, active in the range) and, per exposed player, ' +
    'conversion (purchased after exposure: 0/1), revenue after exposure in the reporting currency (minor units) and sessions after exposure — ' +
    'each as sum, sum of squares, mean and sample variance: the inputs of z-tests, Welch t-tests, lifts and SRM.',
  params: ['game', 'from', 'to', 'platform', 'country', 'build', 'experiment'],
  granularities: ['all'],
  render(p, d) {
    const experiment = requireExperiment(p, d, 'ab_test');
    const q = new QueryBuilder(d);
    const table = playersTable(p.fromMs, p.toMs, 'all');
    const variant = experimentVariant(experiment);
    const perPlayer = [
      `SELECT ${variant} AS variant, player_id,`,
      `    CASE WHEN SUM(purchases) > 0 THEN 1 ELSE 0 END AS conversion,`,
      `    SUM(revenue_reporting_minor) AS revenue, SUM(sessions) AS sessions`,
      `  FROM ${d.table(table)}`,
      `  ${q.where(p, () => [inExperiment(experiment, (v) => q.param(v))], { table })}`,
      `  GROUP BY ${variant}, player_id`,
    ].join('\n  ');
    return q.build(
      [
        `SELECT ${['x.variant AS variant', 'COUNT(*) AS players', ...AB_METRICS.flatMap((m) => [`SUM(x.${m}) AS ${m}_sum`, `SUM(x.${m} * x.${m}) AS ${m}_sum_squares`])].join(', ')}`,
        `FROM (\n  ${perPlayer}\n) x`,
        'GROUP BY x.variant',
        'ORDER BY variant',
      ],
      ENGINE_COLUMNS,
    );
  },
  finish(rows) {
    const out: Row[] = rows.map((r) => {
      const n = Number(r.players);
      const row: Row = { variant: r.variant!, players: n };
      for (const m of AB_METRICS) {
        const sum = Number(r[`${m}_sum`] ?? 0);
        const sumSquares = Number(r[`${m}_sum_squares`] ?? 0);
        const { mean, variance } = meanAndVariance(n, sum, sumSquares);
        Object.assign(row, { [`${m}_sum`]: sum, [`${m}_sum_squares`]: sumSquares, [`${m}_mean`]: mean, [`${m}_variance`]: variance });
      }
      return row;
    });
    return { rows: out, columns: AB_TEST_COLUMNS };
  },
};
