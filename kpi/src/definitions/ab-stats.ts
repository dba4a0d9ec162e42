/**
 * The A/B readout with its statistics: `ab_test`'s exact per-variant sums (the same
 * query) turned into a decision by the statistics library (kpi/src/stats,
 * `experimentReadout`): for each variant against the control (the first variant in
 * name order) and each metric, both arms' means, the absolute and relative lift with
 * their 95 % intervals, the fixed-horizon p-value (two-proportion z-test for
 * conversion, Welch's t-test for revenue and sessions per exposed player), the
 * always-valid p-value and confidence sequence of mSPRT, the sample-ratio-mismatch test
 * against an equal split, and a plain-language verdict.
 *
 * Inference is `sequential` (always-valid): the readout may be looked at after every
 * batch without inflating false positives (kpi/README.md, "A/B statistics"), so the
 * `significant` flag and the verdict use the always-valid p-value and sequence; the
 * fixed-horizon p-value is shown beside it for analysts who pre-registered a sample size.
 */
import type { Row } from '@gamepulse/store';
import { experimentReadout, type ExperimentReadout, type ReadoutMetric } from '../stats/readout.ts';
import type { KpiDefinition } from '../types.ts';
import { AB_METRICS, abTest } from './ab-test.ts';

const METRICS: readonly ReadoutMetric[] = [
  { name: 'conversion', kind: 'conversion' },
  { name: 'revenue', kind: 'mean', label: 'revenue per exposed player' },
  { name: 'sessions', kind: 'mean', label: 'sessions per exposed player' },
];

export const AB_STATS_COLUMNS = [
  'variant',
  'control',
  'metric',
  'players',
  'control_players',
  'mean',
  'control_mean',
  'lift',
  'lift_low',
  'lift_high',
  'relative_lift',
  'relative_lift_low',
  'relative_lift_high',
  'p_value',
  'always_valid_p',
  'always_valid_relative_low',
  'always_valid_relative_high',
  'significant',
  'srm_p_value',
  'srm',
  'inference',
  'verdict',
];

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** One row per (non-control variant, metric) of a readout, in the variants' and metrics' order. */
export function readoutRows(readout: ExperimentReadout): Row[] {
  const rows: Row[] = [];
  for (const c of readout.comparisons) {
    for (const m of c.metrics) {
      rows.push({
        variant: c.variant,
        control: c.control,
        metric: m.metric,
        players: m.treatment.n,
        control_players: m.control.n,
        mean: finite(m.treatment.mean),
        control_mean: finite(m.control.mean),
        lift: finite(m.absoluteLift.estimate),
        lift_low: finite(m.absoluteLift.lower),
        lift_high: finite(m.absoluteLift.upper),
        relative_lift: finite(m.relativeLift.estimate),
        relative_lift_low: finite(m.relativeLift.lower),
        relative_lift_high: finite(m.relativeLift.upper),
        p_value: finite(m.pValue),
        always_valid_p: finite(m.sequential.pValue),
        always_valid_relative_low: finite(m.sequential.relativeLift.lower),
        always_valid_relative_high: finite(m.sequential.relativeLift.upper),
        significant: m.significant ? 1 : 0,
        srm_p_value: finite(readout.srm.pValue),
        srm: readout.srm.mismatch ? 1 : 0,
        inference: readout.inference,
        // The variant's verdict is the primary metric's (or the SRM warning); each metric says its own.
        verdict: readout.srm.mismatch ? c.verdict : m.verdict,
      });
    }
  }
  return rows;
}

/** `ab_test` rows (one per variant, name order) → the readout rows; none with fewer than two exposed variants. */
export function abStatsRows(experiment: string, abTestRows: readonly Row[]): Row[] {
  const variants = abTestRows
    .filter((r) => Number(r.players) > 0 && r.variant !== '')
    .map((r) => ({
      name: String(r.variant),
      n: Number(r.players),
      metrics: Object.fromEntries(
        AB_METRICS.map((m) => [m, { sum: Number(r[`${m}_sum`] ?? 0), sumSquares: Number(r[`${m}_sum_squares`] ?? 0) }]),
      ),
    }));
  if (variants.length < 2) return [];
  return readoutRows(experimentReadout({ experiment, variants, metrics: METRICS, inference: 'sequential' }));
}

export const abStats: KpiDefinition = {
  name: 'ab_stats',
  description:
    'The A/B readout of experiment= (required) with valid statistics: per variant against the control (first variant by name) and metric ' +
    '(conversion, revenue per exposed player in the reporting currency, sessions per exposed player): means, absolute and relative lift with 95% ' +
    'intervals, fixed-horizon p-value (z-test / Welch), always-valid p-value and confidence sequence (mSPRT: safe to check after every batch), ' +
    'sample-ratio mismatch (chi-square, equal split, p < 0.001) and a plain-language verdict. Inference: sequential.',
  params: abTest.params,
  granularities: abTest.granularities,
  render: (p, d) => abTest.render(p, d),
  finish(rows, columns, p) {
    const sums = abTest.finish!(rows, columns, p).rows;
    return { rows: abStatsRows(p.experiment!, sums), columns: AB_STATS_COLUMNS };
  },
};
