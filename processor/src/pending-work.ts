/**
 * Everything the processor holds that is not committed yet: the assigned partitions'
 * state and positions, the rollup deltas, the dead letters. A commit takes it as one
 * `RollupCommit`; a failure discards all of it (the checkpoint is the truth again).
 * Counters that outlive a failure (for stats and metrics) live in `Tally`.
 */
import type { RollupCommit } from '@gamepulse/druid';
import type { ConsumedRecord, PartitionBatch } from '@gamepulse/log';
import type { DeadLetterData } from '@gamepulse/proto';
import type { Logger } from '@gamepulse/service';
import { RollupAccumulator } from './aggregate/accumulator.ts';
import { foldBatch } from './aggregate/fold-batch.ts';
import { admitBatch } from './dedup/install-dedup.ts';
import type { ProcessorMetrics } from './metrics.ts';
import { takeChanges, type PartitionState } from './partition-state.ts';
import { decodeRecord } from './record.ts';

/** Process-lifetime counts behind `stats()`. */
export interface Tally {
  events: number;
  eventsCommitted: number;
  poisonRecords: number;
  commits: number;
  commitFailures: number;
  recoveries: number;
  batches: { new: number; duplicate: number; too_old: number };
}

export function emptyTally(): Tally {
  return { events: 0, eventsCommitted: 0, poisonRecords: 0, commits: 0, commitFailures: 0, recoveries: 0, batches: { new: 0, duplicate: 0, too_old: 0 } };
}

/** A commit's content, and the events it makes durable. */
export interface TakenCommit {
  commit: RollupCommit;
  events: number;
  rows: number;
}

export class PendingWork {
  readonly partitions = new Map<number, PartitionState>();
  private readonly acc = new RollupAccumulator();
  private deadLetters: DeadLetterData[] = [];

  constructor(
    private readonly topic: string,
    private readonly tally: Tally,
    private readonly metrics: ProcessorMetrics,
    private readonly logger: Logger,
  ) {}

  /** Rows + player windows + dead letters a commit would write now. */
  get pendingRows(): number {
    return this.acc.pendingRows + this.deadLetters.length;
  }

  /**
   * Whether `batch` would change anything (records to look at, or a position to move):
   * the caller moves the commit cycle to `aggregating` before `apply`. Throws for a
   * partition without restored state — its dedup state is unknown; never guess.
   */
  changes(batch: PartitionBatch): boolean {
    if (batch.topic !== this.topic) return false;
    const ps = this.partitions.get(batch.partition);
    if (!ps) throw new Error(`batch for partition ${batch.partition}, which was not assigned`);
    return batch.records.length > 0 || batch.nextOffset > ps.nextOffset;
  }

  apply(batch: PartitionBatch): void {
    const ps = this.partitions.get(batch.partition);
    if (batch.topic !== this.topic || !ps) return;
    ps.highWatermark = batch.highWatermark;
    for (const rec of batch.records) {
      if (rec.offset < ps.nextOffset) continue; // delivered again: folded already
      this.applyRecord(ps, rec);
    }
    if (batch.nextOffset > ps.nextOffset) ps.nextOffset = batch.nextOffset;
    this.metrics.lagRecords.set({ partition: String(ps.partition) }, Math.max(0, ps.highWatermark - ps.nextOffset));
  }

  private applyRecord(ps: PartitionState, rec: ConsumedRecord): void {
    const decoded = decodeRecord(rec);
    if (!decoded.ok) {
      this.deadLetters.push(decoded.deadLetter);
      this.tally.poisonRecords += 1;
      this.metrics.poisonRecords.inc({ code: decoded.code });
      this.logger.warn('poison record dead-lettered', { code: decoded.code, partition: rec.partition, offset: rec.offset });
      return;
    }
    const verdict = admitBatch(ps.dedup, decoded.installId, decoded.batchSequence);
    this.tally.batches[verdict] += 1;
    this.metrics.batches.inc({ verdict });
    if (verdict !== 'new') return;
    const folded = foldBatch(decoded.batch, this.acc, ps.firstSeen, rec.timestampMs);
    this.tally.events += folded.events;
    this.metrics.events.inc(folded.events);
    if (folded.timeFallbacks > 0) this.metrics.eventTimeFallbacks.inc(folded.timeFallbacks);
  }

  /**
   * Everything pending as one commit: deltas, dead letters, changed state and moved
   * positions. Deltas and dead letters are handed over (the accumulator restarts
   * empty); positions count as committed only after `committed()`.
   */
  take(consumer: string): TakenCommit {
    const drained = this.acc.drain();
    const { positions, state } = takeChanges(this.partitions.values());
    const deadLetters = this.deadLetters;
    this.deadLetters = [];
    return {
      commit: { consumer, rollups: drained.rollups, players: drained.players, positions, state, deadLetters },
      events: drained.events,
      rows: drained.rollups.length + drained.players.length,
    };
  }

  /** A partition assigned to this processor, as restored from the checkpoint. */
  restore(state: PartitionState): void {
    this.partitions.set(state.partition, state);
    this.metrics.committedOffset.set({ partition: String(state.partition) }, state.committedOffset);
  }

  /** The last `take` is durable: its positions are the stored ones now. */
  committed(): void {
    for (const p of this.partitions.values()) {
      p.committedOffset = p.nextOffset;
      this.metrics.committedOffset.set({ partition: String(p.partition) }, p.committedOffset);
    }
  }

  /** Partitions taken away (after their work was committed). */
  drop(partition: number): void {
    if (!this.partitions.delete(partition)) return;
    this.metrics.lagRecords.remove({ partition: String(partition) });
    this.metrics.committedOffset.remove({ partition: String(partition) });
  }

  /** Forgets everything uncommitted, partitions included: they are re-assigned from the checkpoint. */
  discard(): void {
    this.acc.discard();
    this.deadLetters = [];
    this.partitions.clear();
    this.metrics.lagRecords.reset();
    this.metrics.committedOffset.reset();
  }
}
