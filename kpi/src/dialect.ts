/**
 * What differs between the engines a KPI runs on. KPIs are written once against this
 * interface; each engine supplies the pieces of SQL that differ:
 *
 * | piece | DuckDB (embedded) | Druid SQL |
 * |---|---|---|
 * | tables | `rollups`, `player_windows` (minute), `player_days` (day), `player_steps` | datasources `"gamepulse_rollups"`, `"gamepulse_players"` (minute), `"gamepulse_player_days"` (day), `"gamepulse_player_steps"` |
 * | lower median | `quantile_disc(x, 0.5)` (exact) | `APPROX_QUANTILE_DS(x, 0.5, 1024)` (quantiles sketch) |
 * | window start | `window_start` (TIMESTAMP) | `__time` |
 * | bucket start in ms | `epoch_ms(date_trunc('minute', window_start))` | `TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, 'PT1M'))` |
 * | unique players | `COUNT(DISTINCT player_id)` (exact) | `APPROX_COUNT_DISTINCT_DS_HLL("player_id")` (HLL sketches, merged) |
 * | unique payers | `COUNT(DISTINCT CASE WHEN purchases > 0 THEN player_id END)` | `APPROX_COUNT_DISTINCT_DS_HLL(CASE WHEN purchases > 0 THEN "player_id" END)` |
 * | install cohort (ms) | `epoch_ms(first_seen_day)` (DATE) | `first_seen_day` (long dimension, ms) |
 * | a dimension to group by | the column | `COALESCE(column, '')`: a field absent from older records is NULL in Druid, '' in DuckDB |
 * | latest value of a string in a group | `arg_max(value, time_ms)` | `LATEST_BY(value, MILLIS_TO_TIMESTAMP(time_ms), 128)` |
| a UNION ALL in order | `SELECT * FROM (… UNION ALL …) ORDER BY …` | top-level `… UNION ALL …` (Druid runs branches in order and concatenates) |
 *
 * Everything else a KPI uses (SUM, CASE, COALESCE, NULLIF, CAST … AS DOUBLE, aggregate
 * FILTER (WHERE …), LEFT JOIN of grouped subqueries under an outer GROUP BY, ORDER BY an
 * output name, LIMIT literal, `?` parameters, TIMESTAMP '…' literals) means the same in both.
 */
import type { BucketGranularity, Dimension } from './types.ts';

/**
 * `players` has minute-grain rows; `playerDays` the same rolled up to the UTC day (Druid
 * `gamepulse_player_days`, DuckDB `player_days`); `steps` the per-player step facts of player funnels
 * (DuckDB `player_steps`, Druid `gamepulse_player_steps`).
 */
export type TableName = 'rollups' | 'players' | 'playerDays' | 'steps';

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
  /** Distinct players among the selected player-window rows, optionally only those matching `filter`. */
  uniquePlayers(filter?: string): string;
  /** Distinct players with purchases > 0 in a selected player-window row. */
  uniquePayers(filter?: string): string;
  /** The player's install cohort (UTC day start) in epoch ms; NULL when unknown. */
  readonly cohortDayMs: string;
  /** A dimension column as a group-by expression. */
  dimension(column: string): string;
  /**
   * Whether the player tables carry `variant` (the player's experiment assignment).
   * DuckDB's `player_windows` does not yet: see druid/README.md, "A/B readout".
   */
  readonly playerVariant: boolean;
  /**
   * The lower median of `expr` over the rows (matching `filter`): the smallest value with
   * at least half of the values ≤ it; NULL (DuckDB) or NaN (Druid) over no rows. DuckDB:
   * exact (`quantile_disc`). Druid: a DataSketches quantiles sketch (k = 1024), exact below
   * 2k values and within its rank error beyond (kpi/README.md, "player_funnel").
   */
  lowerMedian(expr: string, filter?: string): string;
  /** UNION ALL of `branches`, rows in the order of `orderBy` (output names). */
  unionAll(branches: string[], orderBy: string[]): string;
  /** Placeholder for the `index`-th (0-based) query parameter. */
  placeholder(index: number): string;
  /**
   * Aggregate: the string `value` of the row with the largest `timeMs` (an epoch-ms
   * expression) in the group; ties are broken by the engine. NULL for no rows.
   */
  latestBy(value: string, timeMs: string): string;
  /**
   * Whether retention counts its cohorts inside the engine (a join of per-player
   * subqueries, one row per cohort, group and day offset back) rather than returning a
   * row per player and active day for `finish` to count. DuckDB: true — its joins are
   * cheap and moving ~10^5 rows into JavaScript is what costs. Druid: absent — it
   * returns per-player rows (`retentionDayMasks`) for `finish` to count.
   */
  readonly countsCohortsInEngine?: boolean;
  /**
   * Whether KPIs over trailing windows of player days (active_users, churn_risk) read the
   * span once — per-player day sums, then window functions or a range join against the
   * series of days — rather than one UNION ALL branch per day, each re-reading its window.
   * DuckDB: true (exact counts either way; one pass is what keeps 100k players under its
   * latency target). Druid: absent — its branches merge day-grain HLL sketches.
   */
  readonly onePassPlayerDays?: boolean;
  /**
   * Whether a paged per-player list (player_lifecycle) picks the page's players first —
   * a grouped, ordered, limited subquery — and reads the full history of those players
   * only, through a SEMI JOIN. DuckDB: true. Druid: absent (one grouped query, paged last).
   */
  readonly pagesPlayersFirst?: boolean;
  /**
   * Whether churn_risk scores its days in one groupBy per player (up to a week per
   * pass, a column set per day: definitions/churn-days.ts) rather than one UNION ALL
   * branch per day. Druid: true — each branch is a groupBy over 100k players, and the
   * branches run one after the other. DuckDB: absent.
   */
  readonly scoresChurnDaysInOnePass?: boolean;
  /**
   * Whether retention's activity part returns one row per player and group with its
   * active days as bit masks (definitions/retention-day-masks.ts) rather than a row per
   * active day. Druid: true — serializing ~0.7M rows at 100k players × 30 days is what
   * costs there. DuckDB: absent (it counts in the engine: countsCohortsInEngine).
   */
  readonly retentionDayMasks?: boolean;
}

/** `TIMESTAMP '2025-01-15 12:34:56.789'` — accepted by DuckDB and by Druid SQL. */
export function isoTimestampLiteral(ms: number): string {
  return `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
}

/** `FILTER (WHERE …)` after an aggregate, or nothing. */
export function filterClause(filter: string | undefined): string {
  return filter ? ` FILTER (WHERE ${filter})` : '';
}

/** The column of each dimension live-ops slice by (the `by` parameter's values). */
export const DIMENSION_COLUMNS: Record<Dimension, string> = {
  game: 'game_id',
  build: 'build',
  platform: 'platform',
  country: 'country',
  variant: 'variant',
  region: 'region',
  subregion: 'subregion',
};
