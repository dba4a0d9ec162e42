/**
 * Everything the processor holds that is not committed yet: per assigned partition its
 * state, position, rollup deltas and dead letters (partition-state.ts). A commit takes
 * the changed partitions as `PartitionCommit`s; a failure discards all of it (the
 * checkpoint is the truth again). Counters that outlive a failure (for stats and
 * metrics) live in `Tally`.
 */
import type { ConsumedRecord, PartitionBatch } from '@gamepulse/log';
import type { Logger } from '@gamepulse/service';
import type { IngestedBatchData } from '@gamepulse/proto';
import { foldBatch, type FoldResult } from './aggregate/fold-batch.ts';
import { foldBatchPlain } from './aggregate/fold-batch-plain.ts';
import { DEFAULT_REPORTING, type ReportingConverter } from './fx/reporting-currency.ts';
import { admitBatch, type StreamKey } from './dedup/install-dedup.ts';
import { isFolded, type BatchIdentity, type DedupVerdict } from './dedup/install-window.ts';
import type { ProcessorMetrics } from './metrics.ts';
import type { ProcessorAnalytics } from './options.ts';
import { forgetPlayers, hasChanges, takePartition, type PartitionState } from './partition-state.ts';
import { deadLetterOf, decodeRecord } from './record.ts';
import type { PartitionCommit } from './sink/types.ts';
import { DEFAULT_ALLOWED_LATENESS_MS, DEFAULT_MAX_FUTURE_MS, type LatenessRule } from './windows/watermark.ts';

/** Process-lifetime counts behind `stats()`. */
export interface Tally {
  events: number;
  eventsCommitted: number;
  poisonRecords: number;
  commits: number;
  commitFailures: number;
  recoveries: number;
  /** Batches by dedup verdict (dedup/install-window.ts). */
  batches: Record<DedupVerdict, number>;
}

export function emptyTally(): Tally {
  return {
    events: 0,
    eventsCommitted: 0,
    poisonRecords: 0,
    commits: 0,
    commitFailures: 0,
    recoveries: 0,
    batches: { new: 0, duplicate: 0, collision: 0, split_duplicate: 0, too_old: 0 },
  };
}

/** A commit's content (one part per changed partition), and the events it makes durable. */
export interface TakenCommit {
  parts: PartitionCommit[];
  events: number;
  rows: number;
  state: number;
  deadLetters: number;
}

export class PendingWork {
  readonly partitions = new Map<number, PartitionState>();
  /** One accepted batch into its partition's deltas: the full or the plain fold, chosen once. */
  private readonly fold: (ps: PartitionState, batch: IngestedBatchData, appendedAtMs: number) => FoldResult;

  constructor(
    private readonly topic: string,
    private readonly tally: Tally,
    private readonly metrics: ProcessorMetrics,
    private readonly logger: Logger,
    private readonly lateness: LatenessRule = { allowedLatenessMs: DEFAULT_ALLOWED_LATENESS_MS, maxFutureMs: DEFAULT_MAX_FUTURE_MS },
    private readonly reporting: ReportingConverter = DEFAULT_REPORTING,
    analytics: ProcessorAnalytics = 'full',
  ) {
    this.fold =
      analytics === 'plain'
        ? (ps, batch, appendedAtMs) => foldBatchPlain(batch, ps.acc, ps, appendedAtMs)
        : (ps, batch, appendedAtMs) =>
            foldBatch(batch, ps.acc, ps, appendedAtMs, { watermark: ps.watermark, rule: this.lateness }, this.reporting);
  }

  /** Whether a commit would write anything now. */
  hasChanges(): boolean {
    for (const p of this.partitions.values()) if (hasChanges(p)) return true;
    return false;
  }

  /** Rows + player windows + dead letters a commit would write now. */
  get pendingRows(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.acc.pendingRows + p.deadLetters.length;
    return n;
  }

  /** Step facts a commit would write now (counted apart from `pendingRows`: options.ts, `maxPendingStepRows`). */
  get pendingStepRows(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.acc.pendingStepRows;
    return n;
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
      ps.deadLetters.push(decoded.deadLetter);
      this.tally.poisonRecords += 1;
      this.metrics.poisonRecords.inc({ code: decoded.code });
      this.logger.warn('poison record dead-lettered', { code: decoded.code, partition: rec.partition, offset: rec.offset });
      return;
    }
    const { stream, identity } = decoded;
    const verdict = admitBatch(ps.dedup, stream, identity);
    this.tally.batches[verdict] += 1;
    this.metrics.batches.inc({ verdict });
    if (verdict === 'collision')
      this.logger.warn('batch sequence reused by a different batch: counted as a new batch', batchFields(stream, identity, rec));
    else if (verdict === 'too_old') {
      // Nothing tells a late re-send from a first delivery here: keep it, uncounted.
      const message = `install "${stream.installId}" of game "${stream.gameId}", stream ${stream.streamId}, batch_sequence ${identity.seq}`;
      ps.deadLetters.push(deadLetterOf(rec, 'GP_PROCESSOR_BATCH_TOO_OLD', message, decoded.batch.keyId ?? ''));
      this.logger.warn('batch older than the dedup window dead-lettered', {
        code: 'GP_PROCESSOR_BATCH_TOO_OLD',
        ...batchFields(stream, identity, rec),
      });
    }
    if (!isFolded(verdict)) return;
    const folded = this.fold(ps, decoded.batch, rec.timestampMs);
    this.tally.events += folded.events;
    this.metrics.events.inc(folded.events);
    if (folded.timeFallbacks > 0) this.metrics.eventTimeFallbacks.inc(folded.timeFallbacks);
    if (folded.lateEvents > 0) this.metrics.lateEvents.inc(folded.lateEvents);
    if (folded.futureClamped > 0) this.metrics.futureClamped.inc(folded.futureClamped);
    if (folded.unknownCurrencies)
      for (const [currency, n] of Object.entries(folded.unknownCurrencies)) this.metrics.fxUnknown.inc({ currency }, n);
  }

  /**
   * Everything pending, one part per changed partition: deltas, dead letters, changed
   * state and moved positions. Deltas and dead letters are handed over (the partitions
   * restart empty); positions count as committed only after `committed()`.
   */
  take(): TakenCommit {
    const taken: TakenCommit = { parts: [], events: 0, rows: 0, state: 0, deadLetters: 0 };
    for (const p of this.partitions.values()) {
      if (!hasChanges(p)) continue;
      const part = takePartition(p);
      taken.parts.push(part);
      taken.events += part.events;
      taken.rows += part.rollups.length + part.players.length + (part.steps?.length ?? 0);
      taken.state += part.state.length;
      taken.deadLetters += part.deadLetters.length;
    }
    return taken;
  }

  /** A partition assigned to this processor, as restored from the checkpoint. */
  restore(state: PartitionState): void {
    this.partitions.set(state.partition, state);
    this.metrics.committedOffset.set({ partition: String(state.partition) }, state.committedOffset);
  }

  /** The last `take` is durable: its positions are the stored ones now. */
  committed(parts: readonly PartitionCommit[]): void {
    for (const part of parts) {
      const p = this.partitions.get(part.partition);
      if (!p) continue;
      p.committedOffset = part.nextOffset;
      this.metrics.committedOffset.set({ partition: String(p.partition) }, p.committedOffset);
    }
  }

  /** Drops the players' per-player state from every held partition (erased in the store already). */
  forgetPlayers(playerIds: readonly string[]): number {
    let n = 0;
    for (const p of this.partitions.values()) n += forgetPlayers(p, playerIds);
    return n;
  }

  /** Partitions taken away (after their work was committed). */
  drop(partition: number): void {
    if (!this.partitions.delete(partition)) return;
    this.metrics.lagRecords.remove({ partition: String(partition) });
    this.metrics.committedOffset.remove({ partition: String(partition) });
  }

  /** Forgets everything uncommitted, partitions included: they are re-assigned from the checkpoint. */
  discard(): void {
    this.partitions.clear();
    this.metrics.lagRecords.reset();
    this.metrics.committedOffset.reset();
  }
}

/** The log fields naming one batch and where it was read; built only for the rare lines (collision, too_old), never per batch. */
function batchFields(stream: StreamKey, identity: BatchIdentity, rec: ConsumedRecord): Record<string, unknown> {
  return {
    game: stream.gameId,
    install: stream.installId,
    stream: stream.streamId,
    sequence: identity.seq,
    partition: rec.partition,
    offset: rec.offset,
  };
}
