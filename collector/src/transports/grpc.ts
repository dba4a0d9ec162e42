/**
 * gRPC transport: `gamepulse.v1.Collector` with `Send` (one batch, one BatchAck) and
 * `Stream` (many batches on one call, one StreamReply per batch, in order, each after
 * its batch is durable). The key travels in metadata `x-gamepulse-key`.
 *
 * Refusals of a whole call (credentials, draining) end it with the code's gRPC status,
 * our code in trailing metadata `gp-error-code` and `retry-after` (seconds) when
 * retryable. On a stream, a refused batch is a StreamError reply and the stream goes on.
 */
import {
  Metadata,
  Server,
  ServerCredentials,
  type sendUnaryData,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { BatchAckData } from '@gamepulse/proto';
import { COLLECTOR_ERRORS, failure, type CollectorFailure } from '../errors.ts';
import { COLLECTOR_SERVICE, GRPC_ERROR_CODE_METADATA, GRPC_KEY_METADATA, GRPC_RETRY_AFTER_METADATA } from './grpc-service.ts';
import { logAuthRefusal, precheck, recordRequest, type TransportContext } from './shared.ts';
import { createStreamSession, type StreamSession } from './stream-session.ts';

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
  return { code: COLLECTOR_ERRORS[f.code].grpcStatus, details: f.message, metadata };
}

function remoteOf(ctx: TransportContext, peer: string, metadata: Metadata) {
  // gRPC has no X-Forwarded-For convention of its own; proxies that add the header as
  // metadata (Envoy does, with `x-forwarded-for`) are honoured like HTTP's.
  const ip = ctx.clientIp(peerIp(peer), firstString(metadata, 'x-forwarded-for'));
  return { ip, userAgent: firstString(metadata, 'user-agent') };
}

function send(ctx: TransportContext, call: ServerUnaryCall<Buffer, BatchAckData>, callback: sendUnaryData<BatchAckData>): void {
  const startedMs = ctx.now();
  if (ctx.isDraining()) {
    const f = failure('GP_SHUTTING_DOWN', undefined, ctx.retryAfterS);
    recordRequest(ctx, 'grpc', f, startedMs);
    callback(toServiceError(f));
    return;
  }
  const remote = remoteOf(ctx, call.getPeer(), call.metadata);
  ctx
    .ingest({
      body: call.request,
      contentEncoding: 'auto',
      decompressedByTransport: true,
      key: firstString(call.metadata, GRPC_KEY_METADATA),
      receivedAtMs: startedMs,
      remote,
    })
    .then(
      (result) => {
        recordRequest(ctx, 'grpc', result, startedMs);
        if (result.ok) callback(null, result.ack);
        else {
          logAuthRefusal(ctx, result, 'grpc', remote.ip);
          callback(toServiceError(result));
        }
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

interface OpenStream {
  session: StreamSession;
  endWith(f: CollectorFailure | undefined): void;
}

function stream(
  ctx: TransportContext,
  call: ServerDuplexStream<Buffer, Uint8Array>,
  sessions: Map<ServerDuplexStream<Buffer, Uint8Array>, OpenStream>,
): void {
  const secret = firstString(call.metadata, GRPC_KEY_METADATA);
  const remote = remoteOf(ctx, call.getPeer(), call.metadata);
  call.on('error', () => undefined); // a client reset; nothing to answer
  let ended = false;
  const endWith = (f: CollectorFailure | undefined) => {
    if (ended) return;
    ended = true;
    if (f) call.emit('error', toServiceError(f));
    else call.end();
  };
  const admitted = precheck(ctx, secret, ctx.now());
  if (!admitted.ok || admitted.key.signatureRequired) {
    const f = admitted.ok ? failure('GP_AUTH_SIGNATURE_MISSING') : admitted;
    logAuthRefusal(ctx, f, 'grpc_stream', remote.ip);
    recordRequest(ctx, 'grpc_stream', f, ctx.now());
    return endWith(f);
  }
  const session = createStreamSession({
    ctx,
    transport: 'grpc_stream',
    maxInFlight: ctx.streamMaxInFlight,
    ingest: (bytes, receivedAtMs) =>
      ctx.ingest({ body: bytes, contentEncoding: 'auto', decompressedByTransport: true, key: secret, receivedAtMs, remote }),
    write: (reply) => {
      if (!ended && !call.cancelled) call.write(reply);
    },
    pause: () => call.pause(),
    resume: () => call.resume(),
    onFatal: (f) => endWith(f),
  });
  sessions.set(call, { session, endWith });
  ctx.metrics.openStreams.inc({ transport: 'grpc_stream' });
  const done = () => {
    if (!sessions.delete(call)) return;
    ctx.metrics.openStreams.dec({ transport: 'grpc_stream' });
  };
  call.on('data', (bytes: Buffer) => session.push(bytes));
  // The client half-closed: answer what it sent, then end the call with OK.
  call.on('end', () => void session.whenIdle().then(() => endWith(undefined)));
  call.on('cancelled', () => {
    session.abort();
    ended = true;
    done();
  });
  call.on('finish', done);
  call.on('close', done);
}

export interface GrpcTransport {
  server: Server;
  port: number;
  /** Stops accepting, answers in-flight calls and stream batches (up to `timeoutMs`), then cuts the rest. */
  close(timeoutMs: number): Promise<void>;
}

export async function startGrpcTransport(ctx: TransportContext, host: string, port: number): Promise<GrpcTransport> {
  const server = new Server({
    'grpc.max_receive_message_length': ctx.maxDecompressedBytes,
  });
  const sessions = new Map<ServerDuplexStream<Buffer, Uint8Array>, OpenStream>();
  const implementation: UntypedServiceImplementation = {
    Send: (call: ServerUnaryCall<Buffer, BatchAckData>, callback: sendUnaryData<BatchAckData>) => send(ctx, call, callback),
    Stream: (call: ServerDuplexStream<Buffer, Uint8Array>) => stream(ctx, call, sessions),
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
        // Streams: stop reading, answer what was received, then end with UNAVAILABLE +
        // GP_SHUTTING_DOWN so the client re-sends anything unanswered elsewhere.
        for (const [call, open] of sessions) {
          call.pause();
          void open.session.whenIdle().then(() => {
            if (!call.cancelled) open.endWith(failure('GP_SHUTTING_DOWN', undefined, ctx.retryAfterS));
          });
        }
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return closing;
    },
  };
}
