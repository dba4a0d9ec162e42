/**
 * The SDK's options: one type with every default documented, one resolved type with
 * every field required, one function that applies defaults and clamps (the pattern of
 * Segment analytics-next and OpenTelemetry's BatchSpanProcessor).
 */
import { LIMITS, validateContext, type ContextData } from '@gamepulse/proto/sdk';
import type { BreakerOptions } from './breaker.ts';
import { systemClock, type Clock } from './clock.ts';
import { GamepulseConfigError, type DebugMessage } from './codes.ts';
import { createDefaultRandom, type RandomSource } from './random.ts';
import type { RetryPolicy } from './retry.ts';
import type { Ack, Transport } from './transport.ts';
import { SDK_VERSION } from './version.ts';

export interface RetryOptions {
  /** Backoff window of the first re-send; doubles per re-send (full jitter within it). @default 500 */
  baseDelayMs?: number;
  /** Largest backoff window. @default 30_000 */
  maxDelayMs?: number;
  /** Longest wait the collector may ask for with Retry-After / gRPC pushback. @default 300_000 */
  maxRetryAfterMs?: number;
}

export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the circuit. @default 5 */
  failureThreshold?: number;
  /** First open period; doubles after a failed probe. Each period is jittered down by up to half, so a fleet's probes do not arrive in lockstep. @default 30_000 */
  openMs?: number;
  /** Longest open period. @default 300_000 */
  maxOpenMs?: number;
}

export type ConsentMode = 'opt-out' | 'opt-in';

export interface GamepulseOptions {
  /** Ingest key of the game, sent as `x-gamepulse-key`. */
  gameKey: string;
  /** Collector base URL, e.g. "https://collect.example.com" (HTTP POSTs go to `${endpoint}/v1/batch`). */
  endpoint: string;
  /** Context.game_id. */
  gameId: string;
  /** Context.build, e.g. "1.4.2+315". @default '' */
  build?: string;
  /** Context.platform: "web", "ios", "android", "windows", "server", ... @default '' */
  platform?: string;
  /** Context.os, e.g. "Android 14". @default '' */
  os?: string;
  /** Context.locale (BCP-47). @default '' */
  locale?: string;
  /** Context.device. @default '' */
  device?: string;
  /** Context.country (ISO-3166-1 alpha-2). Leave empty and the collector derives it. @default '' */
  country?: string;
  /** Fixed install id (game servers, tests). @default a UUIDv7 created once and stored */
  installId?: string;
  /** Player id until identify() is called. @default the stored one, else the install id */
  playerId?: string;
  /** Longest time an event waits in the queue before it is batched. @default 5_000 */
  flushIntervalMs?: number;
  /** Events per batch; clamped to [1, LIMITS.batchMaxEvents]. @default 500 */
  maxBatchEvents?: number;
  /** Encoded (uncompressed) bytes per batch; at least 4 KiB. @default 262_144 */
  maxBatchBytes?: number;
  /** Budget for everything not yet acknowledged: queued events and pending batches; at least maxBatchBytes. @default 4_194_304 */
  maxQueueBytes?: number;
  /** Bodies smaller than this are sent uncompressed (gzip costs more than it saves). @default 1_024 */
  compressMinBytes?: number;
  /** One request's time limit. @default 10_000 */
  sendTimeoutMs?: number;
  /** How long flush() and shutdown() wait for acknowledgements. @default 10_000 */
  flushTimeoutMs?: number;
  /** Calls buffered while storage loads; more are dropped as GP_SDK_QUEUE_FULL. @default 1_000 */
  maxBufferedBeforeReady?: number;
  retry?: RetryOptions;
  circuitBreaker?: CircuitBreakerOptions;
  /**
   * 'opt-out': events are recorded and sent until `setConsent(false)`. 'opt-in': nothing
   * is stored or sent until `setConsent(true)`; calls before that wait in memory and are
   * discarded on `setConsent(false)`. A decision once given is remembered. @default 'opt-out'
   */
  consent?: ConsentMode;
  /**
   * Share of players whose events are kept, in [0, 1], decided per player id by a
   * stable hash (hash.ts); kept events carry `sample_rate` so the backend can reweight.
   * @default 1
   */
  sampleRate?: number;
  /** A session in the background longer than this ends (the next one starts on return). @default 1_800_000 */
  sessionTimeoutMs?: number;
  /** After falling back to a less preferred transport, try the preferred one again after this long. @default 300_000 */
  retryPreferredTransportAfterMs?: number;
  /** @default the system clock */
  clock?: Clock;
  /** @default Math.random for jitter, crypto.getRandomValues for ids */
  random?: RandomSource;
  /** Drops, validation failures, retries and other diagnostics. Never required. @default none */
  onDebug?: (message: DebugMessage) => void;
  /** Observer: called for each acknowledged batch (simulator, e2e tests). @default none */
  onBatchAcked?: (batchSequence: number, ack: Ack) => void;
  /**
   * Wraps the platform's transport, below the retry layer (each attempt goes through
   * the wrapper). For tests and tools, e.g. to send every batch twice. @default none
   */
  wrapTransport?: (transport: Transport) => Transport;
}

export interface ResolvedOptions {
  gameKey: string;
  endpoint: string;
  context: ContextData;
  installId: string | undefined;
  playerId: string | undefined;
  flushIntervalMs: number;
  maxBatchEvents: number;
  maxBatchBytes: number;
  maxQueueBytes: number;
  compressMinBytes: number;
  sendTimeoutMs: number;
  flushTimeoutMs: number;
  maxBufferedBeforeReady: number;
  retry: RetryPolicy;
  circuitBreaker: BreakerOptions;
  consent: ConsentMode;
  sampleRate: number;
  sessionTimeoutMs: number;
  retryPreferredTransportAfterMs: number;
  clock: Clock;
  random: RandomSource;
  onDebug: ((message: DebugMessage) => void) | undefined;
  onBatchAcked: ((batchSequence: number, ack: Ack) => void) | undefined;
  wrapTransport: ((transport: Transport) => Transport) | undefined;
}

/**
 * Bytes of each batch kept for the header (install id ≤ 128 chars, context ≤ 7 names of
 * ≤ 64 chars, counters, sdk_health): events fill the rest.
 */
export const BATCH_HEADER_RESERVE_BYTES = 2_048;
const MIN_BATCH_BYTES = 4_096;

function clamp(value: number | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = value === undefined || !Number.isFinite(value) ? fallback : Math.floor(value);
  return Math.min(max, Math.max(min, v));
}

export function resolveOptions(o: GamepulseOptions): ResolvedOptions {
  const problems: string[] = [];
  if (!o || typeof o !== 'object') throw new GamepulseConfigError(['options must be an object']);
  for (const key of ['gameKey', 'endpoint', 'gameId'] as const) {
    if (typeof o[key] !== 'string' || o[key].length === 0) problems.push(`${key} is required`);
  }
  const context: ContextData = {
    gameId: o.gameId,
    build: o.build ?? '',
    platform: o.platform ?? '',
    os: o.os ?? '',
    locale: o.locale ?? '',
    device: o.device ?? '',
    country: o.country ?? '',
    sdkVersion: SDK_VERSION,
  };
  const contextIssue = validateContext(context, true);
  if (contextIssue && problems.length === 0) problems.push(`${contextIssue.field}: ${contextIssue.code}`);
  if (o.installId !== undefined && (!o.installId || o.installId.length > LIMITS.idMaxChars))
    problems.push(`installId must be 1..${LIMITS.idMaxChars} characters`);
  if (o.playerId !== undefined && (!o.playerId || o.playerId.length > LIMITS.idMaxChars))
    problems.push(`playerId must be 1..${LIMITS.idMaxChars} characters`);
  if (o.consent !== undefined && o.consent !== 'opt-in' && o.consent !== 'opt-out') problems.push("consent must be 'opt-in' or 'opt-out'");
  if (o.sampleRate !== undefined && !(typeof o.sampleRate === 'number' && o.sampleRate >= 0 && o.sampleRate <= 1))
    problems.push('sampleRate must be within [0, 1]');
  if (problems.length > 0) throw new GamepulseConfigError(problems);

  const maxBatchBytes = clamp(o.maxBatchBytes, 262_144, MIN_BATCH_BYTES);
  const baseDelayMs = clamp(o.retry?.baseDelayMs, 500, 1);
  return {
    gameKey: o.gameKey,
    endpoint: o.endpoint.replace(/\/+$/, ''),
    context,
    installId: o.installId,
    playerId: o.playerId,
    flushIntervalMs: clamp(o.flushIntervalMs, 5_000, 1),
    maxBatchEvents: clamp(o.maxBatchEvents, 500, 1, LIMITS.batchMaxEvents),
    maxBatchBytes,
    maxQueueBytes: clamp(o.maxQueueBytes, 4_194_304, maxBatchBytes),
    compressMinBytes: clamp(o.compressMinBytes, 1_024, 0),
    sendTimeoutMs: clamp(o.sendTimeoutMs, 10_000, 1),
    flushTimeoutMs: clamp(o.flushTimeoutMs, 10_000, 0),
    maxBufferedBeforeReady: clamp(o.maxBufferedBeforeReady, 1_000, 0),
    retry: {
      baseDelayMs,
      maxDelayMs: clamp(o.retry?.maxDelayMs, 30_000, baseDelayMs),
      maxRetryAfterMs: clamp(o.retry?.maxRetryAfterMs, 300_000, 0),
    },
    circuitBreaker: {
      failureThreshold: clamp(o.circuitBreaker?.failureThreshold, 5, 1),
      openMs: clamp(o.circuitBreaker?.openMs, 30_000, 1),
      maxOpenMs: clamp(o.circuitBreaker?.maxOpenMs, 300_000, clamp(o.circuitBreaker?.openMs, 30_000, 1)),
    },
    consent: o.consent === 'opt-in' ? 'opt-in' : 'opt-out',
    sampleRate: typeof o.sampleRate === 'number' && o.sampleRate >= 0 && o.sampleRate <= 1 ? o.sampleRate : 1,
    sessionTimeoutMs: clamp(o.sessionTimeoutMs, 1_800_000, 0),
    retryPreferredTransportAfterMs: clamp(o.retryPreferredTransportAfterMs, 300_000, 0),
    clock: o.clock ?? systemClock,
    random: o.random ?? createDefaultRandom(),
    onDebug: o.onDebug,
    onBatchAcked: o.onBatchAcked,
    wrapTransport: o.wrapTransport,
  };
}
