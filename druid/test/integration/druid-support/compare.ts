/**
 * Comparing KPI answers: counts and sums exactly; unique-player counts from Druid's HLL
 * sketches within the stated bound; ratios built on them within the bound carried
 * through the division.
 */
import type { Row } from '@gamepulse/store';

/**
 * DataSketches HLL, lgK = 12, answered from merged sketches (Druid unions them at query
 * time, so the HIP estimator does not apply): RSE = 1.04 / sqrt(2^12) = 1.625 % at 1σ.
 * The tests allow 3σ.
 */
export const HLL_RSE = 1.04 / Math.sqrt(4096);
export const SIGMAS = 3;

/** Columns holding a distinct count (sketch estimates on Druid). */
export const UNIQUE_COLUMNS = new Set([
  'players',
  'dau',
  'wau',
  'mau',
  'payers',
  'cohort_players',
  'd1_players',
  'd7_players',
  'd30_players',
  'adopters',
]);
/**
 * KPIs whose Druid answer holds no sketch estimate (kpi/README.md, "Error bounds"): sums of
 * rollup rows, and the per-player KPIs Druid answers from per-player groupBys. Their
 * answers are compared exactly, whatever their column names: a `players` or
 * `cohort_players` column there is a count of grouped players, not an HLL estimate.
 * (player_funnel's median time between steps is exact below 2,048 values; the test's
 * history has fewer players than that.)
 */
export const EXACT_ON_DRUID = new Set([
  'events_by_type',
  'revenue',
  'economy',
  'progression_funnel',
  'top_progression_fails',
  'sessions',
  'error_rate',
  'top_items',
  'late_events',
  'revenue_reporting',
  'retention',
  'retention_matrix',
  'churn_risk',
  'at_risk_players',
  'player_lifecycle',
  'ab_test',
  'ab_stats',
  'ltv',
  'player_funnel',
  'delivery',
  'refunds',
]);

/** `compareRows`' `approximate` for a Druid answer of the KPI. */
export function druidApproximates(kpi: string): boolean {
  return !EXACT_ON_DRUID.has(kpi);
}

/** Columns that divide by (or divide) a distinct count. */
export const RATIO_COLUMNS = new Set([
  'stickiness',
  'd1_rate',
  'd7_rate',
  'd30_rate',
  'conversion',
  'arpdau_minor',
  'arppu_minor',
  'sessions_per_player',
  'purchases_per_player',
  'impressions_per_player',
  'rewarded_per_player',
  'actions_per_player',
  'uses_per_player',
  'adoption',
  'gap_sessions_per_player',
  'arpdau_reporting_minor',
  'arppu_reporting_minor',
]);

/**
 * Quantiles read from the session-length sketch (proto/src/session-length-sketch.ts):
 * within relative error α = 2 % of the exact quantile of the raw lengths.
 */
export const SKETCH_QUANTILE_COLUMNS = new Set(['median_length_ms', 'p90_length_ms']);
export const SKETCH_ALPHA = 0.02;

/** |estimate − exact| allowed for a distinct count (at least 1: a sketch rounds its estimate). */
export function uniqueTolerance(exact: number): number {
  return Math.max(1, Math.ceil(SIGMAS * HLL_RSE * exact));
}

/** Relative error allowed for a ratio of sketch-based values: both sides may be off by 3σ. */
export const RATIO_TOLERANCE = (1 + SIGMAS * HLL_RSE) / (1 - SIGMAS * HLL_RSE) - 1;

export interface Mismatch {
  row: number;
  column: string;
  expected: unknown;
  actual: unknown;
}

export interface Comparison {
  mismatches: Mismatch[];
  /** Largest relative error seen in a distinct count of at least 100 (for the report). */
  worstUniqueError: number;
}

/**
 * Compares `actual` with `expected` row by row. `approximate` = the answer's uniques came
 * from sketches. Rows must match one to one, in order, with exactly equal keys.
 */
export function compareRows(expected: readonly Row[], actual: readonly Row[], approximate: boolean): Comparison {
  const mismatches: Mismatch[] = [];
  let worstUniqueError = 0;
  if (expected.length !== actual.length) {
    mismatches.push({ row: -1, column: '(row count)', expected: expected.length, actual: actual.length });
    return { mismatches, worstUniqueError };
  }
  expected.forEach((e, i) => {
    const a = actual[i]!;
    for (const column of new Set([...Object.keys(e), ...Object.keys(a)])) {
      const x = e[column];
      const y = a[column];
      if (x === y) continue;
      const bad = () => mismatches.push({ row: i, column, expected: x, actual: y });
      if (SKETCH_QUANTILE_COLUMNS.has(column) && typeof x === 'number' && typeof y === 'number') {
        // Both engines read the same sketch: exact against each other, within α of the raw truth.
        if (Math.abs(y - x) > SKETCH_ALPHA * Math.abs(x) + 1e-9) bad();
        continue;
      }
      if (!approximate || typeof x !== 'number' || typeof y !== 'number') {
        if (typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x))) continue;
        bad();
        continue;
      }
      if (UNIQUE_COLUMNS.has(column)) {
        if (x >= 100) worstUniqueError = Math.max(worstUniqueError, Math.abs(y - x) / x);
        if (Math.abs(y - x) > uniqueTolerance(x)) bad();
      } else if (RATIO_COLUMNS.has(column)) {
        // A small count's ±1 rounding moves a ratio more than 3σ; allow that too.
        if (Math.abs(y - x) > Math.max(RATIO_TOLERANCE * Math.abs(x), (1.0 / 50) * Math.abs(x) + 1e-9)) bad();
      } else if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x))) {
        bad();
      }
    }
  });
  return { mismatches, worstUniqueError };
}
