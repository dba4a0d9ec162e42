/**
 * The behaviour every `Log` implementation must have, as a vitest suite:
 *
 *   describeLogContract('embedded', async () => ({ log, cleanup }));
 *
 * Who runs it: the embedded log (log/src/embedded/embedded-log.contract.test.ts, three
 * configurations), Kafka (log/test/integration/kafka-log.test.ts) and the `MemoryLog`
 * stand-in (testkit/src/memory-log.contract.test.ts).
 *
 * Implementation-neutral: offsets are only compared, never assumed dense (Kafka may skip
 * offsets for transaction markers), restart positions come from `nextOffset`, every
 * test uses its own topic and group names (a shared broker keeps state between tests),
 * and waits poll for conditions instead of sleeping fixed times (group joins take
 * seconds on Kafka). `cleanup` must tolerate a log that the test already closed.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  partitionForKey,
  type AppendSuccess,
  type ConsumedRecord,
  type Log,
  type LogRecord,
  type PartitionBatch,
  type TopicPartition,
  type TopicPartitionOffset,
} from '@gamepulse/log';
import { sleep, until } from '../wait.ts';

export interface LogUnderTest {
  log: Log;
  cleanup(): Promise<void>;
}

export interface LogContractOptions {
  /** Per-test timeout. @default 60_000 */
  timeoutMs?: number;
  /** How long to keep consuming after the expected count, to catch duplicates. @default 300 */
  settleMs?: number;
}

export function describeLogContract(name: string, makeLog: () => Promise<LogUnderTest>, options: LogContractOptions = {}): void {
  const timeout = options.timeoutMs ?? 60_000;
  const settleMs = options.settleMs ?? 300;

  describe(`Log contract: ${name}`, () => {
    let current: LogUnderTest | undefined;
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });
    async function setup(topics: Array<{ partitions: number }>): Promise<{ log: Log; topics: string[] }> {
      current = await makeLog();
      const names = topics.map((_, i) => `contract-${i}-${randomUUID().slice(0, 8)}`);
      await current.log.ensureTopics(topics.map((t, i) => ({ name: names[i]!, partitions: t.partitions })));
      return { log: current.log, topics: names };
    }

    it(
      'ensureTopics creates topics, keeps the partition count of existing ones; partitions() of a missing topic is undefined',
      async () => {
        const { log, topics } = await setup([{ partitions: 3 }]);
        expect(await log.partitions(topics[0]!)).toBe(3);
        await log.ensureTopics([{ name: topics[0]!, partitions: 5 }]);
        expect(await log.partitions(topics[0]!)).toBe(3);
        expect(await log.partitions(`missing-${randomUUID()}`)).toBeUndefined();
      },
      timeout,
    );

    it(
      'append places each record on partitionForKey(key), with increasing offsets per partition in input order',
      async () => {
        const { log, topics } = await setup([{ partitions: 4 }]);
        const records = Array.from({ length: 40 }, (_, i) => rec(`key-${i % 9}`, `v${i}`));
        const r = await log.producer().append(topics[0]!, records);
        expect(r.ok).toBe(true);
        const { placements } = r as AppendSuccess;
        expect(placements).toHaveLength(records.length);
        const last = new Map<number, number>();
        placements.forEach((pl, i) => {
          expect(pl.partition).toBe(partitionForKey(records[i]!.key, 4));
          expect(pl.offset).toBeGreaterThan(last.get(pl.partition) ?? -1);
          last.set(pl.partition, pl.offset);
        });
        expect(await log.producer().append(`missing-${randomUUID().slice(0, 8)}`, [rec('k', 'v')])).toMatchObject({
          ok: false,
          code: 'GP_LOG_UNKNOWN_TOPIC',
        });
      },
      timeout,
    );

    it(
      'endOffsets: 0 for every partition of a new topic; after appends, beyond every placed offset',
      async () => {
        const { log, topics } = await setup([{ partitions: 3 }]);
        const t = topics[0]!;
        expect(sortTp(await log.endOffsets(t))).toEqual([0, 1, 2].map((partition) => ({ topic: t, partition, offset: 0 })));
        const placed = await appendAll(
          log,
          t,
          Array.from({ length: 30 }, (_, i) => rec(`k${i}`, `v${i}`)),
        );
        const ends = await log.endOffsets(t);
        expect(ends).toHaveLength(3);
        for (const { partition, offset } of placed.map((p) => p.placement))
          expect(ends.find((e) => e.partition === partition)!.offset).toBeGreaterThan(offset);
        for (const e of ends) if (!placed.some((p) => p.placement.partition === e.partition)) expect(e.offset).toBe(0);
      },
      timeout,
    );

    it(
      'every appended record is read back exactly once, with its key, value, topic, partition and offset',
      async () => {
        const { log, topics } = await setup([{ partitions: 4 }]);
        const t = topics[0]!;
        const batches = Array.from({ length: 30 }, (_, b) =>
          Array.from({ length: 10 }, (_, i) => rec(`player-${(b * 7 + i) % 23}`, `b${b}-r${i}-${'x'.repeat((b * 31 + i) % 200)}`)),
        );
        const placed = (await Promise.all(batches.map((records) => appendAll(log, t, records)))).flat();
        const c = await consume(log, { groupId: group(), topics: [t] });
        await c.until((got) => got.length >= placed.length, timeout);
        await sleep(settleMs);
        await c.stop();
        expect(c.records).toHaveLength(placed.length);
        const byPlace = new Map(c.records.map((r) => [`${r.partition}/${r.offset}`, r]));
        expect(byPlace.size).toBe(placed.length); // no duplicates
        for (const p of placed) {
          const got = byPlace.get(`${p.placement.partition}/${p.placement.offset}`);
          expect(got, `record at ${p.placement.partition}/${p.placement.offset}`).toBeDefined();
          expect(got!.topic).toBe(t);
          expect(got!.key).toBe(p.record.key);
          expect(Buffer.from(got!.value).equals(Buffer.from(p.record.value))).toBe(true);
          expect(typeof got!.timestampMs).toBe('number');
        }
      },
      timeout,
    );

    it(
      'keeps per-key order, and batches are well-formed (one partition, ascending offsets, nextOffset past them, within maxBatchRecords)',
      async () => {
        const { log, topics } = await setup([{ partitions: 3 }]);
        const t = topics[0]!;
        const keys = Array.from({ length: 8 }, (_, i) => `install-${i}`);
        // Per key sequential appends, keys concurrently.
        await Promise.all(
          keys.map(async (key) => {
            for (let seq = 0; seq < 25; seq++) expect((await log.producer().append(t, [rec(key, String(seq))])).ok).toBe(true);
          }),
        );
        const c = await consume(log, { groupId: group(), topics: [t], maxBatchRecords: 7 });
        await c.until((got) => got.length >= keys.length * 25, timeout);
        await c.stop();
        for (const key of keys)
          expect(c.records.filter((r) => r.key === key).map((r) => Number(Buffer.from(r.value).toString()))).toEqual([...Array(25).keys()]);
        for (const b of c.batches) {
          expect(b.records.length).toBeGreaterThan(0);
          expect(b.records.length).toBeLessThanOrEqual(7);
          for (let i = 0; i < b.records.length; i++) {
            expect(b.records[i]!.topic).toBe(b.topic);
            expect(b.records[i]!.partition).toBe(b.partition);
            if (i > 0) expect(b.records[i]!.offset).toBeGreaterThan(b.records[i - 1]!.offset);
          }
          expect(b.nextOffset).toBeGreaterThan(b.records.at(-1)!.offset);
          expect(b.highWatermark).toBeGreaterThanOrEqual(b.nextOffset);
        }
      },
      timeout,
    );

    it(
      'awaits onBatch before the next batch of a partition; stop() waits for it, then calls onRevoked',
      async () => {
        const { log, topics } = await setup([{ partitions: 2 }]);
        const t = topics[0]!;
        await appendAll(
          log,
          t,
          Array.from({ length: 60 }, (_, i) => rec(`k${i % 5}`, String(i))),
        );
        const inFlight = new Set<number>();
        let overlap = false;
        let finished = 0;
        let revoked: TopicPartition[] | undefined;
        let revokedAfterFinished = false;
        let started = 0;
        const consumer = log.consumer({ groupId: group(), topics: [t], maxBatchRecords: 5 });
        await consumer.run({
          onBatch: async (b) => {
            if (inFlight.has(b.partition)) overlap = true;
            inFlight.add(b.partition);
            started++;
            await sleep(10);
            inFlight.delete(b.partition);
            finished++;
          },
          onRevoked: async (tps) => {
            revoked = tps;
            revokedAfterFinished = finished === started && inFlight.size === 0;
          },
        });
        await until(
          () => finished >= 3,
          () => `3 batches handled (have ${finished})`,
          { timeoutMs: timeout, everyMs: 5 },
        );
        await consumer.stop();
        await consumer.stop(); // safe twice
        expect(overlap).toBe(false);
        expect(revokedAfterFinished).toBe(true);
        expect(sortTp(revoked ?? [])).toEqual([
          { topic: t, partition: 0 },
          { topic: t, partition: 1 },
        ]);
        const countAtStop = started;
        await sleep(50);
        expect(started).toBe(countAtStop);
      },
      timeout,
    );

    it(
      'delivers records appended while the consumer runs',
      async () => {
        const { log, topics } = await setup([{ partitions: 2 }]);
        const t = topics[0]!;
        const c = await consume(log, { groupId: group(), topics: [t] });
        await c.untilAssigned(timeout);
        const placed = await appendAll(log, t, [rec('a', '1'), rec('b', '2'), rec('c', '3')]);
        await c.until((got) => got.length >= placed.length, timeout);
        await c.stop();
        expect(c.records.map((r) => Buffer.from(r.value).toString()).sort()).toEqual(['1', '2', '3']);
      },
      timeout,
    );

    it(
      "a restarted consumer starts where onAssigned says (positions from a previous run's nextOffset)",
      async () => {
        const { log, topics } = await setup([{ partitions: 3 }]);
        const t = topics[0]!;
        const first = await appendAll(
          log,
          t,
          Array.from({ length: 30 }, (_, i) => rec(`k${i}`, `first-${i}`)),
        );
        const c1 = await consume(log, { groupId: group(), topics: [t] });
        await c1.until((got) => got.length >= first.length, timeout);
        await c1.stop();
        const positions = positionsFrom(c1.batches, t);
        const second = await appendAll(
          log,
          t,
          Array.from({ length: 20 }, (_, i) => rec(`k${i}`, `second-${i}`)),
        );
        // A new group: no committed positions can help, only onAssigned.
        const c2 = await consume(log, { groupId: group(), topics: [t], startAt: positions });
        await c2.until((got) => got.length >= second.length, timeout);
        await sleep(settleMs);
        await c2.stop();
        expect(c2.records.map((r) => Buffer.from(r.value).toString()).sort()).toEqual(
          second.map((p) => Buffer.from(p.record.value).toString()).sort(),
        );
        expect(sortTp(c2.assigned)).toEqual([0, 1, 2].map((partition) => ({ topic: t, partition })));
      },
      timeout,
    );

    it(
      'a restarted consumer of the same group starts at the committed positions; committed() reports them',
      async () => {
        const { log, topics } = await setup([{ partitions: 3 }]);
        const t = topics[0]!;
        const g = group();
        const first = await appendAll(
          log,
          t,
          Array.from({ length: 30 }, (_, i) => rec(`k${i}`, `first-${i}`)),
        );
        const c1 = await consume(log, { groupId: g, topics: [t], commit: true });
        await c1.until((got) => got.length >= first.length, timeout);
        await c1.stop();
        const positions = positionsFrom(c1.batches, t);
        expect(sortTp(await log.committed(g, t))).toEqual(sortTp(positions));
        const second = await appendAll(
          log,
          t,
          Array.from({ length: 20 }, (_, i) => rec(`k${i}`, `second-${i}`)),
        );
        const c2 = await consume(log, { groupId: g, topics: [t] });
        await c2.until((got) => got.length >= second.length, timeout);
        await sleep(settleMs);
        await c2.stop();
        expect(c2.records.map((r) => Buffer.from(r.value).toString()).sort()).toEqual(
          second.map((p) => Buffer.from(p.record.value).toString()).sort(),
        );
        // A group that never committed starts at the beginning.
        const c3 = await consume(log, { groupId: group(), topics: [t] });
        await c3.until((got) => got.length >= first.length + second.length, timeout);
        await c3.stop();
      },
      timeout,
    );

    it(
      'one consumer of two topics gets both, each record labelled with its topic',
      async () => {
        const { log, topics } = await setup([{ partitions: 2 }, { partitions: 1 }]);
        const [a, b] = topics as [string, string];
        const inA = await appendAll(
          log,
          a,
          Array.from({ length: 15 }, (_, i) => rec(`k${i}`, `a-${i}`)),
        );
        const inB = await appendAll(
          log,
          b,
          Array.from({ length: 10 }, (_, i) => rec(`k${i}`, `b-${i}`)),
        );
        const c = await consume(log, { groupId: group(), topics: [a, b] });
        await c.until((got) => got.length >= inA.length + inB.length, timeout);
        await sleep(settleMs);
        await c.stop();
        expect(c.records).toHaveLength(inA.length + inB.length);
        for (const r of c.records)
          expect(
            Buffer.from(r.value)
              .toString()
              .startsWith(r.topic === a ? 'a-' : 'b-'),
          ).toBe(true);
        expect(c.records.filter((r) => r.topic === b)).toHaveLength(inB.length);
        expect(sortTp(c.assigned)).toEqual(
          sortTp([
            { topic: a, partition: 0 },
            { topic: a, partition: 1 },
            { topic: b, partition: 0 },
          ]),
        );
      },
      timeout,
    );

    it(
      'health() is ok while open; close() is safe twice',
      async () => {
        const { log } = await setup([{ partitions: 1 }]);
        expect((await log.health()).ok).toBe(true);
        await log.close();
        await log.close();
        expect((await log.health()).ok).toBe(false);
      },
      timeout,
    );
  });
}

interface Placed {
  record: LogRecord;
  placement: { partition: number; offset: number };
}

function rec(key: string, value: string): LogRecord {
  return { key, value: Buffer.from(value) };
}

function group(): string {
  return `contract-group-${randomUUID().slice(0, 8)}`;
}

async function appendAll(log: Log, topic: string, records: LogRecord[]): Promise<Placed[]> {
  const r = await log.producer().append(topic, records);
  if (!r.ok) throw new Error(`append failed: ${r.code} ${r.message}`);
  return r.placements.map((placement, i) => ({ record: records[i]!, placement }));
}

/** Where to resume each partition after the given batches (nextOffset of the last batch). */
function positionsFrom(batches: PartitionBatch[], topic: string): TopicPartitionOffset[] {
  const next = new Map<number, number>();
  for (const b of batches) if (b.topic === topic) next.set(b.partition, Math.max(next.get(b.partition) ?? 0, b.nextOffset));
  return [...next].map(([partition, offset]) => ({ topic, partition, offset }));
}

interface Consuming {
  records: ConsumedRecord[];
  batches: PartitionBatch[];
  assigned: TopicPartition[];
  until(done: (records: ConsumedRecord[]) => boolean, timeoutMs: number): Promise<void>;
  untilAssigned(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function consume(
  log: Log,
  opts: { groupId: string; topics: string[]; maxBatchRecords?: number; startAt?: TopicPartitionOffset[]; commit?: boolean },
): Promise<Consuming> {
  const records: ConsumedRecord[] = [];
  const batches: PartitionBatch[] = [];
  const assigned: TopicPartition[] = [];
  const consumer = log.consumer({
    groupId: opts.groupId,
    topics: opts.topics,
    ...(opts.maxBatchRecords ? { maxBatchRecords: opts.maxBatchRecords } : {}),
    maxWaitMs: 50,
  });
  await consumer.run({
    onAssigned: async (tps) => {
      assigned.push(...tps);
      return opts.startAt?.filter((o) => tps.some((tp) => tp.topic === o.topic && tp.partition === o.partition));
    },
    onBatch: async (b) => {
      batches.push(b);
      records.push(...b.records);
      if (opts.commit) await consumer.commit([{ topic: b.topic, partition: b.partition, offset: b.nextOffset }]);
    },
  });
  return {
    records,
    batches,
    assigned,
    until: async (done, timeoutMs) => {
      await until(
        () => done(records),
        () => `the expected records (have ${records.length})`,
        { timeoutMs, everyMs: 5 },
      );
    },
    untilAssigned: async (timeoutMs) => {
      await until(() => assigned.length > 0, 'partitions assigned', { timeoutMs, everyMs: 5 });
    },
    stop: () => consumer.stop(),
  };
}

function sortTp<T extends TopicPartition>(tps: T[]): T[] {
  return [...tps].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}
