import { readFile, truncate, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsumedRecord } from '../types.ts';
import { openEmbeddedLog, type EmbeddedLog } from './embedded-log.ts';
import { partitionDir, segmentPath } from './segment-files.ts';
import { makeTempDir, until } from '@gamepulse/testkit';
import { recordingLogger } from './testing/recording-logger.ts';

const TOPIC = 't';

/**
 * A read-only reader trusts the durable mark only as far as the bytes prove: below the
 * mark it still delivers only complete records with a valid CRC, stops at anything
 * else, and looks again later. (Normally the writer guarantees the bytes below the mark;
 * these tests break that on purpose, as a damaged disk or a racing page-cache read could.)
 */
describe('log/embedded/partition-cursor (read-only reader)', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  const open: EmbeddedLog[] = [];
  beforeEach(async () => {
    tmp = await makeTempDir();
    const writer = await openEmbeddedLog({ dir: tmp.dir });
    await writer.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    for (let i = 0; i < 5; i++) await writer.producer().append(TOPIC, [{ key: 'k', value: Buffer.from(`v${i}`.repeat(50)) }]);
    await writer.close();
  });
  afterEach(async () => {
    for (const l of open.splice(0)) await l.close();
    await tmp.cleanup();
  });

  async function tail(): Promise<{ got: ConsumedRecord[]; logger: ReturnType<typeof recordingLogger> }> {
    const logger = recordingLogger();
    const reader = await openEmbeddedLog({ dir: tmp.dir, readOnly: true, logger, readerPollIntervalMs: 5 });
    open.push(reader);
    const got: ConsumedRecord[] = [];
    await reader.consumer({ groupId: 'g', topics: [TOPIC], maxWaitMs: 5 }).run({ onBatch: async (b) => void got.push(...b.records) });
    return { got, logger };
  }

  it('stops at an incomplete record below the mark and delivers it once its bytes are complete', async () => {
    const path = segmentPath(partitionDir(tmp.dir, TOPIC, 0), 0);
    const full = await readFile(path);
    await truncate(path, full.length - 10); // the last record lacks 10 bytes
    const { got, logger } = await tail();
    await until(() => got.length === 4, 'the 4 complete records', { timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(got.map((r) => r.offset)).toEqual([0, 1, 2, 3]);
    expect(logger.lines.some((l) => l.level === 'warn' && String(l.fields?.reason).includes('incomplete'))).toBe(true);
    await writeFile(path, full); // the rest arrives
    await until(() => got.length === 5, 'the completed record', { timeoutMs: 5000 });
    expect(Buffer.from(got[4]!.value).toString()).toBe('v4'.repeat(50));
  });

  it('never delivers a record with a bad CRC; delivers it after it is repaired', async () => {
    const path = segmentPath(partitionDir(tmp.dir, TOPIC, 0), 0);
    const good = await readFile(path);
    const bad = Buffer.from(good);
    bad[bad.length - 3]! ^= 0xff;
    await writeFile(path, bad);
    const { got, logger } = await tail();
    await until(() => got.length === 4, 'the 4 good records', { timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toHaveLength(4);
    expect(logger.lines.some((l) => l.level === 'warn' && String(l.fields?.reason).includes('crc'))).toBe(true);
    await writeFile(path, good);
    await until(() => got.length === 5, 'the repaired record', { timeoutMs: 5000 });
  });

  it('delivers nothing past the durable mark even if complete records are there', async () => {
    const markPath = `${partitionDir(tmp.dir, TOPIC, 0)}/durable.hw`;
    const mark = await readFile(markPath);
    // Pretend the writer appended 5 more records that are not durable yet: write them with
    // a second writer session, then restore the old mark.
    const writer = await openEmbeddedLog({ dir: tmp.dir });
    for (let i = 5; i < 10; i++) await writer.producer().append(TOPIC, [{ key: 'k', value: Buffer.from(`v${i}`) }]);
    await writer.close();
    await writeFile(markPath, mark);
    const { got } = await tail();
    await until(() => got.length === 5, 'the durable records', { timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(got.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
  });
});
