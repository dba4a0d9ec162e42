/**
 * The processor's Prometheus metrics. Created on the process's registry by `main`;
 * tests and benchmarks pass a registry of their own.
 */
import { Counter, Gauge, Histogram, LATENCY_BUCKETS_S, type Registry } from '@gamepulse/service';
import { positionGapCounter, type PositionGap } from '@gamepulse/log';

/** Rows per commit, from a trickle to the `maxPendingRows` cap and beyond. */
const ROWS_BUCKETS = [0, 10, 100, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000];

export interface ProcessorMetrics {
  /** Events of folded batches (verdicts new and collision) in rollups. */
  events: Counter<string>;
  /** Events whose rows are committed: `events - eventsCommitted` is what a crash would redo. */
  eventsCommitted: Counter<string>;
  /** Batches by dedup verdict (dedup/install-window.ts): new | duplicate | collision | split_duplicate | too_old. */
  batches: Counter<'verdict'>;
  /** Records that could not be processed and went to dead letters, by code. */
  poisonRecords: Counter<'code'>;
  /** Events windowed by receive time because their client timestamp was unusable. */
  eventTimeFallbacks: Counter<string>;
  /** Events behind their partition's watermark: counted in their own window, flagged late (windows/watermark.ts). */
  lateEvents: Counter<string>;
  /** Events dated after their batch's receive time + maxFutureMs: clamped to the receive time. */
  futureClamped: Counter<string>;
  /** Purchases in a currency without an exchange rate, converted to the reporting currency as 0 (fx/). */
  fxUnknown: Counter<'currency'>;
  commitSeconds: Histogram<string>;
  commitRows: Histogram<string>;
  commits: Counter<'result'>;
  recoveries: Counter<'result'>;
  /** Per partition: highWatermark - nextOffset as of the last fetched batch. */
  lagRecords: Gauge<'partition'>;
  /** Per partition: the next offset stored in the sink (what a restart resumes from). */
  committedOffset: Gauge<'partition'>;
  /** 1 for the commit cycle's current state, 0 for the others. */
  cycleState: Gauge<'state'>;
  /** Counts a stored position found below the log start (gamepulse_log_position_gaps_total). */
  positionGaps: (gap: PositionGap) => void;
}

export function createProcessorMetrics(registry: Registry): ProcessorMetrics {
  const registers = [registry];
  return {
    events: new Counter({
      name: 'gamepulse_processor_events_total',
      help: 'Events of folded batches (dedup verdicts new, collision)',
      registers,
    }),
    eventsCommitted: new Counter({
      name: 'gamepulse_processor_events_committed_total',
      help: 'Events whose rollups are committed to the sink',
      registers,
    }),
    batches: new Counter({
      name: 'gamepulse_processor_batches_total',
      help: 'Input batches by dedup verdict (new, collision: folded; duplicate, split_duplicate: dropped; too_old: dead-lettered)',
      labelNames: ['verdict'],
      registers,
    }),
    poisonRecords: new Counter({
      name: 'gamepulse_processor_poison_records_total',
      help: 'Input records dead-lettered by the processor, by code',
      labelNames: ['code'],
      registers,
    }),
    eventTimeFallbacks: new Counter({
      name: 'gamepulse_processor_event_time_fallbacks_total',
      help: 'Events windowed by receive time: unusable client timestamp',
      registers,
    }),
    lateEvents: new Counter({
      name: 'gamepulse_processor_late_events_total',
      help: 'Events older than their partition watermark (largest event time minus allowed lateness): counted in their own window, flagged late',
      registers,
    }),
    futureClamped: new Counter({
      name: 'gamepulse_processor_future_clamped_total',
      help: 'Events dated after their batch receive time plus maxFutureMs: windowed at the receive time',
      registers,
    }),
    fxUnknown: new Counter({
      name: 'gamepulse_processor_fx_unknown_total',
      help: 'Purchases in a currency without an exchange rate (counted in their own currency; 0 in the reporting currency)',
      labelNames: ['currency'],
      registers,
    }),
    commitSeconds: new Histogram({
      name: 'gamepulse_processor_commit_seconds',
      help: 'Duration of one sink commit',
      buckets: LATENCY_BUCKETS_S,
      registers,
    }),
    commitRows: new Histogram({
      name: 'gamepulse_processor_commit_rows',
      help: 'Rollup rows plus player windows per commit',
      buckets: ROWS_BUCKETS,
      registers,
    }),
    commits: new Counter({
      name: 'gamepulse_processor_commits_total',
      help: 'Sink commits by result (ok, failed)',
      labelNames: ['result'],
      registers,
    }),
    recoveries: new Counter({
      name: 'gamepulse_processor_recoveries_total',
      help: 'Checkpoint reloads after a failure, by result',
      labelNames: ['result'],
      registers,
    }),
    lagRecords: new Gauge({
      name: 'gamepulse_processor_lag_records',
      help: 'Records behind the end of each input partition',
      labelNames: ['partition'],
      registers,
    }),
    committedOffset: new Gauge({
      name: 'gamepulse_processor_committed_offset',
      help: 'Next offset of each input partition as committed to the sink',
      labelNames: ['partition'],
      registers,
    }),
    cycleState: new Gauge({
      name: 'gamepulse_processor_cycle_state',
      help: 'Commit cycle state (1 = current)',
      labelNames: ['state'],
      registers,
    }),
    positionGaps: positionGapCounter(registry),
  };
}
