/**
 * The processor: events topic → dedup → event-time windows → additive rollups, written
 * to the sink together with the input positions and the dedup / player state in ONE
 * commit (one store transaction in embedded mode; one Kafka transaction per input
 * partition in Kafka mode — see sink/types.ts). That commit is the exactly-once
 * boundary: after a crash the processor restarts from the last commit's positions with
 * the last commit's state, so every record is folded into committed rows exactly once.
 *
 * This file is the public face; the parts, one idea each:
 *  - supervisor.ts: the `Processor` — start, stop, stats, erasure; recovery by replacing
 *    a failed session with a new one (lifecycle.ts: its state machine);
 *  - session.ts: one consumer generation — consumer callbacks, folding, commits, with
 *    its own commit cycle (commit-cycle.ts: its state machine);
 *  - pending-work.ts, partition-state.ts: what a session holds per assigned partition.
 */
import type { TopicPartitionOffset } from '@gamepulse/log';
import type { CycleState } from './commit-cycle.ts';
import { resolveOptions, type ProcessorOptions } from './options.ts';
import type { Tally } from './pending-work.ts';
import { Supervisor } from './supervisor.ts';

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
  erasePlayers<T>(
    playerIds: readonly string[],
    eventsEnd: readonly TopicPartitionOffset[],
    erase: () => Promise<T>,
    options?: EraseOptions,
  ): Promise<T>;
  /** Resolves after `stop()`; rejects when the processor gave up after repeated failures. */
  readonly done: Promise<void>;
}

export interface EraseOptions {
  /** @default 60_000 */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export function createProcessor(options: ProcessorOptions): Processor {
  return new Supervisor(resolveOptions(options));
}
