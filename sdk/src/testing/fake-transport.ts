/**
 * Test doubles for the Transport seam, used by the SDK's unit tests: a transport that
 * records every attempt (bytes included) and answers through a script, and decoding
 * helpers that turn batch bytes back into plain objects.
 */
import { EventBatch, type EventData } from '@gamepulse/proto';
import type { FrozenBatch } from '../core/frozen-batch.ts';
import type { Ack, SendResult, Transport } from '../core/transport.ts';

export interface Attempt {
  sequence: number;
  bytes: Uint8Array;
  eventCount: number;
}

export type Responder = (batch: FrozenBatch, attemptIndex: number) => SendResult | Promise<SendResult>;

export interface FakeTransport extends Transport {
  readonly attempts: Attempt[];
  /** Changes how later attempts are answered. */
  respond(responder: Responder): void;
  closed: boolean;
}

export function ackFor(batch: FrozenBatch, overrides: Partial<Ack> = {}): SendResult {
  return {
    ok: true,
    ack: { batchSequence: batch.sequence, accepted: batch.eventCount, rejected: [], serverTimeMs: 0, ...overrides },
  };
}

export function createFakeTransport(responder: Responder = (b) => ackFor(b)): FakeTransport {
  let answer = responder;
  const t: FakeTransport = {
    attempts: [],
    closed: false,
    respond(next) {
      answer = next;
    },
    async send(batch) {
      const index = t.attempts.length;
      t.attempts.push({ sequence: batch.sequence, bytes: batch.bytes.slice(), eventCount: batch.eventCount });
      return answer(batch, index);
    },
    async close() {
      t.closed = true;
    },
  };
  return t;
}

/**
 * A decoded event: the plain-object shape, with the fields the SDK sets on every event
 * (never a proto3 default, so always on the wire), and `payload`, which toObject names only with `oneofs`.
 */
export type PlainEvent = EventData & {
  eventId: string;
  installId: string;
  sessionId: string;
  sequence: number;
  sessionNumber: number;
  clientTsMs: number;
  payload?: string;
};

/** A decoded batch with plain numbers (64-bit fields as numbers). */
export interface PlainBatch {
  installId: string;
  batchSequence: number;
  sentAtMs: number;
  clockOffsetMs?: number;
  context?: Record<string, string>;
  events: PlainEvent[];
  sdkHealth?: { droppedByReason?: Record<string, number>; queued?: number };
  /** Left out when 0 (proto3 defaults): a batch of an older SDK, or not a split piece. */
  streamId?: number;
  splitOfSequence?: number;
  splitParentDigest?: number;
}

export function decodeBatch(bytes: Uint8Array): PlainBatch {
  return EventBatch.toObject(EventBatch.decode(bytes), { longs: Number, arrays: true, objects: true }) as PlainBatch;
}
