/**
 * The analytics store, seen from two sides:
 *  - `RollupSink`: how the processor (or a loader of the rollups topic) writes, with
 *    its input positions and state in the same atomic commit — exactly-once.
 *  - `Store`: how the KPI library, the query API and the console read.
 * The embedded default (DuckDB) implements both; Druid implements `Store` and is fed
 * by its Kafka supervisor from the rollups topic.
 */
import type { DeadLetterData, PlayerStepData, PlayerWindowData, RollupRowData } from '@gamepulse/proto';

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
  /** Per-player step facts (player funnels); absent = none. */
  steps?: PlayerStepData[];
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

/**
 * One player deletion request to act on (privacy: right to erasure), as recorded by the
 * collector on the deletions topic (`DeletionRequest` in topics.proto).
 */
export interface PlayerDeletion {
  requestId: string;
  gameId: string;
  playerId: string;
  /** '' when the request named none. */
  installId: string;
  /** 'sdk' or 'admin'. */
  source: string;
  keyId: string;
  requestedAtMs: number;
}

/**
 * Deletion requests applied in ONE transaction together with the deletions consumer's
 * position that moves past them (and the dead letters of undecodable requests), so each
 * request is applied, and audited, exactly once.
 */
export interface DeletionCommit {
  /** The deletions consumer: owner of `positions`, and `processed_by` in the audit. */
  consumer: string;
  deletions: PlayerDeletion[];
  /**
   * Per-player processor state to erase with the rows: entries of `consumer` (the
   * processor's group) in these namespaces whose key is the player id, on every
   * partition. Omitted where the store holds no processor state (the loader's store).
   */
  state?: { consumer: string; namespaces: string[] };
  positions: Position[];
  /** Compare-and-set, as in `RollupCommit.expectedPositions`. */
  expectedPositions?: Position[];
  deadLetters: DeadLetterData[];
  /** When the requests were applied: the audit's `processed_at`. */
  processedAtMs: number;
}

/** What one request deleted. */
export interface DeletionOutcome {
  requestId: string;
  gameId: string;
  playerRows: number;
  /** Rows of the player's step facts (`player_steps`) deleted. */
  stepRows: number;
  stateEntries: number;
}

/** A store that can erase players (DuckDB: the tables with player ids are player_windows and player_steps). */
export interface PlayerEraser {
  loadCheckpoint(consumer: string, partitions?: number[]): Promise<Checkpoint>;
  /** Applies the commit in one transaction; throws on failure: nothing was written. */
  erasePlayers(commit: DeletionCommit): Promise<DeletionOutcome[]>;
}

/** What one commit changed in a store: what a live view needs to know it should re-read. */
export interface StoreChange {
  /** `commit` (rollups and player rows) or `erase` (deletion requests applied). */
  kind: 'commit' | 'erase';
  /** The committing consumer (a processor's group id, the loader's, the deletions consumer's). */
  consumer: string;
  /** Rows written: rollups + player rows for a commit, erased player rows for an erase. */
  rows: number;
  /** The latest window start among the commit's rollups, epoch ms; absent when it had none. */
  maxWindowStartMs?: number;
  /** When the store applied it, epoch ms. */
  atMs: number;
}

/**
 * A store that tells when its data changed (DuckDB: after each commit's transaction).
 * Listeners run synchronously after the transaction; one that throws is logged and
 * never fails the commit.
 */
export interface ChangeFeed {
  /** Calls `listener` after each change; returns the unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void;
}

/** True for a store that implements `ChangeFeed`. */
export function hasChangeFeed(value: object): value is ChangeFeed {
  return typeof (value as Partial<ChangeFeed>).onChange === 'function';
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
