import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@gamepulse/testkit';
import { lockDirectory } from './lock-file.ts';
import { createNodeGamepulse } from './index.ts';

const tmp = tempDirs('gp-lock-');
const tempDir = () => tmp.make();
afterEach(() => tmp.cleanup());

describe('node/lock-file', () => {
  it('one process per storage directory: a live holder keeps it, a dead one’s lock is taken over', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'lock'), String(child.pid));
      expect(lockDirectory(dir)).toEqual({ heldBy: child.pid });
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const lock = lockDirectory(dir); // the holder died: stale
    expect('release' in lock).toBe(true);
    expect(readFileSync(join(dir, 'lock'), 'utf8')).toBe(String(process.pid));
    (lock as { release(): void }).release();
    expect(() => readFileSync(join(dir, 'lock'))).toThrow();
  });

  it('a second client on a locked directory keeps its data in memory and says so', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'lock'), String(child.pid));
      const codes: string[] = [];
      const gp = createNodeGamepulse({
        gameKey: 'k',
        endpoint: 'http://127.0.0.1:1',
        gameId: 'g',
        storageDir: dir,
        onDebug: (m) => codes.push(m.code),
        flushTimeoutMs: 10,
      });
      await gp.ready;
      expect(codes).toContain('GP_SDK_STORAGE_LOCKED');
      await gp.shutdown();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
