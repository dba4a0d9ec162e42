/**
 * The embedded log's consumer: the only member of its group (a lock file per group),
 * so every partition of the subscribed topics is assigned to it on `run`.
 *
 * Delivery: one onBatch at a time, partitions visited round-robin (one batch each per
 * pass) so a partition with a backlog cannot starve the others; a partition's next batch
 * is fetched only after its previous onBatch resolved. A rejected onBatch is logged and
 * the same batch is delivered again after a backoff (Kafka consumers likewise resume
 * from the last processed offset), so a handler must be idempotent per batch or handle
 * poison itself (dead-letter it), or it blocks its partition.
 */
import { planSeeks } from '../position-gaps.ts';
import type { ConsumerHandlers, ConsumerOptions, LogConsumer, PartitionBatch, TopicPartition, TopicPartitionOffset } from '../types.ts';
import { EmbeddedLogError, describeError } from './errors.ts';
import { groupLockPath, readGroupOffsets, writeGroupOffsets } from './group-store.ts';
import { acquireLock, type HeldLock } from './lock-file.ts';
import type { ResolvedEmbeddedLogOptions } from './options.ts';
import { PartitionCursor } from './partition-cursor.ts';
import type { PartitionSource } from './partition-source.ts';
import { WakeSignal } from './wake-signal.ts';

/** What a consumer needs from its log. */
export interface ConsumerHost {
  readonly options: ResolvedEmbeddedLogOptions;
  /** Partition count, re-reading topics.json in a reader process; undefined when unknown. */
  partitions(topic: string): Promise<number | undefined>;
  source(topic: string, partition: number): Promise<PartitionSource>;
  /** Called when a consumer starts and stops, so close() can stop it. */
  track(consumer: EmbeddedConsumer, running: boolean): void;
}

const DEFAULT_MAX_BATCH_RECORDS = 5000;
const DEFAULT_MAX_WAIT_MS = 100;
const MAX_RETRY_BACKOFF_MS = 30_000;

type State = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

export class EmbeddedConsumer implements LogConsumer {
  private state: State = 'idle';
  private lock: HeldLock | undefined;
  private cursors: PartitionCursor[] = [];
  private assignment: TopicPartition[] = [];
  private unsubscribes: Array<() => void> = [];
  /** Data may have arrived (any assigned partition), or stop was called. */
  private readonly wake = new WakeSignal();
  /** Only stop: cuts a retry backoff short. */
  private readonly stopWake = new WakeSignal();
  private handlers: ConsumerHandlers | undefined;
  private starting: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  /** Last fetch error per partition, so a persisting one is logged once. */
  private readonly fetchErrors = new Map<PartitionCursor, string>();
  private stopping: Promise<void> | undefined;
  private commitChain: Promise<void> = Promise.resolve();
  private readonly maxBatchRecords: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly host: ConsumerHost,
    private readonly options: ConsumerOptions,
  ) {
    if (!options || typeof options.groupId !== 'string' || options.groupId === '') throw new TypeError('consumer: groupId is required');
    if (!Array.isArray(options.topics) || options.topics.length === 0) throw new TypeError('consumer: topics must be a non-empty array');
    this.maxBatchRecords = options.maxBatchRecords ?? DEFAULT_MAX_BATCH_RECORDS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    if (!Number.isInteger(this.maxBatchRecords) || this.maxBatchRecords < 1)
      throw new RangeError(`consumer: maxBatchRecords must be a positive integer, got ${this.maxBatchRecords}`);
    if (!Number.isFinite(this.maxWaitMs) || this.maxWaitMs < 1)
      throw new RangeError(`consumer: maxWaitMs must be ≥ 1, got ${this.maxWaitMs}`);
  }

  run(handlers: ConsumerHandlers): Promise<void> {
    if (this.state !== 'idle')
      return Promise.reject(
        new EmbeddedLogError(
          'GP_LOG_UNAVAILABLE',
          `consumer of group "${this.options.groupId}" was already started (state ${this.state}); create a new one`,
          { retryable: false },
        ),
      );
    if (typeof handlers?.onBatch !== 'function') return Promise.reject(new TypeError('consumer.run: handlers.onBatch is required'));
    this.state = 'starting';
    this.starting = this.start(handlers);
    return this.starting;
  }

  private async start(handlers: ConsumerHandlers): Promise<void> {
    const { dir, logger, now } = this.host.options;
    try {
      const assignment: TopicPartition[] = [];
      for (const topic of [...new Set(this.options.topics)]) {
        const n = await this.host.partitions(topic);
        // Retryable in a reader process: the writer may create the topic later.
        if (n === undefined)
          throw new EmbeddedLogError(
            'GP_LOG_UNKNOWN_TOPIC',
            `consumer of group "${this.options.groupId}": topic "${topic}" does not exist`,
            { retryable: this.host.options.readOnly },
          );
        for (let partition = 0; partition < n; partition++) assignment.push({ topic, partition });
      }
      this.lock = await acquireLock(groupLockPath(dir, this.options.groupId), {
        code: 'GP_LOG_GROUP_LOCKED',
        what: `consumer group "${this.options.groupId}"`,
        now,
        onStaleTakeover: (prev) =>
          logger.warn('embedded log: took over a stale consumer-group lock', { groupId: this.options.groupId, previousPid: prev.pid }),
      });
      this.host.track(this, true);
      this.assignment = assignment;
      const chosen = (await handlers.onAssigned?.(assignment.map((tp) => ({ ...tp })))) ?? [];
      const committed = await readGroupOffsets(dir, this.options.groupId);
      const stored = assignment.map((tp) => {
        const explicit = chosen.find((o) => o.topic === tp.topic && o.partition === tp.partition);
        const offset = explicit?.offset ?? committed[tp.topic]?.[String(tp.partition)] ?? 0;
        if (!Number.isSafeInteger(offset) || offset < 0)
          throw new RangeError(`consumer: invalid start offset ${offset} for ${tp.topic}/${tp.partition}`);
        return { ...tp, offset };
      });
      // Gaps (position-gaps.ts), as in every log. The embedded log never deletes records
      // yet, so every log start is 0 and no position is below it; retention, when it
      // comes, reports each partition's first retained offset here.
      const plan = planSeeks(this.options.groupId, stored, new Map(), this.options.acceptPositionGaps);
      for (const gap of plan.gaps) this.options.onPositionGap?.(gap);
      if (plan.error) throw plan.error;
      for (const tp of plan.seeks) {
        const start = tp.offset;
        const source = await this.host.source(tp.topic, tp.partition);
        this.cursors.push(new PartitionCursor(source, start, this.host.options));
        this.unsubscribes.push(source.subscribe(this.wake.notify));
      }
    } catch (err) {
      await this.cleanup();
      this.state = 'stopped';
      throw err;
    }
    this.handlers = handlers;
    this.state = 'running';
    this.loop = this.deliver(handlers).catch((err: unknown) => {
      this.host.options.logger.error('embedded log: consumer loop failed', { groupId: this.options.groupId, error: describeError(err) });
    });
  }

  async commit(offsets: TopicPartitionOffset[]): Promise<void> {
    if (this.state !== 'running' && this.state !== 'stopping')
      throw new EmbeddedLogError(
        'GP_LOG_UNAVAILABLE',
        `consumer of group "${this.options.groupId}" can commit only while it is a member (running or in onRevoked)`,
        { retryable: false },
      );
    const { dir, now, fsync } = this.host.options;
    const next = this.commitChain.then(() => writeGroupOffsets(dir, this.options.groupId, offsets, now(), fsync));
    this.commitChain = next.catch(() => {});
    return next;
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    if (this.state === 'idle') {
      this.state = 'stopped';
      return;
    }
    if (this.state === 'starting') await this.starting?.catch(() => {});
    if (this.state !== 'running') return;
    this.state = 'stopping';
    this.wake.notify();
    this.stopWake.notify();
    let revokeError: unknown;
    try {
      await this.loop;
      await this.handlers?.onRevoked?.(this.assignment.map((tp) => ({ ...tp })));
      await this.commitChain;
    } catch (err) {
      revokeError = err;
    } finally {
      await this.cleanup();
      this.state = 'stopped';
    }
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows, unchanged, what the loop, onRevoked or a pending commit threw
    if (revokeError !== undefined) throw revokeError;
  }

  private async cleanup(): Promise<void> {
    for (const u of this.unsubscribes.splice(0)) u();
    await Promise.all(this.cursors.map((c) => c.close()));
    await this.lock?.release().catch(() => {});
    this.lock = undefined;
    this.host.track(this, false);
  }

  private async deliver(handlers: ConsumerHandlers): Promise<void> {
    const { fetchMaxBytes, logger } = this.host.options;
    while (this.state === 'running') {
      this.wake.clear();
      let delivered = false;
      for (const cursor of this.cursors) {
        if (this.state !== 'running') break;
        let batch: PartitionBatch;
        try {
          const f = await cursor.fetch(this.maxBatchRecords, fetchMaxBytes);
          if (f.records.length === 0) continue;
          if (this.state !== 'running') break; // stopping: not delivered, so not consumed
          batch = {
            topic: cursor.topic,
            partition: cursor.partition,
            records: f.records,
            nextOffset: f.nextOffset,
            highWatermark: f.highWatermark,
          };
        } catch (err) {
          const error = describeError(err);
          if (this.fetchErrors.get(cursor) !== error)
            logger.warn('embedded log: fetch failed; retrying', { topic: cursor.topic, partition: cursor.partition, error });
          this.fetchErrors.set(cursor, error);
          continue;
        }
        this.fetchErrors.delete(cursor);
        await this.handOver(handlers, batch);
        delivered = true;
      }
      if (!delivered && this.state === 'running') await this.wake.wait(this.maxWaitMs);
    }
  }

  /** Calls onBatch until it resolves (or the consumer stops: the batch is then redelivered on the next run). */
  private async handOver(handlers: ConsumerHandlers, batch: PartitionBatch): Promise<void> {
    let backoff = this.host.options.consumerRetryBackoffMs;
    while (true) {
      try {
        await handlers.onBatch(batch);
        return;
      } catch (err) {
        this.host.options.logger.warn('embedded log: onBatch rejected; delivering the batch again', {
          groupId: this.options.groupId,
          topic: batch.topic,
          partition: batch.partition,
          firstOffset: batch.records[0]?.offset,
          retryInMs: backoff,
          error: describeError(err),
        });
      }
      if (this.state !== 'running') return;
      await this.stopWake.wait(backoff);
      if (this.state !== 'running') return;
      backoff = Math.min(Math.max(backoff * 2, 1), MAX_RETRY_BACKOFF_MS);
    }
  }
}
