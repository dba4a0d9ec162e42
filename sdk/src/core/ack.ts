/**
 * Decoding a BatchAck into plain numbers, and checking that it answers the batch that
 * was sent. Shared by every transport so they agree on what an acknowledgement is.
 */
import { BatchAck } from '@gamepulse/proto';
import type { FrozenBatch } from './frozen-batch.ts';
import type { Ack, SendResult } from './transport.ts';

/**
 * `toObject` with `longs: Number` because the generated decoder returns Long objects
 * for 64-bit fields whenever the `long` package can be resolved (as under Node with
 * @grpc/grpc-js installed), despite --force-number.
 */
interface PlainAck {
  batchSequence?: number;
  accepted?: number;
  serverTimeMs?: number;
  rejected?: Array<{ index?: number; code?: string; field?: string; message?: string }>;
}

function toAck(bytes: Uint8Array): Ack {
  const o = BatchAck.toObject(BatchAck.decode(bytes), { longs: Number, defaults: true, arrays: true }) as PlainAck;
  return {
    batchSequence: Number(o.batchSequence ?? 0),
    accepted: Number(o.accepted ?? 0),
    serverTimeMs: Number(o.serverTimeMs ?? 0),
    rejected: (o.rejected ?? []).map((r) => ({
      index: Number(r.index ?? 0),
      code: String(r.code ?? ''),
      field: String(r.field ?? ''),
      message: String(r.message ?? ''),
    })),
  };
}

/** An answer the collector gave with a success status, as a SendResult. */
export function ackResult(batch: FrozenBatch, body: Uint8Array): SendResult {
  let ack: Ack;
  try {
    ack = toAck(body);
  } catch (cause) {
    // Retrying is safe (the processor drops re-sent batches) and keeps the events.
    return { ok: false, retryable: true, code: 'GP_SDK_ACK_INVALID', message: String(cause) };
  }
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
