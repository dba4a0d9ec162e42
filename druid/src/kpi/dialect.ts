/**
 * What differs between the engines a KPI runs on. KPIs are written once against this
 * interface; each engine supplies the pieces of SQL that differ:
 *
 * | piece | DuckDB (embedded) | Druid SQL |
 * |---|---|---|
 * | tables | `rollups`, `player_windows` | datasources, e.g. `"gamepulse_rollups"` |
 * | window start | `window_start` (TIMESTAMP) | `__time` |
 * | bucket start in ms | `epoch_ms(date_trunc('minute', window_start))` | `TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, 'PT1M'))` |
 * | unique players | `COUNT(DISTINCT player_id)` (exact) | `APPROX_COUNT_DISTINCT_DS_HLL(player_id)` (HLL sketch) |
 *
 * Everything else a KPI uses (SUM, CASE, COALESCE, NULLIF, CAST … AS DOUBLE, ORDER BY
 * an output name, LIMIT, `?` parameters, TIMESTAMP '…' literals) means the same in both.
 */
import type { BucketGranularity } from './types.ts';

export type TableName = 'rollups' | 'players';

export interface Dialect {
  readonly engine: 'duckdb' | 'druid';
  /** A table reference ready for FROM. */
  table(name: TableName): string;
  /** The column holding a row's window start. */
  readonly timeColumn: string;
  /** A TIMESTAMP literal for epoch ms (UTC). */
  timeLiteral(ms: number): string;
  /** The window start floored to the granularity, as epoch ms (a number in results). */
  bucketStartMs(granularity: BucketGranularity): string;
  /** Distinct players among the selected player-window rows. */
  uniquePlayers(): string;
  /** Placeholder for the `index`-th (0-based) query parameter. */
  placeholder(index: number): string;
}

/** `TIMESTAMP '2025-01-15 12:34:56.789'` — accepted by DuckDB and by Druid SQL. */
export function isoTimestampLiteral(ms: number): string {
  return `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
}
