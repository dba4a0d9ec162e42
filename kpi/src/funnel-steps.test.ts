import { describe, expect, it } from 'vitest';
import { checkFunnelSteps, checkFunnelWindowMs, expandStepKeys, parseStepKey, parseWindowMs } from './funnel-steps.ts';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
};

describe('kpi/funnel-steps', () => {
  it('reads event_type[:action[:item]], the item keeping its colons, empty parts matching any', () => {
    expect(parseStepKey('purchase')).toEqual({ key: 'purchase', eventType: 'purchase', action: '', item: '' });
    expect(parseStepKey('progression:complete')).toMatchObject({ eventType: 'progression', action: 'complete', item: '' });
    expect(parseStepKey('progression:complete:forest:level3')).toMatchObject({ action: 'complete', item: 'forest:level3' });
    expect(parseStepKey('feature_use::daily_bonus')).toMatchObject({ eventType: 'feature_use', action: '', item: 'daily_bonus' });
    for (const bad of ['', ':complete', 'Purchase', 'pur chase'])
      expect(
        code(() => parseStepKey(bad)),
        bad,
      ).toBe('GP_QUERY_BAD_PARAM');
  });

  it('expands the progression preset {m..n} into tiers in order, and bounds the step count', () => {
    expect(expandStepKeys(['session_start', 'progression:complete:forest:level{1..3}'])).toEqual([
      'session_start',
      'progression:complete:forest:level1',
      'progression:complete:forest:level2',
      'progression:complete:forest:level3',
    ]);
    expect(checkFunnelSteps(['progression:complete:w{2..9}'])).toHaveLength(8);
    expect(code(() => checkFunnelSteps(['progression:complete:w{1..9}']))).toBe('GP_QUERY_BAD_PARAM');
    expect(code(() => checkFunnelSteps(['progression:complete:w{3..2}']))).toBe('GP_QUERY_BAD_PARAM');
    expect(code(() => checkFunnelSteps(['purchase']))).toBe('GP_QUERY_BAD_PARAM');
  });

  it('reads windows as ms, short durations or ISO 8601, within 1 ms .. 90 days', () => {
    expect(parseWindowMs('86400000')).toBe(86_400_000);
    expect(parseWindowMs('30m')).toBe(1_800_000);
    expect(parseWindowMs('12h')).toBe(43_200_000);
    expect(parseWindowMs('7d')).toBe(604_800_000);
    expect(parseWindowMs('500ms')).toBe(500);
    expect(parseWindowMs('P1D')).toBe(86_400_000);
    expect(parseWindowMs('PT30M')).toBe(1_800_000);
    expect(parseWindowMs('P1DT12H')).toBe(129_600_000);
    expect(parseWindowMs('PT1.5S')).toBe(1_500);
    for (const bad of ['', 'P', 'PT', '1w', '-5', 'P1M'])
      expect(
        code(() => parseWindowMs(bad)),
        bad,
      ).toBe('GP_QUERY_BAD_PARAM');
    expect(code(() => checkFunnelWindowMs(0))).toBe('GP_QUERY_BAD_PARAM');
    expect(code(() => checkFunnelWindowMs(91 * 86_400_000))).toBe('GP_QUERY_BAD_PARAM');
  });
});
