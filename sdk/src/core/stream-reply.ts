/**
 * A StreamReply (WebSocket, gRPC Stream) for the batch it answers: an ack, or a
 * StreamError with the collector's code, retryable flag and wait — a "send smaller
 * batches" code makes the SDK split the batch, as HTTP 413 does.
 */
import { decodeStreamReply } from '@gamepulse/proto/sdk-read';
import { checked, toAck } from './ack.ts';
import type { FrozenBatch } from './frozen-batch.ts';
import { TOO_LARGE_CODES, type SendResult } from './transport.ts';

/** One StreamReply (WebSocket, gRPC Stream) for `batch`. */
export function streamReplyResult(batch: FrozenBatch, body: Uint8Array): SendResult {
  let reply;
  try {
    reply = decodeStreamReply(body);
  } catch (cause) {
    return { ok: false, retryable: true, code: 'GP_SDK_ACK_INVALID', message: String(cause) };
  }
  if (reply.ack) return checked(batch, toAck(reply.ack));
  const e = reply.error;
  if (!e) return { ok: false, retryable: true, code: 'GP_SDK_ACK_INVALID', message: 'empty StreamReply' };
  if (e.batchSequence !== 0 && e.batchSequence !== batch.sequence)
    return { ok: false, retryable: true, code: 'GP_SDK_ACK_MISMATCH', message: `sent batch ${batch.sequence}, refused ${e.batchSequence}` };
  const tooLarge = TOO_LARGE_CODES.has(e.code);
  return {
    ok: false,
    retryable: e.retryable && !tooLarge,
    code: 'GP_SDK_STREAM_ERROR',
    serverCode: e.code,
    message: `${e.code}: ${e.message}`,
    ...(tooLarge ? { tooLarge } : {}),
    ...(e.retryable && e.retryAfterMs > 0 ? { retryInMs: e.retryAfterMs } : {}),
  };
}
