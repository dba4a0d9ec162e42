/**
 * The analytics store, seen from two sides:
 *  - `RollupSink`: how the processor (or a loader of the rollups topic) writes, with
 *    its input positions and state in the same atomic commit — exactly-once.
 *  - `Store`: how the KPI library, the query API and the console read.
 * The embedded default (DuckDB) implements both; Druid implements `Store` and is fed
 * by its Kafka supervisor from the rollups topic.
 */
import type { DeadLetterData, PlayerWindowData, RollupRowData } from '@gamepulse/proto';

/** A consumer's next offset for one input partition. */
export interface Position {
  topic: string;
  partition: number;
  offset: number;
}

/**
 * A piece of processor state (e.g. one install's dedup window), scoped to the input
 * partition it belongs to so that it moves with the partition. `value` undefined
 * deletes the entry.
 */
export interface StateEntry {
  partition: number;
  namespace: string;
  key: string;
  value: Uint8Array | undefined;
}

/** What a consumer restarts from: its positions and its state. */
export interface Checkpoint {
  positions: Position[];
  state: StateEntry[];
}

/** One atomic commit: all of it becomes visible, or none of it. */
export interface RollupCommit {
  /** Identifies the writer, e.g. "processor" or "rollups-loader". */
  consumer: string;
  rollups: RollupRowData[];
  players: PlayerWindowData[];
  positions: Position[];
  state: StateEntry[];
  /**
   * Input records the writer could not process (undecodable: poison). Committed with
   * the positions that skip them, so each is dead-lettered exactly once.
   */
  deadLetters: DeadLetterData[];
  /**
   * Optional compare-and-set: for each listed topic-partition, the position this writer
   * started from (0 = nothing stored yet). If the stored position differs — another
   * owner moved it — the commit is refused with GP_STORE_POSITION_CONFLICT and nothing
   * is written. A writer that may briefly share a partition with another (a rebalance,
   * a zombie) lists every partition it commits.
   */
  expectedPositions?: Position[];
}

export interface RollupSink {
  /** Positions and state last committed by `consumer` for the given partitions (all when omitted). */
  loadCheckpoint(consumer: string, partitions?: number[]): Promise<Checkpoint>;
  /** Writes rows, positions and state in one transaction. Throws on failure: nothing was written. */
  commit(commit: RollupCommit): Promise<void>;
}

/** A SQL dialect's answer: rows as plain objects with JS numbers and strings. */
export type Row = Record<string, string | number | null>;

export interface Store {
  readonly engine: 'duckdb' | 'druid';
  /**
   * Runs SQL in this engine's dialect. The KPI library renders its queries per
   * dialect; nothing outside druid/ should build SQL by hand.
   */
  sql(query: string, params?: Array<string | number>): Promise<Row[]>;
  health(): Promise<{ ok: boolean; detail: string }>;
  close(): Promise<void>;
}
