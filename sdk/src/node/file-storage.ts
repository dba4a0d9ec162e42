/**
 * Storage in a directory, for Node game servers: a restart (or a crash after a batch
 * was frozen) loses nothing that the collector did not acknowledge.
 *
 *   <dir>/state.v1.json                  install id, player id, counters
 *   <dir>/batches.v1/<sequence>.pb        one frozen EventBatch, exactly as sent
 *   <dir>/journal.v1.log                  events queued but not yet in a batch (file-journal.ts)
 *   <dir>/consent.v1                      'granted' | 'denied' (kept by a wipe)
 *
 * Every write goes to a temporary file that is fsynced and then renamed over the
 * target: rename(2) is atomic on POSIX file systems, so a reader sees the old or the
 * new content, never a torn one; the directory is fsynced too, because the rename is
 * only durable once its directory entry is (see fsync(2), "Calling fsync() does not
 * necessarily ensure that the entry in the directory containing the file has also
 * reached disk").
 *
 * One directory serves one running process: `<dir>/lock` (lock-file.ts) is taken at
 * load; a second process finds it held and keeps its data in memory instead of
 * interleaving sequences with the first. Queued events are journaled (one fdatasync'ed
 * append per synchronous run of track() calls), so a crash loses none of them either;
 * on SIGTERM the SDK also flushes (signals.ts).
 */
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeEventBatch } from '@gamepulse/proto/sdk-read';
import type { FrozenBatch } from '../core/frozen-batch.ts';
import { isPersistedState, type ConsentDecision, type LoadedStorage, type Storage } from '../core/storage.ts';
import { createFileJournal } from './file-journal.ts';
import { fsyncDir } from './fsync-dir.ts';

const STATE_FILE = 'state.v1.json';
const CONSENT_FILE = 'consent.v1';
const BATCH_DIR = 'batches.v1';
const BATCH_FILE = /^(\d{1,16})\.pb$/;
const TEMP_SUFFIX = '.tmp';

export interface FileStorageOptions {
  /** Skip fsync (tests on slow disks). Durability on power loss is then not guaranteed. @default true */
  fsync?: boolean;
  /** Told about files that could not be read (they are renamed to *.corrupt and skipped), and about a torn journal tail cut off after a crash. */
  onCorrupt?: (path: string, cause: unknown) => void;
}

function batchName(sequence: number): string {
  return `${String(sequence).padStart(16, '0')}.pb`;
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

export function createFileStorage(dir: string, options: FileStorageOptions = {}): Storage {
  const doSync = options.fsync ?? true;
  const batchDir = join(dir, BATCH_DIR);
  let tempCounter = 0;
  let prepared: Promise<void> | undefined;

  const prepare = () => (prepared ??= mkdir(batchDir, { recursive: true }).then(() => undefined));

  const syncDir = (path: string) => (doSync ? fsyncDir(path) : Promise.resolve());
  const journal = createFileJournal(dir, {
    fsync: doSync,
    onTruncated: (path, dropped) => options.onCorrupt?.(path, new Error(`torn journal tail: ${dropped} bytes dropped`)),
  });

  async function writeAtomic(folder: string, name: string, data: Uint8Array | string): Promise<void> {
    await prepare();
    const target = join(folder, name);
    const temp = `${target}.${process.pid}.${tempCounter++}${TEMP_SUFFIX}`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      if (doSync) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    await syncDir(folder);
  }

  async function quarantine(path: string, cause: unknown): Promise<void> {
    options.onCorrupt?.(path, cause);
    await rename(path, `${path}.corrupt`).catch(() => undefined);
  }

  async function loadState(): Promise<LoadedStorage['state']> {
    const path = join(dir, STATE_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (isPersistedState(parsed)) return parsed;
      throw new Error('unexpected shape');
    } catch (cause) {
      await quarantine(path, cause);
      return undefined;
    }
  }

  async function loadConsent(): Promise<ConsentDecision | undefined> {
    try {
      const text = (await readFile(join(dir, CONSENT_FILE), 'utf8')).trim();
      return text === 'granted' || text === 'denied' ? text : undefined;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async function deleteFile(path: string): Promise<void> {
    try {
      await unlink(path);
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
  }

  async function loadBatches(): Promise<FrozenBatch[]> {
    const batches: FrozenBatch[] = [];
    for (const name of await readdir(batchDir)) {
      const path = join(batchDir, name);
      if (name.endsWith(TEMP_SUFFIX)) {
        // A write that did not reach its rename: the batch was never stored.
        await unlink(path).catch(() => undefined);
        continue;
      }
      const m = BATCH_FILE.exec(name);
      if (!m) continue;
      const bytes = new Uint8Array(await readFile(path));
      try {
        const decoded = decodeEventBatch(bytes);
        const sequence = Number(m[1]);
        if (Number(decoded.batchSequence) !== sequence) throw new Error(`file ${name} holds batch ${String(decoded.batchSequence)}`);
        batches.push(Object.freeze({ sequence, bytes, eventCount: decoded.events.length }));
      } catch (cause) {
        await quarantine(path, cause);
      }
    }
    return batches;
  }

  return {
    persistent: true,
    async load() {
      await prepare();
      await journal.open(); // once; later loads (a deletion's wipe) read the live set
      const consent = await loadConsent();
      return { state: await loadState(), batches: await loadBatches(), journal: journal.entries(), ...(consent ? { consent } : {}) };
    },
    saveState: (state) => writeAtomic(dir, STATE_FILE, JSON.stringify(state)),
    async putBatch(batch, consumed) {
      await writeAtomic(batchDir, batchName(batch.sequence), batch.bytes);
      // After the batch is durable: a crash in between leaves the events in both, and
      // the SDK drops journal entries found inside stored batches when it loads.
      if (consumed.length > 0) await journal.forget(consumed);
    },
    deleteBatch: (sequence) => deleteFile(join(batchDir, batchName(sequence))),
    appendJournal: (entries) => journal.append(entries),
    deleteJournal: (ids) => journal.forget(ids),
    saveConsent: (decision) => writeAtomic(dir, CONSENT_FILE, decision),
    async wipe() {
      await prepare();
      await journal.clear();
      for (const name of await readdir(batchDir)) await deleteFile(join(batchDir, name));
      await deleteFile(join(dir, STATE_FILE));
      await syncDir(batchDir);
      await syncDir(dir);
    },
    close: () => journal.close(),
  };
}
