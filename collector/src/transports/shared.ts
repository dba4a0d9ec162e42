/**
 * What every transport adapter gets from the server, and the bookkeeping they share:
 * a transport only turns its request into an `IngestInput` and the result into its own
 * response.
 */
import type { Logger } from '@gamepulse/service';
import type { LogProducer } from '@gamepulse/log';
import { COLLECTOR_ERRORS, failure, type CollectorFailure } from '../errors.ts';
import type { IngestKey, KeyRing } from '../keys/index.ts';
import type { LoadShedder, RateLimiter } from '../limits/index.ts';
import type { CollectorMetrics, Outcome, Transport } from '../metrics.ts';
import type { IngestInput, IngestResult } from '../pipeline/index.ts';
import { type ClientIpResolver, truncateIp } from './client-ip.ts';

export type Ingest = (input: IngestInput) => Promise<IngestResult>;

export interface TransportContext {
  ingest: Ingest;
  /** For refusing an unknown key before reading the body (the pipeline checks again). */
  keys: KeyRing;
  rateLimiter?: RateLimiter | undefined;
  shedder?: LoadShedder | undefined;
  /** Appends deletion requests (the deletions topic). */
  producer: LogProducer;
  deletionsTopic: string;
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  signatureToleranceS: number;
  /** Seconds to put in `Retry-After` when refusing during shutdown or on log failures. */
  retryAfterS: number;
  streamMaxInFlight: number;
  metrics: CollectorMetrics;
  logger: Logger;
  now: () => number;
  /** True once shutdown began: new batches get GP_SHUTTING_DOWN. */
  isDraining: () => boolean;
  clientIp: ClientIpResolver;
  /** `truncate`: refusal log lines carry the truncated client address; `drop`: none. */
  clientIpMode: 'drop' | 'truncate';
}

export function outcomeOf(result: IngestResult | CollectorFailure): Outcome {
  if (result.ok) return 'accepted';
  return COLLECTOR_ERRORS[result.code].httpStatus >= 500 ? 'failed' : 'refused';
}

/** Counts a finished request; `startedMs` is when it arrived. */
export function recordRequest(
  ctx: TransportContext,
  transport: Transport,
  result: IngestResult | CollectorFailure,
  startedMs: number,
): void {
  ctx.metrics.requests.inc({ transport, outcome: outcomeOf(result), code: result.ok ? 'OK' : result.code });
  if (result.ok) ctx.metrics.ackLatency.observe({ transport }, (ctx.now() - startedMs) / 1000);
}

/**
 * The checks that need no body, in the pipeline's order: draining, key (and its
 * signature requirement is left to the pipeline, which has the body), the key's rate,
 * then load. A refusal here means the body is never read.
 */
export function precheck(
  ctx: TransportContext,
  secret: string | undefined,
  nowMs: number,
): { ok: true; key: IngestKey } | CollectorFailure {
  if (ctx.isDraining()) return failure('GP_SHUTTING_DOWN', undefined, ctx.retryAfterS);
  const auth = ctx.keys.authenticate(secret, nowMs);
  if (!auth.ok) return auth;
  if (ctx.rateLimiter) {
    const r = ctx.rateLimiter.admitKey(auth.key, nowMs);
    if (!r.ok) return r;
  }
  if (ctx.shedder) {
    const s = ctx.shedder.wouldAdmit();
    if (!s.ok) return s;
  }
  return auth;
}

const AUTH_LOG_INTERVAL_MS = 5_000;
let lastAuthLogMs = -Infinity;

/** A throttled log line for refused credentials (who is knocking), with the address per `clientIpMode`. */
export function logAuthRefusal(ctx: TransportContext, f: CollectorFailure, transport: Transport, ip: string): void {
  if (!f.code.startsWith('GP_AUTH_')) return;
  const now = ctx.now();
  if (now - lastAuthLogMs < AUTH_LOG_INTERVAL_MS) return;
  lastAuthLogMs = now;
  const fields: Record<string, unknown> = { code: f.code, transport };
  if (ctx.clientIpMode === 'truncate' && ip) fields.clientNet = truncateIp(ip);
  ctx.logger.warn('request refused: credentials', fields);
}
