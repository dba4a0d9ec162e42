/**
 * Druid SQL, for the production store fed by the rollups topic through Druid's Kafka
 * supervisors (druid/ingestion). Rendering only: executing it (the Druid SQL API,
 * dynamic parameters) is DruidStore's job (src/druid-engine).
 *
 * Datasources and columns are those of druid/ingestion/*.supervisor.json: dimensions
 * keep the proto's names; `events`/`amount` longSum and `value` doubleSum in rollups;
 * `player_id` a dimension and `events`/`purchases`/`sessions` longSum in the two player
 * datasources. Unique players are HLL sketches (DataSketches, lgK 12, HLL_4) built at
 * query time from `player_id` and merged across segments — not sketch columns built
 * at ingestion: Druid 33 drops such columns from its SQL schema once realtime and
 * persisted segments coexist (apache/druid#14315, fixed after 33 by #18879); see
 * druid/README.md. With rollup at ingestion Druid sums deltas itself; SUM at query
 * time stays right over partially rolled-up segments.
 */
import { C, L, T } from 'druid-query-toolkit';
import { filterClause, type Dialect, type TableName } from './dialect.ts';
import type { BucketGranularity } from './types.ts';

export interface DruidDialectOptions {
  /** @default 'gamepulse_rollups' */
  rollupsDatasource?: string;
  /** Minute-grain player sketches. @default 'gamepulse_players' */
  playersDatasource?: string;
  /** Day-grain player sketches, used when a query's range is whole UTC days. @default 'gamepulse_player_days' */
  playerDaysDatasource?: string;
  /** Per-player step facts (player funnels). @default 'gamepulse_player_steps' */
  playerStepsDatasource?: string;
  /**
   * The column unique players are counted over: the player_id dimension, or an HLL
   * sketch column built at ingestion (APPROX_COUNT_DISTINCT_DS_HLL accepts both) once
   * the Druid in use has apache/druid#18879. @default 'player_id'
   */
  playerColumn?: string;
  /**
   * A sketch (or dimension) of paying players; by default payers are counted from
   * `player_id` on rows with purchases > 0. @default undefined
   */
  payerColumn?: string;
}

/** ISO 8601 periods for TIME_FLOOR. */
const PERIODS: Record<BucketGranularity, string> = { minute: 'PT1M', hour: 'PT1H', day: 'P1D' };

export function createDruidDialect(options: DruidDialectOptions = {}): Dialect {
  const tables: Record<TableName, string> = {
    rollups: T(options.rollupsDatasource ?? 'gamepulse_rollups').toString(),
    players: T(options.playersDatasource ?? 'gamepulse_players').toString(),
    playerDays: T(options.playerDaysDatasource ?? 'gamepulse_player_days').toString(),
    steps: T(options.playerStepsDatasource ?? 'gamepulse_player_steps').toString(),
  };
  const player = C(options.playerColumn ?? 'player_id').toString();
  const payer = options.payerColumn ? C(options.payerColumn).toString() : `CASE WHEN purchases > 0 THEN ${player} END`;
  return {
    engine: 'druid',
    table: (name) => tables[name],
    timeColumn: '__time',
    timeLiteral: (ms) => L(new Date(ms)).toString(),
    bucketStartMs: (g) => `TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, '${PERIODS[g]}'))`,
    uniquePlayers: (filter) => `APPROX_COUNT_DISTINCT_DS_HLL(${player})${filterClause(filter)}`,
    uniquePayers: (filter) => `APPROX_COUNT_DISTINCT_DS_HLL(${payer})${filterClause(filter)}`,
    cohortDayMs: 'first_seen_day',
    dimension: (column) => `COALESCE(${column}, '')`,
    playerVariant: true,
    // k = 1024: the sketch keeps fewer than 2k values exactly (its base buffer), so a
    // step reached by fewer than 2,048 players has the exact median; beyond, DataSketches'
    // normalized rank error for k = 1024, 0.239 % (99 % confidence), applies.
    lowerMedian: (expr, filter) => `APPROX_QUANTILE_DS(${expr}, 0.5, 1024)${filterClause(filter)}`,
    // Top-level UNION ALL: Druid runs the branches one after the other and concatenates
    // their results (it cannot sort a union); each branch is grouped by its dimensions,
    // which Druid's groupBy returns in order.
    unionAll: (branches) => branches.join('\nUNION ALL\n'),
    placeholder: () => '?',
    // 128 bytes per group in the merge buffer: the longest text kept (an 'experiment:variant' is far shorter); longer values are truncated.
    latestBy: (value, timeMs) => `LATEST_BY(${value}, MILLIS_TO_TIMESTAMP(${timeMs}), 128)`,
    scoresChurnDaysInOnePass: true,
    retentionDayMasks: true,
  };
}
