/**
 * The real embedded log in a fresh temp directory, for tests: what the collector
 * writes is read back from segment files, not from a mock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedLog, type Log } from '@gamepulse/log';

/** Options of `openEmbeddedLog` besides `dir` (e.g. a small `maxRecordBytes`). */
export type TempLogOptions = Omit<Parameters<typeof openEmbeddedLog>[0], 'dir'>;

export interface TempLog {
  log: Log;
  dir: string;
  /** Closes the log (safe if already closed) and deletes the directory. */
  dispose(): Promise<void>;
}

export async function openTempLog(options: TempLogOptions = {}): Promise<TempLog> {
  const dir = await mkdtemp(join(tmpdir(), 'gp-collector-'));
  const log = await openEmbeddedLog({ ...options, dir });
  return {
    log,
    dir,
    async dispose() {
      await log.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
