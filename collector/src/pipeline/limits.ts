/**
 * Size, count, time and signature limits of the pipeline: options with documented
 * defaults, resolved in one place.
 */
import { LIMITS } from '@gamepulse/proto';

const MiB = 1024 * 1024;
const DAY_MS = 86_400_000;

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
  /** Replay window of `x-gamepulse-signature` timestamps. @default 300 */
  signatureToleranceS?: number;
  /** Event-time rule (event-time.ts): future bound. @default 300_000 */
  eventTimeMaxFutureMs?: number;
  /** Event-time rule: past bound. @default 90 days */
  eventTimeMaxPastMs?: number;
  /** Event-time rule: also correct by the SDK's clock offset above this; 0 off. @default 0 */
  eventTimeCorrectSkewAboveMs?: number;
}

export type ResolvedPipelineLimits = Required<PipelineLimits>;

export const DEFAULT_PIPELINE_LIMITS: ResolvedPipelineLimits = {
  maxBodyBytes: 1 * MiB,
  maxDecompressedBytes: 8 * MiB,
  maxCompressionRatio: 100,
  maxEventsPerBatch: LIMITS.batchMaxEvents,
  logRetryAfterS: 2,
  signatureToleranceS: 300,
  eventTimeMaxFutureMs: 300_000,
  eventTimeMaxPastMs: 90 * DAY_MS,
  eventTimeCorrectSkewAboveMs: 0,
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
    signatureToleranceS: pick('signatureToleranceS'),
    eventTimeMaxFutureMs: pick('eventTimeMaxFutureMs'),
    eventTimeMaxPastMs: pick('eventTimeMaxPastMs'),
    eventTimeCorrectSkewAboveMs: pick('eventTimeCorrectSkewAboveMs'),
  };
}
