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
}

export interface SendFailure {
  ok: false;
  /** False: the collector will never accept this batch (e.g. HTTP 400); drop it. */
  retryable: boolean;
  /** The collector's own wait hint (HTTP Retry-After, gRPC retry pushback). */
  retryInMs?: number;
  /** HTTP status or gRPC status code. */
  status?: number;
  /** Stable code, e.g. GP_SDK_HTTP_STATUS, GP_SDK_NETWORK. */
  code: string;
  message?: string;
}

export type SendResult = SendSuccess | SendFailure;

export interface Transport {
  /** Sends the batch's bytes once. `signal` aborts an in-flight request (shutdown). */
  send(batch: FrozenBatch, signal?: AbortSignal): Promise<SendResult>;
  /** Releases connections. */
  close?(): Promise<void>;
}
