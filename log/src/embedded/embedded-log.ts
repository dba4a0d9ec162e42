/**
 * The embedded durable log: `Log` on local files, for one machine without a broker.
 * One writer process (the collector) appends; any number of processes read, either the
 * writer itself or processes opened with `readOnly: true` (the processor) that tail the
 * same files. Layout under `dir`:
 *
 * ```
 *   topics.json                              topic → partition count
 *   writer.lock                              pid of the one writer process
 *   <topic>/<partition>/<20-digit base>.log  segments (record-format.ts)
 *   <topic>/<partition>/durable.hw           how far it is durable (durable-mark.ts)
 *   groups/<group>.json                      committed positions (group-store.ts)
 *   groups/<group>.lock                      pid of the group's one consumer
 * ```
 */
import { mkdir, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ConsumerOptions, Log, LogConsumer, LogFailure, LogHealth, LogProducer, TopicPartitionOffset, TopicSpec } from '../types.ts';
import { EmbeddedConsumer, type ConsumerHost } from './consumer.ts';
import { EmbeddedLogError, describeError, failure } from './errors.ts';
import { fsyncDir } from './fs-util.ts';
import { GROUPS_DIR, readCommitted } from './group-store.ts';
import { acquireLock, type HeldLock } from './lock-file.ts';
import { resolveOptions, type EmbeddedLogOptions, type ResolvedEmbeddedLogOptions } from './options.ts';
import { PartitionWriter, type PartitionWriterStats } from './partition-writer.ts';
import { fileSource, writerSource, type PartitionSource } from './partition-source.ts';
import { appendRecords } from './producer.ts';
import { partitionDir } from './segment-files.ts';
import { checkTopicSpec, readTopics, writeTopics } from './topic-store.ts';

export type EmbeddedLogStats = PartitionWriterStats;

/** A `Log` with what only the embedded one has. */
export interface EmbeddedLog extends Log {
  readonly kind: 'embedded';
  readonly dir: string;
  readonly readOnly: boolean;
  /** Totals over all partitions written by this process (zeros in a read-only log). */
  stats(): EmbeddedLogStats;
}

/**
 * Opens (creating when missing, unless readOnly) the log in `options.dir`. A writer
 * takes `writer.lock` and recovers every partition (truncating torn tails) before it
 * resolves; a second live writer of the same directory gets GP_LOG_DIR_LOCKED.
 */
export async function openEmbeddedLog(options: EmbeddedLogOptions): Promise<EmbeddedLog> {
  const opts = resolveOptions(options);
  const log = new EmbeddedLogImpl(opts);
  await log.open();
  return log;
}

class EmbeddedLogImpl implements EmbeddedLog, ConsumerHost {
  readonly kind = 'embedded' as const;
  private topics = new Map<string, number>();
  private readonly writers = new Map<string, PartitionWriter[]>();
  private readonly sources = new Map<string, PartitionSource>();
  private readonly consumers = new Set<EmbeddedConsumer>();
  private writerLock: HeldLock | undefined;
  private closedFailure: LogFailure | undefined;
  private closing: Promise<void> | undefined;
  private topicChain: Promise<void> = Promise.resolve();

  constructor(readonly options: ResolvedEmbeddedLogOptions) {}

  get dir(): string {
    return this.options.dir;
  }

  get readOnly(): boolean {
    return this.options.readOnly;
  }

  async open(): Promise<void> {
    const { dir, readOnly, now, logger, fsync } = this.options;
    if (readOnly) {
      this.topics = await readTopics(dir);
      return;
    }
    const created = await mkdir(dir, { recursive: true });
    await mkdir(join(dir, GROUPS_DIR), { recursive: true });
    if (created !== undefined && fsync) await fsyncDir(dirname(created));
    this.writerLock = await acquireLock(join(dir, 'writer.lock'), {
      code: 'GP_LOG_DIR_LOCKED',
      what: `embedded log ${dir}`,
      now,
      onStaleTakeover: (prev) => logger.warn('embedded log: took over the writer lock of a dead process', { dir, previousPid: prev.pid }),
    });
    try {
      this.topics = await readTopics(dir);
      for (const [topic, n] of this.topics) this.writers.set(topic, await this.openPartitions(topic, n));
    } catch (err) {
      await this.closeWriters();
      await this.writerLock.release();
      throw err;
    }
  }

  ensureTopics(topics: TopicSpec[]): Promise<void> {
    try {
      if (!Array.isArray(topics)) throw new TypeError('ensureTopics: expected an array of { name, partitions }');
      for (const t of topics) checkTopicSpec(t);
    } catch (err) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on, unchanged, what the checks above threw (TypeErrors)
      return Promise.reject(err);
    }
    const run = this.topicChain.then(() => this.doEnsureTopics(topics));
    this.topicChain = run.catch(() => {});
    return run;
  }

  private async doEnsureTopics(topics: TopicSpec[]): Promise<void> {
    this.assertOpen();
    const { dir, readOnly, fsync } = this.options;
    if (readOnly) {
      this.topics = await readTopics(dir);
      const missing = topics.filter((t) => !this.topics.has(t.name)).map((t) => t.name);
      if (missing.length > 0)
        throw new EmbeddedLogError(
          'GP_LOG_READ_ONLY',
          `topics ${missing.join(', ')} do not exist in ${dir} and a read-only log cannot create them; start the writer first`,
          { retryable: true },
        );
      return;
    }
    const added = new Map<string, number>();
    for (const t of topics) if (!this.topics.has(t.name) && !added.has(t.name)) added.set(t.name, t.partitions);
    if (added.size === 0) return;
    // Partition files first, durable, then the topics.json that names them: a crash in
    // between leaves directories no topic refers to, which the next ensureTopics reuses.
    const opened = new Map<string, PartitionWriter[]>();
    try {
      for (const [topic, n] of added) {
        for (let p = 0; p < n; p++) await mkdir(partitionDir(dir, topic, p), { recursive: true });
        opened.set(topic, await this.openPartitions(topic, n));
        if (fsync) await fsyncDir(join(dir, topic));
      }
      if (fsync) await fsyncDir(dir);
      const next = new Map([...this.topics, ...added]);
      await writeTopics(dir, next, fsync);
      this.topics = next;
      for (const [topic, ws] of opened) this.writers.set(topic, ws);
    } catch (err) {
      for (const ws of opened.values()) await Promise.all(ws.map((w) => w.close()));
      throw err;
    }
  }

  async partitions(topic: string): Promise<number | undefined> {
    if (!this.topics.has(topic) && this.options.readOnly && !this.closedFailure) this.topics = await readTopics(this.options.dir);
    return this.topics.get(topic);
  }

  producer(): LogProducer {
    if (this.options.readOnly)
      throw new EmbeddedLogError('GP_LOG_READ_ONLY', `the embedded log ${this.options.dir} was opened read-only: it cannot append`);
    const ctx = {
      writers: (topic: string) => this.writers.get(topic),
      closed: () => this.closedFailure,
      maxRecordBytes: this.options.maxRecordBytes,
      now: this.options.now,
    };
    return { append: (topic, records) => appendRecords(ctx, topic, records) };
  }

  consumer(options: ConsumerOptions): LogConsumer {
    this.assertOpen();
    return new EmbeddedConsumer(this, options);
  }

  async committed(groupId: string, topic: string): Promise<TopicPartitionOffset[]> {
    return readCommitted(this.options.dir, groupId, topic);
  }

  async endOffsets(topic: string): Promise<TopicPartitionOffset[]> {
    this.assertOpen();
    const n = await this.partitions(topic);
    if (n === undefined) throw new EmbeddedLogError('GP_LOG_UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
    const out: TopicPartitionOffset[] = [];
    for (let partition = 0; partition < n; partition++)
      out.push({ topic, partition, offset: (await (await this.source(topic, partition)).freshMark()).nextOffset });
    return out;
  }

  async health(): Promise<LogHealth> {
    if (this.closedFailure || this.closing) return { ok: false, detail: 'closed' };
    const partitions = [...this.topics.values()].reduce((a, b) => a + b, 0);
    try {
      const fs = await statfs(this.options.dir);
      const freeBytes = fs.bavail * fs.bsize;
      const free = `${Math.floor(freeBytes / 1048576)} MiB free`;
      if (this.options.readOnly) return { ok: true, detail: `read-only; ${this.topics.size} topics, ${partitions} partitions; ${free}` };
      const broken = [...this.writers.values()]
        .flat()
        .map((w) => w.failure())
        .filter((f) => f !== undefined);
      if (broken.length > 0) return { ok: false, detail: broken.map((f) => f.message).join('; ') };
      if (freeBytes < this.options.segmentBytes)
        return { ok: false, detail: `disk nearly full: ${free}, a segment needs ${this.options.segmentBytes} bytes` };
      return { ok: true, detail: `${this.topics.size} topics, ${partitions} partitions; ${free}` };
    } catch (err) {
      return { ok: false, detail: `cannot stat ${this.options.dir}: ${describeError(err)}` };
    }
  }

  stats(): EmbeddedLogStats {
    const total: EmbeddedLogStats = { appends: 0, records: 0, bytes: 0, rounds: 0, fsyncs: 0 };
    for (const w of [...this.writers.values()].flat())
      for (const k of Object.keys(total) as Array<keyof EmbeddedLogStats>) total[k] += w.stats[k];
    return total;
  }

  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    // Consumers first: their onRevoked may still append or commit.
    const stops = await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    for (const s of stops)
      if (s.status === 'rejected')
        this.options.logger.warn('embedded log: a consumer failed to stop cleanly', { error: describeError(s.reason) });
    this.closedFailure = failure('GP_LOG_CLOSED', 'the embedded log is closed', false);
    await this.closeWriters();
    await Promise.all([...this.sources.values()].map((s) => s.close()));
    this.sources.clear();
    await this.writerLock?.release();
  }

  // ConsumerHost

  async source(topic: string, partition: number): Promise<PartitionSource> {
    const key = `${topic}/${partition}`;
    let s = this.sources.get(key);
    if (!s) {
      const writer = this.writers.get(topic)?.[partition];
      s = writer
        ? writerSource(writer)
        : fileSource(topic, partition, partitionDir(this.options.dir, topic, partition), {
            pollIntervalMs: this.options.readerPollIntervalMs,
            logger: this.options.logger,
          });
      this.sources.set(key, s);
    }
    return s;
  }

  track(consumer: EmbeddedConsumer, running: boolean): void {
    if (running) this.consumers.add(consumer);
    else this.consumers.delete(consumer);
  }

  private assertOpen(): void {
    if (this.closedFailure || this.closing) throw new EmbeddedLogError('GP_LOG_CLOSED', `the embedded log ${this.options.dir} is closed`);
  }

  private async openPartitions(topic: string, n: number): Promise<PartitionWriter[]> {
    const ws: PartitionWriter[] = [];
    try {
      for (let p = 0; p < n; p++) {
        const dir = partitionDir(this.options.dir, topic, p);
        await mkdir(dir, { recursive: true });
        ws.push(await PartitionWriter.open(topic, p, dir, this.options));
      }
    } catch (err) {
      await Promise.all(ws.map((w) => w.close()));
      throw err;
    }
    return ws;
  }

  private async closeWriters(): Promise<void> {
    await Promise.all([...this.writers.values()].flat().map((w) => w.close()));
  }
}
