/**
 * The pipeline's boundary types. Every transport (HTTP protobuf and JSON, gRPC unary
 * and streaming, WebSocket) turns its request into an `IngestInput` and the
 * `IngestResult` into its own response; nothing else about a batch is
 * transport-specific.
 */
import type { BatchAckData } from '@gamepulse/proto';
import type { LogProducer } from '@gamepulse/log';
import type { CollectorFailure } from '../errors.ts';
import type { IngestKey, KeyRing } from '../keys/index.ts';
import type { LoadShedder, RateLimiter } from '../limits/index.ts';
import type { CollectorMetrics } from '../metrics.ts';
import type { Enricher } from './enrich.ts';
import type { ResolvedPipelineLimits } from './limits.ts';

/**
 * Who sent the request: the client address (after trusted-proxy resolution) and its
 * User-Agent. Used for enrichment and then dropped: never written to the log, and to
 * logs at most truncated.
 */
export interface RemoteInfo {
  ip: string;
  userAgent?: string | undefined;
}

/** `auto`: gzip when the bytes start with gzip's magic (1f 8b), else identity (stream messages). */
export type ContentEncoding = 'gzip' | 'identity' | 'auto';
export type BodyFormat = 'protobuf' | 'json';

export interface IngestInput {
  /** The request body as received: an `EventBatch`, compressed per `contentEncoding`. */
  body: Uint8Array;
  contentEncoding: ContentEncoding;
  /** @default 'protobuf' */
  format?: BodyFormat;
  /**
   * True when the transport already decompressed the body within
   * `maxDecompressedBytes` (gRPC message compression): the body is then bounded by that
   * limit rather than by `maxBodyBytes`, which is about bytes on the wire.
   */
  decompressedByTransport?: boolean;
  /** The ingest key, undefined when the request carried none. */
  key: string | undefined;
  /** Set by stream transports that authenticated the connection once (then `key` is ignored). */
  authenticatedKey?: IngestKey;
  /** The `x-gamepulse-signature` header (HTTP only). */
  signature?: string | undefined;
  /** Collector clock when the request arrived (Unix ms). */
  receivedAtMs: number;
  remote: RemoteInfo;
}

export interface IngestSuccess {
  ok: true;
  /** What the client gets: accepted count, per-event rejections, server time. */
  ack: BatchAckData;
  keyId: string;
}

export type IngestResult = IngestSuccess | CollectorFailure;

export interface IngestTopics {
  /** Accepted batches (`IngestedBatch`), keyed by install id. */
  events: string;
  /** Rejected events (`DeadLetter`), keyed by install id. */
  deadLetter: string;
}

export interface IngestDeps {
  keys: KeyRing;
  producer: LogProducer;
  topics: IngestTopics;
  limits: ResolvedPipelineLimits;
  /** Clock for the ack's `server_time_ms`, validity of keys and latency measurement. */
  now: () => number;
  metrics?: CollectorMetrics;
  /** Per-key / per-player token buckets; none: unlimited. */
  rateLimiter?: RateLimiter;
  /** Backpressure; none: unbounded (tests of other steps only). */
  shedder?: LoadShedder;
  /** Geo / User-Agent enrichment; none: the context stays as sent (and as the key fills it). */
  enricher?: Enricher;
}
