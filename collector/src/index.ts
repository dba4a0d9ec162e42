/** @gamepulse/collector — the ingestion edge: one pipeline behind gRPC and HTTP. */
export { startCollector, type StartCollectorOptions, type RunningCollector } from './server.ts';
export {
  COLLECTOR_CONFIG,
  loadCollectorConfig,
  resolveCollectorConfig,
  type CollectorConfig,
  type RawCollectorConfig,
} from './config.ts';
export { ERRORS, failure, type CollectorErrorCode, type CollectorFailure, type ErrorSpec } from './errors.ts';
export { parseKeys, type IngestKey, type KeyRing, type KeyParseResult } from './keys.ts';
export { createCollectorMetrics, type CollectorMetrics, type Outcome, type Transport } from './metrics.ts';
export {
  ingestBatch,
  resolvePipelineLimits,
  DEFAULT_PIPELINE_LIMITS,
  type PipelineLimits,
  type ResolvedPipelineLimits,
  type IngestDeps,
  type IngestInput,
  type IngestResult,
  type IngestSuccess,
  type IngestTopics,
  type ContentEncoding,
  type RemoteInfo,
} from './pipeline/index.ts';
export { createHttpApp, BATCH_PATH, KEY_HEADER, type HttpTransportOptions } from './transports/http.ts';
export { startGrpcTransport, type GrpcTransport } from './transports/grpc.ts';
export {
  COLLECTOR_SERVICE,
  CollectorClient,
  GRPC_KEY_METADATA,
  GRPC_ERROR_CODE_METADATA,
  GRPC_RETRY_AFTER_METADATA,
  type CollectorServiceDefinition,
} from './transports/grpc-service.ts';
