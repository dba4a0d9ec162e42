/**
 * Fresh directories under the OS temp dir, and the real embedded log in one — for tests
 * that read back what was written from segment files instead of from a mock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedLog, type Log } from '@gamepulse/log';

export interface TempDir {
  dir: string;
  /** Deletes the directory and everything in it (safe twice). */
  cleanup(): Promise<void>;
}

export async function makeTempDir(prefix = 'gp-test-'): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Several temp dirs, removed together — e.g. a fresh one per test:
 *
 *   const tmp = tempDirs('gp-lock-');
 *   afterEach(() => tmp.cleanup());
 *   it('…', () => { const dir = tmp.make(); … });
 */
export function tempDirs(prefix = 'gp-test-'): { make(): string; cleanup(): void } {
  const dirs: string[] = [];
  return {
    make() {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Options of `openEmbeddedLog` besides `dir` (e.g. a small `maxRecordBytes`). */
export type TempLogOptions = Omit<Parameters<typeof openEmbeddedLog>[0], 'dir'>;

export interface TempLog {
  log: Log;
  dir: string;
  /** Closes the log (safe if already closed) and deletes the directory. */
  dispose(): Promise<void>;
}

/** The real embedded log in a fresh temp directory. */
export async function openTempLog(options: TempLogOptions = {}, prefix = 'gp-log-'): Promise<TempLog> {
  const tmp = await makeTempDir(prefix);
  const log = await openEmbeddedLog({ ...options, dir: tmp.dir });
  return {
    log,
    dir: tmp.dir,
    async dispose() {
      await log.close();
      await tmp.cleanup();
    },
  };
}
