import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PartitionBatch } from '../types.ts';
import { partitionForKey } from '../partitioner.ts';
import { openEmbeddedLog, type EmbeddedLog } from './embedded-log.ts';
import { makeTempDir, until } from '@gamepulse/testkit';
import { recordingLogger } from './testing/recording-logger.ts';

const TOPIC = 't';

/** Keys that land on partition 0 and on partition 1 of a 2-partition topic. */
function keysFor(partition: number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) if (partitionForKey(`k${i}`, 2) === partition) out.push(`k${i}`);
  return out;
}

describe('log/embedded/consumer', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  let log: EmbeddedLog;
  const logger = recordingLogger();
  beforeEach(async () => {
    tmp = await makeTempDir();
    log = await openEmbeddedLog({ dir: tmp.dir, logger, consumerRetryBackoffMs: 1 });
    await log.ensureTopics([{ name: TOPIC, partitions: 2 }]);
  });
  afterEach(async () => {
    await log.close();
    await tmp.cleanup();
  });

  it('visits partitions round-robin, one batch each, so a backlog cannot starve another partition', async () => {
    const [k0] = keysFor(0, 1);
    const [k1] = keysFor(1, 1);
    await log.producer().append(
      TOPIC,
      Array.from({ length: 20 }, (_, i) => ({ key: i % 2 ? k1! : k0!, value: Buffer.from(String(i)) })),
    );
    const order: number[] = [];
    const c = log.consumer({ groupId: 'g', topics: [TOPIC], maxBatchRecords: 2 });
    await c.run({ onBatch: async (b) => void order.push(b.partition) });
    await until(
      () => order.length === 10,
      () => `10 batches (have ${order.length})`,
    );
    await c.stop();
    for (let i = 1; i < order.length; i++) expect(order[i]).not.toBe(order[i - 1]);
  });

  it('delivers the same batch again after onBatch rejects, and logs why', async () => {
    await log.producer().append(TOPIC, [{ key: keysFor(0, 1)[0]!, value: Buffer.from('x') }]);
    const seen: PartitionBatch[] = [];
    const c = log.consumer({ groupId: 'g', topics: [TOPIC] });
    await c.run({
      onBatch: async (b) => {
        seen.push(b);
        if (seen.length < 3) throw new Error('store unavailable');
      },
    });
    await until(
      () => seen.length === 3,
      () => `3 deliveries of the batch (have ${seen.length})`,
    );
    await c.stop();
    expect(seen.map((b) => b.records.map((r) => r.offset))).toEqual([[0], [0], [0]]);
    expect(logger.lines.filter((l) => l.msg.includes('onBatch rejected') && l.fields?.error === 'store unavailable')).toHaveLength(2);
  });

  it('starts each partition at onAssigned offset, else committed, else 0 (an offset beyond the end waits for it)', async () => {
    const [a0, b0] = keysFor(0, 2);
    const [a1] = keysFor(1, 1);
    for (let i = 0; i < 5; i++)
      await log.producer().append(TOPIC, [
        { key: a0!, value: Buffer.from(`p0-${i}`) },
        { key: a1!, value: Buffer.from(`p1-${i}`) },
      ]);
    const setup = log.consumer({ groupId: 'g', topics: [TOPIC] });
    await setup.run({ onBatch: async () => {} });
    await setup.commit([{ topic: TOPIC, partition: 1, offset: 3 }]);
    await setup.stop();

    const got: string[] = [];
    const c = log.consumer({ groupId: 'g', topics: [TOPIC] });
    await c.run({
      onAssigned: async () => [{ topic: TOPIC, partition: 0, offset: 7 }], // beyond the end (5)
      onBatch: async (b) => void got.push(...b.records.map((r) => `${b.partition}@${r.offset}`)),
    });
    await until(
      () => got.length === 2,
      () => `partition 1's records from the committed offset (have ${got.length})`,
    );
    expect(got).toEqual(['1@3', '1@4']);
    for (let i = 5; i < 8; i++) await log.producer().append(TOPIC, [{ key: b0!, value: Buffer.from(`p0-${i}`) }]);
    await until(
      () => got.length === 3,
      () => `the record at offset 7 (have ${got.length})`,
    );
    await c.stop();
    expect(got[2]).toBe('0@7');
  });

  it('stop() before run() and commit() outside membership behave', async () => {
    const c = log.consumer({ groupId: 'g', topics: [TOPIC] });
    await c.stop();
    await expect(c.run({ onBatch: async () => {} })).rejects.toMatchObject({ code: 'GP_LOG_UNAVAILABLE' });
    await expect(c.commit([{ topic: TOPIC, partition: 0, offset: 1 }])).rejects.toMatchObject({ code: 'GP_LOG_UNAVAILABLE' });
    await expect(log.consumer({ groupId: 'g2', topics: ['missing'] }).run({ onBatch: async () => {} })).rejects.toMatchObject({
      code: 'GP_LOG_UNKNOWN_TOPIC',
    });
  });

  it('close() stops running consumers (onRevoked runs, the group lock is released)', async () => {
    let revoked = false;
    const c = log.consumer({ groupId: 'g', topics: [TOPIC] });
    await c.run({ onBatch: async () => {}, onRevoked: async () => void (revoked = true) });
    await log.close();
    expect(revoked).toBe(true);
    log = await openEmbeddedLog({ dir: tmp.dir });
    const again = log.consumer({ groupId: 'g', topics: [TOPIC] });
    await again.run({ onBatch: async () => {} });
    await again.stop();
  });
});
