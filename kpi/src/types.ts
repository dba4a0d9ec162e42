/** The KPI library's vocabulary: parameters, definitions and results. */
import type { Row } from '@gamepulse/store';
import type { Dialect } from './dialect.ts';

/** Time bucket of a KPI's rows; 'all' means one total over the whole range (no bucket column). */
export type Granularity = 'minute' | 'hour' | 'day' | 'all';
export type BucketGranularity = Exclude<Granularity, 'all'>;

export const GRANULARITIES: readonly Granularity[] = ['minute', 'hour', 'day', 'all'];

export const BUCKET_MS: Record<BucketGranularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The dimensions live-ops filter and group by (`by=country,variant`). */
export type Dimension = 'game' | 'build' | 'platform' | 'country' | 'variant' | 'region' | 'subregion';
export const DIMENSIONS: readonly Dimension[] = ['game', 'build', 'platform', 'country', 'variant', 'region', 'subregion'];

/** What a caller asks; every field optional, defaults per `resolveKpiParams`. */
export interface KpiParams {
  /** Only this game. @default all games */
  game?: string;
  /** Inclusive start of the range, epoch ms, compared with window starts. @default toMs - 24 h */
  fromMs?: number;
  /** Exclusive end of the range, epoch ms. @default now */
  toMs?: number;
  /** @default the KPI's own (see its definition) */
  granularity?: Granularity;
  /** Only this platform, country or build. @default all */
  platform?: string;
  country?: string;
  build?: string;
  /** Only this UN M49 region ('Europe') or sub-region ('Western Europe') of the country. @default all */
  region?: string;
  subregion?: string;
  /** Only players assigned to this 'experiment:variant' (and their events). @default all */
  variant?: string;
  /** A/B readout: only the variants of this experiment. @default every experiment */
  experiment?: string;
  /** Extra group-by dimensions, each a column of the result after the bucket. @default none */
  by?: readonly Dimension[];
  /** Rows of a top-N KPI. @default 10 */
  limit?: number;
  /** Rows of a list KPI to skip before the first returned (paging with `limit`). @default 0 */
  offset?: number;
  /** Churn: the instant a player's state is evaluated at, epoch ms. @default now */
  asOfMs?: number;
  /** Churn: a player with no session for this many days is lapsed, 1–28. @default 7 */
  lapsedDays?: number;
  /** Retention days N to report (retention), or up to the largest of them (retention_matrix). @default [1, 7, 30] */
  days?: readonly number[];
  /** player_funnel: the step keys in order, 2..8 (funnel-steps.ts). @default session_start, progression:complete, purchase */
  steps?: readonly string[];
  /** player_funnel: the conversion window from a player's first step, ms. @default 1 day */
  windowMs?: number;
  /** player_purchases: only players with at least this many purchases in the range. @default 1 */
  minPurchases?: number;
  /** player_purchases: only players who spent at least this much in the range (minor units of the reporting currency). @default 0 */
  minSpendMinor?: number;
}

/** Parameters after defaults and validation: what a KPI renders from. */
export interface ResolvedKpiParams {
  game: string | undefined;
  fromMs: number;
  toMs: number;
  granularity: Granularity;
  platform: string | undefined;
  country: string | undefined;
  build: string | undefined;
  region: string | undefined;
  subregion: string | undefined;
  variant: string | undefined;
  experiment: string | undefined;
  by: readonly Dimension[];
  limit: number;
  offset: number;
  asOfMs: number;
  lapsedDays: number;
  /** Sorted ascending, distinct. */
  days: readonly number[];
  /** player_funnel's step keys; [] for KPIs that do not read them. */
  steps: readonly string[];
  /** player_funnel's conversion window, ms. */
  windowMs: number;
  /** player_purchases' filters (1 and 0 for KPIs that do not read them). */
  minPurchases: number;
  minSpendMinor: number;
  /** The clock reading the defaults (and `online_now`) were computed from. */
  nowMs: number;
}

/** Names of the parameters as the query API spells them. */
export type KpiParamName =
  | 'game'
  | 'from'
  | 'to'
  | 'granularity'
  | 'platform'
  | 'country'
  | 'build'
  | 'variant'
  | 'experiment'
  | 'by'
  | 'limit'
  | 'offset'
  | 'asOf'
  | 'lapsedDays'
  | 'region'
  | 'subregion'
  | 'days'
  | 'steps'
  | 'window'
  | 'minPurchases'
  | 'minSpend';

/** SQL for one engine, with positional parameters and the columns it returns, in order. */
export interface KpiQuery {
  sql: string;
  params: Array<string | number>;
  columns: string[];
}

export interface KpiDefinition {
  readonly name: string;
  readonly description: string;
  /** Parameters this KPI reads; the others are accepted and ignored. */
  readonly params: readonly KpiParamName[];
  /** Granularities it supports; the first is its default. */
  readonly granularities: readonly Granularity[];
  /** A KPI about "now" (online_now) fixes its own range from the clock, ignoring from/to. */
  readonly rangeAt?: (nowMs: number) => { fromMs: number; toMs: number };
  render(params: ResolvedKpiParams, dialect: Dialect): KpiQuery;
  /**
   * Turns the engine's rows into the KPI's rows, for what SQL is the wrong tool for
   * (statistics, quantiles from sketch buckets). Pure: both engines' rows go through
   * the same function. @default the rows as the engine returned them
   */
  finish?(rows: Row[], columns: string[], params: ResolvedKpiParams): { rows: Row[]; columns: string[] };
}

export interface KpiResult {
  kpi: string;
  engine: Dialect['engine'];
  params: ResolvedKpiParams;
  columns: string[];
  rows: Row[];
}
