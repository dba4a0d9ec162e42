export { ingestBatch } from './ingest-batch.ts';
export { DEFAULT_PIPELINE_LIMITS, resolvePipelineLimits, type PipelineLimits, type ResolvedPipelineLimits } from './limits.ts';
export { decompressedCap } from './decompress.ts';
export type { ContentEncoding, IngestDeps, IngestInput, IngestResult, IngestSuccess, IngestTopics, RemoteInfo } from './types.ts';
