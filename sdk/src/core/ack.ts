/**
 * Reading the collector's answer: a BatchAck (HTTP, gRPC Send; stream-reply.ts for
 * WebSocket and gRPC Stream), checked against the batch that was sent. Shared by every
 * transport so they agree on what an acknowledgement is.
 */
import { decodeBatchAck, type BatchAckMsg } from '@gamepulse/proto/sdk-read';
import type { FrozenBatch } from './frozen-batch.ts';
import type { Ack, SendResult } from './transport.ts';

export function toAck(o: BatchAckMsg): Ack {
  return {
    batchSequence: o.batchSequence,
    accepted: o.accepted,
    serverTimeMs: o.serverTimeMs,
    rejected: o.rejected.map((r) => ({ index: r.index, code: r.code, field: r.field, message: r.message })),
  };
}

export function checked(batch: FrozenBatch, ack: Ack): SendResult {
  if (ack.batchSequence !== batch.sequence) {
    return {
      ok: false,
      retryable: true,
      code: 'GP_SDK_ACK_MISMATCH',
      message: `sent batch ${batch.sequence}, acknowledged ${ack.batchSequence}`,
    };
  }
  return { ok: true, ack };
}

/** An answer the collector gave with a success status, as a SendResult. */
export function ackResult(batch: FrozenBatch, body: Uint8Array): SendResult {
  let ack: Ack;
  try {
    ack = toAck(decodeBatchAck(body));
  } catch (cause) {
    // Retrying is safe (the processor drops re-sent batches) and keeps the events.
    return { ok: false, retryable: true, code: 'GP_SDK_ACK_INVALID', message: String(cause) };
  }
  return checked(batch, ack);
}
