import type { Logger, Registry } from '@gamepulse/service';

export interface DuckDbStoreOptions {
  /**
   * The database file, or ':memory:' for a throwaway store (tests, demos). DuckDB lets
   * one process open a file read-write, so the writer (processor) and the query API
   * must live in the same process and share this store.
   */
  path: string;
  /**
   * Read connections for `sql()`: up to this many queries run at once, each on its
   * own connection, never blocked by a commit (MVCC: they see the last committed state).
   * @default 2
   */
  readConnections?: number;
  /** DuckDB worker threads per query. @default DuckDB's own choice (the number of cores) */
  threads?: number;
  /** DuckDB memory limit, e.g. '1GB'. @default DuckDB's own choice (80% of RAM) */
  memoryLimit?: string;
  /**
   * Write-ahead-log size at which a commit also checkpoints the WAL into the database
   * file (DuckDB's `checkpoint_threshold`). With DuckDB's 16MB a busy processor's
   * commits keep checkpointing and take more than twice as long (docs/performance.md).
   * The price of a larger value is a longer WAL replay when the
   * store opens after a crash; a clean close checkpoints.
   * @default '256MiB'
   */
  checkpointThreshold?: string;
  /** Commit and query metrics go here when given. */
  registry?: Registry;
  /** Logs schema migrations and rollbacks when given. */
  logger?: Logger;
  /** Stamps schema migrations and change notifications. @default Date.now */
  now?: () => number;
}

export interface ResolvedDuckDbStoreOptions {
  path: string;
  readConnections: number;
  threads: number | undefined;
  memoryLimit: string | undefined;
  checkpointThreshold: string;
  registry: Registry | undefined;
  logger: Logger | undefined;
  now: () => number;
}

/** Upper bound on read connections: each holds DuckDB client state, and queries also parallelise inside DuckDB. */
const MAX_READ_CONNECTIONS = 16;

export function resolveDuckDbStoreOptions(options: DuckDbStoreOptions): ResolvedDuckDbStoreOptions {
  if (!options.path) throw new TypeError("DuckDbStoreOptions.path is required (a file path or ':memory:')");
  return {
    path: options.path,
    readConnections: Math.min(Math.max(Math.trunc(options.readConnections ?? 2), 1), MAX_READ_CONNECTIONS),
    threads: options.threads === undefined ? undefined : Math.max(Math.trunc(options.threads), 1),
    memoryLimit: options.memoryLimit,
    checkpointThreshold: options.checkpointThreshold ?? '256MiB',
    registry: options.registry,
    logger: options.logger,
    now: options.now ?? Date.now,
  };
}
