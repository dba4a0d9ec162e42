/**
 * The rollups topic's record format: one JSON object per record, snake_case columns,
 * `kind` telling the row types apart. JSON (not protobuf) because this topic is
 * what Apache Druid's Kafka supervisor ingests, and Druid reads JSON natively (its
 * protobuf extension is not served for the Druid release we run). The fields are
 * exactly those of `RollupRow`, `PlayerWindow` and `PlayerStep` in topics.proto, which stay the
 * source of truth; this module is the one mapping between the two.
 *
 *   {"kind":"rollup","window_start":1764250000000,"game_id":"demo",...,"events":3,"amount":0,"value":0}
 *   {"kind":"player","window_start":1764250000000,"game_id":"demo",...,"player_id":"p1","first_seen_day":1764201600000,...,"variant":"shop_layout:grid"}
 *   {"kind":"step","window_start":1764250000000,"game_id":"demo",...,"player_id":"p1","event_type":"progression","action":"complete","item":"w1:l3","variant":"","first_ms":1764250012345,"events":1}
 */
import type { PlayerStepData, PlayerWindowData, RollupRowData } from './messages.ts';

export interface RollupJson {
  kind: 'rollup';
  window_start: number;
  game_id: string;
  build: string;
  platform: string;
  country: string;
  event_type: string;
  action: string;
  currency: string;
  item: string;
  variant: string;
  events: number;
  amount: number;
  value: number;
  /**
   * M49 region and sub-region of `country` (regions.ts), stamped by the processor;
   * events behind the partition's watermark when folded (a sum). Records written
   * before these fields existed lack them: readers take '' and 0.
   */
  region?: string;
  subregion?: string;
  late_events?: number;
  /**
   * Purchases: the amount in the game's reporting currency (integer minor units, each
   * event converted with its day's rate). Older records lack it: readers take 0.
   */
  revenue_reporting_minor?: number;
  /** Purchases: the game's reporting currency; '' otherwise. Older records lack it: readers take ''. */
  reporting_currency?: string;
}

export interface PlayerJson {
  kind: 'player';
  window_start: number;
  game_id: string;
  build: string;
  platform: string;
  country: string;
  player_id: string;
  /** UTC day start (ms) of the player's first event: the install cohort; 0 = unknown. */
  first_seen_day: number;
  events: number;
  purchases: number;
  sessions: number;
  /**
   * The player's experiment assignment `experiment:variant` as of these events; `''`
   * before the first exposure. Records from before the field existed lack it: readers
   * take a missing value as `''` (jsonToPlayer; Druid's spec with a transform).
   */
  variant: string;
  /** M49 region and sub-region of `country`; '' when absent (older records). */
  region?: string;
  subregion?: string;
  /**
   * Sessions by inactivity gap opened by these events, the in-session ms between
   * consecutive events of an install, and the highest progression rank completed
   * (topics.proto PlayerWindow 12–14). Absent in older records: readers take 0.
   */
  gap_sessions?: number;
  active_ms?: number;
  max_progress?: number;
  /** Purchases of these events in the game's reporting currency (minor units). Older records lack it: readers take 0. */
  revenue_reporting_minor?: number;
}

/** `PlayerStep`: a player's first occurrence of one step key in a window (player funnels). */
export interface StepJson {
  kind: 'step';
  window_start: number;
  game_id: string;
  build: string;
  platform: string;
  country: string;
  player_id: string;
  event_type: string;
  action: string;
  item: string;
  variant: string;
  /** Min: the earliest event time (ms) of this step key in the window. */
  first_ms: number;
  /** Sum: events of this step key in the window. */
  events: number;
}

export type RollupsTopicRow = RollupJson | PlayerJson | StepJson;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function rollupToJson(r: RollupRowData): RollupJson {
  return {
    kind: 'rollup',
    window_start: r.windowStartMs ?? 0,
    game_id: r.gameId ?? '',
    build: r.build ?? '',
    platform: r.platform ?? '',
    country: r.country ?? '',
    event_type: r.eventType ?? '',
    action: r.action ?? '',
    currency: r.currency ?? '',
    item: r.item ?? '',
    variant: r.variant ?? '',
    events: r.events ?? 0,
    amount: r.amount ?? 0,
    value: r.value ?? 0,
    region: r.region ?? '',
    subregion: r.subregion ?? '',
    late_events: r.lateEvents ?? 0,
    revenue_reporting_minor: r.revenueReportingMinor ?? 0,
    reporting_currency: r.reportingCurrency ?? '',
  };
}

export function playerToJson(p: PlayerWindowData): PlayerJson {
  return {
    kind: 'player',
    window_start: p.windowStartMs ?? 0,
    game_id: p.gameId ?? '',
    build: p.build ?? '',
    platform: p.platform ?? '',
    country: p.country ?? '',
    player_id: p.playerId ?? '',
    first_seen_day: p.firstSeenDayMs ?? 0,
    events: p.events ?? 0,
    purchases: p.purchases ?? 0,
    sessions: p.sessions ?? 0,
    variant: p.variant ?? '',
    region: p.region ?? '',
    subregion: p.subregion ?? '',
    gap_sessions: p.gapSessions ?? 0,
    active_ms: p.activeMs ?? 0,
    max_progress: p.maxProgress ?? 0,
    revenue_reporting_minor: p.revenueReportingMinor ?? 0,
  };
}

export function stepToJson(p: PlayerStepData): StepJson {
  return {
    kind: 'step',
    window_start: p.windowStartMs ?? 0,
    game_id: p.gameId ?? '',
    build: p.build ?? '',
    platform: p.platform ?? '',
    country: p.country ?? '',
    player_id: p.playerId ?? '',
    event_type: p.eventType ?? '',
    action: p.action ?? '',
    item: p.item ?? '',
    variant: p.variant ?? '',
    first_ms: p.firstMs ?? 0,
    events: p.events ?? 0,
  };
}

export function jsonToRollup(j: RollupJson): RollupRowData {
  return {
    windowStartMs: j.window_start,
    gameId: j.game_id,
    build: j.build,
    platform: j.platform,
    country: j.country,
    eventType: j.event_type,
    action: j.action,
    currency: j.currency,
    item: j.item,
    variant: j.variant,
    events: j.events,
    amount: j.amount,
    value: j.value,
    region: j.region ?? '',
    subregion: j.subregion ?? '',
    lateEvents: j.late_events ?? 0,
    revenueReportingMinor: j.revenue_reporting_minor ?? 0,
    reportingCurrency: j.reporting_currency ?? '',
  };
}

export function jsonToPlayer(j: PlayerJson): PlayerWindowData {
  return {
    windowStartMs: j.window_start,
    gameId: j.game_id,
    build: j.build,
    platform: j.platform,
    country: j.country,
    playerId: j.player_id,
    firstSeenDayMs: j.first_seen_day,
    events: j.events,
    purchases: j.purchases,
    sessions: j.sessions,
    // A record written before PlayerWindow.variant existed has none.
    variant: j.variant ?? '',
    region: j.region ?? '',
    subregion: j.subregion ?? '',
    gapSessions: j.gap_sessions ?? 0,
    activeMs: j.active_ms ?? 0,
    maxProgress: j.max_progress ?? 0,
    revenueReportingMinor: j.revenue_reporting_minor ?? 0,
  };
}

export function jsonToStep(j: StepJson): PlayerStepData {
  return {
    windowStartMs: j.window_start,
    gameId: j.game_id,
    build: j.build,
    platform: j.platform,
    country: j.country,
    playerId: j.player_id,
    eventType: j.event_type,
    action: j.action,
    item: j.item,
    variant: j.variant ?? '',
    firstMs: j.first_ms,
    events: j.events,
  };
}

/** Record value bytes for one row. */
export function encodeRollupsRecord(row: RollupsTopicRow): Uint8Array {
  return encoder.encode(JSON.stringify(row));
}

/** Parses a record value; throws on anything that is not a well-formed row (poison). */
export function decodeRollupsRecord(value: Uint8Array): RollupsTopicRow {
  const row = JSON.parse(decoder.decode(value)) as RollupsTopicRow;
  if (!row || (row.kind !== 'rollup' && row.kind !== 'player' && row.kind !== 'step') || !Number.isSafeInteger(row.window_start))
    throw new Error('not a rollups-topic row: missing kind or window_start');
  return row;
}

/** Record key: rows of one window and game land on one partition (Druid's segment locality). */
export function rollupsRecordKey(row: RollupsTopicRow): string {
  return `${row.game_id}:${row.window_start}`;
}
