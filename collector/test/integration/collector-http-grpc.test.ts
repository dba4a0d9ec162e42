/**
 * The real collector (HTTP + gRPC on port 0) over the real embedded log in a temp dir:
 * batches go over real sockets (fetch, node:http, a grpc-js client), and what the log
 * holds afterwards must be exactly the events that were acknowledged as accepted.
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { BatchAck, DeadLetter, Event, IngestedBatch, type BatchAckData, type EventData } from '@gamepulse/proto';
import { topicNames, type Log, type LogProducer } from '@gamepulse/log';
import { createLogger } from '@gamepulse/service';
import {
  CollectorClient,
  loadCollectorConfig,
  startCollector,
  type CollectorServiceClient,
  type RunningCollector,
} from '../../src/index.ts';
import { batch, encodeBatch, gzipBatch, validEvent } from '../../src/testing/batches.ts';
import { openTempLog, readTopic, type TempLog } from '@gamepulse/testkit';

const MiB = 1024 * 1024;
const KEY = 'it-key';
const TOPICS = topicNames('it');
const silentLogger = createLogger({ service: 'collector-test', write: () => {} });

function configFor(overrides: Record<string, unknown> = {}) {
  return loadCollectorConfig({
    env: {},
    overrides: { httpPort: 0, grpcPort: 0, keys: [`${KEY}=demo:it`, 'other-key=other:ot'], topicPrefix: 'it', ...overrides },
  });
}

interface GrpcOutcome {
  ack?: BatchAckData;
  err?: ServiceError;
}

function grpcSend(client: CollectorServiceClient, bytes: Uint8Array, key: string | undefined): Promise<GrpcOutcome> {
  const metadata = new Metadata();
  if (key !== undefined) metadata.set('x-gamepulse-key', key);
  return new Promise((resolve) => client.Send(bytes, metadata, (err, ack) => resolve(err ? { err } : { ack })));
}

/** Event ids the collector acknowledged as accepted, and those it rejected. */
const acceptedIds = new Set<string>();
const rejectedIds = new Set<string>();
function remember(sent: EventData[], ack: BatchAckData) {
  const rejected = new Set((ack.rejected ?? []).map((r) => r.index ?? 0));
  sent.forEach((e, i) => (rejected.has(i) ? rejectedIds : acceptedIds).add(e.eventId!));
}

describe('collector over HTTP and gRPC, real embedded log', () => {
  let temp: TempLog;
  let collector: RunningCollector;
  let base: string;
  let grpc: CollectorServiceClient;
  let grpcPlain: CollectorServiceClient;

  beforeAll(async () => {
    temp = await openTempLog();
    collector = await startCollector({ config: configFor(), log: temp.log, logger: silentLogger });
    base = `http://127.0.0.1:${collector.httpPort}`;
    // gRPC message compression: grpc-js gzips each request (algorithm 2 = gzip).
    grpc = new CollectorClient(`127.0.0.1:${collector.grpcPort}`, credentials.createInsecure(), {
      'grpc.default_compression_algorithm': 2,
    });
    grpcPlain = new CollectorClient(`127.0.0.1:${collector.grpcPort}`, credentials.createInsecure(), {
      'grpc.max_send_message_length': 64 * MiB,
    });
  });

  afterAll(async () => {
    grpc?.close();
    grpcPlain?.close();
    await collector?.close();
    await temp?.dispose();
  });

  function post(body: Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}/v1/batch`, {
      method: 'POST',
      body: new Uint8Array(body), // a copy typed for fetch (BodyInit wants an ArrayBuffer-backed view)
      headers: { 'content-type': 'application/x-protobuf', 'x-gamepulse-key': KEY, ...headers },
    });
  }

  async function expectHttpError(res: Response, httpStatus: number, code: string) {
    expect(res.status).toBe(httpStatus);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { error: { code: string; message: string; retryable: boolean } };
    expect(body.error).toMatchObject({ code, retryable: httpStatus >= 500 });
    expect(body.error.message).toBeTruthy();
  }

  async function expectHttpStillServing(installId: string) {
    const events = [validEvent(installId, 1)];
    const res = await post(gzipBatch(batch(installId, events)), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    const ack = BatchAck.toObject(BatchAck.decode(new Uint8Array(await res.arrayBuffer())), { longs: Number, defaults: true });
    expect(ack.accepted).toBe(1);
    remember(events, ack);
  }

  describe('HTTP POST /v1/batch', () => {
    it('acks a gzip protobuf batch with a protobuf BatchAck once it is in the log', async () => {
      const events = [validEvent('http-1', 1), validEvent('http-1', 2)];
      const res = await post(gzipBatch(batch('http-1', events, { batchSequence: 4 })), { 'content-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-protobuf');
      const ack = BatchAck.toObject(BatchAck.decode(new Uint8Array(await res.arrayBuffer())), { longs: Number, defaults: true });
      expect(ack).toMatchObject({ batchSequence: 4, accepted: 2, rejected: [] });
      expect(Math.abs(ack.serverTimeMs - Date.now())).toBeLessThan(10_000);
      remember(events, ack);
    });

    it('answers JSON with per-event rejections on partial success (Accept: application/json)', async () => {
      const events = [
        validEvent('http-2', 1),
        validEvent('http-2', 2, { progression: null, purchase: { currency: 'XXX', amountMinor: 100, itemType: 'gems' } }),
        validEvent('http-2', 3, { sessionId: 'nope' }),
      ];
      const res = await post(encodeBatch(batch('http-2', events)), { accept: 'application/json' });
      expect(res.status).toBe(200);
      const ack = (await res.json()) as BatchAckData;
      expect(ack).toMatchObject({
        batchSequence: 1,
        accepted: 1,
        rejected: [
          { index: 1, code: 'GP_EVENT_CURRENCY_INVALID', field: 'purchase.currency' },
          { index: 2, code: 'GP_EVENT_SESSION_ID_INVALID', field: 'session_id' },
        ],
      });
      remember(events, ack);
    });

    it('takes a navigator.sendBeacon request: key in ?key=, no Content-Type, identity protobuf', async () => {
      const events = [validEvent('beacon-1', 1), validEvent('beacon-1', 2), validEvent('beacon-1', 3)];
      const res = await fetch(`${base}/v1/batch?key=${encodeURIComponent(KEY)}`, {
        method: 'POST',
        body: new Uint8Array(encodeBatch(batch('beacon-1', events, { batchSequence: 2 }))),
      });
      expect(res.status).toBe(200);
      const ack = BatchAck.toObject(BatchAck.decode(new Uint8Array(await res.arrayBuffer())), { longs: Number, defaults: true });
      expect(ack).toMatchObject({ batchSequence: 2, accepted: 3, rejected: [] });
      remember(events, ack);
    });

    it('refuses a beacon with an unknown ?key= like a header key', async () => {
      const res = await fetch(`${base}/v1/batch?key=nope`, {
        method: 'POST',
        body: new Uint8Array(encodeBatch(batch('beacon-2', [validEvent('beacon-2', 1)]))),
      });
      await expectHttpError(res, 403, 'GP_AUTH_KEY_INVALID');
    });

    const refusals: Array<{ name: string; send: () => Promise<Response>; status: number; code: string }> = [
      {
        name: 'missing key',
        send: () => post(encodeBatch(batch('r', [])), { 'x-gamepulse-key': '' }),
        status: 401,
        code: 'GP_AUTH_KEY_MISSING',
      },
      {
        name: 'unknown key',
        send: () => post(encodeBatch(batch('r', [])), { 'x-gamepulse-key': 'nope' }),
        status: 403,
        code: 'GP_AUTH_KEY_INVALID',
      },
      {
        name: 'another game in the batch context',
        send: () => post(encodeBatch(batch('r', [validEvent('r', 1)], { context: { gameId: 'other' } }))),
        status: 403,
        code: 'GP_AUTH_GAME_MISMATCH',
      },
      {
        name: 'text content type',
        send: () => post(new TextEncoder().encode('{}'), { 'content-type': 'text/plain' }),
        status: 415,
        code: 'GP_BODY_CONTENT_TYPE_UNSUPPORTED',
      },
      {
        name: 'brotli encoding',
        send: () => post(new Uint8Array(10), { 'content-encoding': 'br' }),
        status: 415,
        code: 'GP_BODY_ENCODING_UNSUPPORTED',
      },
      { name: 'declared length over 1 MiB', send: () => post(new Uint8Array(2 * MiB)), status: 413, code: 'GP_BODY_TOO_LARGE' },
      {
        name: 'malformed protobuf',
        send: () => post(new Uint8Array([0x08, 0xff, 0xff, 0xff])),
        status: 400,
        code: 'GP_BODY_DECODE_FAILED',
      },
      {
        name: 'not gzip',
        send: () => post(new Uint8Array([1, 2, 3]), { 'content-encoding': 'gzip' }),
        status: 400,
        code: 'GP_BODY_DECOMPRESS_FAILED',
      },
      {
        name: 'gzip inflating 200× (64 MiB of zeros)',
        send: () => post(gzipSync(Buffer.alloc(64 * MiB)), { 'content-encoding': 'gzip' }),
        status: 413,
        code: 'GP_BODY_DECOMPRESSED_TOO_LARGE',
      },
      {
        name: 'too many events',
        send: () =>
          post(
            gzipBatch(
              batch(
                'r',
                Array.from({ length: 1001 }, (_, i) => validEvent('r', i + 1)),
              ),
            ),
            { 'content-encoding': 'gzip' },
          ),
        status: 400,
        code: 'GP_BATCH_TOO_MANY_EVENTS',
      },
      { name: 'no install id', send: () => post(encodeBatch(batch('', []))), status: 400, code: 'GP_BATCH_INVALID' },
    ];
    for (const r of refusals) {
      it(`${r.name} → ${r.status} ${r.code}, and the next batch is accepted`, async () => {
        await expectHttpError(await r.send(), r.status, r.code);
        await expectHttpStillServing(`http-after-${r.code}-${r.name.length}`);
      });
    }

    it('stops reading a chunked body (no Content-Length) as soon as it passes the limit', async () => {
      const { statusCode, body } = await new Promise<{ statusCode: number; body: string }>((resolve, reject) => {
        const req = request(`${base}/v1/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf', 'x-gamepulse-key': KEY, 'transfer-encoding': 'chunked' },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ statusCode: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        // 1.5 MiB in 64 KiB chunks; the server answers after ~1 MiB and closes.
        const chunk = Buffer.alloc(64 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 24) {
            sent++;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
      expect(statusCode).toBe(413);
      expect((JSON.parse(body) as { error: { code: string } }).error.code).toBe('GP_BODY_TOO_LARGE');
      await expectHttpStillServing('http-after-chunked');
    });

    it('answers CORS preflights and sets CORS headers on answers, errors included', async () => {
      const pre = await fetch(`${base}/v1/batch`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://game.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-gamepulse-key, content-encoding',
        },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
      expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
      expect(pre.headers.get('access-control-allow-headers')).toContain('x-gamepulse-key');
      expect(pre.headers.get('access-control-allow-headers')).toContain('content-encoding');
      const err = await post(encodeBatch(batch('r', [])), { origin: 'https://game.example', 'x-gamepulse-key': 'nope' });
      expect(err.status).toBe(403);
      expect(err.headers.get('access-control-allow-origin')).toBe('*');
      expect(err.headers.get('access-control-expose-headers')).toContain('retry-after');
    });

    it('unknown routes → 404 GP_HTTP_NOT_FOUND', async () => {
      await expectHttpError(await fetch(`${base}/v2/batch`, { method: 'POST' }), 404, 'GP_HTTP_NOT_FOUND');
    });
  });

  describe('gRPC gamepulse.v1.Collector/Send', () => {
    it('acks a gzip-compressed batch', async () => {
      const events = [validEvent('grpc-1', 1), validEvent('grpc-1', 2), validEvent('grpc-1', 3)];
      const { ack, err } = await grpcSend(grpc, encodeBatch(batch('grpc-1', events, { batchSequence: 9 })), KEY);
      expect(err).toBeUndefined();
      expect(ack).toMatchObject({ batchSequence: 9, accepted: 3, rejected: [] });
      remember(events, ack!);
    });

    it('returns per-event rejections on partial success', async () => {
      const events = [validEvent('grpc-2', 1, { custom: { BadKey: 'x' } }), validEvent('grpc-2', 2)];
      const { ack } = await grpcSend(grpcPlain, encodeBatch(batch('grpc-2', events)), KEY);
      expect(ack).toMatchObject({ accepted: 1, rejected: [{ index: 0, code: 'GP_EVENT_CUSTOM_INVALID', field: 'custom.BadKey' }] });
      remember(events, ack!);
    });

    const refusals: Array<{
      name: string;
      bytes: () => Uint8Array;
      key: string | undefined;
      grpcStatus: status;
      code: string | undefined;
    }> = [
      {
        name: 'missing key',
        bytes: () => encodeBatch(batch('g', [])),
        key: undefined,
        grpcStatus: status.UNAUTHENTICATED,
        code: 'GP_AUTH_KEY_MISSING',
      },
      {
        name: 'unknown key',
        bytes: () => encodeBatch(batch('g', [])),
        key: 'nope',
        grpcStatus: status.PERMISSION_DENIED,
        code: 'GP_AUTH_KEY_INVALID',
      },
      {
        name: 'key of another game',
        bytes: () => encodeBatch(batch('g', [validEvent('g', 1)], { context: { gameId: 'demo' } })),
        key: 'other-key',
        grpcStatus: status.PERMISSION_DENIED,
        code: 'GP_AUTH_GAME_MISMATCH',
      },
      {
        name: 'malformed protobuf',
        bytes: () => new Uint8Array([0x2a, 0x7f, 0x01]),
        key: KEY,
        grpcStatus: status.INVALID_ARGUMENT,
        code: 'GP_BODY_DECODE_FAILED',
      },
      {
        name: 'batch_sequence 0',
        bytes: () => encodeBatch(batch('g', [], { batchSequence: 0 })),
        key: KEY,
        grpcStatus: status.INVALID_ARGUMENT,
        code: 'GP_BATCH_INVALID',
      },
      // grpc-js refuses messages over max_receive_message_length itself, before our code runs.
      {
        name: 'message over 8 MiB',
        bytes: () => new Uint8Array(9 * MiB),
        key: KEY,
        grpcStatus: status.RESOURCE_EXHAUSTED,
        code: undefined,
      },
    ];
    for (const r of refusals) {
      it(`${r.name} → ${status[r.grpcStatus]}${r.code ? ` with gp-error-code ${r.code}` : ''}, and the next batch is accepted`, async () => {
        const { ack, err } = await grpcSend(grpcPlain, r.bytes(), r.key);
        expect(ack).toBeUndefined();
        expect(err!.code).toBe(r.grpcStatus);
        if (r.code) expect(err!.metadata.get('gp-error-code')).toEqual([r.code]);
        const events = [validEvent(`grpc-after-${r.name.length}`, 1)];
        const next = await grpcSend(grpc, encodeBatch(batch(`grpc-after-${r.name.length}`, events)), KEY);
        expect(next.ack?.accepted).toBe(1);
        remember(events, next.ack!);
      });
    }
  });

  describe('ops routes', () => {
    it('serves /healthz, /readyz (log healthy) and /metrics with request counts by transport and code', async () => {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(
        /gamepulse_collector_requests_total\{transport="http",outcome="accepted",code="OK",service="collector"\} [1-9]/,
      );
      expect(metrics).toMatch(
        /gamepulse_collector_requests_total\{transport="grpc",outcome="refused",code="GP_AUTH_KEY_MISSING",service="collector"\} 1/,
      );
      expect(metrics).toMatch(/gamepulse_collector_events_rejected_total\{code="GP_EVENT_CURRENCY_INVALID",service="collector"\} 1/);
      expect(metrics).toContain('gamepulse_collector_ack_latency_seconds_bucket');
    });
  });

  describe('the log afterwards', () => {
    it('holds exactly the accepted events on the events topic and the rejected ones as dead letters', async () => {
      const logged = (await readTopic(temp.log, TOPICS.events)).flatMap((r) => {
        const b = IngestedBatch.decode(r.value);
        expect(r.key).toBe(b.installId);
        expect(b.context?.gameId).toBe('demo');
        expect(b.keyId).toBe('it');
        return b.events.map((e) => e.eventId);
      });
      expect(logged).toHaveLength(acceptedIds.size); // no duplicates
      expect(new Set(logged)).toEqual(acceptedIds);
      const dead = (await readTopic(temp.log, TOPICS.deadLetter)).map((r) => Event.decode(DeadLetter.decode(r.value).raw).eventId);
      expect(new Set(dead)).toEqual(rejectedIds);
      expect(dead).toHaveLength(rejectedIds.size);
    });
  });
});

describe('collector shutdown and log outages, real embedded log', () => {
  it('drains: an in-flight batch is acked, later ones are refused, and a closed log turns into 503 + Retry-After', async () => {
    const temp = await openTempLog();
    // The real log, with appends held until released, so a batch is in flight for sure.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = temp.log;
    const slowLog: Log = {
      kind: real.kind,
      ensureTopics: (topics) => real.ensureTopics(topics),
      partitions: (topic) => real.partitions(topic),
      producer: (): LogProducer => {
        const producer = real.producer();
        return { append: async (topic, records) => (await gate, producer.append(topic, records)) };
      },
      consumer: (options) => real.consumer(options),
      committed: (group, topic) => real.committed(group, topic),
      endOffsets: (topic) => real.endOffsets(topic),
      health: () => real.health(),
      close: () => real.close(),
    };
    const collector = await startCollector({ config: configFor({ drainTimeoutMs: 5000 }), log: slowLog, logger: silentLogger });
    const base = `http://127.0.0.1:${collector.httpPort}`;
    try {
      const inFlight = fetch(`${base}/v1/batch`, {
        method: 'POST',
        body: new Uint8Array(encodeBatch(batch('drain', [validEvent('drain', 1)]))),
        headers: { 'content-type': 'application/x-protobuf', 'x-gamepulse-key': KEY },
      });
      await new Promise((r) => setTimeout(r, 100));
      const closed = collector.close();
      expect(collector.draining).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
      release();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(BatchAck.decode(new Uint8Array(await res.arrayBuffer())).accepted).toBe(1);
      await closed;
      await expect(fetch(`${base}/healthz`)).rejects.toThrow(); // no longer listening
      expect((await readTopic(temp.log, TOPICS.events)).length).toBe(1);
    } finally {
      await collector.close();
    }

    // Same log, closed: the collector must refuse, not ack.
    const second = await startCollector({ config: configFor(), log: temp.log, logger: silentLogger });
    try {
      await temp.log.close();
      const res = await fetch(`http://127.0.0.1:${second.httpPort}/v1/batch`, {
        method: 'POST',
        body: new Uint8Array(encodeBatch(batch('outage', [validEvent('outage', 1)]))),
        headers: { 'content-type': 'application/x-protobuf', 'x-gamepulse-key': KEY },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('GP_LOG_UNAVAILABLE');
      expect((await fetch(`http://127.0.0.1:${second.httpPort}/readyz`)).status).toBe(503);
    } finally {
      await second.close();
      await temp.dispose();
    }
  });
});
