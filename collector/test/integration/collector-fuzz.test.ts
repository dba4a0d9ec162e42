/**
 * Fuzz: at least 100k random and mutated payloads (protobuf, proto3 JSON, gzip,
 * truncated streams, bombs) through the pipeline over the real embedded log, then a
 * smaller run over real HTTP, WebSocket and gRPC on loopback. Must hold:
 *   - nothing throws, the collector keeps serving;
 *   - every result is an ack or a refusal with a code from the table;
 *   - no invalid event is accepted: every event re-read from the log passes the shared
 *     `validateEvent` (and the batch context `validateContext`), and the log holds exactly
 *     as many events as were acknowledged;
 *   - memory stays bounded (RSS sampled throughout).
 * Bounded in count and time; seeded (GP_FUZZ_SEED) so a failure reproduces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { IngestedBatch, validateContext, validateEvent, type BatchAckData, type IngestedBatchData } from '@gamepulse/proto';
import { topicNames, type Log } from '@gamepulse/log';
import { createLogger } from '@gamepulse/service';
import {
  CollectorClient,
  COLLECTOR_ERRORS,
  loadCollectorConfig,
  startCollector,
  type CollectorServiceClient,
  type RunningCollector,
} from '../../src/index.ts';
import { createEnricher } from '../../src/pipeline/index.ts';
import { createLoadShedder } from '../../src/limits/index.ts';
import { openStream, openWs } from '../../src/testing/clients.ts';
import { createFuzzer } from '../../src/testing/fuzz.ts';
import { createHarness, type Harness } from '../../src/testing/harness.ts';
import { openTempLog, readTopic, type TempLog } from '@gamepulse/testkit';

const SEED = Number(process.env.GP_FUZZ_SEED ?? 20261127);
const PAYLOADS = Number(process.env.GP_FUZZ_PAYLOADS ?? 100_000);
const MAX_S = Number(process.env.GP_FUZZ_MAX_S ?? 400);
const CONCURRENCY = 64;
const MiB = 1024 * 1024;

/** Checks every record of the events topic; returns how many events it holds. */
async function checkLog(log: Log, topic: string): Promise<number> {
  let events = 0;
  const bad: string[] = [];
  for (const r of await readTopic(log, topic, 120_000)) {
    const b = IngestedBatch.toObject(IngestedBatch.decode(r.value), { longs: Number }) as IngestedBatchData;
    if (r.key !== b.installId) bad.push(`record key ${r.key} ≠ install ${b.installId}`);
    const ctx = validateContext(b.context, true);
    if (ctx) bad.push(`context ${JSON.stringify(b.context)}: ${ctx.code}`);
    for (const e of b.events ?? []) {
      events++;
      const issue = validateEvent(e, b.installId as string, true);
      if (issue) bad.push(`${issue.code} ${issue.field}: ${JSON.stringify(e).slice(0, 300)}`);
    }
  }
  expect(bad.slice(0, 10)).toEqual([]);
  return events;
}

describe('collector fuzz', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      deps: {
        shedder: createLoadShedder({
          maxInFlightBatches: 1024,
          maxInFlightBytes: 512 * MiB,
          maxAppendLatencyMs: 60_000,
          retryAfterS: 1,
          now: Date.now,
        }),
        enricher: createEnricher({ geo: (ip) => (ip === '81.2.69.142' ? { country: 'GB', region: 'ENG' } : undefined) }),
      },
    });
  });
  afterAll(() => h?.dispose());

  it(`pipeline: ${PAYLOADS} payloads, no crash, no invalid event accepted, RSS bounded`, async () => {
    const fuzz = createFuzzer(SEED);
    const deadline = Date.now() + MAX_S * 1000;
    const codes = new Map<string, number>();
    const kinds = new Map<string, number>();
    let acceptedEvents = 0;
    let done = 0;
    let thrown = 0;
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (done < PAYLOADS && Date.now() < deadline) {
          const p = fuzz.next();
          done++;
          kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
          try {
            const r = await h.send(p.body, {
              contentEncoding: p.contentEncoding,
              format: p.format,
              remote: { ip: fuzz.rnd() < 0.5 ? '81.2.69.142' : '::1', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0' },
            });
            const code = r.ok ? 'OK' : r.code;
            codes.set(code, (codes.get(code) ?? 0) + 1);
            if (r.ok) acceptedEvents += r.ack.accepted ?? 0;
            else expect(COLLECTOR_ERRORS[r.code]).toBeDefined();
          } catch (err) {
            thrown++;
            if (thrown < 5) console.error('[fuzz] threw', err, p.kind);
          }
          if (done % 1000 === 0) rssMax = Math.max(rssMax, process.memoryUsage().rss);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[fuzz] seed ${SEED}: ${done} payloads in ${seconds.toFixed(1)} s; kinds ${JSON.stringify(Object.fromEntries(kinds))}; ` +
        `results ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])))}; accepted events ${acceptedEvents}; RSS +${Math.round((rssMax - rss0) / MiB)} MiB`,
    );
    expect(done).toBeGreaterThanOrEqual(PAYLOADS);
    expect(thrown).toBe(0);
    expect(codes.get('OK')).toBeGreaterThan(PAYLOADS / 20); // the fuzzer also produces plenty of valid batches
    expect(rssMax - rss0).toBeLessThan(600 * MiB);
    expect(await checkLog(h.log, h.deps.topics.events)).toBe(acceptedEvents);
  }, 900_000);
});

describe('collector fuzz over real HTTP, WebSocket and gRPC on loopback', () => {
  let temp: TempLog;
  let collector: RunningCollector;
  let grpc: CollectorServiceClient;
  const silent = createLogger({ service: 'fuzz', write: () => {} });
  beforeAll(async () => {
    temp = await openTempLog();
    const config = loadCollectorConfig({
      env: {},
      overrides: {
        httpPort: 0,
        grpcPort: 0,
        keys: ['fz=demo:fz'],
        topicPrefix: 'fz',
        geoip: false,
        rateLimitPlayerEventsPerS: 0,
        rateLimitKeyEventsPerS: 0,
        maxBodyBytes: 256 * 1024,
      },
    });
    collector = await startCollector({ config, log: temp.log, logger: silent });
    grpc = new CollectorClient(`127.0.0.1:${collector.grpcPort}`, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await collector?.close();
    await temp?.dispose();
  });

  it('3000 HTTP requests, 1500 WebSocket messages, 1500 gRPC messages: answers are well-formed, the log stays valid', async () => {
    const fuzz = createFuzzer(SEED + 1);
    const base = `http://127.0.0.1:${collector.httpPort}`;
    let accepted = 0;
    const statuses = new Map<number, number>();
    const contentTypes = [
      'application/x-protobuf',
      'application/json',
      'application/octet-stream',
      'text/plain',
      '',
      'application/json; charset=utf-8',
    ];
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let i = w; i < 3000; i += 16) {
          const p = fuzz.next();
          const headers: Record<string, string> = {
            'x-gamepulse-key': fuzz.rnd() < 0.95 ? 'fz' : fuzz.pick(['', 'nope', 'x'.repeat(1000)]),
            'content-type':
              fuzz.rnd() < 0.9 ? (p.format === 'json' ? 'application/json' : 'application/x-protobuf') : fuzz.pick(contentTypes),
            accept: 'application/json',
          };
          if (p.contentEncoding === 'gzip' || fuzz.rnd() < 0.05)
            headers['content-encoding'] = fuzz.pick(['gzip', 'gzip', 'br', 'identity', 'x-gzip']);
          const res = await fetch(`${base}/v1/batch`, { method: 'POST', body: new Uint8Array(p.body), headers });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const body = (await res.json()) as BatchAckData & { error?: { code: string } };
          if (res.status === 200) accepted += body.accepted ?? 0;
          else expect(COLLECTOR_ERRORS[body.error!.code as keyof typeof COLLECTOR_ERRORS].httpStatus).toBe(res.status);
        }
      }),
    );

    for (let c = 0; c < 5; c++) {
      const ws = await openWs(`ws://127.0.0.1:${collector.httpPort}/v1/ws?key=fz`);
      for (let i = 0; i < 300; i++) {
        let p = fuzz.next();
        // A message over maxBodyBytes closes the connection with 1009 (tested elsewhere).
        while (p.body.length > 256 * 1024) p = fuzz.next();
        // JSON is not a stream format: send its text as a (refused) text message now and then.
        if (p.format === 'json') ws.send(fuzz.rnd() < 0.5 ? new TextDecoder().decode(p.body) : p.body);
        else ws.send(p.body);
      }
      const replies = await ws.waitReplies(300, 60_000);
      for (const r of replies) {
        expect(!!r.ack !== !!r.error).toBe(true);
        if (r.ack) accepted += r.ack.accepted ?? 0;
        else expect(COLLECTOR_ERRORS[r.error!.code as keyof typeof COLLECTOR_ERRORS]).toBeDefined();
      }
      ws.ws.close();
    }

    const metadata = new Metadata();
    metadata.set('x-gamepulse-key', 'fz');
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = w; i < 750; i += 8) {
          const p = fuzz.next();
          const r = await new Promise<{ ack?: BatchAckData; err?: ServiceError }>((resolve) =>
            grpc.Send(p.body, metadata, (err, ack) => resolve(err ? { err } : { ack })),
          );
          if (r.ack) accepted += r.ack.accepted ?? 0;
          else expect(r.err!.code).toBeGreaterThan(0);
        }
      }),
    );
    const s = openStream(`127.0.0.1:${collector.grpcPort}`, 'fz');
    for (let i = 0; i < 750; i++) s.call.write(fuzz.next().body);
    s.call.end();
    for (const r of await s.waitReplies(750, 60_000)) if (r.ack) accepted += r.ack.accepted ?? 0;
    s.close();

    expect((await fetch(`http://127.0.0.1:${collector.httpPort}/healthz`)).status).toBe(200);
    console.log(`[fuzz] transports: HTTP statuses ${JSON.stringify(Object.fromEntries(statuses))}; accepted events ${accepted}`);
    expect(await checkLog(temp.log, topicNames('fz').events)).toBe(accepted);
  }, 600_000);
});
