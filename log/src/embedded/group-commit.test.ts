import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partitionForKey } from '../partitioner.ts';
import type { AppendResult, AppendSuccess } from '../types.ts';
import { openEmbeddedLog, type EmbeddedLog } from './embedded-log.ts';
import { partitionDir } from './segment-files.ts';
import { makeTempDir } from '@gamepulse/testkit';
import { readPartitionFiles } from './testing/read-files.ts';

const TOPIC = 'events';

describe('log/embedded group commit and offsets', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  let log: EmbeddedLog;
  beforeEach(async () => {
    tmp = await makeTempDir();
    log = await openEmbeddedLog({ dir: tmp.dir, now: () => 1_234_567 });
    await log.ensureTopics([{ name: TOPIC, partitions: 4 }]);
  });
  afterEach(async () => {
    await log.close();
    await tmp.cleanup();
  });

  it('concurrent appends get distinct, dense offsets per partition, in call order for each key', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `player-${i}`);
    const calls = Array.from({ length: 300 }, (_, c) =>
      Array.from({ length: 1 + (c % 3) }, (_, m) => ({ key: keys[(c * 5 + m) % keys.length]!, value: Buffer.from(`${c}:${m}`) })),
    );
    const results = await Promise.all(calls.map((records) => log.producer().append(TOPIC, records)));

    const byPartition = new Map<number, number[]>();
    const lastOffsetOfKey = new Map<string, number>();
    results.forEach((r, c) => {
      expect(r.ok).toBe(true);
      (r as AppendSuccess).placements.forEach((pl, m) => {
        const key = calls[c]![m]!.key;
        expect(pl.partition).toBe(partitionForKey(key, 4));
        (byPartition.get(pl.partition) ?? byPartition.set(pl.partition, []).get(pl.partition)!).push(pl.offset);
        // Calls were issued in order c = 0, 1, 2, …: a key's offsets must increase with c.
        expect(pl.offset).toBeGreaterThan(lastOffsetOfKey.get(key) ?? -1);
        lastOffsetOfKey.set(key, pl.offset);
      });
    });
    const total = calls.reduce((s, r) => s + r.length, 0);
    let seen = 0;
    for (const [p, offsets] of byPartition) {
      expect([...offsets].sort((a, b) => a - b)).toEqual([...Array(offsets.length).keys()]);
      seen += offsets.length;
      // And the file holds, at each offset, the record the placement says.
      const files = await readPartitionFiles(partitionDir(tmp.dir, TOPIC, p));
      expect(files.records.length).toBe(offsets.length);
    }
    expect(seen).toBe(total);
    for (let c = 0; c < calls.length; c += 37) {
      const pl = (results[c] as AppendSuccess).placements[0]!;
      const files = await readPartitionFiles(partitionDir(tmp.dir, TOPIC, pl.partition));
      expect(Buffer.from(files.records[pl.offset]!.value).toString()).toBe(`${c}:0`);
      expect(files.records[pl.offset]!.timestampMs).toBe(1_234_567);
    }
  });

  it('coalesces concurrent appends: one fdatasync per touched partition per round, far fewer rounds than appends', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => log.producer().append(TOPIC, [{ key: 'same-key', value: Buffer.from(String(i)) }])),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const s = log.stats();
    expect(s.appends).toBe(200);
    expect(s.records).toBe(200);
    expect(s.fsyncs).toBe(s.rounds); // one partition touched per round, one segment
    expect(s.rounds).toBeLessThanOrEqual(3);
  });

  it('resolves an append only once its records are below the durable end', async () => {
    const checks: Array<Promise<void>> = [];
    for (let i = 0; i < 50; i++) {
      checks.push(
        log
          .producer()
          .append(TOPIC, [{ key: `k${i}`, value: Buffer.from('x') }])
          .then(async (r) => {
            expect(r.ok).toBe(true);
            const pl = (r as AppendSuccess).placements[0]!;
            const end = (await log.endOffsets(TOPIC))[pl.partition]!.offset;
            expect(end).toBeGreaterThan(pl.offset);
          }),
      );
    }
    await Promise.all(checks);
  });

  it('reports failures as values: unknown topic, record too large (nothing written), closed', async () => {
    expect(await log.producer().append('nope', [{ key: 'k', value: Buffer.from('x') }])).toMatchObject({
      ok: false,
      code: 'GP_LOG_UNKNOWN_TOPIC',
      retryable: false,
    });
    const smallDir = await makeTempDir();
    const small = await openEmbeddedLog({ dir: smallDir.dir, maxRecordBytes: 100 });
    await small.ensureTopics([{ name: 't', partitions: 1 }]);
    const tooLarge = await small.producer().append('t', [
      { key: 'k', value: Buffer.alloc(10) },
      { key: 'k', value: Buffer.alloc(100) },
    ]);
    expect(tooLarge).toMatchObject({ ok: false, code: 'GP_LOG_RECORD_TOO_LARGE', retryable: false });
    expect(await small.endOffsets('t')).toEqual([{ topic: 't', partition: 0, offset: 0 }]);
    await small.close();
    expect(await small.producer().append('t', [{ key: 'k', value: Buffer.alloc(1) }])).toMatchObject({ ok: false, code: 'GP_LOG_CLOSED' });
    await smallDir.cleanup();
    expect(await log.producer().append(TOPIC, [])).toEqual({ ok: true, placements: [] });
  });

  it('close() flushes appends still queued, and is safe to call twice', async () => {
    const pending: Array<Promise<AppendResult>> = [];
    for (let i = 0; i < 20; i++) pending.push(log.producer().append(TOPIC, [{ key: 'k', value: Buffer.from(String(i)) }]));
    await Promise.all([log.close(), log.close()]);
    const results = await Promise.all(pending);
    expect(results.every((r) => r.ok)).toBe(true);
    const p = (results[0] as AppendSuccess).placements[0]!.partition;
    expect((await readPartitionFiles(partitionDir(tmp.dir, TOPIC, p))).records.length).toBe(20);
    expect(await log.health()).toEqual({ ok: false, detail: 'closed' });
  });

  it('works with fsync disabled and with a group-commit delay', async () => {
    await log.close();
    log = await openEmbeddedLog({ dir: tmp.dir, fsync: false, groupCommitMaxDelayMs: 3 });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => log.producer().append(TOPIC, [{ key: 'k', value: Buffer.from('v') }])),
    );
    expect(results.map((r) => (r as AppendSuccess).placements[0]!.offset)).toEqual([...Array(10).keys()]);
    expect(log.stats()).toMatchObject({ fsyncs: 0, rounds: 1 });
  });

  it('health is ok while open; a read-only log refuses to produce', async () => {
    expect(await log.health()).toMatchObject({ ok: true });
    const reader = await openEmbeddedLog({ dir: tmp.dir, readOnly: true });
    expect(() => reader.producer()).toThrow(expect.objectContaining({ code: 'GP_LOG_READ_ONLY' }));
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
    expect(await reader.health()).toMatchObject({ ok: true, detail: expect.stringContaining('read-only') });
    await expect(reader.ensureTopics([{ name: 'new-topic', partitions: 1 }])).rejects.toMatchObject({ code: 'GP_LOG_READ_ONLY' });
    await reader.ensureTopics([{ name: TOPIC, partitions: 4 }]);
    await reader.close();
  });

  it('ensureTopics keeps the partition count of an existing topic and persists new topics', async () => {
    await log.ensureTopics([
      { name: TOPIC, partitions: 8 },
      { name: 'other', partitions: 2 },
    ]);
    expect(await log.partitions(TOPIC)).toBe(4);
    expect(await log.partitions('other')).toBe(2);
    expect(await log.partitions('missing')).toBeUndefined();
    await log.close();
    log = await openEmbeddedLog({ dir: tmp.dir });
    expect(await log.partitions('other')).toBe(2);
    await expect(log.ensureTopics([{ name: '../escape', partitions: 1 }])).rejects.toThrow(TypeError);
    await expect(log.ensureTopics([{ name: 'groups', partitions: 1 }])).rejects.toThrow(TypeError);
    await expect(log.ensureTopics([{ name: 'zero', partitions: 0 }])).rejects.toThrow(TypeError);
  });
});
