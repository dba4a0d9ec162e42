/**
 * One WebSocket connection or gRPC stream: batches arrive as messages, each goes through
 * the pipeline, and replies (`StreamReply`: an ack or a `StreamError`) leave in the order
 * the batches arrived, each only once its batch is durable (or refused).
 *
 * Batches of one connection are processed concurrently up to `maxInFlight`; at that
 * bound the session pauses reading the connection (TCP / HTTP/2 flow control then
 * pushes back to the client) and resumes once replies went out. A slow log therefore
 * slows the client down instead of filling our memory.
 */
import { StreamReply, type StreamReplyData } from '@gamepulse/proto';
import { COLLECTOR_ERRORS, failure, type CollectorFailure } from '../errors.ts';
import type { Transport } from '../metrics.ts';
import type { IngestResult } from '../pipeline/index.ts';
import { peekVarintField } from '../pipeline/wire.ts';
import { recordRequest, type TransportContext } from './shared.ts';

/** `EventBatch.batch_sequence` field number. */
const BATCH_SEQUENCE_FIELD = 2;

export interface StreamSessionOptions {
  ctx: TransportContext;
  transport: Transport;
  maxInFlight: number;
  /** Runs one batch through the pipeline (the transport fills in key and remote). */
  ingest(bytes: Uint8Array, receivedAtMs: number): Promise<IngestResult>;
  /** Sends one encoded `StreamReply`. */
  write(reply: Uint8Array): void;
  pause(): void;
  resume(): void;
  /** Called after the reply of a refusal that ends the connection (credentials) was written. */
  onFatal(f: CollectorFailure): void;
}

export interface StreamSession {
  /** A batch arrived. */
  push(bytes: Uint8Array): void;
  /** A message that is not a batch arrived: answer it in order with this refusal. */
  refuse(f: CollectorFailure): void;
  /** Batches whose reply has not been written yet. */
  readonly pending: number;
  /** Resolves once every batch pushed so far has been answered. */
  whenIdle(): Promise<void>;
  /** The connection is gone: drop replies still to come. */
  abort(): void;
}

/** A credentials refusal on a stream ends it: later batches would all be refused too. */
export function isFatal(f: CollectorFailure): boolean {
  return f.code.startsWith('GP_AUTH_') && f.code !== 'GP_AUTH_GAME_MISMATCH';
}

export function toStreamReply(result: IngestResult, bytes: Uint8Array | undefined): StreamReplyData {
  if (result.ok) return { ack: result.ack };
  const batchSequence = result.batchSequence ?? (bytes ? peekVarintField(bytes, BATCH_SEQUENCE_FIELD) : 0);
  return {
    error: {
      batchSequence,
      code: result.code,
      message: result.message,
      retryable: COLLECTOR_ERRORS[result.code].retryable,
      retryAfterMs: result.retryAfterS !== undefined ? result.retryAfterS * 1000 : 0,
    },
  };
}

interface Slot {
  result?: IngestResult;
  bytes?: Uint8Array;
  startedMs: number;
  run: () => Promise<IngestResult>;
}

export function createStreamSession(o: StreamSessionOptions): StreamSession {
  /** Every batch not answered yet, in arrival order (the reply order). */
  const queue: Slot[] = [];
  /**
   * Batches not started yet. Pausing a socket stops further reads, but a TCP chunk
   * already read may hold several messages; they wait here (bounded by that chunk), so
   * at most `maxInFlight` batches of one connection are in the pipeline at once.
   */
  const waiting: Slot[] = [];
  const idle: Array<() => void> = [];
  let running = 0;
  let paused = false;
  let aborted = false;
  let fatal = false;

  const flush = () => {
    while (queue.length > 0 && queue[0]!.result) {
      const slot = queue.shift()!;
      const result = slot.result!;
      recordRequest(o.ctx, o.transport, result, slot.startedMs);
      if (aborted || fatal) continue;
      o.write(StreamReply.encode(toStreamReply(result, slot.bytes)).finish());
      if (!result.ok && isFatal(result)) {
        fatal = true;
        o.onFatal(result);
      }
    }
    if (paused && queue.length < o.maxInFlight && !aborted) {
      paused = false;
      o.resume();
    }
    if (queue.length === 0) for (const resolve of idle.splice(0)) resolve();
  };

  const pump = () => {
    while (running < o.maxInFlight && waiting.length > 0) {
      const slot = waiting.shift()!;
      running++;
      slot.run().then(
        (result) => {
          running--;
          slot.result = result;
          flush();
          pump();
        },
        (err: unknown) => {
          running--;
          o.ctx.logger.error(`${o.transport} batch failed`, { err });
          slot.result = failure('GP_INTERNAL');
          flush();
          pump();
        },
      );
    }
  };

  const enqueue = (bytes: Uint8Array | undefined, run: () => Promise<IngestResult>) => {
    const slot: Slot = { startedMs: o.ctx.now(), run };
    if (bytes) slot.bytes = bytes;
    queue.push(slot);
    waiting.push(slot);
    if (queue.length >= o.maxInFlight && !paused) {
      paused = true;
      o.pause();
    }
    pump();
  };

  return {
    push(bytes) {
      const receivedAtMs = o.ctx.now();
      if (fatal) return;
      if (o.ctx.isDraining()) return enqueue(bytes, () => Promise.resolve(failure('GP_SHUTTING_DOWN', undefined, o.ctx.retryAfterS)));
      enqueue(bytes, () => o.ingest(bytes, receivedAtMs));
    },
    refuse(f) {
      enqueue(undefined, () => Promise.resolve(f));
    },
    get pending() {
      return queue.length;
    },
    whenIdle() {
      return queue.length === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
    },
    abort() {
      aborted = true;
      waiting.length = 0;
      queue.length = 0;
      for (const resolve of idle.splice(0)) resolve();
    },
  };
}
