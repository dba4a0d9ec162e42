/**
 * How a frozen batch reaches the collector. One call sends one batch once; retrying is
 * a wrapper (retry.ts), so every transport stays a plain request/response mapping.
 * Results are values, not exceptions: a transport never throws for a failed send.
 */
import type { FrozenBatch } from './frozen-batch.ts';

export interface Rejected {
  /** Position in EventBatch.events. */
  index: number;
  code: string;
  field: string;
  message: string;
}

/** A decoded BatchAck with plain numbers. */
export interface Ack {
  batchSequence: number;
  accepted: number;
  rejected: Rejected[];
  serverTimeMs: number;
}

export interface SendSuccess {
  ok: true;
  ack: Ack;
  /** Round trip of the attempt that was acknowledged (monotonic ms), for the clock offset. */
  rttMs?: number;
}

export interface SendFailure {
  ok: false;
  /** False: the collector will never accept this batch (e.g. HTTP 400); drop it. */
  retryable: boolean;
  /** The collector's own wait hint (HTTP Retry-After, gRPC retry pushback). */
  retryInMs?: number;
  /** HTTP status or gRPC status code. */
  status?: number;
  /** Stable code, e.g. GP_SDK_HTTP_STATUS, GP_SDK_NETWORK, GP_SDK_TRANSPORT_UNAVAILABLE. */
  code: string;
  /**
   * The collector refused the batch as too large (HTTP 413, GP_BODY_TOO_LARGE,
   * GP_LOG_RECORD_TOO_LARGE): split it in halves and send those instead.
   */
  tooLarge?: boolean;
  /** The collector's own error code, when it sent one (e.g. GP_AUTH_KEY_INVALID). */
  serverCode?: string;
  message?: string;
}

export type SendResult = SendSuccess | SendFailure;

export interface Transport {
  /** Sends the batch's bytes once. `signal` aborts an in-flight request (shutdown). */
  send(batch: FrozenBatch, signal?: AbortSignal): Promise<SendResult>;
  /** Releases connections. */
  close?(): Promise<void>;
  /** Name for stats and debug output, e.g. "http", "websocket", "grpc-stream". */
  readonly name?: string;
}

/** Collector codes that mean "send smaller batches" (collector/src/errors.ts). */
export const TOO_LARGE_CODES: ReadonlySet<string> = new Set([
  'GP_BODY_TOO_LARGE',
  'GP_BODY_DECOMPRESSED_TOO_LARGE',
  'GP_LOG_RECORD_TOO_LARGE',
]);
