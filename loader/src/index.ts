/**
 * @gamepulse/loader — log → store stages that run beside the processor: the rollups
 * loader (rollups topic → store, exactly-once, Kafka mode's writer of DuckDB) and the
 * deletions consumer (deletions topic → erased rows and state, audited).
 */
export {
  createRollupsLoader,
  batchToCommit,
  loaderMetrics,
  LOADER_CONFIG,
  loadLoaderConfig,
  resolveLoaderConfig,
  loaderKafkaOptions,
  LOADER_RECORD_UNDECODABLE,
  type RollupsLoader,
  type RollupsLoaderOptions,
  type RollupsLoaderStats,
  type LoaderMetrics,
  type LoaderConfig,
} from './rollups/index.ts';
export { coverThenErase } from './rollups/deletion-coverage.ts';
export { LOADER_ERRORS, type LoaderErrorCode } from './errors.ts';
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
} from './deletions/index.ts';
