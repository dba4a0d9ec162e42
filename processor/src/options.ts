/**
 * The processor's options: documented defaults, resolved once (every field required
 * afterwards) and clamped, so the rest of the code never sees an undefined.
 */
import type { RollupSink } from '@gamepulse/store';
import { isProcessorSink, type ProcessorSink } from './sink/types.ts';
import { storeSink } from './sink/store-sink.ts';
import { topicNames, type Log, type TopicNames } from '@gamepulse/log';
import { createLogger, Registry, type Logger } from '@gamepulse/service';
import { systemClock, type Clock } from './clock.ts';
import { DEFAULT_SESSION_GAP_MS } from './aggregate/activity.ts';
import { createProcessorMetrics, type ProcessorMetrics } from './metrics.ts';
import { DEFAULT_ALLOWED_LATENESS_MS, DEFAULT_MAX_FUTURE_MS } from './windows/watermark.ts';
import { DEFAULT_REPORTING, type ReportingConverter } from './fx/reporting-currency.ts';

/**
 * Which facts the fold computes (processor/README.md, "Analytics: full or plain"):
 * 'full' everything of the live-ops analytics; 'plain' only the base rollup and player
 * rows (aggregate/fold-batch-plain.ts says what is left out).
 */
export type ProcessorAnalytics = 'full' | 'plain';

export interface ProcessorOptions {
  log: Log;
  /**
   * Where output goes: a `RollupSink` (a store: everything in one transaction, e.g.
   * DuckDB) or a `ProcessorSink` such as `kafkaTransactionSink` (one Kafka transaction
   * per input partition).
   */
  sink: RollupSink | ProcessorSink;
  /** Only `events` is read. @default topicNames() */
  topics?: Pick<TopicNames, 'events'>;
  /** Consumer group, and the owner of the checkpoint in the sink. @default 'processor' */
  groupId?: string;
  /** Commit at least this often while there are deltas (bounds end-to-end latency). @default 1000 */
  commitIntervalMs?: number;
  /** Commit early once this many rows + player windows + dead letters wait (bounds memory and commit size). @default 50_000 */
  maxPendingRows?: number;
  /**
   * Commit early once this many step facts (`PlayerStep`, full analytics) wait. Their own
   * budget, not part of `maxPendingRows`: a live-ops fold makes about as many step facts
   * as rollup rows, and counting them there made a busy processor commit about twice as
   * often as plain rollups for the same events (docs/performance.md, "Live-ops analytics").
   * @default 3 × maxPendingRows
   */
  maxPendingStepRows?: number;
  /**
   * Fold the next batches while a commit is being written (at most one commit in
   * flight; a failed commit discards them too). On a store sink the JS thread otherwise
   * waits for DuckDB's INSERT and COMMIT — about a third of the processor's time under
   * load. Kafka sinks keep strict alternation: their per-partition transactions and
   * producer fencing on failure were proven that way (chaos tests).
   * @default true for a store (`RollupSink`), false for a `ProcessorSink`
   */
  overlapCommits?: boolean;
  /** Records per onBatch call. @default 5000 (the log's default) */
  maxBatchRecords?: number;
  /** How long a fetch waits for records. @default 100 */
  maxWaitMs?: number;
  /** First wait before reloading the checkpoint after a failure; doubles each attempt. @default 100 */
  recoveryBackoffMs?: number;
  /** @default 30_000 */
  recoveryMaxBackoffMs?: number;
  /**
   * Failures in a row (no successful commit in between) before the processor gives up,
   * rejects `done` and leaves the restart to the supervisor. @default 10
   */
  maxConsecutiveFailures?: number;
  /** @default systemClock */
  clock?: Clock;
  /** @default a JSON logger with service 'processor' */
  logger?: Logger;
  /** @default metrics on a private registry (not exported anywhere) */
  metrics?: ProcessorMetrics;
  /**
   * A stored position below the events topic's log start (events removed unread by
   * retention) stops the processor at once (GP_LOG_POSITION_LOST: `done` rejects, health
   * not ok, no recovery attempts); true resumes at the log start instead, logged and
   * counted — an operator's decision (log/README.md, "Gaps"). @default false
   */
  acceptPositionGaps?: boolean;
  /**
   * Late data (windows/watermark.ts, README "Late data"): an event older than its
   * partition's largest event time minus this is counted in its own window and
   * flagged late. @default 600_000 (10 minutes)
   */
  allowedLatenessMs?: number;
  /**
   * An event time more than this after its batch's receive time is clamped to the
   * receive time (a clock-skewed client cannot open future windows). @default 300_000
   */
  maxFutureMs?: number;
  /**
   * Inactivity after which an install's next event opens a new session (sessions by
   * inactivity gap: aggregate/activity.ts). @default 1_800_000 (30 minutes)
   */
  sessionGapMs?: number;
  /**
   * Converts purchases into each game's reporting currency at fold time
   * (`createReportingConverter`, fx/reporting-currency.ts).
   * @default USD for every game, the built-in default rates
   */
  reporting?: ReportingConverter;
  /**
   * 'plain' folds only the base rollups (no step facts, gap sessions, progress rank,
   * reporting currency, watermark, region): for operators who want only those, and the
   * bench's comparison. @default 'full'
   */
  analytics?: ProcessorAnalytics;
}

export type ResolvedProcessorOptions = Omit<Required<ProcessorOptions>, 'sink'> & { sink: ProcessorSink };

export function resolveOptions(o: ProcessorOptions): ResolvedProcessorOptions {
  const commitIntervalMs = Math.max(1, o.commitIntervalMs ?? 1000);
  const recoveryBackoffMs = Math.max(1, o.recoveryBackoffMs ?? 100);
  const groupId = o.groupId ?? 'processor';
  const maxPendingRows = Math.max(1, o.maxPendingRows ?? 50_000);
  return {
    log: o.log,
    sink: isProcessorSink(o.sink) ? o.sink : storeSink(o.sink, groupId),
    topics: o.topics ?? topicNames(),
    groupId,
    commitIntervalMs,
    maxPendingRows,
    maxPendingStepRows: Math.max(1, o.maxPendingStepRows ?? 3 * maxPendingRows),
    overlapCommits: o.overlapCommits ?? !isProcessorSink(o.sink),
    maxBatchRecords: Math.max(1, o.maxBatchRecords ?? 5000),
    maxWaitMs: Math.max(0, o.maxWaitMs ?? 100),
    recoveryBackoffMs,
    recoveryMaxBackoffMs: Math.max(recoveryBackoffMs, o.recoveryMaxBackoffMs ?? 30_000),
    maxConsecutiveFailures: Math.max(1, o.maxConsecutiveFailures ?? 10),
    clock: o.clock ?? systemClock,
    logger: o.logger ?? createLogger({ service: 'processor' }),
    metrics: o.metrics ?? createProcessorMetrics(new Registry()),
    acceptPositionGaps: o.acceptPositionGaps ?? false,
    allowedLatenessMs: Math.max(0, o.allowedLatenessMs ?? DEFAULT_ALLOWED_LATENESS_MS),
    maxFutureMs: Math.max(0, o.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS),
    sessionGapMs: Math.max(1, o.sessionGapMs ?? DEFAULT_SESSION_GAP_MS),
    reporting: o.reporting ?? DEFAULT_REPORTING,
    analytics: o.analytics ?? 'full',
  };
}

/** How often the idle timer checks whether the interval passed: a quarter of it, within [10 ms, 1 s]. */
export function tickMs(commitIntervalMs: number): number {
  return Math.min(1000, Math.max(10, Math.floor(commitIntervalMs / 4)));
}
