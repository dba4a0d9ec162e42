/**
 * WebSocket transport (ws): `GET /v1/ws?key=<ingest key>` (or header `x-gamepulse-key`
 * for clients that can set headers), upgraded on the HTTP port.
 *
 *   client → server: one binary message per batch: the EventBatch bytes, optionally
 *                    gzip-compressed (detected by gzip's magic bytes 1f 8b)
 *   server → client: one binary message per batch: a `StreamReply` (an ack, or a
 *                    `StreamError` with the code, retryable and retry_after_ms), in
 *                    the order the batches were sent, each after its batch is durable
 *   close codes (RFC 6455 §7.4.1, IANA registry):
 *     1008 policy violation — credentials refused; the reason is the error code
 *     1013 try again later  — load shedding, too many connections, or draining
 *     1009 message too big  — a message over maxBodyBytes (sent by ws itself)
 *
 * Browsers cannot read the HTTP status of a refused upgrade, so refusals happen after
 * the handshake, as a close code and reason the client can read. The key is checked
 * again for every batch: a key revoked while a connection is open stops working there
 * too (the batch gets its StreamError, then the connection closes with 1008).
 * permessage-deflate is off: batches are gzip'd by the SDK, and inflating in ws would
 * bypass our decompression limits.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { failure, type CollectorFailure } from '../errors.ts';
import { logAuthRefusal, precheck, type TransportContext } from './shared.ts';
import { createStreamSession, type StreamSession } from './stream-session.ts';

export const WS_PATH = '/v1/ws';
export const WS_CLOSE_POLICY = 1008;
export const WS_CLOSE_TOO_BIG = 1009;
export const WS_CLOSE_TRY_AGAIN = 1013;

export interface WebSocketOptions {
  maxConnections: number;
  pingIntervalMs: number;
}

export interface WebSocketTransport {
  readonly connections: number;
  /** Stops reading, answers what is in flight, closes every connection with 1013; cut after `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function keyOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-gamepulse-key'];
  if (typeof header === 'string' && header) return header;
  const q = (req.url ?? '').indexOf('?');
  return q === -1 ? undefined : (new URLSearchParams(req.url!.slice(q + 1)).get('key') ?? undefined);
}

/** Close reasons are at most 123 bytes (RFC 6455 §5.5); codes are far shorter. */
function closeWith(ws: WebSocket, code: number, f: CollectorFailure | string): void {
  ws.close(code, typeof f === 'string' ? f : f.code);
}

export function attachWebSocket(server: HttpServer, ctx: TransportContext, options: WebSocketOptions): WebSocketTransport {
  const wss = new WebSocketServer({ noServer: true, maxPayload: ctx.maxBodyBytes, perMessageDeflate: false, clientTracking: false });
  const open = new Map<WebSocket, StreamSession>();
  const alive = new WeakSet<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req));
  });

  const onConnection = (ws: WebSocket, req: IncomingMessage) => {
    ws.on('error', () => undefined); // protocol errors close the socket; nothing to add
    const secret = keyOf(req);
    const ip = ctx.clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for']);
    const userAgent = req.headers['user-agent'];
    if (open.size >= options.maxConnections) return closeWith(ws, WS_CLOSE_TRY_AGAIN, failure('GP_SERVER_OVERLOADED'));
    const admitted = precheck(ctx, secret, ctx.now());
    if (!admitted.ok) {
      logAuthRefusal(ctx, admitted, 'ws', ip);
      ctx.metrics.requests.inc({
        transport: 'ws',
        outcome: admitted.code.startsWith('GP_AUTH_') ? 'refused' : 'failed',
        code: admitted.code,
      });
      return closeWith(ws, admitted.code.startsWith('GP_AUTH_') ? WS_CLOSE_POLICY : WS_CLOSE_TRY_AGAIN, admitted);
    }
    if (admitted.key.signatureRequired) return closeWith(ws, WS_CLOSE_POLICY, failure('GP_AUTH_SIGNATURE_MISSING'));

    const session = createStreamSession({
      ctx,
      transport: 'ws',
      maxInFlight: ctx.streamMaxInFlight,
      ingest: (bytes, receivedAtMs) =>
        ctx.ingest({ body: bytes, contentEncoding: 'auto', key: secret, receivedAtMs, remote: { ip, userAgent } }),
      write: (reply) => {
        if (ws.readyState === ws.OPEN) ws.send(reply, { binary: true });
      },
      pause: () => ws.pause(),
      resume: () => ws.resume(),
      onFatal: (f) => closeWith(ws, WS_CLOSE_POLICY, f),
    });
    open.set(ws, session);
    ctx.metrics.openStreams.inc({ transport: 'ws' });
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) session.refuse(failure('GP_BODY_CONTENT_TYPE_UNSUPPORTED', 'WebSocket messages must be binary EventBatch bytes'));
      else session.push(toBytes(data));
    });
    ws.on('close', () => {
      session.abort();
      open.delete(ws);
      ctx.metrics.openStreams.dec({ transport: 'ws' });
    });
  };

  const ping = setInterval(() => {
    for (const ws of open.keys()) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.pingIntervalMs);
  ping.unref();

  let closing: Promise<void> | undefined;
  return {
    get connections() {
      return open.size;
    },
    close(timeoutMs) {
      closing ??= (async () => {
        clearInterval(ping);
        const deadline = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
        await Promise.all(
          [...open].map(async ([ws, session]) => {
            // New messages now get GP_SHUTTING_DOWN (the session checks draining);
            // answer everything pushed so far, then say goodbye.
            await Promise.race([session.whenIdle(), deadline]);
            closeWith(ws, WS_CLOSE_TRY_AGAIN, 'GP_SHUTTING_DOWN');
          }),
        );
        // Give close handshakes a moment, then cut whatever is left.
        await Promise.race([
          new Promise((r) => setTimeout(r, Math.min(1000, timeoutMs)).unref()),
          Promise.all([...open.keys()].map((ws) => new Promise((r) => ws.once('close', r)))),
        ]);
        for (const ws of open.keys()) ws.terminate();
        wss.close();
      })();
      return closing;
    },
  };
}
