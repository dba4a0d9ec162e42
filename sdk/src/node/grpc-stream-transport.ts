/**
 * gRPC streaming transport for Node game servers: one long-lived bidirectional call
 * `/gamepulse.v1.Collector/Stream` (stream EventBatch → stream StreamReply), the game
 * key in metadata `x-gamepulse-key`. Each batch is one message (its frozen bytes,
 * gzip-compressed by gRPC's message compression), and the collector answers each with
 * one StreamReply, in order, once the batch is durable: no per-batch call overhead.
 * A call that ends or fails fails the batches waiting on it (they are retried on a new
 * call); UNIMPLEMENTED (a collector without Stream) is GP_SDK_TRANSPORT_UNAVAILABLE, so
 * the fallback (unary Send) takes over.
 */
import { Client, Metadata, compressionAlgorithms, credentials, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { streamReplyResult } from '../core/stream-reply.ts';
import type { FrozenBatch } from '../core/frozen-batch.ts';
import type { SendResult, Transport } from '../core/transport.ts';
import { failureForGrpcError, parseGrpcTarget, type GrpcTransportOptions } from './grpc-transport.ts';

export const COLLECTOR_STREAM_METHOD = '/gamepulse.v1.Collector/Stream';

interface Waiter {
  batch: FrozenBatch;
  resolve: (result: SendResult) => void;
}

const passThrough = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const rawBytes = (buffer: Buffer): Buffer => buffer;

export function createGrpcStreamTransport(o: GrpcTransportOptions): Transport {
  const { target, secure } = parseGrpcTarget(o.endpoint);
  let client: Client | undefined;
  let call: ClientDuplexStream<Uint8Array, Buffer> | undefined;
  const waiting: Waiter[] = [];

  const failAll = (result: SendResult) => {
    for (const w of waiting.splice(0)) w.resolve(result);
  };

  const open = (): ClientDuplexStream<Uint8Array, Buffer> => {
    if (call) return call;
    client ??= new Client(target, secure ? credentials.createSsl() : credentials.createInsecure(), {
      'grpc.default_compression_algorithm': compressionAlgorithms.gzip,
    });
    const metadata = new Metadata();
    metadata.set('x-gamepulse-key', o.gameKey);
    const c = client.makeBidiStreamRequest<Uint8Array, Buffer>(COLLECTOR_STREAM_METHOD, passThrough, rawBytes, metadata);
    call = c;
    c.on('data', (reply: Buffer) => {
      const head = waiting.shift();
      head?.resolve(streamReplyResult(head.batch, new Uint8Array(reply.buffer, reply.byteOffset, reply.byteLength)));
    });
    c.on('error', (err: ServiceError) => {
      if (call === c) call = undefined;
      failAll(failureForGrpcError(err));
    });
    c.on('end', () => {
      if (call === c) call = undefined;
      failAll({ ok: false, retryable: true, code: 'GP_SDK_NETWORK', message: 'stream ended' });
    });
    return c;
  };

  return {
    name: 'grpc-stream',
    send(batch, signal): Promise<SendResult> {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve({ ok: false, retryable: true, code: 'GP_SDK_ABORTED' });
        let done = false;
        const finish = (result: SendResult) => {
          if (done) return;
          done = true;
          o.clock.clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const i = waiting.indexOf(waiter);
          if (i >= 0) waiting.splice(i, 1);
          resolve(result);
        };
        const waiter: Waiter = { batch, resolve: finish };
        // Without its reply the stream is out of step: cancel it; the next send opens a new one.
        const reset = (result: SendResult) => {
          const c = call;
          call = undefined;
          finish(result);
          c?.cancel();
        };
        const onAbort = () => reset({ ok: false, retryable: true, code: 'GP_SDK_ABORTED' });
        const timer = o.clock.setTimeout(
          () => reset({ ok: false, retryable: true, code: 'GP_SDK_SEND_TIMEOUT', message: `no answer within ${o.timeoutMs} ms` }),
          o.timeoutMs,
        );
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(waiter);
        try {
          open().write(batch.bytes);
        } catch (cause) {
          finish({ ok: false, retryable: true, code: 'GP_SDK_NETWORK', message: String(cause) });
        }
      });
    },
    async close() {
      failAll({ ok: false, retryable: true, code: 'GP_SDK_ABORTED' });
      const c = call;
      call = undefined;
      c?.end();
      client?.close();
      client = undefined;
    },
  };
}
