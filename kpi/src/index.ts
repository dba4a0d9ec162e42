/**
 * @gamepulse/kpi — every KPI defined once (definitions, parameters, SQL builder), the
 * dialects that turn a definition into DuckDB or Druid SQL, and the reference
 * implementations that compute each KPI independently from raw rows for the tests.
 */
export { KPIS, getKpi, runKpi, dialectFor, type RunKpiOptions } from './run-kpi.ts';
export {
  resolveKpiParams,
  DEFAULT_RANGE_MS,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  MAX_BUCKETS,
  MAX_OFFSET,
  DEFAULT_LAPSED_DAYS,
  MAX_LAPSED_DAYS,
  DEFAULT_MIN_PURCHASES,
} from './params.ts';
export { PLAYER_PURCHASES_COLUMNS } from './definitions/player-purchases.ts';
export { CHURN_LOOKBACK_DAYS, CHURN_WEEK_DAYS, CHURN_BASELINE_WEEKS, CHURN_REASONS, AT_RISK_PLAYER_COLUMNS } from './definitions/churn.ts';
export { churnScores, type ChurnScore } from './reference/churn.ts';
export { DUCKDB_DIALECT, createDuckDbDialect, type DuckDbDialectOptions } from './duckdb-dialect.ts';
export { createDruidDialect, type DruidDialectOptions } from './druid-dialect.ts';
export { DIMENSION_COLUMNS, type Dialect, type TableName } from './dialect.ts';
export {
  GRANULARITIES,
  DIMENSIONS,
  type Dimension,
  type Granularity,
  type BucketGranularity,
  type KpiParams,
  type ResolvedKpiParams,
  type KpiParamName,
  type KpiDefinition,
  type KpiQuery,
  type KpiResult,
} from './types.ts';
export {
  parseWindowMs,
  parseStepKey,
  expandStepKeys,
  DEFAULT_FUNNEL_STEPS,
  DEFAULT_FUNNEL_WINDOW_MS,
  MIN_FUNNEL_STEPS,
  MAX_FUNNEL_STEPS,
  type FunnelStep,
} from './funnel-steps.ts';
export { REFERENCE_KPIS, type RefData, type RefRollup, type RefPlayer, type RefEvent } from './reference/reference-kpis.ts';
export {
  experimentReadout,
  type ExperimentReadout,
  type ExperimentReadoutInput,
  type ReadoutMetric,
  type ReadoutVariant,
  type MetricKind,
  type Inference,
  type MetricComparison,
  type VariantComparison,
} from './stats/readout.ts';
export { twoProportionTest, type TwoProportionInput, type TwoProportionResult, type ProportionArm } from './stats/two-proportion.ts';
export { welchTest, type WelchInput, type WelchResult } from './stats/welch.ts';
export { sampleRatioMismatch, DEFAULT_SRM_THRESHOLD, type SrmInput, type SrmResult } from './stats/srm.ts';
export {
  sequentialTest,
  mixtureSprt,
  DEFAULT_EXPECTED_RELATIVE_EFFECT,
  DEFAULT_MIN_PLAYERS_PER_ARM,
  type SequentialInput,
  type SequentialResult,
  type SequentialState,
  type MixtureSprtInput,
  type MixtureSprtResult,
} from './stats/sequential.ts';
export { requiredSampleSize, type SampleSizeDesign } from './stats/sample-size.ts';
export { armMoments, type ArmAggregate, type ArmMoments, type Interval } from './stats/moments.ts';
