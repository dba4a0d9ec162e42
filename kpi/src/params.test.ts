import { describe, expect, it } from 'vitest';
import { isAnalyticsError } from '@gamepulse/store';
import { DEFAULT_RANGE_MS, MAX_BUCKETS, resolveKpiParams } from './params.ts';
import { getKpi } from './run-kpi.ts';

const NOW = Date.UTC(2025, 2, 10, 16, 40, 30);

function badParam(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isAnalyticsError(err, 'GP_QUERY_BAD_PARAM')) return err.message;
    throw err;
  }
  throw new Error('expected GP_QUERY_BAD_PARAM');
}

describe('druid/kpi/params', () => {
  it('defaults to the last 24 hours, the KPI’s first granularity and a limit of 10', () => {
    expect(resolveKpiParams(getKpi('revenue'), {}, NOW)).toEqual({
      game: undefined,
      fromMs: NOW - DEFAULT_RANGE_MS,
      toMs: NOW,
      granularity: 'hour',
      platform: undefined,
      country: undefined,
      build: undefined,
      variant: undefined,
      experiment: undefined,
      by: [],
      limit: 10,
      offset: 0,
      asOfMs: NOW,
      lapsedDays: 7,
      days: [1, 7, 30],
      steps: [],
      windowMs: 86_400_000,
      minPurchases: 1,
      minSpendMinor: 0,
      nowMs: NOW,
    });
    expect(resolveKpiParams(getKpi('events_by_type'), { toMs: 5 * DEFAULT_RANGE_MS }, NOW)).toMatchObject({
      fromMs: 4 * DEFAULT_RANGE_MS,
      granularity: 'all',
    });
  });

  it('fixes online_now’s range from the clock, ignoring from and to', () => {
    const floor = Date.UTC(2025, 2, 10, 16, 40);
    expect(resolveKpiParams(getKpi('online_now'), { fromMs: 0, toMs: 1 }, NOW)).toMatchObject({
      fromMs: floor - 4 * 60_000,
      toMs: floor + 60_000,
    });
  });

  it('rejects bad ranges, granularities and limits with GP_QUERY_BAD_PARAM', () => {
    const revenue = getKpi('revenue');
    expect(badParam(() => resolveKpiParams(revenue, { fromMs: NOW, toMs: NOW }, NOW))).toMatch(/before/);
    expect(badParam(() => resolveKpiParams(revenue, { fromMs: 1.5 }, NOW))).toMatch(/from/);
    expect(badParam(() => resolveKpiParams(revenue, { toMs: -1 }, NOW))).toMatch(/to/);
    expect(badParam(() => resolveKpiParams(getKpi('dau'), { granularity: 'hour' }, NOW))).toMatch(/dau supports granularity day/);
    expect(badParam(() => resolveKpiParams(revenue, { limit: 0 }, NOW))).toMatch(/limit/);
    expect(badParam(() => resolveKpiParams(revenue, { limit: 1001 }, NOW))).toMatch(/limit/);
    const tooMany = (MAX_BUCKETS + 1) * 60_000;
    expect(badParam(() => resolveKpiParams(revenue, { fromMs: NOW - tooMany, toMs: NOW, granularity: 'minute' }, NOW))).toMatch(/buckets/);
  });

  it('checks by: known dimensions, each once, only on KPIs that group', () => {
    expect(resolveKpiParams(getKpi('revenue'), { by: ['country', 'variant'] }, NOW).by).toEqual(['country', 'variant']);
    badParam(() => resolveKpiParams(getKpi('revenue'), { by: ['country', 'country'] }, NOW));
    badParam(() => resolveKpiParams(getKpi('revenue'), { by: ['os' as 'country'] }, NOW));
    badParam(() => resolveKpiParams(getKpi('top_progression_fails'), { by: ['country'] }, NOW));
    // a parameter a KPI does not read is ignored, never applied
    expect(resolveKpiParams(getKpi('ab_readout'), { variant: 'x:a' }, NOW).variant).toBeUndefined();
  });

  it('resolves offset and retention days: sorted, distinct, bounded', () => {
    expect(resolveKpiParams(getKpi('retention'), { days: [30, 1, 3, 1] }, NOW).days).toEqual([1, 3, 30]);
    expect(resolveKpiParams(getKpi('player_lifecycle'), { offset: 40, limit: 20 }, NOW)).toMatchObject({ offset: 40, limit: 20 });
    badParam(() => resolveKpiParams(getKpi('retention'), { days: [] }, NOW));
    badParam(() => resolveKpiParams(getKpi('retention'), { days: [366] }, NOW));
    badParam(() => resolveKpiParams(getKpi('retention'), { days: [1.5] }, NOW));
    badParam(() => resolveKpiParams(getKpi('player_lifecycle'), { offset: -1 }, NOW));
  });

  it('names unknown KPIs with GP_QUERY_UNKNOWN_KPI', () => {
    expect(() => getKpi('ltv_d90')).toThrow(expect.objectContaining({ code: 'GP_QUERY_UNKNOWN_KPI' }));
  });
});
