/**
 * One process per storage directory: `<dir>/lock` holds the owner's pid, created with
 * O_EXCL (open(2): "If O_CREAT and O_EXCL are set, open() shall fail if the file
 * exists"), which is atomic on local file systems. A lock whose pid no longer runs
 * (a crash, kill -9) is stale and taken over; `process.kill(pid, 0)` tests for the
 * process without signalling it (EPERM still means it exists).
 */
import { readFileSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface DirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock, or returns the pid that holds it. */
export function lockDirectory(dir: string): DirLock | { heldBy: number } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8'));
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return { heldBy: pid };
      if (pid === process.pid) return { heldBy: pid };
      unlinkSync(path); // stale: its process is gone
    }
  }
  throw new Error(`could not take ${path}`);
}
