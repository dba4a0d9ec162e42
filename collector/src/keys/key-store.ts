/**
 * Keeps a KeyRing in step with the keys file: `fs.watch` on the file's directory (an
 * editor or `scripts/keys.ts` replaces the file by rename, which a watch on the file
 * itself would miss) plus a periodic check of (inode, size, mtime) as the safety net
 * for file systems where watching is unreliable (NFS, some container mounts). A file
 * that fails to parse is logged and ignored: the keys in force stay until a good one
 * appears, so a typo cannot lock every game out.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '@gamepulse/service';
import { parseKeysFile, type KeysFileData } from './keys-file.ts';
import type { KeyRing } from './key-ring.ts';

export interface KeyStoreOptions {
  ring: KeyRing;
  file: string;
  /** Periodic check. @default 5_000 */
  pollIntervalMs?: number;
  logger: Logger;
  /** Called after each reload attempt (metrics). */
  onReload?: (ok: boolean) => void;
}

export interface KeyStore {
  /** Re-reads the file now if it changed; resolves true when new keys are in force. */
  check(): Promise<boolean>;
  close(): void;
}

/** Reads and parses a keys file once (at start: a bad file is a configuration error). */
export async function readKeysFile(file: string): Promise<{ ok: true; data: KeysFileData } | { ok: false; problems: string[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [`cannot read keys file ${file}: ${(err as Error).message}`] };
  }
  const parsed = parseKeysFile(text);
  return parsed.ok ? parsed : { ok: false, problems: parsed.problems.map((p) => `${file}: ${p}`) };
}

export function watchKeysFile(options: KeyStoreOptions): KeyStore {
  const { ring, file, logger } = options;
  let fingerprint = '';
  let running: Promise<boolean> | undefined;
  let again = false;
  let closed = false;

  const reload = async (): Promise<boolean> => {
    let st;
    try {
      st = await stat(file);
    } catch (err) {
      if (fingerprint !== 'missing') logger.error('keys file unreadable; keeping the keys in force', { file, err });
      fingerprint = 'missing';
      return false;
    }
    const fp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    if (fp === fingerprint) return false;
    const parsed = await readKeysFile(file);
    fingerprint = fp;
    if (!parsed.ok) {
      logger.error('keys file invalid; keeping the keys in force', { file, problems: parsed.problems });
      options.onReload?.(false);
      return false;
    }
    ring.replace(parsed.data);
    logger.info('keys file loaded', { file, ingestKeys: parsed.data.ingestKeys.length, adminKeys: parsed.data.adminKeys.length });
    options.onReload?.(true);
    return true;
  };

  // One reload at a time; a change noticed meanwhile triggers one more afterwards.
  const check = (): Promise<boolean> => {
    if (closed) return Promise.resolve(false);
    if (running) {
      again = true;
      return running;
    }
    running = reload().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void check();
      }
    });
    return running;
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
      if (!name || name === basename(file)) void check();
    });
    watcher.on('error', () => undefined);
  } catch {
    watcher = undefined; // polling still works
  }
  const timer = setInterval(() => void check(), options.pollIntervalMs ?? 5_000);
  timer.unref();
  void check();

  return {
    check,
    close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
    },
  };
}
