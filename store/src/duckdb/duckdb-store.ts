/**
 * The embedded analytics store: one DuckDB database (file or memory) that is both the
 * processor's `RollupSink` and the KPI library's `Store`.
 *
 * Connections: one write connection, used by commits and checkpoint reads through a
 * serial queue (one transaction at a time), and a small pool of read connections for
 * `sql()`. DuckDB's MVCC gives every read a snapshot of the last committed state, so
 * queries neither wait for a commit nor see part of one.
 *
 * One process: DuckDB lets a single process open a file read-write (it holds a file
 * lock), so the query API must run in the process that writes — share this object.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AnalyticsError, isAnalyticsError } from '../errors.ts';
import { storeMetrics, type StoreMetrics } from '../metrics.ts';
import type {
  ChangeFeed,
  Checkpoint,
  DeletionCommit,
  DeletionOutcome,
  PlayerEraser,
  RollupCommit,
  RollupSink,
  Row,
  Store,
  StoreChange,
} from '../contracts.ts';
import { readCheckpoint } from './checkpoint.ts';
import { writeCommit } from './commit.ts';
import { writeDeletions } from './erase.ts';
import { PlayerDaysCompactor } from './player-days.ts';
import { resolveDuckDbStoreOptions, type DuckDbStoreOptions, type ResolvedDuckDbStoreOptions } from './options.ts';
import { ReadPool } from './read-pool.ts';
import { SCHEMA_VERSION, STAGING_STATEMENTS, migrate } from './schema.ts';
import { SerialQueue } from './serial-queue.ts';
import { toRow } from './values.ts';

type Lifecycle = 'open' | 'closing' | 'closed';

export class DuckDbStore implements Store, RollupSink, PlayerEraser, ChangeFeed {
  readonly engine = 'duckdb' as const;
  readonly path: string;
  readonly schemaVersion = SCHEMA_VERSION;
  private lifecycle: Lifecycle = 'open';
  private closing: Promise<void> | undefined;
  private readonly writes = new SerialQueue();
  private readonly metrics: StoreMetrics | undefined;
  private readonly playerDays = new PlayerDaysCompactor();
  private readonly changeListeners = new Set<(change: StoreChange) => void>();

  /** Use `openDuckDbStore`: it creates the schema before the store is handed out. */
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: ReadPool,
    private readonly options: ResolvedDuckDbStoreOptions,
  ) {
    this.path = options.path;
    this.metrics = options.registry && storeMetrics(options.registry);
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Tells the listeners about a change that wrote rows; a listener's error never reaches the writer. */
  private announce(change: Omit<StoreChange, 'atMs'>): void {
    if (change.rows === 0 || this.changeListeners.size === 0) return;
    const full: StoreChange = { ...change, atMs: this.options.now() };
    for (const listener of this.changeListeners) {
      try {
        listener(full);
      } catch (err) {
        this.options.logger?.warn('store change listener failed', { err });
      }
    }
  }

  private assertOpen(): void {
    if (this.lifecycle !== 'open') throw new AnalyticsError('GP_STORE_CLOSED', `store ${this.path} is ${this.lifecycle}`);
  }

  async commit(commit: RollupCommit): Promise<void> {
    this.assertOpen();
    const started = performance.now();
    try {
      const counts = await this.writes.run(async () => {
        const written = await writeCommit(this.writer, commit);
        await this.compactPlayerDays(commit);
        return written;
      });
      if (this.metrics) {
        this.metrics.commitSeconds.observe({ engine: this.engine }, (performance.now() - started) / 1000);
        for (const [table, n] of Object.entries(counts) as Array<[string, number]>) if (n) this.metrics.committedRows.inc({ table }, n);
      }
      let maxWindowStartMs: number | undefined;
      for (const { windowStartMs: w } of commit.rollups)
        if (w != null && (maxWindowStartMs === undefined || w > maxWindowStartMs)) maxWindowStartMs = w;
      this.announce({
        kind: 'commit',
        consumer: commit.consumer,
        rows: commit.rollups.length + commit.players.length,
        ...(maxWindowStartMs === undefined ? {} : { maxWindowStartMs }),
      });
    } catch (err) {
      const code = isAnalyticsError(err) ? err.code : 'GP_STORE_COMMIT_FAILED';
      this.metrics?.commitFailures.inc({ code });
      this.options.logger?.warn('commit rolled back', { consumer: commit.consumer, code, err });
      throw err;
    }
  }

  /**
   * After a commit that reached a new UTC day: merges the deltas of the days before it in
   * player_days (player-days.ts). The commit is already durable; a failed compaction is
   * logged and retried after the next commit — queries sum deltas either way.
   */
  private async compactPlayerDays(commit: RollupCommit): Promise<void> {
    const due = this.playerDays.due(commit.players.map((p) => p.windowStartMs));
    if (due === undefined) return;
    try {
      await this.playerDays.compact(this.writer, due);
    } catch (err) {
      this.options.logger?.warn('player_days compaction rolled back', { err });
    }
  }

  /** Deletion requests with the deletions consumer's position, in one transaction on the write connection (erase.ts). */
  async erasePlayers(commit: DeletionCommit): Promise<DeletionOutcome[]> {
    this.assertOpen();
    const started = performance.now();
    try {
      const outcomes = await this.writes.run(() => writeDeletions(this.writer, commit));
      if (this.metrics) {
        this.metrics.commitSeconds.observe({ engine: this.engine }, (performance.now() - started) / 1000);
        const erased = outcomes.reduce((n, o) => n + o.playerRows, 0);
        if (erased) this.metrics.erasedRows.inc({ table: 'player_windows' }, erased);
        const erasedSteps = outcomes.reduce((n, o) => n + o.stepRows, 0);
        if (erasedSteps) this.metrics.erasedRows.inc({ table: 'player_steps' }, erasedSteps);
        if (outcomes.length) this.metrics.committedRows.inc({ table: 'deletion_audit' }, outcomes.length);
      }
      this.announce({ kind: 'erase', consumer: commit.consumer, rows: outcomes.reduce((n, o) => n + o.playerRows, 0) });
      return outcomes;
    } catch (err) {
      const code = isAnalyticsError(err) ? err.code : 'GP_STORE_COMMIT_FAILED';
      this.metrics?.commitFailures.inc({ code });
      this.options.logger?.warn('deletion commit rolled back', { consumer: commit.consumer, code, err });
      throw err;
    }
  }

  async loadCheckpoint(consumer: string, partitions?: number[]): Promise<Checkpoint> {
    this.assertOpen();
    return this.writes.run(() => readCheckpoint(this.writer, consumer, partitions));
  }

  async sql(query: string, params: Array<string | number> = []): Promise<Row[]> {
    this.assertOpen();
    const started = performance.now();
    try {
      const reader = await this.readers.use((conn) => conn.runAndReadAll(query, params));
      return reader.getRowObjectsJS().map(toRow);
    } catch (err) {
      throw new AnalyticsError('GP_STORE_QUERY_FAILED', `query failed: ${(err as Error).message}`, {
        cause: err,
        context: { query },
      });
    } finally {
      this.metrics?.querySeconds.observe({ engine: this.engine }, (performance.now() - started) / 1000);
    }
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    if (this.lifecycle !== 'open') return { ok: false, detail: `duckdb ${this.path}: ${this.lifecycle}` };
    try {
      await this.readers.use((conn) => conn.run('SELECT 1'));
      return { ok: true, detail: `duckdb ${this.path}, schema v${this.schemaVersion}` };
    } catch (err) {
      return { ok: false, detail: `duckdb ${this.path}: ${(err as Error).message}` };
    }
  }

  /** Lets running commits and queries finish, then closes; safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.lifecycle = 'closing';
      await this.writes.idle();
      await this.readers.close();
      this.writer.closeSync();
      // Closing the instance checkpoints the write-ahead log into the database file.
      this.instance.closeSync();
      this.lifecycle = 'closed';
    })();
    return this.closing;
  }
}

/** DuckDB's message when another process (or another instance in this one) holds the file. */
function isLockError(err: unknown): boolean {
  return /could not set lock|conflicting lock|already open|unique file handle conflict/i.test((err as Error)?.message ?? '');
}

export async function openDuckDbStore(options: DuckDbStoreOptions): Promise<DuckDbStore> {
  const resolved = resolveDuckDbStoreOptions(options);
  const config: Record<string, string> = {};
  if (resolved.threads !== undefined) config.threads = String(resolved.threads);
  if (resolved.memoryLimit !== undefined) config.memory_limit = resolved.memoryLimit;
  config.checkpoint_threshold = resolved.checkpointThreshold;

  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(resolved.path, config);
  } catch (err) {
    if (isLockError(err)) {
      throw new AnalyticsError(
        'GP_STORE_LOCKED',
        `${resolved.path} is open read-write elsewhere; DuckDB allows one writer process per file, so query it through that process's API`,
        { cause: err, context: { path: resolved.path } },
      );
    }
    throw err;
  }
  const connections: DuckDBConnection[] = [];
  try {
    const writer = await instance.connect();
    connections.push(writer);
    const applied = await migrate(writer, resolved.now());
    if (applied.length) resolved.logger?.info('duckdb schema migrated', { path: resolved.path, applied });
    for (const statement of STAGING_STATEMENTS) await writer.run(statement);
    const readers: DuckDBConnection[] = [];
    for (let i = 0; i < resolved.readConnections; i++) {
      const conn = await instance.connect();
      connections.push(conn);
      readers.push(conn);
    }
    return new DuckDbStore(instance, writer, new ReadPool(readers), resolved);
  } catch (err) {
    for (const conn of connections) conn.closeSync();
    instance.closeSync();
    throw err;
  }
}
