/** @gamepulse/druid — the analytics store: interfaces, engines, KPI library, query API. */
export type { Store, RollupSink, RollupCommit, Checkpoint, Position, StateEntry, Row, PlayerDeletion, DeletionCommit, DeletionOutcome, PlayerEraser } from './store.ts';
export { ERROR_CODES, AnalyticsError, isAnalyticsError, type ErrorCode } from './errors.ts';
export { openDuckDbStore, DuckDbStore, SCHEMA_VERSION, type DuckDbStoreOptions } from './duckdb/index.ts';
export {
  KPIS,
  getKpi,
  runKpi,
  dialectFor,
  resolveKpiParams,
  DUCKDB_DIALECT,
  createDruidDialect,
  GRANULARITIES,
  type RunKpiOptions,
  type DruidDialectOptions,
  type Dialect,
  type TableName,
  type Granularity,
  type BucketGranularity,
  type KpiParams,
  type ResolvedKpiParams,
  type KpiParamName,
  type KpiDefinition,
  type KpiQuery,
  type KpiResult,
} from './kpi/index.ts';
export {
  createQueryApi,
  startQueryApi,
  parseKpiQuery,
  type QueryApiServer,
  type QueryApiOptions,
  type StartQueryApiOptions,
} from './api/index.ts';
export {
  createRollupsLoader,
  batchToCommit,
  loaderMetrics,
  LOADER_CONFIG,
  loadLoaderConfig,
  LOADER_RECORD_UNDECODABLE,
  type RollupsLoader,
  type RollupsLoaderOptions,
  type RollupsLoaderStats,
  type LoaderMetrics,
  type LoaderConfig,
} from './loader/index.ts';
export { openDruidStore, DruidStore, druidParameter, type DruidStoreOptions } from './druid-engine/index.ts';
export { createDuckDbDialect, DIMENSIONS, type DuckDbDialectOptions, type Dimension } from './kpi/index.ts';
export { openConfiguredStore, type StoreConfig, type StoreKind } from './api/index.ts';
export {
  createDeletionsConsumer,
  decodeDeletions,
  deletionsMetrics,
  waitForOffsets,
  DELETION_RECORD_UNDECODABLE,
  DELETION_RECORD_INVALID,
  type CoordinateErase,
  type DeletionsConsumer,
  type DeletionsConsumerOptions,
  type DeletionsConsumerStats,
  type DeletionsMetrics,
  type WaitForOffsetsOptions,
} from './privacy/index.ts';
