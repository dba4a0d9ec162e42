/** Defaults and validation of KPI parameters, in one place. */
import { AnalyticsError } from '@gamepulse/store';
import { checkFunnelSteps, checkFunnelWindowMs, DEFAULT_FUNNEL_STEPS, DEFAULT_FUNNEL_WINDOW_MS } from './funnel-steps.ts';
import { BUCKET_MS, DIMENSIONS, type Dimension, type KpiDefinition, type KpiParams, type ResolvedKpiParams } from './types.ts';

/** Range when none is given. */
export const DEFAULT_RANGE_MS = 24 * 3_600_000;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;
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
    // Only KPIs that read them see them: an ignored parameter must not filter.
    variant: def.params.includes('variant') ? params.variant : undefined,
    experiment: def.params.includes('experiment') ? params.experiment : undefined,
    by,
    limit,
    steps: def.params.includes('steps') ? checkFunnelSteps(params.steps ?? DEFAULT_FUNNEL_STEPS) : [],
    windowMs: checkFunnelWindowMs(params.windowMs ?? DEFAULT_FUNNEL_WINDOW_MS),
    nowMs,
  };
}
