/**
 * The alert state on disk: an append-only journal of JSON lines in one directory
 * (`<dir>/alert-state.v1.jsonl`), one line per saved cycle:
 *
 *   {"v":1,"t":"cycle","atMs":…,"upsert":[…],"remove":[…],"events":[…],"unsentResolved":{…}}
 *
 * and, first, one snapshot line (`"t":"snapshot"`: every alert, unsent resolutions and
 * the history within retention). Opening the store replays the journal, then compacts
 * it: the snapshot is written to a temporary file, flushed (fsync), renamed over the
 * journal (rename is atomic on POSIX file systems) and the directory flushed — a crash at
 * any point leaves the old journal or the new one, never a mix. It compacts again after
 * `compactAfterCycles` appended lines, so the file stays near the retention's size.
 *
 * Each cycle is one write of one line followed by `fdatasync`. A crash in the middle of
 * a write leaves a torn last line: replay skips it with a warning (its cycle is lost, as
 * if the process had died just before it: the next cycle re-derives it from the store).
 * A damaged line elsewhere is skipped the same way and counted.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@gamepulse/service';
import {
  AlertStateModel,
  type AlertHistoryRetention,
  type AlertStateChanges,
  type AlertStateSnapshot,
  type AlertStateStore,
  type AlertEvent,
} from './alert-state-store.ts';

/** The journal's name carries its format version: a future format gets a new file. */
export const JOURNAL_FILE = 'alert-state.v1.jsonl';
const FORMAT = 1;

export interface FileAlertStateStoreOptions {
  /** The state directory; created when missing. */
  dir: string;
  /** History retention: count and age. @default HISTORY_RETENTION_DEFAULTS (10 000 events, 30 days) */
  retention?: AlertHistoryRetention;
  /** Cycles appended before the journal is rewritten as one snapshot. @default 1000 */
  compactAfterCycles?: number;
  /** The clock the history's age is counted on at open. @default Date.now */
  nowMs?: () => number;
  logger?: Logger;
}

interface SnapshotLine extends AlertStateSnapshot {
  v: number;
  t: 'snapshot';
  events: AlertEvent[];
}
type CycleLine = AlertStateChanges & { v: number; t: 'cycle' };

export interface ReplayReport {
  /** Lines applied. */
  lines: number;
  /** Lines skipped: torn (a crash mid-write) or damaged. */
  skipped: number;
}

/**
 * Opens (or creates) the journal in `dir`, replays it and compacts it. Synchronous: it
 * runs once at process start, before the engine's first cycle, and a state directory
 * that cannot be read or written is a configuration problem to report then.
 */
export function openFileAlertStateStore(o: FileAlertStateStoreOptions): AlertStateStore & { readonly replay: ReplayReport } {
  mkdirSync(o.dir, { recursive: true });
  const path = join(o.dir, JOURNAL_FILE);
  const model = new AlertStateModel(o.retention);
  const replay = existsSync(path) ? replayJournal(readFileSync(path, 'utf8'), model, o.logger) : { lines: 0, skipped: 0 };
  model.trim(o.nowMs?.() ?? Date.now());
  writeSnapshot(o.dir, path, model);
  if (replay.lines > 0 || replay.skipped > 0)
    o.logger?.info('alert state restored', {
      file: path,
      alerts: model.alerts.size,
      events: model.events.length,
      skippedLines: replay.skipped,
    });

  const compactAfter = o.compactAfterCycles ?? 1000;
  let cycles = 0;
  let handle: Promise<FileHandle> | undefined;
  // Saves run one after another: a line is never interleaved with another.
  let queue: Promise<void> = Promise.resolve();

  const append = async (c: AlertStateChanges): Promise<void> => {
    const line: CycleLine = { v: FORMAT, t: 'cycle', ...c };
    handle ??= open(path, 'a');
    const fh = await handle;
    await fh.write(`${JSON.stringify(line)}\n`);
    await fh.datasync();
    model.apply(c);
    if (++cycles >= compactAfter) {
      await fh.close();
      handle = undefined;
      writeSnapshot(o.dir, path, model);
      cycles = 0;
    }
  };

  return {
    kind: 'file',
    replay,
    snapshot: () => structuredClone(model.snapshot()),
    save(c) {
      const run = queue.then(() => append(structuredClone(c)));
      queue = run.catch(() => undefined);
      return run;
    },
    history: (q) => model.history(q),
    async close() {
      await queue;
      if (handle) await (await handle).close();
      handle = undefined;
    },
  };
}

/** Applies each line of a journal to the model; skips torn and damaged lines with a warning. */
export function replayJournal(text: string, model: AlertStateModel, logger?: Logger): ReplayReport {
  const lines = text.split('\n');
  // The text after the last newline is a line whose write did not finish (or nothing).
  const torn = lines.pop() ?? '';
  const report: ReplayReport = { lines: 0, skipped: 0 };
  if (torn !== '') {
    report.skipped++;
    logger?.warn('alert state: skipped a torn last line (the process stopped mid-write)', { bytes: torn.length });
  }
  lines.forEach((raw, i) => {
    if (raw === '') return;
    let line: SnapshotLine | CycleLine;
    try {
      line = JSON.parse(raw) as SnapshotLine | CycleLine;
    } catch {
      report.skipped++;
      logger?.warn('alert state: skipped a damaged line', { line: i + 1, bytes: raw.length });
      return;
    }
    if (line.v !== FORMAT || (line.t !== 'snapshot' && line.t !== 'cycle')) {
      report.skipped++;
      logger?.warn('alert state: skipped a line of an unknown format', { line: i + 1, v: line.v, t: line.t });
      return;
    }
    if (line.t === 'snapshot') {
      model.alerts.clear();
      model.events = [];
      model.apply({ atMs: line.savedAtMs, upsert: line.alerts, remove: [], events: line.events, unsentResolved: line.unsentResolved });
    } else model.apply(line);
    report.lines++;
  });
  return report;
}

/** Rewrites the journal as one snapshot line: temporary file, fsync, rename, fsync of the directory. */
function writeSnapshot(dir: string, path: string, model: AlertStateModel): void {
  const snap = model.snapshot();
  const line: SnapshotLine = { v: FORMAT, t: 'snapshot', ...snap, events: model.events };
  const tmp = `${path}.tmp`;
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(line)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const d = openSync(dir, 'r');
  try {
    fsyncSync(d);
  } finally {
    closeSync(d);
  }
}
