/**
 * WebSocket transport (browsers, and Node through the `ws` package): one connection
 * to `ws(s)://<collector>/v1/ws?key=<ingest key>`, one binary message per batch (the
 * EventBatch bytes, gzip-compressed above `compressMinBytes`; the collector detects
 * gzip by its magic bytes 1f 8b, which cannot start a valid EventBatch), and one
 * binary `StreamReply` per batch, in send order, each after the batch is durable.
 * Close codes (RFC 6455 §7.4.1): 1008 policy violation = authentication failed (the
 * reason is the collector's code; the batch is dropped as for HTTP 401/403), 1013 try
 * again later = overloaded or draining (retry with backoff). A connection that never
 * opens is GP_SDK_TRANSPORT_UNAVAILABLE, so the fallback (e.g. HTTP) takes over.
 */
import { streamReplyResult } from '../stream-reply.ts';
import type { Clock } from '../clock.ts';
import type { Compressor } from '../compress.ts';
import type { FrozenBatch } from '../frozen-batch.ts';
import type { SendResult, Transport } from '../transport.ts';

/** The part of the WebSocket API used here (browsers' WebSocket and `ws` both have it). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export interface WebSocketTransportOptions {
  /** Collector base URL (http(s)://…); the socket goes to ws(s)://…/v1/ws?key=… */
  endpoint: string;
  gameKey: string;
  /** Put the key in the URL (browsers cannot set headers on a WebSocket). @default true */
  keyInUrl?: boolean;
  connect: WebSocketFactory;
  compressor?: Compressor;
  compressMinBytes: number;
  timeoutMs: number;
  clock: Clock;
}

const OPEN = 1;
const CLOSE_POLICY_VIOLATION = 1008;

export function webSocketUrl(endpoint: string, gameKey: string, keyInUrl: boolean): string {
  const base = endpoint.replace(/\/+$/, '').replace(/^http/, 'ws');
  return `${base}/v1/ws${keyInUrl ? `?key=${encodeURIComponent(gameKey)}` : ''}`;
}

interface Waiter {
  batch: FrozenBatch;
  resolve: (result: SendResult) => void;
}

function toBytes(data: unknown): Promise<Uint8Array> | Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.arrayBuffer().then((b) => new Uint8Array(b));
  return undefined;
}

export function createWebSocketTransport(o: WebSocketTransportOptions): Transport {
  const url = webSocketUrl(o.endpoint, o.gameKey, o.keyInUrl ?? true);
  const bodies = new WeakMap<FrozenBatch, Promise<Uint8Array>>();
  let socket: WebSocketLike | undefined;
  let opened: Promise<WebSocketLike | SendResult> | undefined;
  const waiting: Waiter[] = [];
  /** The collector refuses keys after the handshake (browsers cannot read a refused upgrade): remember why. */
  let refusedWith: string | undefined;

  const failAll = (result: SendResult) => {
    for (const w of waiting.splice(0)) w.resolve(result);
  };

  const open = (): Promise<WebSocketLike | SendResult> =>
    (opened ??= new Promise((resolve) => {
      let ws: WebSocketLike;
      let isOpen = false;
      try {
        ws = o.connect(url);
      } catch (cause) {
        opened = undefined;
        return resolve({ ok: false, retryable: true, code: 'GP_SDK_TRANSPORT_UNAVAILABLE', message: String(cause) });
      }
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => {
        isOpen = true;
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => {};
      ws.onclose = ({ code, reason }) => {
        socket = undefined;
        opened = undefined;
        if (code === CLOSE_POLICY_VIOLATION) refusedWith = reason || 'GP_AUTH_KEY_INVALID';
        if (!isOpen) {
          const auth = code === CLOSE_POLICY_VIOLATION;
          return resolve({
            ok: false,
            retryable: !auth,
            code: auth ? 'GP_SDK_STREAM_ERROR' : 'GP_SDK_TRANSPORT_UNAVAILABLE',
            message: `websocket closed before opening (${code} ${reason})`,
            ...(auth && reason ? { serverCode: reason } : {}),
          });
        }
        const auth = code === CLOSE_POLICY_VIOLATION;
        failAll({
          ok: false,
          retryable: !auth,
          code: auth ? 'GP_SDK_STREAM_ERROR' : 'GP_SDK_NETWORK',
          message: `websocket closed (${code}${reason ? ` ${reason}` : ''})`,
          ...(reason ? { serverCode: reason } : {}),
        });
      };
      ws.onmessage = ({ data }) => {
        refusedWith = undefined;
        const head = waiting.shift();
        if (!head) return;
        const bytes = toBytes(data);
        if (bytes === undefined) return head.resolve({ ok: false, retryable: true, code: 'GP_SDK_ACK_INVALID', message: 'text frame' });
        if (bytes instanceof Uint8Array) return head.resolve(streamReplyResult(head.batch, bytes));
        void bytes.then((b) => head.resolve(streamReplyResult(head.batch, b)));
      };
    }));

  const bodyFor = (batch: FrozenBatch): Promise<Uint8Array> => {
    let body = bodies.get(batch);
    if (!body) {
      const c = o.compressor;
      body =
        c && batch.bytes.length >= o.compressMinBytes ? c.compress(batch.bytes).catch(() => batch.bytes) : Promise.resolve(batch.bytes);
      bodies.set(batch, body);
    }
    return body;
  };

  return {
    name: 'websocket',
    async send(batch, signal): Promise<SendResult> {
      if (signal?.aborted) return { ok: false, retryable: true, code: 'GP_SDK_ABORTED' };
      const ws = await open();
      if (!('send' in ws)) return ws;
      const body = await bodyFor(batch);
      return new Promise<SendResult>((resolve) => {
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
        // A reply that never comes leaves the stream out of step: start a new connection.
        const reset = (result: SendResult) => {
          finish(result);
          ws.close(1000, 'timeout');
        };
        const onAbort = () => reset({ ok: false, retryable: true, code: 'GP_SDK_ABORTED' });
        const timer = o.clock.setTimeout(
          () => reset({ ok: false, retryable: true, code: 'GP_SDK_SEND_TIMEOUT', message: `no answer within ${o.timeoutMs} ms` }),
          o.timeoutMs,
        );
        signal?.addEventListener('abort', onAbort, { once: true });
        if (ws.readyState !== OPEN) {
          // Closed between the handshake and this send: a key refusal is final, like HTTP 401/403.
          if (refusedWith !== undefined)
            return finish({
              ok: false,
              retryable: false,
              code: 'GP_SDK_STREAM_ERROR',
              serverCode: refusedWith,
              message: `websocket closed (1008 ${refusedWith})`,
            });
          return finish({ ok: false, retryable: true, code: 'GP_SDK_NETWORK', message: 'websocket not open' });
        }
        waiting.push(waiter);
        try {
          ws.send(body);
        } catch (cause) {
          finish({ ok: false, retryable: true, code: 'GP_SDK_NETWORK', message: String(cause) });
        }
      });
    },
    async close() {
      failAll({ ok: false, retryable: true, code: 'GP_SDK_ABORTED' });
      socket?.close(1000, 'shutdown');
      socket = undefined;
      opened = undefined;
    },
  };
}
