/**
 * Where the processor's output goes: one interface, two implementations.
 *  - `storeSink` (embedded default): a `RollupSink` (DuckDB) — every partition's rows,
 *    state and positions in ONE database transaction, conditional on the stored
 *    positions.
 *  - `kafkaTransactionSink` (Kafka / Redpanda): per input partition one Kafka
 *    transaction — rollup rows to the rollups topic, state changes to the changelog
 *    partition of the same number, dead letters, and the input offset
 *    (sendOffsetsToTransaction) — fenced by the partition's stable transactional id.
 * Both are all-or-nothing per partition; the processor treats any failure the same way
 * (discard uncommitted state, reload with `assign`).
 */
import type { Checkpoint, StateEntry } from '@gamepulse/store';
import type { DeadLetterData, PlayerStepData, PlayerWindowData, RollupRowData } from '@gamepulse/proto';

/** Everything one input partition has to commit. */
export interface PartitionCommit {
  topic: string;
  partition: number;
  /** The position stored before this commit: where the work started (the commit's condition). */
  fromOffset: number;
  /** The next offset to read once this is committed. */
  nextOffset: number;
  rollups: RollupRowData[];
  players: PlayerWindowData[];
  /** Per-player step facts (player funnels); absent = none. */
  steps?: PlayerStepData[];
  deadLetters: DeadLetterData[];
  /** Changed dedup windows and first-seen days of this partition. */
  state: StateEntry[];
  /** Events behind the rows (for metrics). */
  events: number;
}

export interface ProcessorSink {
  /** 'store' commits all partitions in one transaction; 'kafka' one transaction per partition. */
  readonly kind: 'store' | 'kafka';
  /**
   * Takes ownership of input partitions and returns their checkpoint: where each one
   * resumes and its state. Kafka: fences older owners first (rule 2 of
   * @gamepulse/log's transactions.ts), then reads the committed offsets and the
   * changelog. Throws when the checkpoint cannot be read.
   */
  assign(topic: string, partitions: number[]): Promise<Checkpoint>;
  /** Commits the parts; throws on failure (then each part is either wholly committed or not at all). */
  commit(parts: PartitionCommit[]): Promise<void>;
  /** Partitions given up after their last commit: release what holds them (producers). */
  release(partitions: number[]): Promise<void>;
  /** Releases everything. Safe to call twice. */
  close(): Promise<void>;
}

export function isProcessorSink(x: unknown): x is ProcessorSink {
  return typeof (x as Partial<ProcessorSink>)?.assign === 'function' && typeof (x as Partial<ProcessorSink>).release === 'function';
}
