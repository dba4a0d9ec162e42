import { readdir, stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsumedRecord } from '../types.ts';
import { openEmbeddedLog, type EmbeddedLog } from './embedded-log.ts';
import { listSegments, partitionDir, segmentFileName, segmentFor, segmentPath } from './segment-files.ts';
import { makeTempDir, until } from '@gamepulse/testkit';
import { readPartitionFiles } from './testing/read-files.ts';

const TOPIC = 'rolling';
const SEGMENT_BYTES = 4096;
const value = (i: number) => Buffer.from(`record-${i}-`.padEnd(300, 'x'));

describe('log/embedded/segment-files', () => {
  it('names segments by base offset in 20 digits, so names sort like offsets', () => {
    expect(segmentFileName(0)).toBe('00000000000000000000.log');
    expect(segmentFileName(1234567)).toBe('00000000000001234567.log');
    expect(segmentFor([0, 10, 20], 0)).toBe(0);
    expect(segmentFor([0, 10, 20], 19)).toBe(10);
    expect(segmentFor([0, 10, 20], 1000)).toBe(20);
    expect(segmentFor([5, 10], 2)).toBeUndefined();
  });
});

describe('log/embedded segment roll-over', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  let log: EmbeddedLog | undefined;
  beforeEach(async () => {
    tmp = await makeTempDir();
  });
  afterEach(async () => {
    await log?.close();
    await tmp.cleanup();
  });

  it('rolls before a segment would exceed segmentBytes; every segment is named by its first offset; nothing is lost', async () => {
    log = await openEmbeddedLog({ dir: tmp.dir, segmentBytes: SEGMENT_BYTES });
    await log.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    const producer = log.producer();
    // Mixed: sequential single appends and concurrent multi-record appends (a round can roll mid-way).
    for (let i = 0; i < 20; i++) expect((await producer.append(TOPIC, [{ key: 'k', value: value(i) }])).ok).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, j) =>
        producer.append(
          TOPIC,
          [0, 1, 2].map((m) => ({ key: 'k', value: value(20 + j * 3 + m) })),
        ),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const total = 80;

    const dir = partitionDir(tmp.dir, TOPIC, 0);
    const files = await readPartitionFiles(dir);
    expect(files.segments.length).toBeGreaterThan(5);
    expect(files.records.map((r) => r.offset)).toEqual([...Array(total).keys()]);
    expect(new Set(files.records.map((r) => Buffer.from(r.value).toString()))).toEqual(
      new Set(Array.from({ length: total }, (_, i) => value(i).toString())),
    );
    for (const base of files.segments) {
      expect(files.records.find((r) => r.segment === base)?.offset).toBe(base);
      // A multi-record append is written whole into one segment, so a segment may exceed
      // segmentBytes by at most one append minus one byte.
      expect((await stat(segmentPath(dir, base))).size).toBeLessThan(SEGMENT_BYTES + 3 * 340);
    }
    expect(files.trailingBytes.every((b) => b === 0)).toBe(true);

    // A consumer reads across all segments, from the start and from the middle of one.
    for (const start of [0, files.segments[2]! + 1]) {
      const got: ConsumedRecord[] = [];
      const c = log.consumer({ groupId: `g${start}`, topics: [TOPIC], maxBatchRecords: 7 });
      await c.run({
        onAssigned: async (tps) => tps.map((tp) => ({ ...tp, offset: start })),
        onBatch: async (b) => void got.push(...b.records),
      });
      await until(() => got.length >= total - start, 'all records', { timeoutMs: 5000 });
      await c.stop();
      expect(got.map((r) => r.offset)).toEqual(Array.from({ length: total - start }, (_, i) => start + i));
    }

    // Reopen: recovery looks at the last segment only and appends continue there.
    await log.close();
    log = await openEmbeddedLog({ dir: tmp.dir, segmentBytes: SEGMENT_BYTES });
    const r = await log.producer().append(TOPIC, [{ key: 'k', value: value(total) }]);
    expect(r).toEqual({ ok: true, placements: [{ partition: 0, offset: total }] });
    expect((await listSegments(dir)).length).toBeGreaterThanOrEqual(files.segments.length);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a record larger than segmentBytes gets a segment of its own', async () => {
    log = await openEmbeddedLog({ dir: tmp.dir, segmentBytes: SEGMENT_BYTES });
    await log.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    const p = log.producer();
    await p.append(TOPIC, [{ key: 'k', value: Buffer.alloc(100) }]);
    await p.append(TOPIC, [{ key: 'k', value: Buffer.alloc(SEGMENT_BYTES * 2) }]);
    await p.append(TOPIC, [{ key: 'k', value: Buffer.alloc(100) }]);
    expect(await listSegments(partitionDir(tmp.dir, TOPIC, 0))).toEqual([0, 1, 2]);
  });
});
