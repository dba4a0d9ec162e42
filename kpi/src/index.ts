/**
 * @gamepulse/kpi — every KPI defined once (definitions, parameters, SQL builder), the
 * dialects that turn a definition into DuckDB or Druid SQL, and the reference
 * implementations that compute each KPI independently from raw rows for the tests.
 */
export { KPIS, getKpi, runKpi, dialectFor, type RunKpiOptions } from './run-kpi.ts';
export { resolveKpiParams, DEFAULT_RANGE_MS, DEFAULT_LIMIT, MAX_LIMIT, MAX_BUCKETS } from './params.ts';
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
