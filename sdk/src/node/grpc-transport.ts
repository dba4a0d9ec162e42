/**
 * gRPC transport for Node: unary `/gamepulse.v1.Collector/Send` with @grpc/grpc-js.
 *
 * The request serializer is a pass-through of the frozen batch's bytes: grpc-js never
 * re-encodes the batch, so every re-send is the same EventBatch, byte for byte. gzip
 * is gRPC's own message compression (the `grpc-encoding` header and the compressed
 * flag of each message frame). grpc-js chooses compression per channel, so a second,
 * uncompressed channel is opened lazily for batches below `compressMinBytes`.
 *
 * The game key travels in metadata `x-gamepulse-key`. Status codes map to results as
 * the gRPC status-code guide describes (grpc.io/docs/guides/status-codes): transient
 * conditions are retried, caller errors are final. A server may ask for a specific
 * wait with the trailer `grpc-retry-pushback-ms` (gRFC A6, "Retry Pushback"); the
 * gamepulse collector sends `retry-after` (seconds) and its error code in
 * `gp-error-code` (a too-large code makes the SDK split the batch). UNIMPLEMENTED is
 * GP_SDK_TRANSPORT_UNAVAILABLE, so a fallback transport takes over.
 */
import { Client, Metadata, compressionAlgorithms, credentials, status, type ClientUnaryCall, type ServiceError } from '@grpc/grpc-js';
import { ackResult } from '../core/ack.ts';
import type { Clock } from '../core/clock.ts';
import type { FrozenBatch } from '../core/frozen-batch.ts';
import { TOO_LARGE_CODES, type SendFailure, type SendResult, type Transport } from '../core/transport.ts';

export const COLLECTOR_SEND_METHOD = '/gamepulse.v1.Collector/Send';

export interface GrpcTransportOptions {
  /**
   * Collector address: "http://host:port" for plaintext, "https://host:port" or
   * "host:port" for TLS.
   */
  endpoint: string;
  gameKey: string;
  compressMinBytes: number;
  timeoutMs: number;
  clock: Clock;
}

/** Transient conditions worth a re-send of the same batch. */
const RETRYABLE = new Set<number>([
  status.CANCELLED,
  status.UNKNOWN,
  status.DEADLINE_EXCEEDED,
  status.RESOURCE_EXHAUSTED,
  status.ABORTED,
  status.INTERNAL,
  status.UNAVAILABLE,
  status.DATA_LOSS,
]);

export function parseGrpcTarget(endpoint: string): { target: string; secure: boolean } {
  const m = /^(https?):\/\/([^/]+)\/?$/.exec(endpoint.trim());
  if (m) return { target: m[2]!, secure: m[1] === 'https' };
  return { target: endpoint.trim(), secure: true };
}

/** Trailing metadata the collector sets on a refusal (collector/src/transports/grpc-service.ts). */
const ERROR_CODE_METADATA = 'gp-error-code';
const RETRY_AFTER_METADATA = 'retry-after';

export function failureForGrpcError(err: ServiceError): SendFailure {
  const first = (key: string) => err.metadata?.get(key)[0]?.toString();
  // gRFC A6 "Retry Pushback" (ms), or the collector's retry-after (seconds, like HTTP).
  const pushbackMs = Number(first('grpc-retry-pushback-ms') ?? NaN);
  const retryAfterS = Number(first(RETRY_AFTER_METADATA) ?? NaN);
  // A negative or unparseable pushback means "do not retry" for gRPC's own retry policy;
  // here it only removes the hint, the SDK's backoff applies.
  const retryInMs =
    Number.isFinite(pushbackMs) && pushbackMs >= 0
      ? pushbackMs
      : Number.isFinite(retryAfterS) && retryAfterS >= 0
        ? retryAfterS * 1000
        : undefined;
  const serverCode = first(ERROR_CODE_METADATA);
  const tooLarge = serverCode !== undefined && TOO_LARGE_CODES.has(serverCode);
  if (err.code === status.UNIMPLEMENTED)
    return {
      ok: false,
      retryable: true,
      status: err.code,
      code: 'GP_SDK_TRANSPORT_UNAVAILABLE',
      message: `UNIMPLEMENTED: ${err.details ?? ''}`,
    };
  const retryable = RETRYABLE.has(err.code) && !tooLarge;
  return {
    ok: false,
    retryable,
    status: err.code,
    code: 'GP_SDK_GRPC_STATUS',
    message: `${status[err.code] ?? err.code}: ${err.details ?? ''}`.trim(),
    ...(serverCode ? { serverCode } : {}),
    ...(tooLarge ? { tooLarge } : {}),
    ...(retryable && retryInMs !== undefined ? { retryInMs } : {}),
  };
}

const passThrough = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const rawBytes = (buffer: Buffer): Buffer => buffer;

export function createGrpcTransport(o: GrpcTransportOptions): Transport {
  const { target, secure } = parseGrpcTarget(o.endpoint);
  const creds = secure ? credentials.createSsl() : credentials.createInsecure();
  const clients = new Map<boolean, Client>();
  const clientFor = (compress: boolean): Client => {
    let client = clients.get(compress);
    if (!client) {
      client = new Client(target, creds, compress ? { 'grpc.default_compression_algorithm': compressionAlgorithms.gzip } : {});
      clients.set(compress, client);
    }
    return client;
  };

  return {
    name: 'grpc',
    send(batch: FrozenBatch, signal?: AbortSignal): Promise<SendResult> {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve({ ok: false, retryable: true, code: 'GP_SDK_ABORTED' });
        const metadata = new Metadata();
        metadata.set('x-gamepulse-key', o.gameKey);
        let timedOut = false;
        let done = false;
        let call: ClientUnaryCall | undefined;
        const onAbort = () => call?.cancel();
        // The timeout runs on the injected clock (not a gRPC deadline) like every other wait.
        const timer = o.clock.setTimeout(() => {
          timedOut = true;
          call?.cancel();
        }, o.timeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        const finish = (result: SendResult) => {
          if (done) return;
          done = true;
          o.clock.clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        };
        call = clientFor(batch.bytes.length >= o.compressMinBytes).makeUnaryRequest<Uint8Array, Buffer>(
          COLLECTOR_SEND_METHOD,
          passThrough,
          rawBytes,
          batch.bytes,
          metadata,
          {},
          (err, body) => {
            if (signal?.aborted) return finish({ ok: false, retryable: true, code: 'GP_SDK_ABORTED' });
            if (timedOut)
              return finish({ ok: false, retryable: true, code: 'GP_SDK_SEND_TIMEOUT', message: `no answer within ${o.timeoutMs} ms` });
            if (err) return finish(failureForGrpcError(err));
            finish(ackResult(batch, body ?? new Uint8Array(0)));
          },
        );
      });
    },
    async close() {
      for (const client of clients.values()) client.close();
      clients.clear();
    },
  };
}
