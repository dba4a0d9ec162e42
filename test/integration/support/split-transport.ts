/**
 * Test-only transport for the lost-ack-then-413 path (issue 13, scenario 3): the first
 * attempt of a chosen batch goes over gRPC, whose limit is the collector's
 * `maxDecompressedBytes`, so the whole batch is stored; its acknowledgement is then
 * "lost" (a retryable failure). Every other attempt goes over HTTP, whose limit is the
 * collector's lower `maxBodyBytes` (sent uncompressed), so the retry of the whole batch
 * is refused with 413 and the SDK splits it. That is what happens when an SDK falls back
 * from gRPC to HTTP, or a proxy with a smaller body limit comes into the path, between
 * an attempt that was stored and its retry.
 */
import type { FrozenBatch, SendResult, Transport } from '@gamepulse/sdk';

export interface SplitPathStats {
  /** Batches stored over gRPC whose acknowledgement the test dropped. */
  ackLost: number;
  /** HTTP answers "too large" (413) the SDK received. */
  tooLarge: number;
  /** Batches acknowledged over HTTP. */
  acked: number;
}

export function lostAckThenSmallerLimit(
  http: Transport,
  grpc: Transport,
  viaGrpcFirst: (batch: FrozenBatch) => boolean,
  stats: SplitPathStats,
): Transport {
  const tried = new Set<FrozenBatch>();
  return {
    name: 'grpc-then-http',
    async send(batch, signal): Promise<SendResult> {
      if (!tried.has(batch) && viaGrpcFirst(batch)) {
        tried.add(batch);
        const result = await grpc.send(batch, signal);
        if (!result.ok) return result;
        stats.ackLost++;
        return { ok: false, retryable: true, retryInMs: 1, code: 'TEST_ACK_LOST', message: 'acknowledgement dropped by the test' };
      }
      tried.add(batch);
      const result = await http.send(batch, signal);
      if (result.ok) stats.acked++;
      else if (result.tooLarge) stats.tooLarge++;
      return result;
    },
    close: async () => {
      await Promise.all([http.close?.(), grpc.close?.()]);
    },
  };
}
