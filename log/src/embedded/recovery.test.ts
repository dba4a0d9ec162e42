import { appendFile, open, readFile, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeDurableMark } from './durable-mark.ts';
import { openEmbeddedLog, type EmbeddedLog } from './embedded-log.ts';
import { encodeRecords, RECORD_HEADER_BYTES, sealRecords } from './record-format.ts';
import { partitionDir, segmentFileName, segmentPath } from './segment-files.ts';
import { makeTempDir } from '@gamepulse/testkit';
import { recordingLogger } from './testing/recording-logger.ts';
import { readPartitionFiles } from './testing/read-files.ts';
import { nodeRecoveryFs, recoverPartition, scanSegment, type RecoveredPartition, type RecoveryFs } from './recovery.ts';

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

/** One file-system call recovery made: what, on which file (a base name, or `dir` for a directory fsync). */
interface FsCall {
  op: 'write' | 'writev' | 'truncate' | 'sync' | 'datasync' | 'syncDir' | 'unlink' | 'rename';
  file: string;
}

/** The real file system, recording every write, truncate and sync recovery makes, in order. */
function recordingFs(): RecoveryFs & { calls: FsCall[] } {
  const calls: FsCall[] = [];
  const recorded = new Set(['write', 'writev', 'truncate', 'sync', 'datasync']);
  return {
    calls,
    async open(path, flags) {
      const fh = await nodeRecoveryFs.open(path, flags);
      const file = basename(path);
      return new Proxy(fh, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          const fn = value as (...args: unknown[]) => unknown;
          if (typeof prop === 'string' && recorded.has(prop))
            return (...args: unknown[]) => {
              calls.push({ op: prop as FsCall['op'], file });
              return fn.apply(target, args);
            };
          return fn.bind(target);
        },
      });
    },
    async syncDir(dir) {
      calls.push({ op: 'syncDir', file: 'dir' });
      await nodeRecoveryFs.syncDir(dir);
    },
    async unlink(path) {
      calls.push({ op: 'unlink', file: basename(path) });
      await nodeRecoveryFs.unlink(path);
    },
    async rename(from, to) {
      calls.push({ op: 'rename', file: basename(from) });
      await nodeRecoveryFs.rename(from, to);
    },
  };
}

describe('log/embedded/recovery: durability of what it keeps', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  let recovered: RecoveredPartition | undefined;
  beforeEach(async () => {
    tmp = await makeTempDir();
  });
  afterEach(async () => {
    await recovered?.segment.close();
    await recovered?.markFile.close();
    recovered = undefined;
    await tmp.cleanup();
  });

  /**
   * Ten records appended and fsynced through the log (the mark covers them), then a
   * round that crashed after its writes reached the page cache but before its
   * fdatasync: record 10 at the end of segment 0 and, when it rolled over, records
   * 11 and 12 in a new segment 11. Nothing of that round is durable.
   */
  async function crashedRound(rolledOver: boolean): Promise<string> {
    const log = await openEmbeddedLog({ dir: tmp.dir });
    await log.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    const r = await log.producer().append(
      TOPIC,
      Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: Buffer.from(`value-${i}`) })),
    );
    expect(r.ok).toBe(true);
    await log.close();
    const dir = partitionDir(tmp.dir, TOPIC, 0);
    await appendFile(segmentPath(dir, 0), recordBytes(10, 'unsynced-10'));
    if (rolledOver) await writeFile(segmentPath(dir, 11), Buffer.concat([recordBytes(11, 'unsynced-11'), recordBytes(12, 'unsynced-12')]));
    return dir;
  }

  /** Every kept segment, and the directory, were fsynced before the mark was first written. */
  function expectSyncedBeforeMark(calls: FsCall[], segments: string[]): void {
    const markWrite = calls.findIndex((c) => c.file === 'durable.hw' && (c.op === 'write' || c.op === 'writev'));
    expect(markWrite).toBeGreaterThanOrEqual(0);
    const before = calls.slice(0, markWrite);
    const synced = (file: string) => before.some((c) => c.file === file && (c.op === 'sync' || c.op === 'datasync' || c.op === 'syncDir'));
    expect({ calls, unsynced: [...segments, 'dir'].filter((f) => !synced(f)) }).toEqual({ calls, unsynced: [] });
  }

  for (const rolledOver of [false, true]) {
    it(`fsyncs the intact unsynced tail${rolledOver ? ', and the earlier segment of a round that rolled over,' : ''} before publishing the mark`, async () => {
      const dir = await crashedRound(rolledOver);
      const fs = recordingFs();
      recovered = await recoverPartition(TOPIC, 0, dir, { readChunkBytes: 1 << 20, fsync: true, logger: recordingLogger(), fs });
      expect(recovered.durable.nextOffset).toBe(rolledOver ? 13 : 11);
      expectSyncedBeforeMark(fs.calls, rolledOver ? [segmentFileName(0), segmentFileName(11)] : [segmentFileName(0)]);
    });
  }

  it('a power loss right after recovery keeps every record below the mark (fault-injecting file system)', async () => {
    const dir = await crashedRound(true);
    // What the disk holds: segment 0 up to the ten fsynced records; segment 11 nowhere
    // (its entry and data are only in the page cache). A sync through recovery makes the
    // current content durable.
    const durable = new Map<string, Buffer>([
      [segmentFileName(0), (await readFile(segmentPath(dir, 0))).subarray(0, -recordBytes(10, 'unsynced-10').length)],
    ]);
    const fs = recordingFs();
    recovered = await recoverPartition(TOPIC, 0, dir, { readChunkBytes: 1 << 20, fsync: true, logger: recordingLogger(), fs });
    for (const c of fs.calls)
      if (c.file.endsWith('.log') && (c.op === 'sync' || c.op === 'datasync')) durable.set(c.file, await readFile(join(dir, c.file)));
    const markOffset = recovered.durable.nextOffset;
    await recovered.segment.close();
    await recovered.markFile.close();
    recovered = undefined;

    // Power loss: every segment goes back to its durable content (the mark was fsynced).
    for (const base of [0, 11]) {
      const content = durable.get(segmentFileName(base));
      if (content) await writeFile(segmentPath(dir, base), content);
      else await unlink(segmentPath(dir, base));
    }
    const logger = recordingLogger();
    const log = await openEmbeddedLog({ dir: tmp.dir, logger });
    try {
      expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(await log.endOffsets(TOPIC)).toEqual([{ topic: TOPIC, partition: 0, offset: markOffset }]);
    } finally {
      await log.close();
    }
  });

  it('fsyncs nothing with fsync: false', async () => {
    const dir = await crashedRound(true);
    const fs = recordingFs();
    recovered = await recoverPartition(TOPIC, 0, dir, { readChunkBytes: 1 << 20, fsync: false, logger: recordingLogger(), fs });
    expect(fs.calls.filter((c) => c.op !== 'write')).toEqual([]);
  });
});

describe('log/embedded/recovery: a crash inside a round that rolled over to a new segment', () => {
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

  /**
   * Ten records appended and fsynced through the log (the mark says 10, in segment 0).
   * Then what a power loss inside the next round can leave: that round wrote record 10
   * at the end of segment 0, rolled over, created segment 11 (its entry made durable by
   * the directory fsync at creation) and wrote records 11 and 12 there; it died before
   * its fdatasync, and the OS had written back some of those pages and not others.
   */
  async function rolledOverRound(segment0Tail: Buffer, segment11: Buffer): Promise<string> {
    log = await openEmbeddedLog({ dir: tmp.dir });
    await log.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    const r = await log.producer().append(
      TOPIC,
      Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: Buffer.from(`value-${i}`) })),
    );
    expect(r.ok).toBe(true);
    await log.close();
    log = undefined;
    const dir = partitionDir(tmp.dir, TOPIC, 0);
    await appendFile(segmentPath(dir, 0), segment0Tail);
    await writeFile(segmentPath(dir, 11), segment11);
    return dir;
  }

  const intact11and12 = () => Buffer.concat([recordBytes(11, 'unsynced-11'), recordBytes(12, 'unsynced-12')]);
  const cases: Array<[string, () => Buffer, () => Buffer]> = [
    ['record 10 torn in segment 0, segment 11 written back whole', () => recordBytes(10, 'unsynced-10').subarray(0, 9), intact11and12],
    [
      'record 10 torn in segment 0, segment 11 empty (its data never written back)',
      () => recordBytes(10, 'unsynced-10').subarray(0, 9),
      () => Buffer.alloc(0),
    ],
    [
      'record 10 zeros in segment 0 (size extended, data lost), segment 11 whole',
      () => Buffer.alloc(recordBytes(10, 'unsynced-10').length),
      intact11and12,
    ],
    ['record 10 missing from segment 0 (size not extended), segment 11 whole', () => Buffer.alloc(0), intact11and12],
  ];

  for (const [what, tail, segment11] of cases) {
    it(`${what}: cuts the log at offset 10, drops segment 11, and continues densely`, async () => {
      const dir = await rolledOverRound(tail(), segment11());
      const logger = recordingLogger();
      log = await openEmbeddedLog({ dir: tmp.dir, logger });
      expect(await log.endOffsets(TOPIC)).toEqual([{ topic: TOPIC, partition: 0, offset: 10 }]);
      // Nothing past the cut was ever acknowledged (the mark said 10): a warning, no error.
      expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);

      const r = await log.producer().append(TOPIC, [{ key: 'k', value: Buffer.from('after') }]);
      expect(r).toEqual({ ok: true, placements: [{ partition: 0, offset: 10 }] });
      const files = await readPartitionFiles(dir);
      expect(files.segments).toEqual([0]);
      expect(files.trailingBytes).toEqual([0]);
      expect(files.records.map((x) => x.offset)).toEqual([...Array(11).keys()]);
      expect(Buffer.from(files.records[10]!.value).toString()).toBe('after');
    });
  }

  it('through the injected file system: truncates segment 0, removes segment 11, and syncs both cuts before the mark', async () => {
    const dir = await rolledOverRound(recordBytes(10, 'unsynced-10').subarray(0, 9), intact11and12());
    const fs = recordingFs();
    const r = await recoverPartition(TOPIC, 0, dir, { readChunkBytes: 1 << 20, fsync: true, logger: recordingLogger(), fs });
    try {
      expect(r.bases).toEqual([0]);
      expect(r.durable.nextOffset).toBe(10);
      const ops = fs.calls.filter((c) => c.op !== 'sync' || c.file !== 'durable.hw').map((c) => `${c.op} ${c.file}`);
      expect(ops).toEqual([
        `truncate ${segmentFileName(0)}`,
        `unlink ${segmentFileName(11)}`,
        `datasync ${segmentFileName(0)}`,
        'syncDir dir',
        'write durable.hw',
      ]);
    } finally {
      await r.segment.close();
      await r.markFile.close();
    }
  });

  it('an intact round that rolled over is kept whole (both segments)', async () => {
    const dir = await rolledOverRound(recordBytes(10, 'unsynced-10'), intact11and12());
    const logger = recordingLogger();
    log = await openEmbeddedLog({ dir: tmp.dir, logger });
    expect(await log.endOffsets(TOPIC)).toEqual([{ topic: TOPIC, partition: 0, offset: 13 }]);
    expect(logger.lines.filter((l) => l.level !== 'info')).toEqual([]);
    const files = await readPartitionFiles(dir);
    expect(files.segments).toEqual([0, 11]);
    expect(files.records.map((x) => x.offset)).toEqual([...Array(13).keys()]);
  });

  it('says "acknowledged records are missing" when the mark had covered the torn record', async () => {
    const dir = await rolledOverRound(recordBytes(10, 'unsynced-10').subarray(0, 9), intact11and12());
    // A round had acknowledged record 10 (fdatasync returned, the mark moved to 11 in
    // segment 0), and the disk lost part of it anyway; a later round rolled over.
    const markFh = await open(join(dir, 'durable.hw'), 'r+');
    const segment0Bytes = (await stat(segmentPath(dir, 0))).size - 9 + recordBytes(10, 'unsynced-10').length;
    await markFh.write(encodeDurableMark({ nextOffset: 11, segmentBase: 0, segmentBytes: segment0Bytes }), 0, 32, 0);
    await markFh.close();
    const logger = recordingLogger();
    log = await openEmbeddedLog({ dir: tmp.dir, logger });
    expect(await log.endOffsets(TOPIC)).toEqual([{ topic: TOPIC, partition: 0, offset: 10 }]);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain('acknowledged records are missing');
    expect(errors[0]!.fields).toMatchObject({ topic: TOPIC, partition: 0, markNextOffset: 11, recoveredNextOffset: 10 });
    // The dropped segment is set aside for an operator, not deleted.
    expect((await readPartitionFiles(dir)).segments).toEqual([0]);
    expect((await readFile(join(dir, `${segmentFileName(11)}.dropped`))).equals(intact11and12())).toBe(true);
  });
});
