import { appendFile, readFile, stat, truncate } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog, type EmbeddedLog } from './embedded-log.ts';
import { encodeRecords, RECORD_HEADER_BYTES, sealRecords } from './record-format.ts';
import { partitionDir, segmentPath } from './segment-files.ts';
import { makeTempDir } from '@gamepulse/testkit';
import { recordingLogger } from './testing/recording-logger.ts';
import { readPartitionFiles } from './testing/read-files.ts';
import { scanSegment } from './recovery.ts';

const TOPIC = 't';

/** A valid record for `offset`, as the writer would have produced it. */
function recordBytes(offset: number, value: string): Buffer {
  const rec = { key: 'k', value: Buffer.from(value), timestampMs: 1 };
  const buf = encodeRecords([rec], [0], [1], RECORD_HEADER_BYTES + 1 + rec.value.length, 0);
  sealRecords(buf, offset);
  return buf;
}

describe('log/embedded/recovery', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  let log: EmbeddedLog | undefined;
  beforeEach(async () => {
    tmp = await makeTempDir();
  });
  afterEach(async () => {
    await log?.close();
    log = undefined;
    await tmp.cleanup();
  });

  async function writeTen(): Promise<string> {
    log = await openEmbeddedLog({ dir: tmp.dir });
    await log.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    const r = await log.producer().append(
      TOPIC,
      Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: Buffer.from(`value-${i}`) })),
    );
    expect(r.ok).toBe(true);
    await log.close();
    log = undefined;
    return segmentPath(partitionDir(tmp.dir, TOPIC, 0), 0);
  }

  const tails: Array<[string, (offset: number) => Buffer]> = [
    ['a partial record (first 20 bytes of a valid one)', (o) => recordBytes(o, 'torn-record-payload').subarray(0, 20)],
    [
      'a complete record missing its last byte',
      (o) => {
        const b = recordBytes(o, 'almost');
        return b.subarray(0, b.length - 1);
      },
    ],
    ['zeros (size extended, data never written)', () => Buffer.alloc(4096)],
    [
      'a complete record with a bad CRC',
      (o) => {
        const b = recordBytes(o, 'flipped');
        b[b.length - 1]! ^= 1;
        return b;
      },
    ],
    ['an impossible length', () => Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4, 5, 6, 7, 8])],
    ['a valid record with the wrong offset (stale data)', (o) => recordBytes(o + 5, 'elsewhere')],
    ['random garbage', () => Buffer.from(Array.from({ length: 333 }, (_, i) => (i * 131 + 7) & 0xff))],
  ];

  for (const [what, makeTail] of tails) {
    it(`truncates ${what}, keeps every earlier record, and continues at the right offset`, async () => {
      const path = await writeTen();
      const cleanSize = (await stat(path)).size;
      await appendFile(path, makeTail(10));
      expect((await stat(path)).size).toBeGreaterThan(cleanSize);

      const logger = recordingLogger();
      log = await openEmbeddedLog({ dir: tmp.dir, logger });
      expect((await stat(path)).size).toBe(cleanSize);
      const warning = logger.lines.find((l) => l.level === 'warn' && l.msg.includes('torn tail'));
      expect(warning?.fields).toMatchObject({ topic: TOPIC, partition: 0, validBytes: cleanSize, nextOffset: 10 });
      expect(await log.endOffsets(TOPIC)).toEqual([{ topic: TOPIC, partition: 0, offset: 10 }]);

      const r = await log.producer().append(TOPIC, [{ key: 'k', value: Buffer.from('after') }]);
      expect(r).toEqual({ ok: true, placements: [{ partition: 0, offset: 10 }] });
      const files = await readPartitionFiles(partitionDir(tmp.dir, TOPIC, 0));
      expect(files.trailingBytes).toEqual([0]);
      expect(files.records.map((x) => x.offset)).toEqual([...Array(11).keys()]);
      expect(files.records.map((x) => Buffer.from(x.value).toString())).toEqual([
        ...Array.from({ length: 10 }, (_, i) => `value-${i}`),
        'after',
      ]);
    });
  }

  it('leaves a clean segment untouched and logs nothing', async () => {
    const path = await writeTen();
    const before = await readFile(path);
    const logger = recordingLogger();
    log = await openEmbeddedLog({ dir: tmp.dir, logger });
    expect((await readFile(path)).equals(before)).toBe(true);
    expect(logger.lines.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('truncates a segment whose first record is already torn to zero bytes', async () => {
    const path = await writeTen();
    await truncate(path, 0);
    await appendFile(path, recordBytes(0, 'x').subarray(0, 10));
    log = await openEmbeddedLog({ dir: tmp.dir });
    expect((await stat(path)).size).toBe(0);
    expect(await log.endOffsets(TOPIC)).toEqual([{ topic: TOPIC, partition: 0, offset: 0 }]);
  });

  it('scanSegment finds records spanning read-chunk boundaries', async () => {
    const path = await writeTen();
    const full = await scanSegment(path, 0, 1 << 20);
    for (const chunk of [7, 31, 64, 100]) expect(await scanSegment(path, 0, chunk)).toEqual(full);
    expect(full).toMatchObject({ records: 10, validBytes: full.fileBytes });
  });
});
