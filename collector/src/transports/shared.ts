/**
 * What every transport adapter gets from the server, and the bookkeeping they share:
 * a transport only turns its request into an `IngestInput` and the result into its own
 * response.
 */
import type { Logger } from '@gamepulse/service';
import { ERRORS, type CollectorFailure } from '../errors.ts';
import type { KeyRing } from '../keys.ts';
import type { CollectorMetrics, Outcome, Transport } from '../metrics.ts';
import type { IngestInput, IngestResult } from '../pipeline/index.ts';

export type Ingest = (input: IngestInput) => Promise<IngestResult>;

export interface TransportContext {
  ingest: Ingest;
  /** For refusing an unknown key before reading the body (the pipeline checks again). */
  keys: KeyRing;
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  /** Seconds to put in `Retry-After` when refusing during shutdown. */
  retryAfterS: number;
  metrics: CollectorMetrics;
  logger: Logger;
  now: () => number;
  /** True once shutdown began: new batches get GP_SHUTTING_DOWN. */
  isDraining: () => boolean;
}

export function outcomeOf(result: IngestResult | CollectorFailure): Outcome {
  if (result.ok) return 'accepted';
  return ERRORS[result.code].httpStatus >= 500 ? 'failed' : 'refused';
}

/** Counts a finished request; `startedMs` is when it arrived. */
export function recordRequest(ctx: TransportContext, transport: Transport, result: IngestResult | CollectorFailure, startedMs: number): void {
  ctx.metrics.requests.inc({ transport, outcome: outcomeOf(result), code: result.ok ? 'OK' : result.code });
  if (result.ok) ctx.metrics.ackLatency.observe({ transport }, (ctx.now() - startedMs) / 1000);
}
