/**
 * A write that fails half-way (a full disk) must come back as a retryable GP_LOG_IO
 * value, be rolled back (no partial record left in the segment, offsets reused), and not
 * stop later appends that fit. The "full disk" is RLIMIT_FSIZE (`ulimit -f`) on a child
 * process: writes past it are cut short with EFBIG, which libuv reports as a short write.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partitionDir } from '../../src/embedded/segment-files.ts';
import { makeTempDir } from '@gamepulse/testkit';
import { readPartitionFiles } from '../../src/embedded/testing/read-files.ts';
import type { AppendResult, LogHealth } from '../../src/types.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WRITER = fileURLToPath(new URL('../../src/embedded/testing/disk-full-writer.ts', import.meta.url));

/** The JSON line WRITER prints. */
interface WriterReport {
  okOffsets: number[];
  failure: AppendResult;
  sizeBeforeFailure: number;
  sizeAfterFailure: number;
  small: AppendResult;
  health: LogHealth;
}

describe('log/embedded on a full disk', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  beforeEach(async () => {
    tmp = await makeTempDir('gp-full-');
  });
  afterEach(() => tmp.cleanup());

  it('fails the append as a retryable value, rolls the partial write back, and goes on with appends that fit', async () => {
    // 32 KiB file size limit (ulimit -f counts 1024-byte blocks in bash).
    const run = spawnSync('bash', ['-c', `ulimit -f 32 && exec "${process.execPath}" --import tsx "${WRITER}"`], {
      cwd: REPO_ROOT,
      env: { ...process.env, GP_DIR: tmp.dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as WriterReport;
    const n = out.okOffsets.length;
    expect(n).toBeGreaterThan(5);
    expect(out.okOffsets).toEqual([...Array(n).keys()]);
    expect(out.failure).toMatchObject({ ok: false, code: 'GP_LOG_IO', retryable: true });
    expect(out.sizeAfterFailure).toBe(out.sizeBeforeFailure); // rolled back
    expect(out.small).toEqual({ ok: true, placements: [{ partition: 0, offset: n }] }); // offset reused
    expect(out.health.ok).toBe(true);

    const files = await readPartitionFiles(partitionDir(tmp.dir, 't', 0));
    expect(files.trailingBytes).toEqual([0]);
    expect(files.records.map((r) => r.offset)).toEqual([...Array(n + 1).keys()]);
    expect(Buffer.from(files.records[n]!.value).toString()).toBe('small');
  });
});
