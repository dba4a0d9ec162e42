/** DuckDB: the embedded store's tables as created by duckdb/schema.ts. */
import { isoTimestampLiteral, type Dialect, type TableName } from './dialect.ts';
import type { BucketGranularity } from './types.ts';

const TABLES: Record<TableName, string> = { rollups: 'rollups', players: 'player_windows' };

export const DUCKDB_DIALECT: Dialect = {
  engine: 'duckdb',
  table: (name) => TABLES[name],
  timeColumn: 'window_start',
  timeLiteral: isoTimestampLiteral,
  // window_start is a TIMESTAMP without time zone holding UTC, so date_trunc floors in UTC.
  bucketStartMs: (g: BucketGranularity) => `epoch_ms(date_trunc('${g}', window_start))`,
  uniquePlayers: () => 'COUNT(DISTINCT player_id)',
  placeholder: () => '?',
};
