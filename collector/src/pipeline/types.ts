/**
 * The pipeline's boundary types. Every transport (HTTP, gRPC, later WebSocket and JSON)
 * turns its request into an `IngestInput` and the `IngestResult` into its own response;
 * nothing else about a batch is transport-specific.
 */
import type { BatchAckData } from '@gamepulse/proto';
import type { LogProducer } from '@gamepulse/log';
import type { CollectorFailure } from '../errors.ts';
import type { KeyRing } from '../keys.ts';
import type { CollectorMetrics } from '../metrics.ts';
import type { ResolvedPipelineLimits } from './limits.ts';

/**
 * Who sent the request. Used for enrichment (geoip, later) and rate limits (later);
 * never written to the log or to logs.
 */
export interface RemoteInfo {
  ip: string;
}

export type ContentEncoding = 'gzip' | 'identity';

export interface IngestInput {
  /** The request body as received: an `EventBatch`, compressed per `contentEncoding`. */
  body: Uint8Array;
  contentEncoding: ContentEncoding;
  /**
   * True when the transport already decompressed the body within
   * `maxDecompressedBytes` (gRPC message compression): the body is then bounded by that
   * limit rather than by `maxBodyBytes`, which is about bytes on the wire.
   */
  decompressedByTransport?: boolean;
  /** The ingest key, undefined when the request carried none. */
  key: string | undefined;
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
  /** Clock for the ack's `server_time_ms` and latency measurement. */
  now: () => number;
  metrics?: CollectorMetrics;
}
