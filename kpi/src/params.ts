/** Defaults and validation of KPI parameters, in one place. */
import { AnalyticsError } from '@gamepulse/store';
import { checkFunnelSteps, checkFunnelWindowMs, DEFAULT_FUNNEL_STEPS, DEFAULT_FUNNEL_WINDOW_MS } from './funnel-steps.ts';
import { BUCKET_MS, DIMENSIONS, type Dimension, type KpiDefinition, type KpiParams, type ResolvedKpiParams } from './types.ts';

/** Range when none is given. */
export const DEFAULT_RANGE_MS = 24 * 3_600_000;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;
/** Deepest page a list KPI serves: bounds the rows an engine sorts and skips. */
export const MAX_OFFSET = 1_000_000;
/** Churn: default and greatest `lapsedDays` (the score looks 28 days back). */
export const DEFAULT_LAPSED_DAYS = 7;
export const MAX_LAPSED_DAYS = 28;
/** Retention days reported when none are asked for. */
export const DEFAULT_RETENTION_DAYS: readonly number[] = [1, 7, 30];
/** Largest retention day N, and most days in one request. */
export const MAX_RETENTION_DAY = 365;
export const MAX_RETENTION_DAYS = 32;
/** player_purchases: default `minPurchases` (every player with a purchase), and the largest filter value accepted. */
export const DEFAULT_MIN_PURCHASES = 1;
export const MAX_PURCHASE_FILTER = 1_000_000_000_000;
/** Most buckets one request may ask for (two weeks of minutes): bounds response size. */
export const MAX_BUCKETS = 20_160;
/** Latest time accepted: 9999-12-31T23:59:59.999Z, the last four-digit-year TIMESTAMP literal. */
const MAX_TIME_MS = 253_402_300_799_999;

function bad(message: string, context: Record<string, unknown>): AnalyticsError {
  return new AnalyticsError('GP_QUERY_BAD_PARAM', message, { context });
}

function checkTime(name: string, ms: number): number {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_TIME_MS) {
    throw bad(`${name} must be epoch milliseconds between 1970 and 9999, got ${ms}`, { param: name, value: ms });
  }
  return ms;
}

export function resolveKpiParams(def: KpiDefinition, params: KpiParams, nowMs: number): ResolvedKpiParams {
  let fromMs: number;
  let toMs: number;
  if (def.rangeAt) {
    ({ fromMs, toMs } = def.rangeAt(nowMs));
  } else {
    toMs = checkTime('to', params.toMs ?? nowMs);
    fromMs = checkTime('from', params.fromMs ?? Math.max(toMs - DEFAULT_RANGE_MS, 0));
    if (fromMs >= toMs) throw bad(`from (${fromMs}) must be before to (${toMs})`, { from: fromMs, to: toMs });
  }

  const granularity = params.granularity ?? def.granularities[0]!;
  if (!def.granularities.includes(granularity)) {
    throw bad(`${def.name} supports granularity ${def.granularities.join(', ')}; got ${granularity}`, {
      param: 'granularity',
      value: granularity,
    });
  }
  if (granularity !== 'all') {
    const buckets = Math.ceil((toMs - fromMs) / BUCKET_MS[granularity]);
    if (buckets > MAX_BUCKETS) {
      throw bad(`${buckets} ${granularity} buckets exceed the limit of ${MAX_BUCKETS}; use a coarser granularity or a shorter range`, {
        param: 'granularity',
        buckets,
      });
    }
  }

  const limit = params.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw bad(`limit must be an integer in [1, ${MAX_LIMIT}], got ${limit}`, { param: 'limit', value: limit });
  }

  const offset = params.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw bad(`offset must be an integer in [0, ${MAX_OFFSET}], got ${offset}`, { param: 'offset', value: offset });
  }
  const lapsedDays = params.lapsedDays ?? DEFAULT_LAPSED_DAYS;
  if (!Number.isInteger(lapsedDays) || lapsedDays < 1 || lapsedDays > MAX_LAPSED_DAYS) {
    throw bad(`lapsedDays must be an integer in [1, ${MAX_LAPSED_DAYS}], got ${lapsedDays}`, { param: 'lapsedDays', value: lapsedDays });
  }
  const asOfMs = checkTime('asOf', params.asOfMs ?? nowMs);

  const days = [...new Set(params.days ?? DEFAULT_RETENTION_DAYS)].sort((a, b) => a - b);
  if (days.length === 0 || days.length > MAX_RETENTION_DAYS || days.some((n) => !Number.isInteger(n) || n < 0 || n > MAX_RETENTION_DAY)) {
    throw bad(`days takes 1 to ${MAX_RETENTION_DAYS} integers in [0, ${MAX_RETENTION_DAY}], got ${String(params.days)}`, {
      param: 'days',
      value: params.days,
    });
  }

  const minPurchases = params.minPurchases ?? DEFAULT_MIN_PURCHASES;
  if (!Number.isInteger(minPurchases) || minPurchases < 1 || minPurchases > MAX_PURCHASE_FILTER) {
    throw bad(`minPurchases must be an integer in [1, ${MAX_PURCHASE_FILTER}], got ${minPurchases}`, {
      param: 'minPurchases',
      value: minPurchases,
    });
  }
  const minSpendMinor = params.minSpendMinor ?? 0;
  if (!Number.isInteger(minSpendMinor) || minSpendMinor < 0 || minSpendMinor > MAX_PURCHASE_FILTER) {
    throw bad(`minSpend must be an integer in [0, ${MAX_PURCHASE_FILTER}] (minor units), got ${minSpendMinor}`, {
      param: 'minSpend',
      value: minSpendMinor,
    });
  }

  const by: Dimension[] = [];
  for (const dim of params.by ?? []) {
    if (!DIMENSIONS.includes(dim)) throw bad(`by takes ${DIMENSIONS.join(', ')}; got ${dim}`, { param: 'by', value: dim });
    if (by.includes(dim)) throw bad(`by names ${dim} twice`, { param: 'by', value: dim });
    by.push(dim);
  }
  if (by.length > 0 && !def.params.includes('by')) {
    throw bad(`${def.name} has no group-by dimensions`, { param: 'by', value: by });
  }

  return {
    game: params.game,
    fromMs,
    toMs,
    granularity,
    platform: params.platform,
    country: params.country,
    build: params.build,
    // Only KPIs that read them see them: an ignored parameter must not filter (the
    // step facts of player_funnel, for one, carry no region).
    region: def.params.includes('region') ? params.region : undefined,
    subregion: def.params.includes('subregion') ? params.subregion : undefined,
    variant: def.params.includes('variant') ? params.variant : undefined,
    experiment: def.params.includes('experiment') ? params.experiment : undefined,
    by,
    limit,
    offset,
    asOfMs,
    lapsedDays,
    days,
    steps: def.params.includes('steps') ? checkFunnelSteps(params.steps ?? DEFAULT_FUNNEL_STEPS) : [],
    windowMs: checkFunnelWindowMs(params.windowMs ?? DEFAULT_FUNNEL_WINDOW_MS),
    minPurchases,
    minSpendMinor,
    nowMs,
  };
}
