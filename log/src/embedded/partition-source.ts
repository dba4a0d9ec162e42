/**
 * Where a consumer learns how far a partition may be read and when that changes.
 *
 * - In the writer process, straight from the PartitionWriter: the mark is in memory and
 *   moves right after fdatasync, listeners run in the same tick.
 * - In a read-only process, from the writer's durable mark file (durable-mark.ts), with
 *   fs.watch (inotify on Linux: a change is seen within a millisecond or so), a slow
 *   safety-net poll, and a fast poll where watching does not work.
 */
import { watch, type FSWatcher } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { type DurableMark, DURABLE_MARK_BYTES, durableMarkPath, readDurableMark } from './durable-mark.ts';
import { isErrno } from './fs-util.ts';
import type { PartitionWriter } from './partition-writer.ts';
import { listSegments } from './segment-files.ts';

export interface PartitionSource {
  readonly topic: string;
  readonly partition: number;
  readonly dir: string;
  /** Records below `nextOffset` are durable and may be delivered. */
  mark(): Promise<DurableMark>;
  /**
   * The mark read now, never an earlier read: it covers every append acknowledged before
   * the call. `mark()` may answer from the last read while no change event has arrived
   * yet (fs.watch delivers events asynchronously); end offsets ask this one.
   */
  freshMark(): Promise<DurableMark>;
  /** Segment base offsets, ascending. */
  segmentBases(): Promise<readonly number[]>;
  /** Calls `listener` when the mark may have moved; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  close(): Promise<void>;
}

const NOTHING: DurableMark = { nextOffset: 0, segmentBase: 0, segmentBytes: 0 };

export function writerSource(writer: PartitionWriter): PartitionSource {
  return {
    topic: writer.topic,
    partition: writer.partition,
    dir: writer.dir,
    mark: async () => writer.durableMark(),
    freshMark: async () => writer.durableMark(),
    segmentBases: async () => writer.segmentBases(),
    subscribe: (listener) => writer.subscribe(listener),
    close: async () => {},
  };
}

export interface FileSourceOptions {
  /** Poll interval while fs.watch is unavailable. */
  pollIntervalMs: number;
  logger: { warn(msg: string, fields?: Record<string, unknown>): void };
}

/** Safety-net poll while fs.watch works (covers an event lost by the watcher). */
const WATCHED_POLL_MS = 1000;

/**
 * A partition written by another process, followed through its durable mark file. While
 * the file is watched, the mark is re-read only after a change event (or the slow safety
 * poll), so an idle consumer costs no syscalls; without a watch it is polled every
 * `pollIntervalMs`.
 */
export function fileSource(topic: string, partition: number, dir: string, options: FileSourceOptions): PartitionSource {
  const path = durableMarkPath(dir);
  const scratch = Buffer.alloc(DURABLE_MARK_BYTES);
  const listeners = new Set<() => void>();
  let fh: FileHandle | undefined;
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let last: DurableMark = NOTHING;
  /** The file may have changed since `last` was read. */
  let dirty = true;
  let reading: Promise<DurableMark> | undefined;

  const changed = () => {
    dirty = true;
    for (const l of listeners) l();
  };

  const startTimer = () => {
    clearInterval(timer);
    timer = undefined;
    if (listeners.size === 0 || closed) return;
    timer = setInterval(changed, watcher ? WATCHED_POLL_MS : options.pollIntervalMs);
    timer.unref();
  };

  const startWatching = () => {
    if (watcher || closed || listeners.size === 0) return;
    try {
      watcher = watch(path, { persistent: false }, changed);
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
        startTimer();
      });
    } catch (err) {
      // ENOENT: the writer has not created the partition yet (retried on the next read);
      // ENOSPC: out of inotify watches. Either way polling finds new data, only later.
      if (!isErrno(err, 'ENOENT')) options.logger.warn('embedded log: fs.watch failed; polling instead', { path, error: String(err) });
    }
    startTimer();
  };

  const readMark = async (): Promise<DurableMark> => {
    if (!fh) {
      try {
        fh = await open(path, 'r');
      } catch (err) {
        if (isErrno(err, 'ENOENT')) return last;
        throw err;
      }
      if (closed) {
        await fh.close();
        fh = undefined;
        return last;
      }
      startWatching();
    }
    dirty = false; // an event arriving during the read sets it again
    const mark = await readDurableMark(fh, scratch);
    if (mark) last = mark;
    else dirty = true;
    return last;
  };

  const mark = (): Promise<DurableMark> => {
    if (closed || (watcher && !dirty)) return Promise.resolve(last);
    // One read at a time; callers arriving meanwhile share its result.
    reading ??= readMark().finally(() => {
      reading = undefined;
    });
    return reading;
  };

  return {
    topic,
    partition,
    dir,
    mark,
    freshMark: async () => {
      // A read already under way may have started before the caller's append.
      await reading?.catch(() => {});
      dirty = true;
      return mark();
    },
    segmentBases: () => listSegments(dir),
    subscribe: (listener) => {
      listeners.add(listener);
      if (listeners.size === 1) startWatching();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          watcher?.close();
          watcher = undefined;
          startTimer();
          dirty = true;
        }
      };
    },
    close: async () => {
      closed = true;
      listeners.clear();
      clearInterval(timer);
      watcher?.close();
      watcher = undefined;
      await reading?.catch(() => {});
      await fh?.close().catch(() => {});
      fh = undefined;
    },
  };
}
