/**
 * Stable codes for what the SDK reports: debug messages, `stats().droppedByReason`
 * and `EventBatch.sdk_health.dropped_by_reason`. Event validation problems use the
 * shared `GP_EVENT_*` codes of @gamepulse/proto, so a game developer sees the same
 * code in the debug callback that the collector would have put on a dead letter.
 * Codes never change meaning; new ones may be added (README lists them all).
 */
import type { EventCode } from '@gamepulse/proto/sdk';

export const SDK_CODES = {
  GP_SDK_CONFIG_INVALID: 'an option passed to createGamepulse is missing or out of range',
  GP_SDK_QUEUE_FULL: 'the budget for unsent events (maxQueueBytes) is used up; the event was dropped',
  GP_SDK_EVENT_TOO_LARGE: 'the encoded event does not fit into one batch (maxBatchBytes)',
  GP_SDK_SHUTDOWN: 'called after shutdown(); the event was dropped',
  GP_SDK_INVALID_CALL: 'an SDK method was called with arguments it cannot use; nothing was recorded',
  GP_SDK_SESSION_NOT_ACTIVE: 'session.end() without an active session; nothing was recorded',
  GP_SDK_BATCH_REJECTED: 'the collector permanently rejected a batch; its events were dropped',
  GP_SDK_EVENT_REJECTED: 'the collector rejected events of an accepted batch (partial success)',
  GP_SDK_SEND_RETRY: 'sending a batch failed; it will be re-sent unchanged after a delay',
  GP_SDK_HTTP_STATUS: 'the collector answered with a non-2xx HTTP status',
  GP_SDK_GRPC_STATUS: 'the collector answered with a non-OK gRPC status',
  GP_SDK_NETWORK: 'the request failed before an answer arrived (DNS, connection, TLS)',
  GP_SDK_SEND_TIMEOUT: 'no answer within sendTimeoutMs',
  GP_SDK_ABORTED: 'the send was cancelled by shutdown()',
  GP_SDK_STREAM_ERROR: 'the collector refused a batch on a stream (WebSocket, gRPC Stream) with its own code',
  GP_SDK_ACK_INVALID: 'the acknowledgement could not be decoded as a BatchAck',
  GP_SDK_ACK_MISMATCH: 'the acknowledgement names a different batch_sequence than the batch sent',
  GP_SDK_STORAGE_FAILED: 'reading or writing the offline store failed; the SDK carries on in memory',
  GP_SDK_STORAGE_VOLATILE:
    'installId is fixed but storage is not persistent: each start is a new batch stream (stream_id) from sequence 1, so batches are told apart, but unsent events and batches are lost on exit; give a Node server a storageDir',
  GP_SDK_FLUSH_TIMEOUT: 'flush() gave up waiting after flushTimeoutMs; events stay queued',
  GP_SDK_CALLBACK_FAILED: 'a callback passed in the options (onBatchAcked, onDebug) threw',
  GP_SDK_QUEUE_EVICTED: 'a queued low-priority event (design, debug) was dropped to make room for a more important one',
  GP_SDK_BATCH_SPLIT: 'the collector refused a batch as too large; it is re-sent as two halves that name it (split_of_sequence)',
  GP_SDK_TRANSPORT_UNAVAILABLE:
    'the transport could not be used (handshake refused, method not implemented, its code not loaded); the next one is tried, else the batch waits, stored',
  GP_SDK_TRANSPORT_FALLBACK: 'switched to a less preferred transport for a while',
  GP_SDK_CONSENT_DENIED: 'the player denied consent: queued events were discarded and nothing more is recorded',
  GP_SDK_DELETION_REQUESTED: 'events not yet sent were discarded because the player asked for deletion',
  GP_SDK_DELETION_FAILED: 'the deletion request did not reach the collector',
  GP_SDK_STORAGE_LOCKED: 'another process uses the storage directory; this one keeps its data in memory',
  GP_SDK_NOT_READY: 'called before the SDK loaded its state; the result uses what is known so far',
} as const;

export type SdkCode = keyof typeof SDK_CODES;

/** Every code a debug message or a drop counter can carry. */
export type GamepulseCode = SdkCode | EventCode;

export type DebugLevel = 'debug' | 'info' | 'warn' | 'error';

/** What `onDebug` receives. Fields beyond `code`/`message` are present when they apply. */
export interface DebugMessage {
  level: DebugLevel;
  code: GamepulseCode;
  message: string;
  /** Offending field path, for validation problems, e.g. "purchase.currency". */
  field?: string;
  /** Batch the message is about. */
  batchSequence?: number;
  /** How many events it concerns. */
  events?: number;
  /** Retries: which retry this is (1 = first re-send) and how long until it. */
  attempt?: number;
  delayMs?: number;
  /** HTTP status or gRPC status code of a failed send. */
  status?: number;
  cause?: unknown;
}

/** Thrown only for programming errors at construction time (never from track()). */
export class GamepulseConfigError extends Error {
  readonly code = 'GP_SDK_CONFIG_INVALID';
  /** Never: the same options fail again. (`code` and `retryable` are the fields the server's errors carry too.) */
  readonly retryable = false;
  constructor(readonly problems: readonly string[]) {
    super(`invalid gamepulse options:\n  - ${problems.join('\n  - ')}`);
    this.name = 'GamepulseConfigError';
  }
}
