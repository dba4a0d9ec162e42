import { describe, expect, it } from 'vitest';
import { parseKpiQuery, parseTime } from './parse-query.ts';

describe('druid/api/parse-query', () => {
  it('reads times as epoch ms or ISO 8601, UTC when no offset is given', () => {
    expect(parseTime('from', '1741622400000')).toBe(1741622400000);
    expect(parseTime('from', '2025-03-10')).toBe(Date.UTC(2025, 2, 10));
    expect(parseTime('from', '2025-03-10T16:40')).toBe(Date.UTC(2025, 2, 10, 16, 40));
    expect(parseTime('from', '2025-03-10T16:40:30.5Z')).toBe(Date.UTC(2025, 2, 10, 16, 40, 30, 500));
    expect(parseTime('from', '2025-03-10T18:40:30+02:00')).toBe(Date.UTC(2025, 2, 10, 16, 40, 30));
    for (const bad of ['yesterday', 'March 7', '2025-13-45', '-5', '1.5']) {
      expect(() => parseTime('from', bad)).toThrow(expect.objectContaining({ code: 'GP_QUERY_BAD_PARAM' }));
    }
  });

  it('maps every parameter, skipping empty values', () => {
    expect(
      parseKpiQuery({
        game: 'g',
        from: '0',
        to: '2025-01-01',
        granularity: 'minute',
        platform: 'ios',
        country: '',
        build: '1.0',
        limit: '3',
      }),
    ).toEqual({
      game: 'g',
      fromMs: 0,
      toMs: Date.UTC(2025, 0, 1),
      granularity: 'minute',
      platform: 'ios',
      build: '1.0',
      limit: 3,
    });
  });

  it('reads the churn and paging parameters', () => {
    expect(parseKpiQuery({ asOf: '2026-02-01', lapsedDays: '10', offset: '40', limit: '20' })).toEqual({
      asOfMs: Date.UTC(2026, 1, 1),
      lapsedDays: 10,
      offset: 40,
      limit: 20,
    });
    for (const q of [{ offset: '-1' }, { lapsedDays: 'week' }, { asOf: 'soon' }])
      expect(() => parseKpiQuery(q)).toThrow(expect.objectContaining({ code: 'GP_QUERY_BAD_PARAM' }));
  });

  it('reads the player_purchases filters (minSpend in minor units)', () => {
    expect(parseKpiQuery({ minPurchases: '10', minSpend: '20000' })).toEqual({ minPurchases: 10, minSpendMinor: 20_000 });
    for (const q of [{ minPurchases: '1.5' }, { minSpend: '-1' }, { minSpend: '$200' }])
      expect(() => parseKpiQuery(q)).toThrow(expect.objectContaining({ code: 'GP_QUERY_BAD_PARAM' }));
  });

  it('rejects unknown, repeated and malformed parameters', () => {
    for (const q of [{ contry: 'DE' }, { game: ['a', 'b'] }, { granularity: 'week' }, { limit: 'ten' }, { limit: '-1' }]) {
      expect(() => parseKpiQuery(q)).toThrow(expect.objectContaining({ code: 'GP_QUERY_BAD_PARAM' }));
    }
  });
});

describe('api/parse-query: player_funnel parameters', () => {
  it('reads steps as a comma-separated list and window as a duration', () => {
    expect(parseKpiQuery({ steps: 'session_start, progression:complete:forest:level{1..3},purchase', window: '12h' })).toEqual({
      steps: ['session_start', 'progression:complete:forest:level{1..3}', 'purchase'],
      windowMs: 43_200_000,
    });
    expect(parseKpiQuery({ window: 'P1D' })).toEqual({ windowMs: 86_400_000 });
    expect(() => parseKpiQuery({ window: 'soon' })).toThrow(/window must be/);
  });
});
