/** DuckDB: the embedded store's tables as created by duckdb/schema.ts. */
import { filterClause, isoTimestampLiteral, type Dialect, type TableName } from './dialect.ts';
import type { BucketGranularity } from './types.ts';

const TABLES: Record<TableName, string> = {
  rollups: 'rollups',
  players: 'player_windows',
  playerDays: 'player_days',
  steps: 'player_steps',
};

export interface DuckDbDialectOptions {
  /**
   * `player_windows` has a `variant` column (schema migration 2, druid/README.md "A/B
   * readout"). Every store `openDuckDbStore` opens has it — it migrates on open — so
   * false only describes a copy of an older file queried by other means. @default true
   */
  playerVariant?: boolean;
}

export function createDuckDbDialect(options: DuckDbDialectOptions = {}): Dialect {
  return {
    engine: 'duckdb',
    table: (name) => TABLES[name],
    timeColumn: 'window_start',
    timeLiteral: isoTimestampLiteral,
    // window_start is a TIMESTAMP without time zone holding UTC, so date_trunc floors in UTC.
    bucketStartMs: (g: BucketGranularity) => `epoch_ms(date_trunc('${g}', window_start))`,
    uniquePlayers: (filter) => `COUNT(DISTINCT player_id)${filterClause(filter)}`,
    uniquePayers: (filter) => `COUNT(DISTINCT CASE WHEN purchases > 0 THEN player_id END)${filterClause(filter)}`,
    cohortDayMs: 'epoch_ms(first_seen_day)',
    dimension: (column) => column,
    playerVariant: options.playerVariant ?? true,
    lowerMedian: (expr, filter) => `quantile_disc(${expr}, 0.5)${filterClause(filter)}`,
    unionAll: (branches, orderBy) => `SELECT * FROM (\n${branches.join('\nUNION ALL\n')}\n) ORDER BY ${orderBy.join(', ')}`,
    placeholder: () => '?',
    latestBy: (value, timeMs) => `arg_max(${value}, ${timeMs})`,
    countsCohortsInEngine: true,
    onePassPlayerDays: true,
    pagesPlayersFirst: true,
  };
}

export const DUCKDB_DIALECT: Dialect = createDuckDbDialect();
