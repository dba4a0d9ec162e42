/**
 * gRPC transport: `gamepulse.v1.Collector/Send` on @grpc/grpc-js. gRPC message
 * compression (gzip) is undone by grpc-js, bounded by the max receive message length
 * (our `maxDecompressedBytes`), so the pipeline gets decompressed bytes. Failures map
 * to the code's gRPC status with our code in trailing metadata `gp-error-code`.
 */
import {
  Metadata,
  Server,
  ServerCredentials,
  type sendUnaryData,
  type ServerUnaryCall,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { BatchAckData } from '@gamepulse/proto';
import { ERRORS, failure, type CollectorFailure } from '../errors.ts';
import { COLLECTOR_SERVICE, GRPC_ERROR_CODE_METADATA, GRPC_KEY_METADATA, GRPC_RETRY_AFTER_METADATA } from './grpc-service.ts';
import { recordRequest, type TransportContext } from './shared.ts';

/** "ipv4:1.2.3.4:5", "1.2.3.4:5", "[::1]:5" → the address without the port; "" for a unix socket. */
export function peerIp(peer: string): string {
  if (peer.startsWith('unix:')) return '';
  const bare = peer.replace(/^ipv[46]:/, '');
  if (bare.startsWith('[')) return bare.slice(1, bare.indexOf(']'));
  const colon = bare.lastIndexOf(':');
  return colon === -1 ? bare : bare.slice(0, colon);
}

function firstString(metadata: Metadata, key: string): string | undefined {
  const v = metadata.get(key)[0];
  return typeof v === 'string' ? v : undefined;
}

function toServiceError(f: CollectorFailure): { code: number; details: string; metadata: Metadata } {
  const metadata = new Metadata();
  metadata.set(GRPC_ERROR_CODE_METADATA, f.code);
  if (f.retryAfterS !== undefined) metadata.set(GRPC_RETRY_AFTER_METADATA, String(f.retryAfterS));
  return { code: ERRORS[f.code].grpcStatus, details: f.message, metadata };
}

function send(ctx: TransportContext, call: ServerUnaryCall<Buffer, BatchAckData>, callback: sendUnaryData<BatchAckData>): void {
  const startedMs = ctx.now();
  if (ctx.isDraining()) {
    const f = failure('GP_SHUTTING_DOWN', undefined, ctx.retryAfterS);
    recordRequest(ctx, 'grpc', f, startedMs);
    callback(toServiceError(f));
    return;
  }
  ctx
    .ingest({
      body: call.request,
      contentEncoding: 'identity',
      decompressedByTransport: true,
      key: firstString(call.metadata, GRPC_KEY_METADATA),
      receivedAtMs: startedMs,
      remote: { ip: peerIp(call.getPeer()) },
    })
    .then(
      (result) => {
        recordRequest(ctx, 'grpc', result, startedMs);
        if (result.ok) callback(null, result.ack);
        else callback(toServiceError(result));
      },
      (err: unknown) => {
        // A bug in the pipeline: answer, log, keep serving.
        ctx.logger.error('grpc handler failed', { err });
        const f = failure('GP_INTERNAL');
        recordRequest(ctx, 'grpc', f, startedMs);
        callback(toServiceError(f));
      },
    );
}

export interface GrpcTransport {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight calls finish (up to `timeoutMs`), then cuts the rest. */
  close(timeoutMs: number): Promise<void>;
}

export async function startGrpcTransport(ctx: TransportContext, host: string, port: number): Promise<GrpcTransport> {
  const server = new Server({
    'grpc.max_receive_message_length': ctx.maxDecompressedBytes,
  });
  const implementation: UntypedServiceImplementation = {
    Send: (call: ServerUnaryCall<Buffer, BatchAckData>, callback: sendUnaryData<BatchAckData>) => send(ctx, call, callback),
  };
  server.addService(COLLECTOR_SERVICE, implementation);
  // IPv6 literals need brackets in a gRPC target.
  const target = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(target, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  let closing: Promise<void> | undefined;
  return {
    server,
    port: bound,
    close(timeoutMs) {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, timeoutMs);
        timer.unref();
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return closing;
    },
  };
}
