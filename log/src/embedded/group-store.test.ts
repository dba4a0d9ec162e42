import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog, type EmbeddedLog } from './embedded-log.ts';
import { groupFileStem, groupLockPath, readCommitted, writeGroupOffsets } from './group-store.ts';
import { makeTempDir } from '@gamepulse/testkit';
import { recordingLogger } from './testing/recording-logger.ts';

describe('log/embedded/group-store', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  beforeEach(async () => {
    tmp = await makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('persists positions per group and topic, merging commits, with no temp files left', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(tmp.dir, 'groups'));
    await writeGroupOffsets(
      tmp.dir,
      'g',
      [
        { topic: 'a', partition: 0, offset: 5 },
        { topic: 'a', partition: 2, offset: 9 },
      ],
      1,
      true,
    );
    await writeGroupOffsets(
      tmp.dir,
      'g',
      [
        { topic: 'a', partition: 0, offset: 7 },
        { topic: 'b', partition: 1, offset: 3 },
      ],
      2,
      true,
    );
    expect(await readCommitted(tmp.dir, 'g', 'a')).toEqual([
      { topic: 'a', partition: 0, offset: 7 },
      { topic: 'a', partition: 2, offset: 9 },
    ]);
    expect(await readCommitted(tmp.dir, 'g', 'b')).toEqual([{ topic: 'b', partition: 1, offset: 3 }]);
    expect(await readCommitted(tmp.dir, 'other', 'a')).toEqual([]);
    expect(await readdir(join(tmp.dir, 'groups'))).toEqual(['g.json']);
    expect(JSON.parse(await readFile(join(tmp.dir, 'groups', 'g.json'), 'utf8'))).toMatchObject({
      version: 1,
      groupId: 'g',
      updatedAtMs: 2,
    });
  });

  it('maps any group id to a safe file name', () => {
    expect(groupFileStem('gamepulse.processor')).toBe('gamepulse.processor');
    expect(groupFileStem('..')).toBe('%2E.');
    expect(groupFileStem('a/b\\c')).toBe('a%2Fb%5Cc');
    expect(() => groupFileStem('')).toThrow(TypeError);
  });

  it('survives reopening the log: a new consumer starts at the committed positions', async () => {
    let log: EmbeddedLog = await openEmbeddedLog({ dir: tmp.dir });
    await log.ensureTopics([{ name: 't', partitions: 2 }]);
    const c = log.consumer({ groupId: 'g', topics: ['t'] });
    await c.run({ onBatch: async () => {} });
    await c.commit([{ topic: 't', partition: 1, offset: 42 }]);
    await c.stop();
    await log.close();
    log = await openEmbeddedLog({ dir: tmp.dir, readOnly: true });
    expect(await log.committed('g', 't')).toEqual([{ topic: 't', partition: 1, offset: 42 }]);
    await log.close();
  });
});

describe('log/embedded/lock-file (consumer groups)', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  let log: EmbeddedLog;
  beforeEach(async () => {
    tmp = await makeTempDir();
    log = await openEmbeddedLog({ dir: tmp.dir });
    await log.ensureTopics([{ name: 't', partitions: 1 }]);
  });
  afterEach(async () => {
    await log.close();
    await tmp.cleanup();
  });

  it('a second live consumer of a group gets GP_LOG_GROUP_LOCKED naming the owner; after stop the group is free', async () => {
    const first = log.consumer({ groupId: 'g', topics: ['t'] });
    await first.run({ onBatch: async () => {} });
    const lock = JSON.parse(await readFile(groupLockPath(tmp.dir, 'g'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await expect(log.consumer({ groupId: 'g', topics: ['t'] }).run({ onBatch: async () => {} })).rejects.toMatchObject({
      code: 'GP_LOG_GROUP_LOCKED',
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
      message: expect.stringContaining(`live process ${process.pid}`),
    });
    await first.stop();
    await expect(readFile(groupLockPath(tmp.dir, 'g'))).rejects.toMatchObject({ code: 'ENOENT' });
    const second = log.consumer({ groupId: 'g', topics: ['t'] });
    await second.run({ onBatch: async () => {} });
    await second.stop();
  });

  it('takes over a stale lock left by a dead process, with a warning', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    await writeFile(
      groupLockPath(tmp.dir, 'g'),
      JSON.stringify({ pid: deadPid, hostname: (await import('node:os')).hostname(), nonce: 'old', acquiredAtMs: 0 }),
    );
    await log.close();
    const logger = recordingLogger();
    log = await openEmbeddedLog({ dir: tmp.dir, logger });
    const c = log.consumer({ groupId: 'g', topics: ['t'] });
    await c.run({ onBatch: async () => {} });
    expect((JSON.parse(await readFile(groupLockPath(tmp.dir, 'g'), 'utf8')) as { pid: number }).pid).toBe(process.pid);
    expect(logger.lines.some((l) => l.level === 'warn' && l.fields?.previousPid === deadPid)).toBe(true);
    await c.stop();
  });

  it('a second writer of the same directory gets GP_LOG_DIR_LOCKED; read-only opens are allowed', async () => {
    await expect(openEmbeddedLog({ dir: tmp.dir })).rejects.toMatchObject({ code: 'GP_LOG_DIR_LOCKED' });
    const reader = await openEmbeddedLog({ dir: tmp.dir, readOnly: true });
    expect(await reader.partitions('t')).toBe(1);
    await reader.close();
  });
});
