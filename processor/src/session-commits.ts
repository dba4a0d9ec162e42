/**
 * The commits of one session (session.ts): when one is due, taking it, writing it.
 * A commit takes all deltas, dead letters, changed state and positions at once, in the
 * session's queue (so no batch is half folded), and hands them to the sink. At most one
 * write is in flight: the commit cycle (commit-cycle.ts) starts one only from
 * `aggregating`. With `overlapCommits` the queue goes on while it is written (batches
 * fold into the next commit); otherwise the queue waits for it.
 */
import type { CommitCycle } from './commit-cycle.ts';
import type { ResolvedProcessorOptions } from './options.ts';
import type { PendingWork, TakenCommit, Tally } from './pending-work.ts';

export type CommitReason = 'size' | 'interval' | 'revoke' | 'stop' | 'erase';

/** How a write ended, for the session. */
export interface CommitOutcome {
  /** Stored, and the session is still open. */
  committed(atMs: number): void;
  /** The sink refused it: the session fails (unless it has failed already). */
  failed(err: unknown): void;
}

export class SessionCommits {
  /** The commit being written, if any; settles (never rejects) when it is stored or failed. */
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly o: ResolvedProcessorOptions,
    private readonly cycle: CommitCycle,
    private readonly work: PendingWork,
    private readonly tally: Tally,
    private readonly outcome: CommitOutcome,
    /** When the last commit was stored: the commit interval runs from there. */
    private lastCommitMs: number,
  ) {}

  /** Settles once no write is in flight (at once when none is). */
  settled(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }

  /** The rows, player windows and dead letters waiting reached maxPendingRows, or the step facts maxPendingStepRows. */
  sizeDue(): boolean {
    return this.work.pendingRows >= this.o.maxPendingRows || this.work.pendingStepRows >= this.o.maxPendingStepRows;
  }

  /** Starts a commit when one is due; waits for its write unless commits overlap with folding. In the queue. */
  async commitIfDue(): Promise<void> {
    if (this.cycle.state !== 'aggregating') return;
    const size = this.sizeDue();
    if (!size && this.o.clock.nowMs() - this.lastCommitMs < this.o.commitIntervalMs) return;
    const written = this.commit(size ? 'size' : 'interval');
    if (!this.o.overlapCommits) await written;
  }

  /** Everything folded so far is stored (or the session failed) when this resolves. In the queue. */
  async commitAll(reason: CommitReason): Promise<void> {
    await this.inFlight;
    if (this.cycle.state === 'aggregating') await this.commit(reason);
  }

  /** Takes everything pending and writes it; the promise settles when it is stored or failed, and never rejects. */
  private commit(reason: CommitReason): Promise<void> {
    this.cycle.fire('commit');
    const started = this.o.clock.nowMs();
    const taken = this.work.take();
    const written = this.write(reason, taken, started);
    this.inFlight = written;
    return written;
  }

  private async write(reason: CommitReason, taken: TakenCommit, started: number): Promise<void> {
    try {
      if (taken.parts.length > 0) await this.o.sink.commit(taken.parts);
    } catch (err) {
      this.tally.commitFailures += 1;
      this.o.metrics.commits.inc({ result: 'failed' });
      this.outcome.failed(err);
      return;
    }
    // Out of `committing` only when the session failed while it was written (a batch, the
    // consumer): it is stored all the same, and the next session's checkpoint includes it.
    if (this.cycle.state !== 'committing') return;
    this.work.committed(taken.parts);
    const now = this.o.clock.nowMs();
    this.lastCommitMs = now;
    this.tally.commits += 1;
    this.tally.eventsCommitted += taken.events;
    this.o.metrics.commits.inc({ result: 'ok' });
    this.o.metrics.eventsCommitted.inc(taken.events);
    this.o.metrics.commitSeconds.observe((now - started) / 1000);
    this.o.metrics.commitRows.observe(taken.rows);
    this.outcome.committed(now);
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
}
