/** The KPI library: each KPI defined once, rendered per engine through a `Dialect`. */
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
