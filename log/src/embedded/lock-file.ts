/**
 * Owner-pid lock files: the one writer of a log directory (`writer.lock`) and the one
 * consumer of a group (`groups/<group>.lock`).
 *
 * Taking a lock creates the file with its content in one step (write a temp file, then
 * link(2) it to the lock name: link fails with EEXIST if the name is taken, so the file
 * is never seen empty). A lock whose owner is gone is stale and is taken over: the owner
 * pid does not exist, or exists but started at another time than recorded (the pid was
 * reused; Linux /proc only). Takeover renames the stale file aside (only one contender's
 * rename succeeds), checks it moved the stale lock it inspected, and tries again.
 *
 * Limitation: the directory must be local to one machine (a pid says nothing about
 * another host); a lock held by a live process of another host looks stale only if the
 * same pid is dead here, which is why the hostname is recorded and a foreign one is
 * treated as live.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { EmbeddedLogError, type EmbeddedLogErrorCode } from './errors.ts';
import { isErrno } from './fs-util.ts';

interface LockContent {
  pid: number;
  hostname: string;
  /** /proc/<pid>/stat start time (clock ticks since boot), when known. */
  startTime?: string;
  nonce: string;
  acquiredAtMs: number;
}

export interface HeldLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Locks held by this process, by nonce: a file naming our pid with an unknown nonce is stale. */
const heldNonces = new Set<string>();

export interface AcquireOptions {
  /** Code of the error thrown when a live owner holds it (retryable: the owner may stop). */
  code: Extract<EmbeddedLogErrorCode, 'GP_LOG_GROUP_LOCKED' | 'GP_LOG_DIR_LOCKED'>;
  /** What is locked, for messages: `group "processor"`. */
  what: string;
  now: () => number;
  onStaleTakeover?: (previous: LockContent) => void;
}

export async function acquireLock(path: string, options: AcquireOptions): Promise<HeldLock> {
  const content: LockContent = { pid: process.pid, hostname: hostname(), nonce: randomUUID(), acquiredAtMs: options.now() };
  const start = processStartTime(process.pid);
  if (start !== undefined) content.startTime = start;
  const tmp = `${path}.${content.nonce}.tmp`;
  await writeFile(tmp, JSON.stringify(content));
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await link(tmp, path);
        heldNonces.add(content.nonce);
        return { path, release: () => releaseLock(path, content.nonce) };
      } catch (err) {
        if (!isErrno(err, 'EEXIST')) throw err;
      }
      const existing = await readLock(path);
      if (existing === 'missing') continue;
      if (existing !== 'unreadable' && isLive(existing))
        throw new EmbeddedLogError(
          options.code,
          `${options.what} is locked by live process ${existing.pid} on ${existing.hostname} since ${new Date(existing.acquiredAtMs).toISOString()} (${path}); stop that one first`,
        );
      // Stale (or unreadable: written by something else; a live owner's file is complete by construction).
      const aside = `${path}.${content.nonce}.stale`;
      try {
        await rename(path, aside);
      } catch (err) {
        if (isErrno(err, 'ENOENT')) continue; // someone else moved it first
        throw err;
      }
      const moved = await readLock(aside);
      if (typeof moved === 'object' && (existing === 'unreadable' || moved.nonce !== existing.nonce)) {
        // We moved a lock someone took between our read and rename: give it back.
        await link(aside, path).catch(() => {});
      } else if (existing !== 'unreadable') options.onStaleTakeover?.(existing);
      await unlink(aside).catch(() => {});
    }
    throw new EmbeddedLogError(options.code, `${options.what}: could not take ${path} (contended)`);
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

async function releaseLock(path: string, nonce: string): Promise<void> {
  if (!heldNonces.delete(nonce)) return; // released already
  const current = await readLock(path);
  if (current !== 'missing' && current !== 'unreadable' && current.nonce === nonce) await unlink(path).catch(() => {});
}

async function readLock(path: string): Promise<LockContent | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return 'missing';
    throw err;
  }
  try {
    const c = JSON.parse(text) as LockContent;
    return typeof c.pid === 'number' && typeof c.nonce === 'string' ? c : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function isLive(lock: LockContent): boolean {
  if (lock.hostname !== hostname()) return true; // cannot tell: assume live
  if (lock.pid === process.pid) return heldNonces.has(lock.nonce);
  try {
    process.kill(lock.pid, 0);
  } catch (err) {
    if (isErrno(err, 'ESRCH')) return false;
    // EPERM: exists, owned by another user
  }
  const start = processStartTime(lock.pid);
  return !(lock.startTime !== undefined && start !== undefined && start !== lock.startTime);
}

/** Field 22 of /proc/<pid>/stat (start time since boot); undefined off Linux. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}
