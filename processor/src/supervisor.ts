/**
 * The supervisor: what `createProcessor` returns. It runs one session (session.ts) at a
 * time, through the lifecycle in lifecycle.ts, and recovers from failures by replacing
 * the session.
 *
 * Recovery. When the current session fails — a commit, a batch, its checkpoint load or
 * its consumer — it has discarded its work already: after a failed commit the in-memory
 * deltas can no longer be trusted to match what is stored (the sink promises
 * all-or-nothing, but not which). The supervisor waits (exponential backoff), closes the
 * failed session and starts a new one, whose consumer's `onAssigned` reloads the
 * checkpoint and resumes from the stored positions. In-process rather than
 * exit-and-restart because in embedded mode the query API shares this process (DuckDB
 * allows one read-write process per file) and should not go down with a transient
 * write error. After `maxConsecutiveFailures` failures without a successful commit it
 * gives up: `done` rejects and `main` exits non-zero for the process supervisor. A lost
 * position (GP_LOG_POSITION_LOST: the stored position is below the events topic's log
 * start) is not transient — every new session would meet it — so it gives up at once,
 * `done` rejecting with that error and health naming it: an operator decides.
 *
 * A replaced session keeps only its own objects, all of them dropped or closed; its
 * late callbacks change nothing here. The one thing asked of a session's report is
 * whether it comes from the current session.
 *
 * The state shown (`stats().state`, `health()`, the cycle_state gauge) is the current
 * session's commit cycle, and `stopped` once the lifecycle ended (stopped or failed).
 */
import type { TopicPartitionOffset } from '@gamepulse/log';
import { ProcessorError } from './codes.ts';
import type { CycleEvent, CycleState } from './commit-cycle.ts';
import { Lifecycle } from './lifecycle.ts';
import { tickMs, type ResolvedProcessorOptions } from './options.ts';
import { emptyTally } from './pending-work.ts';
import type { EraseOptions, Processor, ProcessorStats } from './processor.ts';
import { Session, type SessionHost } from './session.ts';

/** A consumer's stored position below the log start (@gamepulse/log position-gaps.ts), anywhere in a cause chain. */
function isPositionLost(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === 'object' && depth < 10; depth++) {
    if (e.code === 'GP_LOG_POSITION_LOST') return true;
    e = e.cause as typeof e;
  }
  return false;
}

function errorText(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

/** How often erasePlayers looks whether the processor has caught up. */
const ERASE_POLL_MS = 50;

export class Supervisor implements Processor, SessionHost {
  private readonly lifecycle: Lifecycle;
  private readonly tally = emptyTally();
  private session: Session | undefined;
  private sessionsStarted = 0;
  private consecutiveFailures = 0;
  private lastCommitMs = 0;
  private cancelTimer: (() => void) | undefined;
  private recovery: Promise<void> | undefined;
  private stopPromise: Promise<void> | undefined;
  /** Resolves when stop() is called: cuts a recovery backoff short. */
  private readonly stopRequested: Promise<void>;
  private requestStop!: () => void;
  private settle!: { resolve: () => void; reject: (err: Error) => void };
  /** The state the cycle_state gauge shows. */
  private shown: CycleState = 'idle';
  readonly done: Promise<void>;
  /** Why it stopped for good without being asked to (a lost position), for health(). */
  private fatal: string | undefined;

  constructor(private readonly o: ResolvedProcessorOptions) {
    this.lifecycle = new Lifecycle((from, event, to) => {
      o.logger.debug('processor lifecycle', { from, event, to });
      this.show();
    });
    o.metrics.cycleState.set({ state: 'idle' }, 1);
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => undefined); // the rejection is for whoever awaits `done`, not an unhandled one
    this.stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));
  }

  async start(): Promise<void> {
    if (!this.lifecycle.can('start')) throw new Error('processor already started');
    this.lifecycle.fire('start');
    this.lastCommitMs = this.o.clock.nowMs();
    this.cancelTimer = this.o.clock.every(tickMs(this.o.commitIntervalMs), () => this.session?.tick());
    const session = this.begin('idle');
    try {
      await session.start();
    } catch (err) {
      if (this.lifecycle.state !== 'starting') throw err; // stop() came in meanwhile
      if (isPositionLost(err)) this.fatal = errorText(err);
      if (!session.isClosed()) {
        // Unknown topic, group locked by another process: a start failure for the caller.
        this.cancelTimer();
        this.lifecycle.fire('start_failed');
        await session.close();
        throw err;
      }
      // The checkpoint could not be loaded: the recovery retries with backoff, and
      // `done` rejects if it gives up.
      this.o.logger.warn('first checkpoint load failed; recovering', { err });
    }
    if (this.lifecycle.state !== 'starting') return;
    // Checked and fired in one step: a failure reported later finds `running`.
    if (session.isClosed()) return this.beginRecovery();
    this.lifecycle.fire('started');
    this.o.logger.info('consuming', { topic: this.o.topics.events, groupId: this.o.groupId });
  }

  stop(): Promise<void> {
    this.stopPromise ??= this.shutdown();
    return this.stopPromise;
  }

  stats(): ProcessorStats {
    const partitions = this.session ? [...this.session.partitions()] : [];
    return {
      ...this.tally,
      batches: { ...this.tally.batches },
      state: this.shownState(),
      pendingRows: this.session?.pendingRows ?? 0,
      partitions: partitions
        .map((p) => ({
          partition: p.partition,
          nextOffset: p.nextOffset,
          committedOffset: p.committedOffset,
          lag: p.highWatermark - p.nextOffset,
        }))
        .sort((a, b) => a.partition - b.partition),
    };
  }

  health(): { ok: boolean; detail: string } {
    if (this.fatal !== undefined) return { ok: false, detail: this.fatal };
    const state = this.shownState();
    const ok = this.lifecycle.state === 'running' && (state === 'idle' || state === 'aggregating' || state === 'committing');
    return { ok, detail: `commit cycle ${state}` };
  }

  async erasePlayers<T>(
    playerIds: readonly string[],
    eventsEnd: readonly TopicPartitionOffset[],
    erase: () => Promise<T>,
    options: EraseOptions = {},
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const deadline = this.o.clock.nowMs() + timeoutMs;
    const ends = eventsEnd.filter((e) => e.topic === this.o.topics.events && e.offset > 0);
    for (;;) {
      if (this.ending() || options.signal?.aborted) throw new ProcessorError('GP_PROCESSOR_ERASE_BEHIND', 'stopping');
      // Whichever session is current: one that fails meanwhile leaves it to the next.
      const erased = await this.session?.erasePlayers(playerIds, ends, erase);
      if (erased) return erased.value;
      if (this.o.clock.nowMs() >= deadline) {
        throw new ProcessorError(
          'GP_PROCESSOR_ERASE_BEHIND',
          `events not folded up to ${ends.map((e) => `${e.partition}@${e.offset}`).join(', ')} within ${timeoutMs} ms`,
        );
      }
      await this.o.clock.sleep(ERASE_POLL_MS);
    }
  }

  // ── what sessions report ─────────────────────────────────────────────────────────

  sessionFailed(session: Session): void {
    // Starting or recovering: start() or the recovery loop finds the session closed.
    // Stopping: stop() reports it. Any other session than the current one is history.
    if (session === this.session && this.lifecycle.state === 'running') this.beginRecovery();
  }

  sessionCommitted(session: Session, atMs: number): void {
    if (session !== this.session) return;
    this.lastCommitMs = atMs;
    this.consecutiveFailures = 0;
  }

  cycleMoved(session: Session, from: CycleState, event: CycleEvent, to: CycleState): void {
    this.o.logger.debug('commit cycle', { session: session.id, from, event, to });
    if (session === this.session) this.show();
  }

  // ── sessions and recovery ────────────────────────────────────────────────────────

  /** Makes a new session the current one (not started yet). */
  private begin(cycle: 'idle' | 'recovering'): Session {
    this.sessionsStarted += 1;
    this.session = new Session(this.sessionsStarted, this.o, this.tally, this, { cycle, lastCommitMs: this.lastCommitMs });
    this.show();
    return this.session;
  }

  private beginRecovery(): void {
    this.lifecycle.fire('session_failed');
    this.recovery = this.recover();
  }

  /** Replaces the failed session until one consumes, stop() is called, or it gives up. */
  private async recover(): Promise<void> {
    while (this.lifecycle.state === 'recovering') {
      const current = this.session!;
      if (!current.isClosed()) {
        // Checked and fired in one step: a failure reported later finds `running`.
        this.lifecycle.fire('recovered');
        return;
      }
      this.consecutiveFailures += 1;
      if (isPositionLost(current.failure)) return this.giveUp(current, current.failure);
      if (this.consecutiveFailures > this.o.maxConsecutiveFailures) return this.giveUp(current);
      const backoffMs = Math.min(this.o.recoveryMaxBackoffMs, this.o.recoveryBackoffMs * 2 ** (this.consecutiveFailures - 1));
      await Promise.race([this.o.clock.sleep(backoffMs), this.stopRequested]);
      if (this.lifecycle.state !== 'recovering') return;
      // Current from here, so the state shown is `recovering` while the failed one closes.
      const next = this.begin('recovering');
      await current.close();
      this.tally.recoveries += 1;
      try {
        await next.start();
        this.o.metrics.recoveries.inc({ result: 'ok' });
        this.o.logger.info('recovered from the checkpoint', { attempt: this.consecutiveFailures, session: next.id });
      } catch (err) {
        this.o.metrics.recoveries.inc({ result: 'failed' });
        this.o.logger.error('recovery attempt failed', { attempt: this.consecutiveFailures, session: next.id, err });
        next.fail('GP_PROCESSOR_CHECKPOINT_FAILED', err); // nothing if it reported its checkpoint load already
      }
    }
  }

  private async giveUp(session: Session, cause?: unknown): Promise<void> {
    const error =
      cause !== undefined
        ? (cause as Error)
        : new ProcessorError('GP_PROCESSOR_RECOVERY_EXHAUSTED', `${this.o.maxConsecutiveFailures} failures in a row`);
    if (cause !== undefined) this.fatal = errorText(cause);
    this.o.logger.error('processor giving up', { code: (error as { code?: unknown }).code, err: cause });
    this.lifecycle.fire('give_up');
    this.cancelTimer?.();
    await session.close();
    this.settle.reject(error);
  }

  // ── shutdown ─────────────────────────────────────────────────────────────────────

  private async shutdown(): Promise<void> {
    this.requestStop();
    if (!this.lifecycle.can('stop')) {
      // Ended already: gave up (`done` rejected), or start() failed.
      await this.recovery;
      this.settle.resolve();
      return;
    }
    this.lifecycle.fire('stop');
    this.cancelTimer?.();
    await this.recovery;
    // Ending failed means the last commit (on revocation or the final one) failed, or a
    // recovery was cut short: nothing is lost — positions did not move past the
    // discarded work — but the caller should know the work is not committed.
    const endedFailed = (await this.session?.stop()) ?? false;
    this.lifecycle.fire('stopped');
    this.o.logger.info('processor stopped', { ...this.tally, endedFailed });
    this.settle.resolve();
    if (endedFailed) throw new ProcessorError('GP_PROCESSOR_COMMIT_FAILED', 'stopped with uncommitted work discarded');
  }

  // ── the state shown ──────────────────────────────────────────────────────────────

  private ending(): boolean {
    const state = this.lifecycle.state;
    return state === 'stopping' || state === 'stopped' || state === 'failed';
  }

  private shownState(): CycleState {
    const state = this.lifecycle.state;
    if (state === 'stopped' || state === 'failed') return 'stopped';
    return this.session?.state() ?? 'idle';
  }

  private show(): void {
    const state = this.shownState();
    if (state === this.shown) return;
    this.o.metrics.cycleState.set({ state: this.shown }, 0);
    this.o.metrics.cycleState.set({ state }, 1);
    this.shown = state;
  }
}
