export { ingestBatch, admitKey } from './ingest-batch.ts';
export { DEFAULT_PIPELINE_LIMITS, resolvePipelineLimits, type PipelineLimits, type ResolvedPipelineLimits } from './limits.ts';
export { decompressedCap, isGzip } from './decompress.ts';
export {
  correctEventTime,
  correctEventTimes,
  type EventTimeRule,
  type TimeCorrection,
  type TimeMethod,
  type TimeReason,
} from './event-time.ts';
export { createEnricher, loadGeoip, parseUserAgent, type Enricher, type GeoLookup, type UaInfo } from './enrich.ts';
export { jsonBatchToProtobuf, preloadJsonSchema } from './json-batch.ts';
export type {
  BodyFormat,
  ContentEncoding,
  IngestDeps,
  IngestInput,
  IngestResult,
  IngestSuccess,
  IngestTopics,
  RemoteInfo,
} from './types.ts';
