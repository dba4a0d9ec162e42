/**
 * The collector in Kafka mode against a real Apache Kafka broker (KRaft, jars from Maven
 * Central; scripts/engines/kafka.ts), as real processes: `apps/src/collector.ts` with
 * GAMEPULSE_LOG_KIND=kafka and GAMEPULSE_KAFKA_BROKERS, two cluster workers each with
 * its own idempotent acks=all producer. Batches over HTTP (protobuf, JSON) and a
 * deletion request; afterwards a Kafka consumer reads exactly the acknowledged events,
 * the dead letters and the deletion back from the broker.
 *
 * Own ports (29792/29793; the other suites use 19292-19592 and 29392-29692) and data dir, so it never meets another suite's broker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeadLetter,
  DeletionRequest,
  Event,
  IngestedBatch,
  validateEvent,
  type BatchAckData,
  type IngestedBatchData,
} from '@gamepulse/proto';
import { openKafkaLog, topicNames, type Log } from '@gamepulse/log';
import { DEFAULT_KAFKA_VERSION, startKafka, type KafkaHandle } from '../../../scripts/engines/kafka.ts';
import { startService, stopService, waitReady, type Service } from '../../../scripts/start/services.ts';
import { batch, gzipBatch, validEvent } from '../../src/testing/batches.ts';
import { freePort, readTopic } from '@gamepulse/testkit';

const ROOT = resolve(import.meta.dirname, '../../..');
const RUN = `${Date.now().toString(36)}-${process.pid}`;
const PREFIX = `it-collector-${RUN}`;
const TOPICS = topicNames(PREFIX);
const KEY = 'kafka-key';

describe('collector over real Kafka (HTTP path, 2 workers)', () => {
  let broker: KafkaHandle;
  let collector: Service;
  let reader: Log;
  let dir: string;
  let base: string;
  const acked = new Set<string>();
  const rejected = new Set<string>();

  beforeAll(async () => {
    broker = await startKafka({
      port: 29792,
      controllerPort: 29793,
      dataDir: join(ROOT, '.data', 'kafka-collector-it', DEFAULT_KAFKA_VERSION),
      heapMb: 512,
    });
    dir = await mkdtemp(join(tmpdir(), 'gp-collector-kafka-'));
    const http = await freePort();
    collector = startService(
      'collector-kafka',
      'apps/src/collector.ts',
      {
        GAMEPULSE_LOG_KIND: 'kafka',
        GAMEPULSE_KAFKA_BROKERS: broker.brokers.join(','),
        GAMEPULSE_KAFKA_CLIENT_ID: 'collector-it',
        GAMEPULSE_COLLECTOR_WORKERS: '2',
        GAMEPULSE_TOPIC_PREFIX: PREFIX,
        GAMEPULSE_COLLECTOR_HTTP_PORT: String(http),
        GAMEPULSE_COLLECTOR_GRPC_PORT: String(await freePort()),
        GAMEPULSE_COLLECTOR_KEYS: `${KEY}=demo:kf`,
        GAMEPULSE_COLLECTOR_GEOIP: 'false',
      },
      `http://127.0.0.1:${http}/readyz`,
      join(dir, 'logs'),
      ROOT,
    );
    await waitReady(collector, 120_000);
    base = `http://127.0.0.1:${http}`;
    reader = await openKafkaLog({ brokers: broker.brokers, clientId: 'collector-it-reader' });
  }, 600_000);

  afterAll(async () => {
    if (collector) expect(await stopService(collector, 30_000)).toBe(0);
    await reader?.close();
    if (broker?.startedHere) await broker.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const post = (body: Uint8Array | string, headers: Record<string, string>) =>
    fetch(`${base}/v1/batch`, {
      method: 'POST',
      body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: { 'x-gamepulse-key': KEY, accept: 'application/json', ...headers },
    });

  it('acks protobuf (gzip) and JSON batches only after Kafka acknowledged them', async () => {
    for (let i = 0; i < 20; i++) {
      const id = `k-${i % 4}`;
      const events = [
        validEvent(id, 2 * i + 1, { clientTsMs: Date.now() }),
        validEvent(id, 2 * i + 2, { clientTsMs: Date.now(), ...(i % 5 === 0 ? { eventId: `bad-${i}` } : {}) }),
      ];
      const res = await post(gzipBatch(batch(id, events, { batchSequence: i + 1 })), {
        'content-type': 'application/x-protobuf',
        'content-encoding': 'gzip',
      });
      expect(res.status).toBe(200);
      const ack = (await res.json()) as BatchAckData;
      const bad = new Set((ack.rejected ?? []).map((r) => r.index ?? 0));
      events.forEach((e, j) => (bad.has(j) ? rejected : acked).add(e.eventId!));
    }
    const e = validEvent('k-json', 1, { clientTsMs: Date.now() });
    const res = await post(
      JSON.stringify({ installId: 'k-json', batchSequence: 1, events: [{ ...e, clientTsMs: String(e.clientTsMs) }] }),
      { 'content-type': 'application/json' },
    );
    expect(res.status).toBe(200);
    acked.add(e.eventId!);
  });

  it('records a deletion request durably on the deletions topic', async () => {
    const res = await fetch(`${base}/v1/privacy/deletion`, {
      method: 'POST',
      body: JSON.stringify({ playerId: 'player-k-1', installId: 'k-1' }),
      headers: { 'content-type': 'application/json', 'x-gamepulse-key': KEY },
    });
    expect(res.status).toBe(202);
    const { requestId } = (await res.json()) as { requestId: string };
    const records = await readTopic(reader, TOPICS.deletions, 30_000);
    expect(records.map((r) => [r.key, DeletionRequest.decode(r.value).requestId])).toEqual([['demo:player-k-1', requestId]]);
  });

  it('Kafka holds exactly the acked events (each valid as re-read) and the rejected ones as dead letters', async () => {
    const events = (await readTopic(reader, TOPICS.events, 30_000)).flatMap((r) => {
      const b = IngestedBatch.decode(r.value);
      expect(r.key).toBe(b.installId);
      return (IngestedBatch.toObject(b, { longs: Number }) as IngestedBatchData).events!.map((e) => {
        expect(validateEvent(e, b.installId, true)).toBeUndefined();
        return e.eventId as string;
      });
    });
    expect(events.length).toBe(acked.size);
    expect(new Set(events)).toEqual(acked);
    const dead = (await readTopic(reader, TOPICS.deadLetter, 30_000)).map((r) => Event.decode(DeadLetter.decode(r.value).raw).eventId);
    expect(new Set(dead)).toEqual(rejected);
  });
});
