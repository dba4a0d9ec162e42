/**
 * One consumer generation of the processor: a consumer, the state of the partitions it
 * was assigned and the work folded since the last commit (pending-work.ts), with their
 * own commit cycle (commit-cycle.ts) and their own queue. The supervisor
 * (supervisor.ts) starts one; when it fails, the supervisor closes it and starts a new
 * one, which reloads the checkpoint. A stale session cannot touch its successor's state:
 * it only ever holds its own objects.
 *
 * Open and closed. A session is open until its cycle is `failed` (its work discarded)
 * or `stopped`. Closed, it folds nothing, commits nothing, calls the sink no more and
 * ignores its consumer's callbacks: each callback checks on entry, and again after
 * waiting for a write in flight (the one thing that can fail the session while a
 * callback waits). The sink is what sessions share: `close()` resolves once the session
 * no longer uses it (consumer stopped, write settled, partitions released), and only then
 * does the supervisor start the next session, whose `assign` thus never meets an older
 * write.
 *
 * Batch handling, timer commits, assignments, revocations and erasures run one at a time
 * through the session's queue. A commit's write (session-commits.ts) may run outside it
 * (`overlapCommits`); assignments, revocations, erasures and stop wait for it.
 */
import type { ConsumerHandlers, LogConsumer, PartitionBatch, TopicPartition, TopicPartitionOffset } from '@gamepulse/log';
import { ProcessorError, type ProcessorCode } from './codes.ts';
import { CommitCycle, type CycleEvent, type CycleState } from './commit-cycle.ts';
import type { ResolvedProcessorOptions } from './options.ts';
import { restorePartition, type PartitionState } from './partition-state.ts';
import { PendingWork, type Tally } from './pending-work.ts';
import { SerialQueue } from './serial.ts';
import { SessionCommits } from './session-commits.ts';

/** What a session reports to its supervisor. */
export interface SessionHost {
  /** The session failed: its work is discarded and it is closed. Called once. */
  sessionFailed(session: Session): void;
  /** A commit of the session is stored. */
  sessionCommitted(session: Session, atMs: number): void;
  cycleMoved(session: Session, from: CycleState, event: CycleEvent, to: CycleState): void;
}

export interface SessionStart {
  /** `idle` for the first session; `recovering` for one replacing a failed session, until its checkpoint is loaded. */
  cycle: 'idle' | 'recovering';
  /** When the last commit was stored: the commit interval runs from there. */
  lastCommitMs: number;
}

export class Session {
  private readonly topic: string;
  private readonly cycle: CommitCycle;
  private readonly work: PendingWork;
  private readonly commits: SessionCommits;
  private readonly queue = new SerialQueue();
  private consumer: LogConsumer | undefined;
  /** The sink letting go of the partitions of a failed session; settles, never rejects. */
  private releasing: Promise<void> | undefined;
  /** What this session failed with (the supervisor gives up at once on a lost position). */
  failure: unknown;

  constructor(
    /** Numbers the sessions of one processor, for logs. */
    readonly id: number,
    private readonly o: ResolvedProcessorOptions,
    tally: Tally,
    private readonly host: SessionHost,
    begin: SessionStart,
  ) {
    this.topic = o.topics.events;
    this.work = new PendingWork(
      this.topic,
      tally,
      o.metrics,
      o.logger,
      {
        allowedLatenessMs: o.allowedLatenessMs,
        maxFutureMs: o.maxFutureMs,
      },
      o.reporting,
      o.analytics,
    );
    this.cycle = new CommitCycle((from, event, to) => host.cycleMoved(this, from, event, to), begin.cycle);
    this.commits = new SessionCommits(
      o,
      this.cycle,
      this.work,
      tally,
      {
        committed: (atMs) => host.sessionCommitted(this, atMs),
        failed: (err) => this.fail('GP_PROCESSOR_COMMIT_FAILED', err), // nothing if a failure since closed the session
      },
      begin.lastCommitMs,
    );
  }

  /** A method, not a property: TS would keep a narrowed state across awaits and calls. */
  state(): CycleState {
    return this.cycle.state;
  }

  isClosed(): boolean {
    const state = this.cycle.state;
    return state === 'failed' || state === 'stopped';
  }

  /** Everything a commit would write now: rows, player windows, dead letters and step facts. */
  get pendingRows(): number {
    return this.work.pendingRows + this.work.pendingStepRows;
  }

  partitions(): Iterable<PartitionState> {
    return this.work.partitions.values();
  }

  /**
   * Joins the consumer group; resolves once consuming. Rejects when the consumer could
   * not start; when that was the checkpoint load, the session has failed already.
   */
  async start(): Promise<void> {
    this.consumer = this.o.log.consumer({
      groupId: this.o.groupId,
      topics: [this.topic],
      maxBatchRecords: this.o.maxBatchRecords,
      maxWaitMs: this.o.maxWaitMs,
      acceptPositionGaps: this.o.acceptPositionGaps,
      onPositionGap: this.o.metrics.positionGaps,
    });
    await this.consumer.run(this.handlers());
    // Assigned nothing (e.g. more group members than partitions): consuming all the same.
    if (this.state() === 'recovering') this.cycle.fire('recovered');
  }

  /** The commit timer's tick: commits once the interval passed. */
  tick(): void {
    void this.queue.run(() => this.commits.commitIfDue());
  }

  /**
   * Between two batches: once every partition in `ends` is folded that far, commits
   * everything, runs `erase` and drops the players' state from memory. `undefined` when
   * not caught up yet, or when that commit failed (the next session catches up).
   */
  erasePlayers<T>(
    playerIds: readonly string[],
    ends: readonly TopicPartitionOffset[],
    erase: () => Promise<T>,
  ): Promise<{ value: T } | undefined> {
    return this.queue.run(async () => {
      if (this.isClosed() || !this.foldedUpTo(ends)) return undefined;
      await this.commits.commitAll('erase');
      if (this.state() !== 'idle') return undefined;
      const value = await erase();
      const forgotten = this.work.forgetPlayers(playerIds);
      this.o.logger.info('players erased', { players: playerIds.length, inMemoryStateDropped: forgotten });
      return { value };
    });
  }

  /** Every partition in `ends` is held and read at least up to its offset. */
  private foldedUpTo(ends: readonly TopicPartitionOffset[]): boolean {
    return ends.every((e) => (this.work.partitions.get(e.partition)?.nextOffset ?? -1) >= e.offset);
  }

  /**
   * Fails the session: its cycle enters `failed`, its uncommitted work and partitions are
   * dropped, the sink lets go of them, and the supervisor hears of it. Nothing when the
   * session is closed already.
   */
  fail(code: ProcessorCode, err: unknown): void {
    const state = this.state();
    if (state === 'committing') this.cycle.fire('commit_failed');
    else if (state === 'recovering') this.cycle.fire('recovery_failed');
    else if (this.cycle.can('fault')) this.cycle.fire('fault');
    else return;
    this.failure = err;
    const held = [...this.work.partitions.keys()];
    this.work.discard();
    // Whatever holds them (Kafka: their transactional producers) is stale now; the next
    // session assigns afresh.
    this.releasing = this.o.sink
      .release(held)
      .catch((e: unknown) => this.o.logger.warn('releasing partitions after a failure failed', { partitions: held, err: e }));
    this.o.logger.error('processor failed; discarding uncommitted state', { code, err, session: this.id });
    this.host.sessionFailed(this);
  }

  /**
   * Leaves the group (a revocation commits on the way; the current batch finishes
   * first), commits what is left and closes. Resolves `true` when the session ended
   * failed: its last commit failed, or it had failed before; the work is discarded, not
   * lost (the stored positions are still before it).
   */
  async stop(): Promise<boolean> {
    try {
      await this.consumer?.stop();
    } catch (err) {
      this.o.logger.error('consumer stop failed', { err });
    }
    await this.queue.run(() => this.commits.commitAll('stop'));
    await this.releasing;
    const endedFailed = this.state() === 'failed';
    if (this.cycle.can('stop')) this.cycle.fire('stop');
    return endedFailed;
  }

  /**
   * Closes a failed session, or one that never consumed: stops its consumer, then
   * resolves once it no longer uses the sink. Never rejects: a consumer reports a failed
   * stop after it stopped delivering.
   */
  async close(): Promise<void> {
    try {
      await this.consumer?.stop();
    } catch (err) {
      this.o.logger.warn('consumer stop failed', { err, session: this.id });
    }
    await this.commits.settled();
    await this.releasing;
    if (this.state() !== 'stopped') this.cycle.fire('stop');
  }

  // ── consumer callbacks ───────────────────────────────────────────────────────────

  private handlers(): ConsumerHandlers {
    return {
      onAssigned: (tps) => this.onAssigned(tps),
      onRevoked: (tps) => this.onRevoked(tps),
      onBatch: (batch) => this.onBatch(batch),
      // The consumer gave up (e.g. a long broker outage): the supervisor starts a new
      // session. In the queue: never in the middle of a commit.
      onFailed: (err) => void this.queue.run(() => this.fail('GP_PROCESSOR_CONSUMER_FAILED', err)),
    };
  }

  private onAssigned(tps: TopicPartition[]): Promise<TopicPartitionOffset[] | void> {
    return this.queue.run(async () => {
      await this.commits.settled(); // the sink assigns while no write of ours runs
      if (this.isClosed()) return;
      const offsets: TopicPartitionOffset[] = [];
      // A partition this session still holds (an incremental rebalance re-listing it)
      // keeps its in-memory state and position: reloading the checkpoint under
      // uncommitted deltas would fold the same records twice.
      const fresh: number[] = [];
      for (const tp of tps) {
        if (tp.topic !== this.topic) continue;
        const held = this.work.partitions.get(tp.partition);
        if (held) offsets.push({ topic: this.topic, partition: tp.partition, offset: held.nextOffset });
        else fresh.push(tp.partition);
      }
      if (fresh.length > 0) {
        try {
          const checkpoint = await this.o.sink.assign(this.topic, fresh);
          for (const state of fresh.map((partition) => restorePartition(this.topic, partition, checkpoint, this.o.sessionGapMs))) {
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
      }
      if (this.state() === 'recovering') this.cycle.fire('recovered');
      return offsets;
    });
  }

  private onRevoked(tps: TopicPartition[]): Promise<void> {
    return this.queue.run(async () => {
      if (this.isClosed()) return;
      await this.commits.commitAll('revoke');
      if (this.isClosed()) return; // that commit failed: everything is discarded
      const gone = tps.filter((tp) => tp.topic === this.topic).map((tp) => tp.partition);
      for (const partition of gone) this.work.drop(partition);
      try {
        await this.o.sink.release(gone);
      } catch (err) {
        this.o.logger.warn('releasing revoked partitions failed', { partitions: gone, err });
      }
    });
  }

  private async onBatch(batch: PartitionBatch): Promise<void> {
    // A batch arriving after a failure is not folded and its position does not move: the
    // next session reads it again.
    if (this.isClosed()) return;
    await this.queue.run(async () => {
      if (this.isClosed()) return;
      // Folding while a commit is written is bounded like everything else: past
      // maxPendingRows the batch waits for that write.
      if (this.state() === 'committing' && this.commits.sizeDue()) {
        await this.commits.settled();
        if (this.isClosed()) return;
      }
      if (!this.cycle.can('batch')) return; // still recovering: no partition is restored
      try {
        if (!this.work.changes(batch)) return;
        this.cycle.fire('batch');
        this.work.apply(batch);
      } catch (err) {
        this.fail('GP_PROCESSOR_BATCH_FAILED', err);
        return;
      }
      await this.commits.commitIfDue();
    });
  }
}
