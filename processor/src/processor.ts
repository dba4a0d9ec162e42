/**
 * The processor: events topic → dedup → event-time windows → additive rollups, written
 * to the sink together with the input positions and the dedup / player state in ONE
 * commit (one store transaction in embedded mode; one Kafka transaction per input
 * partition in Kafka mode — see sink/types.ts). That commit is the exactly-once
 * boundary: after a crash the processor restarts from the last commit's positions with the last commit's state, so every
 * record is folded into committed rows exactly once.
 *
 * On a failed commit the in-memory deltas can no longer be trusted to match what is
 * stored (the sink promises all-or-nothing, but not which), so they are discarded and
 * the processor recovers in-process: it stops the consumer, forgets all partition
 * state, and starts a new consumer whose `onAssigned` reloads the checkpoint and
 * resumes from the stored positions. In-process rather than exit-and-restart because
 * in embedded mode the query API shares this process (DuckDB allows one read-write
 * process per file) and should not go down with a transient write error. After
 * `maxConsecutiveFailures` failures without a successful commit it gives up: `done`
 * rejects and `main` exits non-zero for the supervisor.
 *
 * Batch handling, timer commits, assignments and revocations run one at a time
 * through one queue; the commit cycle's table (commit-cycle.ts) guards each step. With
 * `overlapCommits` a commit's write runs outside the queue: its content is taken in the
 * queue, then batches keep folding (into the next commit) while the sink writes it. At
 * most one write is in flight; assignments, revocations, erasures and stop wait for it.
 */
import type { ConsumerHandlers, LogConsumer, PartitionBatch, TopicPartition, TopicPartitionOffset } from '@gamepulse/log';
import { ProcessorError, type ProcessorCode } from './codes.ts';
import { CommitCycle, type CycleState } from './commit-cycle.ts';
import { resolveOptions, tickMs, type ProcessorOptions, type ResolvedProcessorOptions } from './options.ts';
import { restorePartition } from './partition-state.ts';
import { emptyTally, PendingWork, type TakenCommit, type Tally } from './pending-work.ts';
import { SerialQueue } from './serial.ts';

export interface PartitionStats {
  partition: number;
  nextOffset: number;
  committedOffset: number;
  lag: number;
}

export interface ProcessorStats extends Tally {
  state: CycleState;
  pendingRows: number;
  partitions: PartitionStats[];
}

export interface Processor {
  /** Joins the consumer group; resolves once consuming (or recovering from a failed first checkpoint load). */
  start(): Promise<void>;
  /**
   * Finishes the current batch, commits, leaves the group. Safe to call twice. Rejects
   * when the processor ends failed (the final commit failed): nothing is lost, the
   * stored positions are still before the uncommitted work.
   */
  stop(): Promise<void>;
  stats(): ProcessorStats;
  /** Readiness: consuming and not recovering. */
  health(): { ok: boolean; detail: string };
  /**
   * Erasure of players (deletion requests, embedded mode): waits until every events
   * partition is folded up to `eventsEnd` (its end as of the request), then — between
   * two batches, after committing everything folded — runs `erase` (the store
   * transaction deleting the players' rows and per-player state) and drops the players'
   * first-seen days and assignments from memory, so nothing of them is written again.
   * Rejects with GP_PROCESSOR_ERASE_BEHIND when that point is not reached within
   * `timeoutMs` (the caller retries); rejects with `erase`'s error unchanged.
   */
  erasePlayers<T>(playerIds: readonly string[], eventsEnd: readonly TopicPartitionOffset[], erase: () => Promise<T>, options?: EraseOptions): Promise<T>;
  /** Resolves after `stop()`; rejects when the processor gave up after repeated failures. */
  readonly done: Promise<void>;
}

export interface EraseOptions {
  /** @default 60_000 */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** How often erasePlayers looks whether the processor has caught up. */
const ERASE_POLL_MS = 50;

export function createProcessor(options: ProcessorOptions): Processor {
  return new StreamProcessor(resolveOptions(options));
}

type CommitReason = 'size' | 'interval' | 'revoke' | 'stop' | 'erase';

class StreamProcessor implements Processor {
  private readonly o: ResolvedProcessorOptions;
  private readonly topic: string;
  private readonly cycle: CommitCycle;
  private readonly queue = new SerialQueue();
  private readonly tally = emptyTally();
  private readonly work: PendingWork;
  private consumer: LogConsumer | undefined;
  /** Bumped whenever in-memory state is discarded: callbacks of an older consumer are ignored. */
  private generation = 0;
  private lastCommitMs = 0;
  private consecutiveFailures = 0;
  private started = false;
  private stopping = false;
  private stopPromise: Promise<void> | undefined;
  /** Resolves when stop() is called: cuts a recovery backoff short. */
  private readonly stopRequested: Promise<void>;
  private requestStop!: () => void;
  private recovery: Promise<void> | undefined;
  /** The commit being written, if any; settles (never rejects) when it is stored or failed. */
  private inFlight: Promise<void> | undefined;
  private recoveryActive = false;
  private cancelTimer: (() => void) | undefined;
  private settle!: { resolve: () => void; reject: (err: Error) => void };
  readonly done: Promise<void>;

  constructor(o: ResolvedProcessorOptions) {
    this.o = o;
    this.topic = o.topics.events;
    this.work = new PendingWork(this.topic, this.tally, o.metrics, o.logger);
    this.cycle = new CommitCycle((from, event, to) => {
      o.metrics.cycleState.set({ state: from }, 0);
      o.metrics.cycleState.set({ state: to }, 1);
      o.logger.debug('commit cycle', { from, event, to });
    });
    o.metrics.cycleState.set({ state: 'idle' }, 1);
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => undefined); // the rejection is for whoever awaits `done`, not an unhandled one
    this.stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('processor already started');
    this.started = true;
    this.lastCommitMs = this.o.clock.nowMs();
    this.cancelTimer = this.o.clock.every(tickMs(this.o.commitIntervalMs), () => void this.queue.run(() => this.onTick()));
    try {
      await this.runConsumer();
    } catch (err) {
      // The checkpoint could not be loaded (onAssigned reported it): the recovery loop
      // retries with backoff and `done` rejects if it gives up. Anything else (unknown
      // topic, group locked by another process) is a start failure for the caller.
      const state = this.cycleState();
      if (state !== 'failed' && state !== 'recovering') {
        this.cancelTimer();
        throw err;
      }
      this.o.logger.warn('first checkpoint load failed; recovering', { err });
      return;
    }
    this.o.logger.info('consuming', { topic: this.topic, groupId: this.o.groupId });
  }

  stop(): Promise<void> {
    this.stopPromise ??= this.shutdown();
    return this.stopPromise;
  }

  stats(): ProcessorStats {
    return {
      ...this.tally,
      batches: { ...this.tally.batches },
      state: this.cycleState(),
      pendingRows: this.work.pendingRows,
      partitions: [...this.work.partitions.values()]
        .map((p) => ({ partition: p.partition, nextOffset: p.nextOffset, committedOffset: p.committedOffset, lag: p.highWatermark - p.nextOffset }))
        .sort((a, b) => a.partition - b.partition),
    };
  }

  health(): { ok: boolean; detail: string } {
    const state = this.cycleState();
    const ok = this.started && !this.stopping && (state === 'idle' || state === 'aggregating' || state === 'committing');
    return { ok, detail: `commit cycle ${state}` };
  }

  async erasePlayers<T>(playerIds: readonly string[], eventsEnd: readonly TopicPartitionOffset[], erase: () => Promise<T>, options: EraseOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const deadline = this.o.clock.nowMs() + timeoutMs;
    const ends = eventsEnd.filter((e) => e.topic === this.topic && e.offset > 0);
    for (;;) {
      if (this.stopping || options.signal?.aborted) throw new ProcessorError('GP_PROCESSOR_ERASE_BEHIND', 'stopping');
      const done = await this.queue.run(async () => {
        if (!this.foldedUpTo(ends)) return undefined;
        await this.commitAll('erase');
        const state = this.cycleState();
        // A failed commit discarded the partitions: wait for the recovery to catch up again.
        if (state !== 'idle') return undefined;
        const value = await erase();
        const forgotten = this.work.forgetPlayers(playerIds);
        this.o.logger.info('players erased', { players: playerIds.length, inMemoryStateDropped: forgotten });
        return { value };
      });
      if (done) return done.value;
      if (this.o.clock.nowMs() >= deadline) {
        throw new ProcessorError('GP_PROCESSOR_ERASE_BEHIND', `events not folded up to ${ends.map((e) => `${e.partition}@${e.offset}`).join(', ')} within ${timeoutMs} ms`);
      }
      await this.o.clock.sleep(ERASE_POLL_MS);
    }
  }

  /** Every partition in `ends` is held and read at least up to its offset. */
  private foldedUpTo(ends: readonly TopicPartitionOffset[]): boolean {
    return ends.every((e) => (this.work.partitions.get(e.partition)?.nextOffset ?? -1) >= e.offset);
  }

  /** A method, not the property: TS would keep a narrowed `cycle.state` across awaits and calls. */
  private cycleState(): CycleState {
    return this.cycle.state;
  }

  // ── consumer callbacks ───────────────────────────────────────────────────────────

  private async runConsumer(): Promise<void> {
    const generation = this.generation;
    this.consumer = this.o.log.consumer({
      groupId: this.o.groupId,
      topics: [this.topic],
      maxBatchRecords: this.o.maxBatchRecords,
      maxWaitMs: this.o.maxWaitMs,
    });
    await this.consumer.run(this.handlersFor(generation));
  }

  private handlersFor(generation: number): ConsumerHandlers {
    return {
      onAssigned: (tps) => this.onAssigned(generation, tps),
      onRevoked: (tps) => this.onRevoked(generation, tps),
      onBatch: (batch) => this.onBatch(generation, batch),
      // The consumer gave up (e.g. a long broker outage): recover with a new one.
      // In the queue: never in the middle of a commit.
      onFailed: (err) =>
        void this.queue.run(() => {
          if (generation === this.generation) this.fail('GP_PROCESSOR_CONSUMER_FAILED', err);
        }),
    };
  }

  private async onAssigned(generation: number, tps: TopicPartition[]): Promise<TopicPartitionOffset[] | void> {
    return this.queue.run(async () => {
      await this.inFlight; // the sink assigns while no write of ours runs
      if (generation !== this.generation) return;
      const offsets: TopicPartitionOffset[] = [];
      // A partition this processor still holds (an incremental rebalance re-listing it)
      // keeps its in-memory state and position: reloading the checkpoint under
      // uncommitted deltas would fold the same records twice.
      const fresh: number[] = [];
      for (const tp of tps) {
        if (tp.topic !== this.topic) continue;
        const held = this.work.partitions.get(tp.partition);
        if (held) offsets.push({ topic: this.topic, partition: tp.partition, offset: held.nextOffset });
        else fresh.push(tp.partition);
      }
      if (fresh.length === 0) return offsets;
      try {
        const checkpoint = await this.o.sink.assign(this.topic, fresh);
        const restored = fresh.map((partition) => restorePartition(this.topic, partition, checkpoint));
        for (const state of restored) {
          this.work.restore(state);
          offsets.push({ topic: this.topic, partition: state.partition, offset: state.nextOffset });
        }
      } catch (err) {
        this.fail('GP_PROCESSOR_CHECKPOINT_FAILED', err);
        // Throw rather than return nothing: "nothing" would start at the log's committed
        // offsets, which are not the sink's and would break exactly-once.
        throw new ProcessorError('GP_PROCESSOR_CHECKPOINT_FAILED', undefined, { cause: err });
      }
      this.o.logger.info('partitions assigned', { partitions: offsets.map((p) => [p.partition, p.offset]) });
      return offsets;
    });
  }

  private async onRevoked(generation: number, tps: TopicPartition[]): Promise<void> {
    await this.queue.run(async () => {
      if (generation !== this.generation) return; // an abandoned consumer: its state is gone already
      await this.commitAll('revoke');
      if (generation !== this.generation) return; // that commit failed: everything is discarded
      const gone = tps.filter((tp) => tp.topic === this.topic).map((tp) => tp.partition);
      for (const partition of gone) this.work.drop(partition);
      try {
        await this.o.sink.release(gone);
      } catch (err) {
        this.o.logger.warn('releasing revoked partitions failed', { partitions: gone, err });
      }
    });
  }

  private async onBatch(generation: number, batch: PartitionBatch): Promise<void> {
    if (generation !== this.generation) return;
    await this.queue.run(async () => {
      // A batch of an abandoned consumer, or one arriving after a failure: not folded,
      // and its positions are not advanced, so it is read again after recovery.
      if (generation !== this.generation) return;
      // Folding while a commit is written is bounded like everything else: past
      // maxPendingRows the batch waits for that write.
      if (this.cycleState() === 'committing' && this.sizeDue()) await this.inFlight;
      if (generation !== this.generation) return;
      const state = this.cycleState();
      if (state !== 'idle' && state !== 'aggregating' && state !== 'committing') return;
      try {
        if (!this.work.changes(batch)) return;
        this.cycle.fire('batch');
        this.work.apply(batch);
      } catch (err) {
        this.fail('GP_PROCESSOR_BATCH_FAILED', err);
        return;
      }
      if (this.commitDue()) await this.commitStarted(this.sizeDue() ? 'size' : 'interval');
    });
  }

  // ── commits ──────────────────────────────────────────────────────────────────────

  private sizeDue(): boolean {
    return this.work.pendingRows >= this.o.maxPendingRows;
  }

  private commitDue(): boolean {
    return this.cycleState() === 'aggregating' && (this.sizeDue() || this.o.clock.nowMs() - this.lastCommitMs >= this.o.commitIntervalMs);
  }

  private async onTick(): Promise<void> {
    if (this.commitDue()) await this.commitStarted(this.sizeDue() ? 'size' : 'interval');
  }

  /** Starts a commit; waits for its write unless commits overlap with folding. Runs inside the queue. */
  private async commitStarted(reason: CommitReason): Promise<void> {
    const written = this.commit(reason);
    if (!this.o.overlapCommits) await written;
  }

  /** Everything folded so far is stored (or the processor failed) when this resolves. Runs inside the queue. */
  private async commitAll(reason: CommitReason): Promise<void> {
    await this.inFlight;
    if (this.cycleState() === 'aggregating') await this.commit(reason);
  }

  /**
   * Takes all deltas, dead letters, changed state and positions (in the queue, so no
   * batch is half folded) and writes them at once. The returned promise settles when
   * the write is stored or failed; it never rejects (a failure goes to `fail`).
   */
  private commit(reason: CommitReason): Promise<void> {
    if (this.cycleState() !== 'aggregating') return this.inFlight ?? Promise.resolve();
    this.cycle.fire('commit');
    const started = this.o.clock.nowMs();
    const taken = this.work.take();
    const written = this.write(reason, taken, started, this.generation);
    this.inFlight = written;
    return written;
  }

  private async write(reason: CommitReason, taken: TakenCommit, started: number, generation: number): Promise<void> {
    try {
      if (taken.parts.length > 0) await this.o.sink.commit(taken.parts);
    } catch (err) {
      this.tally.commitFailures += 1;
      this.o.metrics.commits.inc({ result: 'failed' });
      // A failure since (a batch that failed to fold) already discarded everything.
      if (generation === this.generation) this.fail('GP_PROCESSOR_COMMIT_FAILED', err);
      return;
    }
    // Discarded while it was written (another failure): it is stored, and the recovery
    // reloads the checkpoint that includes it.
    if (generation !== this.generation) return;
    this.work.committed(taken.parts);
    const now = this.o.clock.nowMs();
    this.lastCommitMs = now;
    this.consecutiveFailures = 0;
    this.tally.commits += 1;
    this.tally.eventsCommitted += taken.events;
    this.o.metrics.commits.inc({ result: 'ok' });
    this.o.metrics.eventsCommitted.inc(taken.events);
    this.o.metrics.commitSeconds.observe((now - started) / 1000);
    this.o.metrics.commitRows.observe(taken.rows);
    this.cycle.fire(this.work.hasChanges() ? 'committed_more' : 'committed');
    this.o.logger.debug('committed', {
      reason,
      rows: taken.rows,
      events: taken.events,
      partitions: taken.parts.length,
      state: taken.state,
      deadLetters: taken.deadLetters,
      ms: now - started,
    });
  }

  // ── failure and recovery ─────────────────────────────────────────────────────────

  /** Enters `failed`, forgets everything uncommitted and makes sure a recovery runs. */
  private fail(code: ProcessorCode, err: unknown): void {
    const state = this.cycleState();
    if (state === 'committing') this.cycle.fire('commit_failed');
    else if (this.cycle.can('fault')) this.cycle.fire('fault');
    else if (state !== 'failed') return; // stopped, or recovering (the recovery loop handles it)
    this.generation += 1;
    const held = [...this.work.partitions.keys()];
    this.work.discard();
    // Whatever holds them (Kafka: their transactional producers) is stale now; the
    // recovery assigns afresh.
    void this.o.sink.release(held).catch((e: unknown) => this.o.logger.warn('releasing partitions after a failure failed', { partitions: held, err: e }));
    this.o.logger.error('processor failed; discarding uncommitted state', { code, err });
    // One loop at a time. The flag drops synchronously when the loop exits (see
    // recover), so a failure right after that starts a new loop.
    if (this.recoveryActive) return;
    this.recoveryActive = true;
    this.recovery = this.recover();
  }

  private async recover(): Promise<void> {
    // try/finally in this very function: the flag must drop in the same microtask as
    // the loop's last check, or a failure in between would find "a loop is running".
    try {
      while (this.cycleState() === 'failed' && !this.stopping) {
        this.consecutiveFailures += 1;
        if (this.consecutiveFailures > this.o.maxConsecutiveFailures) return await this.giveUp();
        const backoffMs = Math.min(this.o.recoveryMaxBackoffMs, this.o.recoveryBackoffMs * 2 ** (this.consecutiveFailures - 1));
        await Promise.race([this.o.clock.sleep(backoffMs), this.stopRequested]);
        if (this.stopping) return;
        this.cycle.fire('recover');
        try {
          await this.consumer?.stop();
          this.generation += 1;
          this.cycle.fire('recovered'); // before run(): the new consumer's first batch may come at once
          this.tally.recoveries += 1;
          await this.runConsumer();
          this.o.metrics.recoveries.inc({ result: 'ok' });
          this.o.logger.info('recovered from the checkpoint', { attempt: this.consecutiveFailures });
        } catch (err) {
          this.o.metrics.recoveries.inc({ result: 'failed' });
          this.o.logger.error('recovery attempt failed', { attempt: this.consecutiveFailures, err });
          const state = this.cycleState();
          if (state === 'recovering') this.cycle.fire('recovery_failed');
          // The new consumer failed to start (e.g. its checkpoint load): unless onAssigned
          // already reported it, that is a fault of the new generation.
          else if (state !== 'failed') this.fail('GP_PROCESSOR_CHECKPOINT_FAILED', err);
        }
      }
    } finally {
      this.recoveryActive = false;
    }
  }

  private async giveUp(): Promise<void> {
    const error = new ProcessorError('GP_PROCESSOR_RECOVERY_EXHAUSTED', `${this.o.maxConsecutiveFailures} failures in a row`);
    this.o.logger.error('processor giving up', { code: error.code });
    this.stopping = true;
    this.cancelTimer?.();
    try {
      await this.consumer?.stop();
    } catch (err) {
      this.o.logger.warn('consumer stop failed', { err });
    }
    if (this.cycle.can('stop')) this.cycle.fire('stop');
    this.settle.reject(error);
  }

  // ── shutdown ─────────────────────────────────────────────────────────────────────

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.requestStop();
    this.cancelTimer?.();
    await this.recovery;
    // Leaving the group waits for the current batch; a revocation commits on the way.
    try {
      await this.consumer?.stop();
    } catch (err) {
      this.o.logger.error('consumer stop failed', { err });
    }
    await this.queue.run(() => this.commitAll('stop'));
    // Failed here means the last commit (on revocation or just above) failed, or a
    // recovery was cut short: nothing is lost — positions did not move past the
    // discarded work — but the caller should know the work is not committed.
    const endedFailed = this.cycleState() === 'failed';
    if (this.cycle.can('stop')) this.cycle.fire('stop');
    this.o.logger.info('processor stopped', { ...this.tally, endedFailed });
    this.settle.resolve();
    if (endedFailed) throw new ProcessorError('GP_PROCESSOR_COMMIT_FAILED', 'stopped with uncommitted work discarded');
  }
}
