/** @gamepulse/collector — the ingestion edge: one pipeline behind gRPC, HTTP and WebSocket. */
export { startCollector, type StartCollectorOptions, type RunningCollector } from './server.ts';
export { COLLECTOR_CONFIG, loadCollectorConfig, resolveCollectorConfig, type CollectorConfig, type RawCollectorConfig } from './config.ts';
export { COLLECTOR_ERRORS, failure, type CollectorErrorCode, type CollectorFailure } from './errors.ts';
export {
  parseKeys,
  parseKeysFile,
  createKeyRing,
  ingestKeyHash,
  adminKeyHash,
  signBody,
  SIGNATURE_HEADER,
  type InlineKey,
  type IngestKey,
  type AdminKey,
  type KeyRing,
  type KeyParseResult,
  type KeysFileData,
} from './keys/index.ts';
export { createCollectorMetrics, type CollectorMetrics, type Outcome, type Transport } from './metrics.ts';
export {
  ingestBatch,
  resolvePipelineLimits,
  DEFAULT_PIPELINE_LIMITS,
  correctEventTime,
  type EventTimeRule,
  type TimeCorrection,
  type PipelineLimits,
  type ResolvedPipelineLimits,
  type IngestDeps,
  type IngestInput,
  type IngestResult,
  type IngestSuccess,
  type IngestTopics,
  type ContentEncoding,
  type BodyFormat,
  type RemoteInfo,
} from './pipeline/index.ts';
export { createHttpApp, createHttpHandler, BATCH_PATH, KEY_HEADER, type HttpTransportOptions } from './transports/http.ts';
export { WS_PATH, WS_CLOSE_POLICY, WS_CLOSE_TOO_BIG, WS_CLOSE_TRY_AGAIN } from './transports/websocket.ts';
export { DELETION_PATH } from './privacy/deletion.ts';
export { startGrpcTransport, type GrpcTransport } from './transports/grpc.ts';
export {
  COLLECTOR_SERVICE,
  CollectorClient,
  GRPC_KEY_METADATA,
  GRPC_ERROR_CODE_METADATA,
  GRPC_RETRY_AFTER_METADATA,
  type CollectorServiceDefinition,
  type CollectorServiceClient,
  type CollectorClientConstructor,
} from './transports/grpc-service.ts';
export { openCollectorLog, collectorKafkaOptions } from './log-factory.ts';
export { runPrimary, runWorker, workerCount } from './cluster/index.ts';
