/**
 * The Druid one-pass shape of active_users (definitions/active-users-days.ts): the SQL
 * it renders and how its per-day columns become active_users' rows. The counts
 * themselves are checked on real Druid against the ground truth (druid-kpis.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { FIRST_DAY_COLUMN, unpivotActiveUsers } from './definitions/active-users-days.ts';
import { activeUsers } from './definitions/active-users.ts';
import { createDruidDialect } from './druid-dialect.ts';
import { resolveKpiParams } from './params.ts';
import { DAY_MS } from './sql.ts';

const DAY0 = Date.UTC(2026, 0, 10);
const params = (by: Array<'platform'> = []) =>
  resolveKpiParams(activeUsers, { fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS, by }, DAY0 + 5 * DAY_MS);

describe('kpi/active_users: one HLL sketch per day, unioned per window (Druid)', () => {
  it('renders one query: a sketch per day of the 30 + 1 days, WAU/MAU as unions of 7 and 30 of them', () => {
    const q = activeUsers.render(params(['platform']), createDruidDialect());
    expect(q.sql).not.toContain('UNION ALL');
    const days = new Set(q.sql.match(/DS_HLL\(player_id, 12, 'HLL_4'\) FILTER \(WHERE __time >= TIMESTAMP '[^']+'/g));
    expect(days.size).toBe(31);
    expect(q.sql.match(/HLL_SKETCH_UNION\(/g)?.length).toBe(4);
    expect(q.columns).toEqual([FIRST_DAY_COLUMN, 'platform', 'dau_0', 'wau_0', 'mau_0', 'dau_1', 'wau_1', 'mau_1']);
  });

  it('turns the per-day columns into rows: by day then group, a group only where its MAU window has players', () => {
    const rows = [
      { [FIRST_DAY_COLUMN]: DAY0, platform: 'ios', dau_0: 0, wau_0: 0, mau_0: 0, dau_1: 2, wau_1: 3, mau_1: 4 },
      { [FIRST_DAY_COLUMN]: DAY0, platform: 'android', dau_0: 1, wau_0: 2, mau_0: 5, dau_1: 0, wau_1: 1, mau_1: 5 },
    ];
    const out = unpivotActiveUsers(rows, params(['platform']), 2);
    expect(out.columns).toEqual(['day_start_ms', 'platform', 'dau', 'wau', 'mau', 'stickiness']);
    expect(out.rows).toEqual([
      { day_start_ms: DAY0, platform: 'android', dau: 1, wau: 2, mau: 5, stickiness: 0.2 },
      { day_start_ms: DAY0 + DAY_MS, platform: 'android', dau: 0, wau: 1, mau: 5, stickiness: 0 },
      { day_start_ms: DAY0 + DAY_MS, platform: 'ios', dau: 2, wau: 3, mau: 4, stickiness: 0.5 },
    ]);
  });

  it('without by, every day has a row, zeros and a NULL stickiness where nobody played', () => {
    const out = unpivotActiveUsers(
      [{ [FIRST_DAY_COLUMN]: DAY0, dau_0: null, wau_0: null, mau_0: null, dau_1: 1, wau_1: 1, mau_1: 1 }],
      params(),
      2,
    );
    expect(out.rows).toEqual([
      { day_start_ms: DAY0, dau: 0, wau: 0, mau: 0, stickiness: null },
      { day_start_ms: DAY0 + DAY_MS, dau: 1, wau: 1, mau: 1, stickiness: 1 },
    ]);
    expect(unpivotActiveUsers([], params(), 1).rows).toEqual([{ day_start_ms: DAY0, dau: 0, wau: 0, mau: 0, stickiness: null }]);
  });
});
