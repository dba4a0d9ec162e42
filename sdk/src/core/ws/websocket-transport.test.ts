/**
 * The WebSocket transport against a scripted in-memory socket (the real collector's
 * WebSocket endpoint is exercised in test/integration): replies in order, close codes.
 */
import { describe, expect, it } from 'vitest';
import { StreamReply } from '@gamepulse/proto';
import { createManualClock } from '../manual-clock.ts';
import { createWebSocketTransport, webSocketUrl, type WebSocketLike } from './websocket-transport.ts';

const batch = (sequence: number) => ({ sequence, bytes: new Uint8Array([0x10, sequence]), eventCount: 1 });

function fakeSocket() {
  const sockets: Array<
    WebSocketLike & { sent: Uint8Array[]; reply(r: object): void; closeWith(code: number, reason: string): void; open(): void }
  > = [];
  const connect = () => {
    const s = {
      binaryType: '',
      readyState: 0,
      sent: [] as Uint8Array[],
      onopen: null as WebSocketLike['onopen'],
      onmessage: null as WebSocketLike['onmessage'],
      onclose: null as WebSocketLike['onclose'],
      onerror: null as WebSocketLike['onerror'],
      send(d: Uint8Array) {
        s.sent.push(d);
      },
      close(code = 1000, reason = '') {
        s.closeWith(code, reason);
      },
      open() {
        s.readyState = 1;
        s.onopen?.({});
      },
      reply(r: object) {
        const bytes = StreamReply.encode(r).finish();
        s.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
      },
      closeWith(code: number, reason: string) {
        s.readyState = 3;
        s.onclose?.({ code, reason });
      },
    };
    sockets.push(s);
    return s;
  };
  return { sockets, connect };
}

describe('core/ws/websocket-transport', () => {
  it('builds ws(s) URLs with the key as a query parameter', () => {
    expect(webSocketUrl('https://c.example.com/', 'k y', true)).toBe('wss://c.example.com/v1/ws?key=k%20y');
    expect(webSocketUrl('http://127.0.0.1:8080', 'k', false)).toBe('ws://127.0.0.1:8080/v1/ws');
  });

  it('sends one binary message per batch and matches StreamReplies in order', async () => {
    const { sockets, connect } = fakeSocket();
    const t = createWebSocketTransport({
      endpoint: 'http://x',
      gameKey: 'k',
      connect,
      compressMinBytes: 1e9,
      timeoutMs: 5_000,
      clock: createManualClock(),
    });
    const first = t.send(batch(1));
    await Promise.resolve();
    sockets[0]!.open();
    await new Promise((r) => setTimeout(r, 0));
    expect(sockets[0]!.sent).toHaveLength(1);
    sockets[0]!.reply({ ack: { batchSequence: 1, accepted: 1, serverTimeMs: 5 } });
    expect(await first).toMatchObject({ ok: true, ack: { batchSequence: 1, accepted: 1 } });
    const second = t.send(batch(2));
    await new Promise((r) => setTimeout(r, 0));
    sockets[0]!.reply({ error: { batchSequence: 2, code: 'GP_LOG_UNAVAILABLE', message: 'later', retryable: true, retryAfterMs: 2000 } });
    expect(await second).toMatchObject({ ok: false, retryable: true, retryInMs: 2000, serverCode: 'GP_LOG_UNAVAILABLE' });
    const third = t.send(batch(3));
    await new Promise((r) => setTimeout(r, 0));
    sockets[0]!.reply({ error: { batchSequence: 3, code: 'GP_BODY_TOO_LARGE', message: 'split', retryable: false } });
    expect(await third).toMatchObject({ ok: false, retryable: false, tooLarge: true });
  });

  it('close 1008 (auth) is final with the collector code; 1013 and handshake failures are retryable, the latter a fallback signal', async () => {
    const { sockets, connect } = fakeSocket();
    const t = createWebSocketTransport({
      endpoint: 'http://x',
      gameKey: 'k',
      connect,
      compressMinBytes: 1e9,
      timeoutMs: 5_000,
      clock: createManualClock(),
    });
    const refused = t.send(batch(1));
    await Promise.resolve();
    sockets[0]!.closeWith(1006, '');
    expect(await refused).toMatchObject({ ok: false, retryable: true, code: 'GP_SDK_TRANSPORT_UNAVAILABLE' });

    const auth = t.send(batch(1));
    await Promise.resolve();
    sockets[1]!.open();
    await new Promise((r) => setTimeout(r, 0));
    sockets[1]!.closeWith(1008, 'GP_AUTH_KEY_INVALID');
    expect(await auth).toMatchObject({ ok: false, retryable: false, serverCode: 'GP_AUTH_KEY_INVALID' });

    const busy = t.send(batch(1));
    await Promise.resolve();
    sockets[2]!.open();
    await new Promise((r) => setTimeout(r, 0));
    sockets[2]!.closeWith(1013, 'GP_SHUTTING_DOWN');
    expect(await busy).toMatchObject({ ok: false, retryable: true });
  });
});
