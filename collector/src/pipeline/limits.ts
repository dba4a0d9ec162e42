/**
 * Size and count limits of the pipeline: options with documented defaults, resolved in
 * one place.
 */
import { LIMITS } from '@gamepulse/proto';

const MiB = 1024 * 1024;

export interface PipelineLimits {
  /** Largest body as received (compressed or not). @default 1 MiB */
  maxBodyBytes?: number;
  /** Hard cap on the decompressed body. @default 8 MiB */
  maxDecompressedBytes?: number;
  /**
   * Largest decompressed/compressed ratio, enforced once the output passes
   * `maxBodyBytes` (below that, a body inflates to no more than an uncompressed request
   * could have sent anyway). Real batches compress 5-20×; zeros about 1000×. @default 100
   */
  maxCompressionRatio?: number;
  /** Events per batch. @default LIMITS.batchMaxEvents (1000) */
  maxEventsPerBatch?: number;
  /** Seconds a client should wait after a retryable log failure. @default 2 */
  logRetryAfterS?: number;
}

export type ResolvedPipelineLimits = Required<PipelineLimits>;

export const DEFAULT_PIPELINE_LIMITS: ResolvedPipelineLimits = {
  maxBodyBytes: 1 * MiB,
  maxDecompressedBytes: 8 * MiB,
  maxCompressionRatio: 100,
  maxEventsPerBatch: LIMITS.batchMaxEvents,
  logRetryAfterS: 2,
};

export function resolvePipelineLimits(options: PipelineLimits = {}): ResolvedPipelineLimits {
  const pick = (key: keyof PipelineLimits): number => {
    const v = options[key];
    return v === undefined ? DEFAULT_PIPELINE_LIMITS[key] : v;
  };
  const maxBodyBytes = pick('maxBodyBytes');
  return {
    maxBodyBytes,
    // Decompression never has to produce less than an uncompressed body may carry.
    maxDecompressedBytes: Math.max(pick('maxDecompressedBytes'), maxBodyBytes),
    maxCompressionRatio: Math.max(1, pick('maxCompressionRatio')),
    // The shared limit is what the SDK promises to respect; never exceed it.
    maxEventsPerBatch: Math.min(pick('maxEventsPerBatch'), LIMITS.batchMaxEvents),
    logRetryAfterS: pick('logRetryAfterS'),
  };
}
