/** The rollups-topic → store loader (Kafka mode's only writer of the DuckDB store). */
export {
  createRollupsLoader,
  batchToCommit,
  LOADER_RECORD_UNDECODABLE,
  type RollupsLoader,
  type RollupsLoaderOptions,
  type RollupsLoaderStats,
} from './loader.ts';
export { loaderMetrics, type LoaderMetrics } from './metrics.ts';
export { LOADER_CONFIG, loadLoaderConfig, resolveLoaderConfig, loaderKafkaOptions, type LoaderConfig } from './config.ts';
