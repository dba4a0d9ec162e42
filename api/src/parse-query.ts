/**
 * Query-string parameters of `GET /v1/kpis/:name` → `KpiParams`. Strict on purpose:
 * an unknown or repeated key is an error (a typo such as `?contry=DE` must not quietly
 * return unfiltered numbers); an empty value means "not given".
 */
import { AnalyticsError } from '@gamepulse/store';
import {
  DIMENSIONS,
  GRANULARITIES,
  MAX_FUNNEL_STEPS,
  MIN_FUNNEL_STEPS,
  parseWindowMs,
  type Dimension,
  type Granularity,
  type KpiParamName,
  type KpiParams,
} from '@gamepulse/kpi';

export const QUERY_PARAMS: Record<KpiParamName, string> = {
  game: 'Only this game id. Default: all games.',
  from: 'Inclusive start, ISO 8601 (UTC when no offset is given) or epoch ms; compared with window starts. Default: to − 24 h.',
  to: 'Exclusive end, ISO 8601 or epoch ms. Default: now.',
  granularity: "Bucket of the rows: minute, hour, day, or all (one total). Default: the KPI's first.",
  platform: 'Only this platform. Default: all.',
  country: 'Only this country (ISO 3166 alpha-2). Default: all.',
  build: 'Only this build. Default: all.',
  region: "Only this UN M49 region of the player's country (Africa, Americas, Asia, Europe, Oceania). Default: all.",
  subregion: "Only this UN M49 sub-region of the player's country ('Western Europe', 'South America', …). Default: all.",
  variant:
    "Only players assigned to this experiment variant, written 'experiment:variant' (an element of the player's assignments, one per experiment), and their events from the exposure on. Default: all.",
  experiment:
    "The experiment of ab_readout and ab_test (required there); with by=variant, group by this experiment's variant instead of the whole assignment set. Default: none.",
  by: `Group by these dimensions too, comma-separated: ${DIMENSIONS.join(', ')}; each becomes a result column (game → game_id). Default: none.`,
  limit: 'Rows of a top-N KPI, 1–1000. Default: 10.',
  offset: 'Paged KPIs (at_risk_players, player_lifecycle): rows to skip before the first returned, for paging with limit. Default: 0.',
  asOf: 'Churn (at_risk_players): the instant players are scored at, ISO 8601 or epoch ms. Default: now.',
  lapsedDays: 'Churn: days without a session after which a player is lapsed, 1–28. Default: 7.',
  days: 'Retention days N, comma-separated integers 0–365 (retention reports each; retention_matrix every N up to the largest). Default: 1,7,30.',
  steps:
    `player_funnel: the steps in order, comma-separated, ${MIN_FUNNEL_STEPS}–${MAX_FUNNEL_STEPS}, each event_type[:action[:item]] ` +
    '(progression:complete:forest:level3, purchase, feature_use::daily_bonus); {m..n} in a key expands to tiers m..n in order. ' +
    'Default: session_start,progression:complete,purchase.',
  window: 'player_funnel: conversion window from the first step, ms, 30m / 12h / 1d, or ISO 8601 (P1D, PT30M), up to 90 days. Default: 1d.',
  minPurchases: 'player_purchases: only players with at least this many purchases in the range, an integer ≥ 1. Default: 1.',
  minSpend: 'player_purchases: only players who spent at least this much in the range, minor units of the reporting currency. Default: 0.',
};

/** ISO 8601 date or date-time, with optional seconds, milliseconds and offset. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function bad(message: string, param: string, value: unknown): AnalyticsError {
  return new AnalyticsError('GP_QUERY_BAD_PARAM', message, { context: { param, value } });
}

/** Epoch ms from `1741622400000` or `2025-03-10T16:00:00Z`; a date-time without offset is UTC. */
export function parseTime(param: string, raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  const m = ISO.exec(raw);
  if (m) {
    // Date.parse reads an offset-less date-time as local time; analytics time is UTC.
    const ms = Date.parse(raw.length > 10 && !m[1] ? `${raw.replace(' ', 'T')}Z` : raw.replace(' ', 'T'));
    if (Number.isFinite(ms)) return ms;
  }
  throw bad(`${param} must be an ISO 8601 time or epoch milliseconds, got "${raw}"`, param, raw);
}

export function parseKpiQuery(query: Record<string, unknown>): KpiParams {
  const params: KpiParams = {};
  for (const [key, value] of Object.entries(query)) {
    if (!(key in QUERY_PARAMS)) throw bad(`unknown parameter "${key}"; known: ${Object.keys(QUERY_PARAMS).join(', ')}`, key, value);
    if (typeof value !== 'string') throw bad(`parameter "${key}" must be given once`, key, value);
    if (value === '') continue;
    switch (key as KpiParamName) {
      case 'game':
        params.game = value;
        break;
      case 'platform':
        params.platform = value;
        break;
      case 'country':
        params.country = value;
        break;
      case 'build':
        params.build = value;
        break;
      case 'region':
        params.region = value;
        break;
      case 'subregion':
        params.subregion = value;
        break;
      case 'variant':
        params.variant = value;
        break;
      case 'experiment':
        params.experiment = value;
        break;
      case 'by': {
        const dims = value.split(',').map((x) => x.trim());
        for (const dim of dims) {
          if (!DIMENSIONS.includes(dim as Dimension)) throw bad(`by takes ${DIMENSIONS.join(', ')}, got "${dim}"`, key, value);
        }
        params.by = dims as Dimension[];
        break;
      }
      case 'from':
        params.fromMs = parseTime('from', value);
        break;
      case 'to':
        params.toMs = parseTime('to', value);
        break;
      case 'granularity':
        if (!GRANULARITIES.includes(value as Granularity)) {
          throw bad(`granularity must be one of ${GRANULARITIES.join(', ')}, got "${value}"`, key, value);
        }
        params.granularity = value as Granularity;
        break;
      case 'steps':
        params.steps = value.split(',').map((x) => x.trim());
        break;
      case 'window':
        params.windowMs = parseWindowMs(value);
        break;
      case 'limit':
        if (!/^\d+$/.test(value)) throw bad(`limit must be a positive integer, got "${value}"`, key, value);
        params.limit = Number(value);
        break;
      case 'offset':
        if (!/^\d+$/.test(value)) throw bad(`offset must be a non-negative integer, got "${value}"`, key, value);
        params.offset = Number(value);
        break;
      case 'asOf':
        params.asOfMs = parseTime('asOf', value);
        break;
      case 'lapsedDays':
        if (!/^\d+$/.test(value)) throw bad(`lapsedDays must be a positive integer, got "${value}"`, key, value);
        params.lapsedDays = Number(value);
        break;
      case 'minPurchases':
        if (!/^\d+$/.test(value)) throw bad(`minPurchases must be a positive integer, got "${value}"`, key, value);
        params.minPurchases = Number(value);
        break;
      case 'minSpend':
        if (!/^\d+$/.test(value)) throw bad(`minSpend must be a non-negative integer (minor units), got "${value}"`, key, value);
        params.minSpendMinor = Number(value);
        break;
      case 'days': {
        const days = value.split(',').map((x) => x.trim());
        if (days.some((d) => !/^\d+$/.test(d))) throw bad(`days takes comma-separated non-negative integers, got "${value}"`, key, value);
        params.days = days.map(Number);
        break;
      }
    }
  }
  return params;
}
