/**
 * One partition's writer: the active segment, offset assignment and group commit.
 *
 * Group commit: `append` only queues an encoded batch and returns a promise. A round
 * takes everything queued (up to groupCommitMaxBytes), stamps offsets and CRCs, writes it
 * with ONE positioned writev per segment file touched (normally one), then ONE
 * fdatasync per touched file, and only then resolves every waiter of the round. Appends
 * arriving during a round wait for the next, which starts as soon as this one is done,
 * so under load the fsync cost is shared by everything that arrived meanwhile.
 *
 * Offsets are assigned when a round runs, not when append is called: queue order is
 * call order, so they are still dense and in call order, and a failed round can be
 * undone (truncate back, reuse its offsets) without renumbering anything queued after it.
 */
import { open, unlink, type FileHandle } from 'node:fs/promises';
import type { LogFailure } from '../types.ts';
import { DURABLE_MARK_BYTES, encodeDurableMark, type DurableMark } from './durable-mark.ts';
import { describeError, failure } from './errors.ts';
import { fsyncDir, isErrno } from './fs-util.ts';
import type { ResolvedEmbeddedLogOptions } from './options.ts';
import { sealRecords } from './record-format.ts';
import { recoverPartition } from './recovery.ts';
import { segmentPath } from './segment-files.ts';

export type PartitionAppendResult = { ok: true; baseOffset: number } | LogFailure;

interface Pending {
  buf: Buffer;
  resolve(result: PartitionAppendResult): void;
}

interface ActiveSegment {
  base: number;
  fh: FileHandle;
  bytes: number;
}

export interface PartitionWriterStats {
  appends: number;
  records: number;
  bytes: number;
  rounds: number;
  fsyncs: number;
}

type WriterOptions = Pick<
  ResolvedEmbeddedLogOptions,
  'segmentBytes' | 'groupCommitMaxDelayMs' | 'groupCommitMaxBytes' | 'fsync' | 'readChunkBytes' | 'logger'
>;

export class PartitionWriter {
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private flushing = false;
  /** Cancels the scheduled start of the next round, when one is scheduled. */
  private scheduled: (() => void) | undefined;
  private broken: LogFailure | undefined;
  private readonly listeners = new Set<() => void>();
  private idleWaiters: Array<() => void> = [];
  private readonly markScratch = Buffer.alloc(DURABLE_MARK_BYTES);
  readonly stats: PartitionWriterStats = { appends: 0, records: 0, bytes: 0, rounds: 0, fsyncs: 0 };

  private constructor(
    readonly topic: string,
    readonly partition: number,
    readonly dir: string,
    private readonly options: WriterOptions,
    private readonly bases: number[],
    private active: ActiveSegment,
    private nextOffset: number,
    private durable: DurableMark,
    private readonly markFh: FileHandle,
  ) {}

  /**
   * Opens (creating when missing) the partition in `dir`, recovering the last segment:
   * a torn or corrupt tail is truncated and reported through the logger.
   */
  static async open(topic: string, partition: number, dir: string, options: WriterOptions): Promise<PartitionWriter> {
    const r = await recoverPartition(topic, partition, dir, options);
    return new PartitionWriter(
      topic,
      partition,
      dir,
      options,
      r.bases,
      { base: r.durable.segmentBase, fh: r.segment, bytes: r.durable.segmentBytes },
      r.durable.nextOffset,
      r.durable,
      r.markFile,
    );
  }

  /** Queues an encoded (unsealed) batch of `records` records; resolves once durable. */
  append(buf: Buffer): Promise<PartitionAppendResult> {
    if (this.broken) return Promise.resolve(this.broken);
    return new Promise((resolve) => {
      this.pending.push({ buf, resolve });
      this.pendingBytes += buf.length;
      this.schedule();
    });
  }

  /** Where readers may read up to: everything below is durable. */
  durableMark(): DurableMark {
    return this.durable;
  }

  /** Segment base offsets, ascending (live array: do not modify). */
  segmentBases(): readonly number[] {
    return this.bases;
  }

  /** Calls `listener` each time the durable mark moves; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Why this partition refuses appends, when it does. */
  failure(): LogFailure | undefined {
    return this.broken;
  }

  /** Resolves when nothing is queued or being written (starts a scheduled round now). */
  drain(): Promise<void> {
    if (!this.flushing && this.pending.length === 0) return Promise.resolve();
    const wait = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    if (this.scheduled) {
      this.scheduled();
      this.scheduled = undefined;
      void this.flushLoop();
    }
    return wait;
  }

  /** Drains, then closes the files. Appends after this fail with GP_LOG_CLOSED. */
  async close(): Promise<void> {
    await this.drain();
    this.broken = failure('GP_LOG_CLOSED', 'the embedded log is closed', false);
    this.listeners.clear();
    await this.active.fh.close().catch(() => {});
    await this.markFh.close().catch(() => {});
  }

  private schedule(): void {
    if (this.flushing) return; // the running loop picks it up
    if (this.pendingBytes >= this.options.groupCommitMaxBytes) {
      this.scheduled?.();
      this.scheduled = undefined;
      void this.flushLoop();
      return;
    }
    if (this.scheduled) return;
    const kick = () => {
      this.scheduled = undefined;
      void this.flushLoop();
    };
    if (this.options.groupCommitMaxDelayMs > 0) {
      const t = setTimeout(kick, this.options.groupCommitMaxDelayMs);
      this.scheduled = () => clearTimeout(t);
    } else {
      const i = setImmediate(kick);
      this.scheduled = () => clearImmediate(i);
    }
  }

  private async flushLoop(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        if (this.broken) {
          for (const p of this.pending.splice(0)) p.resolve(this.broken);
          this.pendingBytes = 0;
          break;
        }
        await this.round();
      }
    } finally {
      this.flushing = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /** Takes up to groupCommitMaxBytes of queued batches (at least one). */
  private take(): Pending[] {
    let n = 0;
    let bytes = 0;
    while (n < this.pending.length && (n === 0 || bytes + this.pending[n]!.buf.length <= this.options.groupCommitMaxBytes))
      bytes += this.pending[n++]!.buf.length;
    this.pendingBytes -= bytes;
    return this.pending.splice(0, n);
  }

  private async round(): Promise<void> {
    const batch = this.take();
    const startOffset = this.nextOffset;
    const before = { ...this.active };
    const created: ActiveSegment[] = [];
    const touched = new Set<ActiveSegment>();
    const baseOffsets: number[] = [];
    let offset = startOffset;
    let bytes = 0;
    try {
      let run: Buffer[] = [];
      let runBytes = 0;
      for (const p of batch) {
        const len = p.buf.length;
        if (this.active.bytes + runBytes > 0 && this.active.bytes + runBytes + len > this.options.segmentBytes) {
          await this.writeRun(run, runBytes, touched);
          run = [];
          runBytes = 0;
          const next = await this.createSegment(offset);
          created.push(next);
          this.active = next;
        }
        baseOffsets.push(offset);
        offset += sealRecords(p.buf, offset);
        run.push(p.buf);
        runBytes += len;
        bytes += len;
      }
      await this.writeRun(run, runBytes, touched);
      if (this.options.fsync) {
        await Promise.all([...touched].map((s) => s.fh.datasync()));
        this.stats.fsyncs += touched.size;
      }
    } catch (err) {
      const result = failure('GP_LOG_IO', `append to ${this.topic}/${this.partition} failed: ${describeError(err)}`, true);
      await this.revert(before, created, result);
      for (const p of batch) p.resolve(result);
      return;
    }
    // Durable: commit the state, then acknowledge.
    for (const s of created) {
      this.bases.push(s.base);
      if (s !== this.active) await s.fh.close().catch(() => {});
    }
    if (created.length > 0) await before.fh.close().catch(() => {});
    this.nextOffset = offset;
    this.durable = { nextOffset: offset, segmentBase: this.active.base, segmentBytes: this.active.bytes };
    this.stats.rounds++;
    this.stats.appends += batch.length;
    this.stats.records += offset - startOffset;
    this.stats.bytes += bytes;
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve({ ok: true, baseOffset: baseOffsets[i]! });
    for (const l of this.listeners) l();
    await this.publishMark();
  }

  private async writeRun(run: Buffer[], runBytes: number, touched: Set<ActiveSegment>): Promise<void> {
    if (run.length === 0) return;
    const { bytesWritten } = await this.active.fh.writev(run, this.active.bytes);
    // libuv loops over short writes; a short count means it stopped on an error (ENOSPC).
    if (bytesWritten !== runBytes) throw new Error(`short write: ${bytesWritten} of ${runBytes} bytes`);
    this.active.bytes += runBytes;
    touched.add(this.active);
  }

  private async createSegment(base: number): Promise<ActiveSegment> {
    // 'w' truncates: a file with this name can only be left over from a failed round
    // whose offsets were never acknowledged (bases only grow).
    const fh = await open(segmentPath(this.dir, base), 'w+');
    if (this.options.fsync) await fsyncDir(this.dir);
    return { base, fh, bytes: 0 };
  }

  /**
   * Undoes a failed round: drop the segments it created, cut the old one back to its
   * size before the round. If that fails too, the partition refuses appends until the
   * log is reopened (recovery then decides from what is on disk).
   */
  private async revert(before: ActiveSegment, created: ActiveSegment[], cause: LogFailure): Promise<void> {
    try {
      for (const s of created) {
        await s.fh.close().catch(() => {});
        await unlink(segmentPath(this.dir, s.base)).catch((err) => {
          if (!isErrno(err, 'ENOENT')) throw err;
        });
      }
      this.active = before;
      await before.fh.truncate(before.bytes);
      if (this.options.fsync) {
        await before.fh.datasync();
        if (created.length > 0) await fsyncDir(this.dir);
      }
      this.options.logger.warn('embedded log: append failed and was rolled back', {
        topic: this.topic,
        partition: this.partition,
        error: cause.message,
      });
    } catch (err) {
      this.active = before;
      this.broken = failure(
        'GP_LOG_IO',
        `${this.topic}/${this.partition} is unusable until the log is reopened: ${cause.message}; rollback failed: ${describeError(err)}`,
        false,
      );
      this.options.logger.error('embedded log: partition broken', {
        topic: this.topic,
        partition: this.partition,
        error: this.broken.message,
      });
    }
  }

  /** Publishes the durable mark for reader processes (see durable-mark.ts: no fsync needed). */
  private async publishMark(): Promise<void> {
    try {
      await this.markFh.write(encodeDurableMark(this.durable, this.markScratch), 0, DURABLE_MARK_BYTES, 0);
    } catch (err) {
      this.options.logger.warn('embedded log: could not publish the durable mark; reader processes lag', {
        topic: this.topic,
        partition: this.partition,
        error: describeError(err),
      });
    }
  }
}
