/**
 * A fixed set of read connections, each used by one query at a time. DuckDB runs
 * queries on different connections of one instance in parallel, each in its own
 * snapshot, so reads never wait for a commit and never see half of one.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export class ReadPool {
  private readonly idle: DuckDBConnection[];
  private readonly waiters: Array<(conn: DuckDBConnection) => void> = [];
  private busy = 0;
  private drained: (() => void) | undefined;

  constructor(private readonly connections: DuckDBConnection[]) {
    this.idle = [...connections];
  }

  async use<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    let conn = this.idle.pop();
    if (conn) this.busy++;
    // A waiter is handed a connection that stays counted as busy (see release).
    else conn = await new Promise<DuckDBConnection>((resolve) => this.waiters.push(resolve));
    try {
      return await fn(conn);
    } finally {
      this.release(conn);
    }
  }

  private release(conn: DuckDBConnection): void {
    const next = this.waiters.shift();
    if (next) return next(conn);
    this.busy--;
    this.idle.push(conn);
    if (this.busy === 0) this.drained?.();
  }

  /** Waits for running and queued queries, then closes every connection. */
  async close(): Promise<void> {
    if (this.busy > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    for (const conn of this.connections) conn.closeSync();
  }
}
