/**
 * @gamepulse/store — what the processor writes and the KPI library reads: the store
 * contracts (`Store`, `RollupSink`, commits, checkpoints, deletions) and the embedded
 * engine, DuckDB (schema, migrations, columnar commits, erasure).
 */
export type {
  Store,
  RollupSink,
  RollupCommit,
  Checkpoint,
  Position,
  StateEntry,
  Row,
  PlayerDeletion,
  DeletionCommit,
  DeletionOutcome,
  PlayerEraser,
  StoreChange,
  ChangeFeed,
} from './contracts.ts';
export { hasChangeFeed } from './contracts.ts';
export { STORE_ERRORS, AnalyticsError, isAnalyticsError, type ErrorCode } from './errors.ts';
export { storeMetrics, type StoreMetrics } from './metrics.ts';
export { openDuckDbStore, DuckDbStore, SCHEMA_VERSION, type DuckDbStoreOptions } from './duckdb/index.ts';
