/**
 * Druid SQL, for the production store fed by the rollups topic through Druid's Kafka
 * supervisor. Rendering only: executing it (the Druid SQL API, dynamic parameters as
 * `[{ type: 'VARCHAR', value }]`) belongs to the Druid `Store`.
 *
 * The supervisor spec is expected to keep the proto's names: dimensions game_id,
 * build, platform, country, event_type, action, currency, item, variant (rollups) and
 * game_id, build, platform, country, player_id (players); metrics events, amount,
 * value as longSum/longSum/doubleSum. With rollup at ingestion Druid sums deltas
 * itself; SUM at query time is still right over partially rolled-up segments.
 */
import { C, L, T } from 'druid-query-toolkit';
import type { Dialect, TableName } from './dialect.ts';
import type { BucketGranularity } from './types.ts';

export interface DruidDialectOptions {
  /** @default 'gamepulse_rollups' */
  rollupsDatasource?: string;
  /** @default 'gamepulse_players' */
  playersDatasource?: string;
  /**
   * The column unique players are counted over: the raw player_id dimension, or an HLL
   * sketch column if ingestion folds players into one (APPROX_COUNT_DISTINCT_DS_HLL
   * accepts both). @default 'player_id'
   */
  playerColumn?: string;
}

/** ISO 8601 periods for TIME_FLOOR. */
const PERIODS: Record<BucketGranularity, string> = { minute: 'PT1M', hour: 'PT1H', day: 'P1D' };

export function createDruidDialect(options: DruidDialectOptions = {}): Dialect {
  const tables: Record<TableName, string> = {
    rollups: T(options.rollupsDatasource ?? 'gamepulse_rollups').toString(),
    players: T(options.playersDatasource ?? 'gamepulse_players').toString(),
  };
  const player = C(options.playerColumn ?? 'player_id').toString();
  return {
    engine: 'druid',
    table: (name) => tables[name],
    timeColumn: '__time',
    timeLiteral: (ms) => L(new Date(ms)).toString(),
    bucketStartMs: (g) => `TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, '${PERIODS[g]}'))`,
    uniquePlayers: () => `APPROX_COUNT_DISTINCT_DS_HLL(${player})`,
    placeholder: () => '?',
  };
}
