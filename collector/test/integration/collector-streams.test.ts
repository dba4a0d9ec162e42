/**
 * WebSocket (/v1/ws) and gRPC Collector/Stream on the real collector over the real
 * embedded log: one reply per batch, in send order, each after durability; per-batch
 * refusals as StreamError; connection refusals as close codes / statuses; backpressure;
 * drain. Afterwards the log holds exactly the events acknowledged as accepted.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { status } from '@grpc/grpc-js';
import { IngestedBatch, type EventData, type StreamReplyData } from '@gamepulse/proto';
import { topicNames } from '@gamepulse/log';
import { createLogger } from '@gamepulse/service';
import { loadCollectorConfig, startCollector, type RunningCollector } from '../../src/index.ts';
import { batch, encodeBatch, validEvent } from '../../src/testing/batches.ts';
import { openStream, openWs, writeKeysFile } from '../../src/testing/clients.ts';
import { gateLog } from '../../src/testing/gated-log.ts';
import { openTempLog, readTopic, until, type TempLog } from '@gamepulse/testkit';

const KEY = 'st-key';
const TOPICS = topicNames('st');
const silentLogger = createLogger({ service: 'collector-test', write: () => {} });

function configFor(overrides: Record<string, unknown> = {}) {
  return loadCollectorConfig({
    env: {},
    overrides: { httpPort: 0, grpcPort: 0, keys: [`${KEY}=demo:st`, 'other-key=other:ot'], topicPrefix: 'st', geoip: false, ...overrides },
  });
}

const acceptedIds = new Set<string>();
function remember(sent: EventData[], reply: StreamReplyData) {
  if (!reply.ack) return;
  const rejected = new Set((reply.ack.rejected ?? []).map((r) => r.index ?? 0));
  sent.forEach((e, i) => !rejected.has(i) && acceptedIds.add(e.eventId!));
}

function events(id: string, n: number, from = 1): EventData[] {
  return Array.from({ length: n }, (_, i) => validEvent(id, from + i, { clientTsMs: Date.now() - 1000 }));
}

describe('collector streams (WebSocket, gRPC Stream), real embedded log', () => {
  let temp: TempLog;
  let collector: RunningCollector;
  let wsUrl: string;
  let grpcAddress: string;

  beforeAll(async () => {
    temp = await openTempLog();
    collector = await startCollector({
      config: configFor({ maxBodyBytes: 64 * 1024, maxDecompressedBytes: 256 * 1024 }),
      log: temp.log,
      logger: silentLogger,
    });
    wsUrl = `ws://127.0.0.1:${collector.httpPort}/v1/ws`;
    grpcAddress = `127.0.0.1:${collector.grpcPort}`;
  });
  afterAll(async () => {
    await collector?.close();
    await temp?.dispose();
  });

  describe('WebSocket /v1/ws', () => {
    it('acks 50 pipelined batches (plain and gzip) in send order, each after its append', async () => {
      const c = await openWs(`${wsUrl}?key=${KEY}`);
      const sent: EventData[][] = [];
      for (let i = 1; i <= 50; i++) {
        const ev = events('ws-1', 3, i * 3);
        sent.push(ev);
        const bytes = encodeBatch(batch('ws-1', ev, { batchSequence: i }));
        c.send(i % 2 ? gzipSync(bytes) : bytes);
      }
      const replies = await c.waitReplies(50);
      expect(replies.map((r) => r.ack?.batchSequence)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(replies.every((r) => r.ack?.accepted === 3)).toBe(true);
      replies.forEach((r, i) => remember(sent[i]!, r));
      c.ws.close();
    });

    it('accepts the key in the x-gamepulse-key header too', async () => {
      const c = await openWs(wsUrl, { 'x-gamepulse-key': KEY });
      const ev = events('ws-2', 1);
      c.send(encodeBatch(batch('ws-2', ev)));
      const [reply] = await c.waitReplies(1);
      expect(reply!.ack).toMatchObject({ accepted: 1 });
      remember(ev, reply!);
      c.ws.close();
    });

    it('refuses a batch with a StreamError in its place and keeps the connection', async () => {
      const c = await openWs(`${wsUrl}?key=${KEY}`);
      const good = events('ws-3', 1);
      const tooMany = Array.from({ length: 1001 }, (_, i) => validEvent('ws-3', i + 1));
      c.send(new Uint8Array([0x08, 0xff, 0xff])); // not an EventBatch
      c.send(encodeBatch(batch('ws-3', [validEvent('ws-3', 1)], { batchSequence: 2, context: { gameId: 'other' } })));
      c.send(gzipSync(encodeBatch(batch('ws-3', tooMany, { batchSequence: 3 }))));
      c.send('a text message');
      c.send(encodeBatch(batch('ws-3', good, { batchSequence: 5 })));
      const replies = await c.waitReplies(5);
      expect(replies.map((r) => r.error?.code ?? 'ACK')).toEqual([
        'GP_BODY_DECODE_FAILED',
        'GP_AUTH_GAME_MISMATCH',
        'GP_BATCH_TOO_MANY_EVENTS',
        'GP_BODY_CONTENT_TYPE_UNSUPPORTED',
        'ACK',
      ]);
      expect(replies[1]!.error).toMatchObject({ batchSequence: 2, retryable: false });
      expect(replies[2]!.error).toMatchObject({ batchSequence: 3 });
      remember(good, replies[4]!);
      c.ws.close();
    });

    it('credentials refused → close 1008 with the code as reason', async () => {
      for (const [query, code] of [
        ['', 'GP_AUTH_KEY_MISSING'],
        ['?key=nope', 'GP_AUTH_KEY_INVALID'],
      ] as const) {
        const c = await openWs(`${wsUrl}${query}`);
        expect(await c.closed).toEqual({ code: 1008, reason: code });
      }
    });

    it('a message over maxBodyBytes → close 1009', async () => {
      const c = await openWs(`${wsUrl}?key=${KEY}`);
      c.send(new Uint8Array(64 * 1024 + 1));
      expect((await c.closed).code).toBe(1009);
    });

    it('a gzip message that inflates past the limits gets GP_BODY_DECOMPRESSED_TOO_LARGE', async () => {
      const c = await openWs(`${wsUrl}?key=${KEY}`);
      c.send(gzipSync(Buffer.alloc(4 * 1024 * 1024)));
      const [reply] = await c.waitReplies(1);
      expect(reply!.error).toMatchObject({ code: 'GP_BODY_DECOMPRESSED_TOO_LARGE', retryable: false });
      c.ws.close();
    });
  });

  describe('gRPC Collector/Stream', () => {
    it('acks pipelined batches in order (gRPC gzip compression and gzip bytes both work), ends OK on half-close', async () => {
      const s = openStream(grpcAddress, KEY, { 'grpc.default_compression_algorithm': 2 });
      const sent: EventData[][] = [];
      for (let i = 1; i <= 40; i++) {
        const ev = events('gs-1', 2, i * 2);
        sent.push(ev);
        const bytes = encodeBatch(batch('gs-1', ev, { batchSequence: i }));
        s.call.write(i % 3 === 0 ? gzipSync(bytes) : bytes);
      }
      s.call.end();
      const replies = await s.waitReplies(40);
      expect(replies.map((r) => r.ack?.batchSequence)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      replies.forEach((r, i) => remember(sent[i]!, r));
      expect((await s.status).code).toBe(status.OK);
      s.close();
    });

    it('per-batch refusals are StreamErrors; the stream goes on', async () => {
      const s = openStream(grpcAddress, KEY);
      const good = events('gs-2', 1);
      s.call.write(encodeBatch(batch('', [], { batchSequence: 1 })));
      s.call.write(encodeBatch(batch('gs-2', good, { batchSequence: 2 })));
      s.call.end();
      const replies = await s.waitReplies(2);
      expect(replies[0]!.error).toMatchObject({ code: 'GP_BATCH_INVALID', batchSequence: 1, retryable: false });
      expect(replies[1]!.ack).toMatchObject({ batchSequence: 2, accepted: 1 });
      remember(good, replies[1]!);
      expect((await s.status).code).toBe(status.OK);
      s.close();
    });

    it('credentials refused → the call ends with UNAUTHENTICATED / PERMISSION_DENIED and gp-error-code', async () => {
      for (const [key, code, grpcStatus] of [
        [undefined, 'GP_AUTH_KEY_MISSING', status.UNAUTHENTICATED],
        ['nope', 'GP_AUTH_KEY_INVALID', status.PERMISSION_DENIED],
      ] as const) {
        const s = openStream(grpcAddress, key);
        s.call.write(encodeBatch(batch('gs-3', [])));
        const st = await s.status;
        expect(st.code).toBe(grpcStatus);
        expect(st.metadata.get('gp-error-code')).toEqual([code]);
        s.close();
      }
    });
  });

  it('the log holds exactly the events acknowledged on both streams', async () => {
    const logged = (await readTopic(temp.log, TOPICS.events)).flatMap((r) => IngestedBatch.decode(r.value).events.map((e) => e.eventId));
    expect(logged).toHaveLength(acceptedIds.size);
    expect(new Set(logged)).toEqual(acceptedIds);
  });
});

describe('streams under a slow log, key revocation and drain', () => {
  it('bounds in-flight batches per connection (stops reading), answers all in order once the log catches up', async () => {
    const temp = await openTempLog();
    const gated = gateLog(temp.log);
    const collector = await startCollector({ config: configFor({ streamMaxInFlight: 4 }), log: gated.log, logger: silentLogger });
    try {
      const c = await openWs(`ws://127.0.0.1:${collector.httpPort}/v1/ws?key=${KEY}`);
      for (let i = 1; i <= 30; i++) c.send(encodeBatch(batch('bp', events('bp', 1, i), { batchSequence: i })));
      await new Promise((r) => setTimeout(r, 300));
      // At most 4 batches of this connection reached the pipeline; the rest wait in TCP buffers.
      expect(gated.waiting).toBeLessThanOrEqual(4);
      expect(c.replies).toHaveLength(0);
      gated.open();
      const replies = await c.waitReplies(30);
      expect(replies.map((r) => r.ack?.batchSequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      c.ws.close();
    } finally {
      await collector.close();
      await temp.dispose();
    }
  });

  it('a key revoked in the keys file stops working on open connections: StreamError, then close 1008', async () => {
    const temp = await openTempLog();
    const keysFile = `${temp.dir}/keys.json`;
    await writeKeysFile(keysFile, { ingest: [{ secret: 'rotating-key', keyId: 'rot', gameId: 'demo' }] });
    const collector = await startCollector({ config: configFor({ keys: [], keysFile }), log: temp.log, logger: silentLogger });
    try {
      const c = await openWs(`ws://127.0.0.1:${collector.httpPort}/v1/ws?key=rotating-key`);
      c.send(encodeBatch(batch('rv', events('rv', 1))));
      await c.waitReplies(1);
      await writeKeysFile(keysFile, { ingest: [{ secret: 'rotating-key', keyId: 'rot', gameId: 'demo', revoked: true }] });
      await collector.reloadKeys();
      c.send(encodeBatch(batch('rv', events('rv', 1, 2), { batchSequence: 2 })));
      const replies = await c.waitReplies(2);
      expect(replies[1]!.error).toMatchObject({ code: 'GP_AUTH_KEY_REVOKED', batchSequence: 2 });
      expect(await c.closed).toEqual({ code: 1008, reason: 'GP_AUTH_KEY_REVOKED' });
    } finally {
      await collector.close();
      await temp.dispose();
    }
  });

  it('drain: in-flight stream batches are acked, then WebSocket closes 1013 and gRPC ends UNAVAILABLE GP_SHUTTING_DOWN', async () => {
    const temp = await openTempLog();
    const gated = gateLog(temp.log);
    const collector = await startCollector({ config: configFor({ drainTimeoutMs: 5000 }), log: gated.log, logger: silentLogger });
    try {
      const c = await openWs(`ws://127.0.0.1:${collector.httpPort}/v1/ws?key=${KEY}`);
      const s = openStream(`127.0.0.1:${collector.grpcPort}`, KEY);
      c.send(encodeBatch(batch('dr-ws', events('dr-ws', 2))));
      s.call.write(encodeBatch(batch('dr-gs', events('dr-gs', 2))));
      await until(() => gated.waiting >= 2, '2 appends held at the gate');
      const closing = collector.close();
      await new Promise((r) => setTimeout(r, 50));
      gated.open();
      const [wsReply] = await c.waitReplies(1);
      const [gsReply] = await s.waitReplies(1);
      expect(wsReply!.ack?.accepted).toBe(2);
      expect(gsReply!.ack?.accepted).toBe(2);
      expect(await c.closed).toEqual({ code: 1013, reason: 'GP_SHUTTING_DOWN' });
      const st = await s.status;
      expect(st.code).toBe(status.UNAVAILABLE);
      expect(st.metadata.get('gp-error-code')).toEqual(['GP_SHUTTING_DOWN']);
      await closing;
      s.close();
      const logged = (await readTopic(temp.log, topicNames('st').events)).map((r) => IngestedBatch.decode(r.value).installId).sort();
      expect(logged).toEqual(['dr-gs', 'dr-ws']);
    } finally {
      await collector.close();
      await temp.dispose();
    }
  });

  it('rate limits on streams: a StreamError with the code, retryable and retry_after_ms, in the batch’s place', async () => {
    const temp = await openTempLog();
    const collector = await startCollector({
      config: configFor({ rateLimitPlayerBurstEvents: 3, rateLimitPlayerEventsPerS: 1 }),
      log: temp.log,
      logger: silentLogger,
    });
    try {
      const c = await openWs(`ws://127.0.0.1:${collector.httpPort}/v1/ws?key=${KEY}`);
      const s = openStream(`127.0.0.1:${collector.grpcPort}`, KEY);
      for (const [send, id] of [
        [(b: Uint8Array) => c.send(b), 'rl-ws'],
        [(b: Uint8Array) => s.call.write(b), 'rl-gs'],
      ] as const) {
        send(encodeBatch(batch(id, events(id, 3), { batchSequence: 1 })));
        send(encodeBatch(batch(id, events(id, 2, 4), { batchSequence: 2 })));
      }
      const wsReplies = await c.waitReplies(2);
      const gsReplies = await s.waitReplies(2);
      for (const replies of [wsReplies, gsReplies]) {
        expect(replies[0]!.ack?.accepted).toBe(3);
        expect(replies[1]!.error).toMatchObject({ code: 'GP_RATE_LIMITED_PLAYER', batchSequence: 2, retryable: true });
        expect(replies[1]!.error!.retryAfterMs).toBeGreaterThanOrEqual(1000);
      }
      c.ws.close();
      s.call.end();
      s.close();
    } finally {
      await collector.close();
      await temp.dispose();
    }
  });

  it('while shedding load, new WebSocket connections close with 1013 GP_SERVER_OVERLOADED', async () => {
    const temp = await openTempLog();
    const gated = gateLog(temp.log);
    const collector = await startCollector({ config: configFor({ maxInFlightBatches: 1 }), log: gated.log, logger: silentLogger });
    try {
      const a = await openWs(`ws://127.0.0.1:${collector.httpPort}/v1/ws?key=${KEY}`);
      a.send(encodeBatch(batch('ov', events('ov', 1))));
      a.send(encodeBatch(batch('ov', events('ov', 1, 2), { batchSequence: 2 })));
      await until(() => gated.waiting >= 1, 'an append held at the gate');
      const b = await openWs(`ws://127.0.0.1:${collector.httpPort}/v1/ws?key=${KEY}`);
      expect(await b.closed).toEqual({ code: 1013, reason: 'GP_SERVER_OVERLOADED' });
      gated.open();
      const replies = await a.waitReplies(2);
      // The second batch of the open connection was shed as a retryable StreamError.
      expect(replies[1]!.error).toMatchObject({ code: 'GP_SERVER_OVERLOADED', retryable: true, retryAfterMs: 1000, batchSequence: 2 });
      a.ws.close();
    } finally {
      await collector.close();
      await temp.dispose();
    }
  });
});
