import { describe, expect, it } from 'vitest';
import { KafkaJSConnectionError, KafkaJSProtocolError, type Kafka, type ProducerBatch, type RecordMetadata } from 'kafkajs';
import { partitionForKey } from '../partitioner.ts';
import { ScopedLogger } from './logger.ts';
import { resolveKafkaLogOptions } from './options.ts';
import { KafkaProducer } from './producer.ts';

/** A scripted stand-in for kafkajs's producer: offsets per partition, optional failures. */
function fakeKafka(script: { fail?: (call: number) => Error | undefined } = {}) {
  const next = new Map<string, number>();
  const requests: ProducerBatch[] = [];
  let producers = 0;
  let disconnects = 0;
  const kafka = {
    producer: () => {
      producers++;
      return {
        connect: async () => {},
        disconnect: async () => void disconnects++,
        sendBatch: async (batch: ProducerBatch): Promise<RecordMetadata[]> => {
          requests.push(batch);
          await new Promise((r) => setTimeout(r, 5));
          const err = script.fail?.(requests.length);
          if (err) throw err;
          const out: RecordMetadata[] = [];
          const counts = new Map<string, number>();
          for (const tm of batch.topicMessages!)
            for (const m of tm.messages) counts.set(`${tm.topic}|${m.partition}`, (counts.get(`${tm.topic}|${m.partition}`) ?? 0) + 1);
          for (const [k, n] of counts) {
            const [topicName, p] = k.split('|') as [string, string];
            const base = next.get(k) ?? 0;
            next.set(k, base + n + 1); // +1: a gap, as a transaction marker would leave
            out.push({ topicName, partition: Number(p), errorCode: 0, baseOffset: String(base) });
          }
          return out;
        },
      };
    },
  } as unknown as Kafka;
  const host = {
    options: resolveKafkaLogOptions({ brokers: ['127.0.0.1:1'], maxBatchBytes: 10_000 }),
    logger: new ScopedLogger(() => {}, 'error'),
    kafka,
    partitions: async (topic: string) => (topic === 'missing' ? undefined : 4),
  };
  return { producer: new KafkaProducer(host), requests, stats: () => ({ producers, disconnects }) };
}

const recs = (prefix: string, n: number, size = 10) =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: new Uint8Array(size) }));

describe('log/src/kafka/producer: KafkaProducer (no broker)', () => {
  it('coalesces concurrent appends into one request and gives each its own placements in input order', async () => {
    const { producer, requests } = fakeKafka();
    const results = await Promise.all([
      producer.append('t', recs('a', 5)),
      producer.append('t', recs('b', 3)),
      producer.append('u', recs('c', 2)),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    // first append goes alone (nothing queued yet), the next two together
    expect(requests.map((r) => r.topicMessages!.length)).toEqual([1, 2]);
    expect(requests[0]!.acks).toBe(-1);
    const seen = new Map<string, number[]>();
    results.forEach((r, i) => {
      if (!r.ok) return;
      r.placements.forEach((p, j) => {
        expect(p.partition).toBe(partitionForKey(`${'abc'[i]}${j}`, 4));
        const k = `${i === 2 ? 'u' : 't'}/${p.partition}`;
        seen.set(k, [...(seen.get(k) ?? []), p.offset]);
      });
    });
    for (const offsets of seen.values()) expect(new Set(offsets).size).toBe(offsets.length); // no offset given twice
  });

  it('splits an append larger than maxBatchBytes per partition into ordered requests', async () => {
    const { producer, requests } = fakeKafka();
    const r = await producer.append(
      't',
      Array.from({ length: 30 }, () => ({ key: 'same', value: new Uint8Array(1000) })),
    );
    expect(r.ok).toBe(true);
    expect(requests.length).toBeGreaterThan(1);
    if (r.ok) for (let i = 1; i < r.placements.length; i++) expect(r.placements[i]!.offset).toBeGreaterThan(r.placements[i - 1]!.offset);
  });

  it('never throws: failures are values; a failed send replaces the producer (new producer id)', async () => {
    const { producer, stats } = fakeKafka({
      fail: (n) =>
        n === 1
          ? new KafkaJSConnectionError('Connection error: ECONNREFUSED')
          : n === 2
            ? new KafkaJSProtocolError({ type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false, message: 'too large' } as unknown as Error)
            : undefined,
    });
    expect(await producer.append('t', recs('a', 2))).toMatchObject({ ok: false, code: 'GP_LOG_UNAVAILABLE', retryable: true });
    expect(await producer.append('t', recs('a', 2))).toMatchObject({ ok: false, code: 'GP_LOG_RECORD_TOO_LARGE', retryable: false });
    expect((await producer.append('t', recs('a', 2))).ok).toBe(true);
    expect(stats()).toEqual({ producers: 3, disconnects: 2 });
    expect(await producer.append('missing', recs('a', 1))).toMatchObject({ ok: false, code: 'GP_LOG_UNKNOWN_TOPIC', retryable: false });
    expect(await producer.append('t', [])).toEqual({ ok: true, placements: [] });
  });

  it('close() lets queued appends finish, then refuses new ones', async () => {
    const { producer, stats } = fakeKafka();
    const pending = [producer.append('t', recs('a', 1)), producer.append('t', recs('b', 1))];
    await new Promise((r) => setTimeout(r, 1));
    await producer.close();
    expect((await Promise.all(pending)).every((r) => r.ok)).toBe(true);
    expect(await producer.append('t', recs('c', 1))).toMatchObject({ ok: false, code: 'GP_LOG_CLOSED' });
    expect(stats().disconnects).toBe(1);
  });
});
