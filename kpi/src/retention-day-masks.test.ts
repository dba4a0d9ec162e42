/**
 * retention and retention_matrix through the day-mask rows (the Druid shape,
 * definitions/retention-day-masks.ts) run on DuckDB — the SQL is plain — against the
 * reference, over random player rows spanning more than one mask column (52 days).
 */
import type { PlayerWindowData } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { DAY_MS, randomPlayerWindows, seededRandom } from '@gamepulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retention } from './definitions/retention.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';
import { resolveKpiParams } from './params.ts';
import { playerRowsRefData } from './reference/player-rows-data.ts';
import { REFERENCE_KPIS } from './reference/reference-kpis.ts';
import { runKpi } from './run-kpi.ts';
import type { KpiParams } from './types.ts';

const DAY0 = Date.UTC(2026, 2, 2);
/** A whole day after the last row: the day table then holds activity up to now exactly. */
const NOW = DAY0 + 71 * DAY_MS;
const MASKS = { ...DUCKDB_DIALECT, countsCohortsInEngine: false, retentionDayMasks: true };

let store: DuckDbStore;
let rows: PlayerWindowData[];

const refData = playerRowsRefData;

beforeAll(async () => {
  // 400 players over 70 days: most come back rarely, so cohorts spread over the first weeks.
  rows = randomPlayerWindows(seededRandom(7), { fromMs: DAY0, minutes: 70 * 1440, players: 400 }, 5000);
  store = await openDuckDbStore({ path: ':memory:' });
  await store.commit({ consumer: 'test', rollups: [], players: rows, positions: [], state: [], deadLetters: [] });
});
afterAll(async () => {
  await store.close();
});

describe('kpi/retention: the day-mask shape (Druid) = reference, on DuckDB', () => {
  const cases: Array<[string, string, KpiParams]> = [
    ['retention', 'ten cohorts, day 60 in the second mask column', { fromMs: DAY0, toMs: DAY0 + 10 * DAY_MS, days: [0, 1, 7, 52, 60] }],
    [
      'retention',
      'by platform and country, one game',
      { game: 'space-miner', fromMs: DAY0, toMs: DAY0 + 20 * DAY_MS, days: [1, 3, 7], by: ['platform', 'country'] },
    ],
    [
      'retention',
      'one platform, cohorts after the first day',
      { platform: 'ios', fromMs: DAY0 + 2 * DAY_MS, toMs: DAY0 + 9 * DAY_MS, days: [1, 14] },
    ],
    [
      'retention',
      'one game and platform (parameters in each FILTER)',
      { game: 'word-quest', platform: 'android', fromMs: DAY0, toMs: DAY0 + 12 * DAY_MS, days: [1, 7] },
    ],
    ['retention_matrix', 'month, D0–D14', { fromMs: DAY0, toMs: DAY0 + 30 * DAY_MS, days: [14] }],
    ['retention_matrix', 'by build, D0–D55 (two mask columns)', { fromMs: DAY0, toMs: DAY0 + 5 * DAY_MS, days: [55], by: ['build'] }],
  ];
  for (const [name, label, params] of cases) {
    it(`${name}: ${label}`, async () => {
      const r = await runKpi(store, name, params, { dialect: MASKS, nowMs: () => NOW });
      const expected = REFERENCE_KPIS[name]!(r.params, refData(rows));
      expect(r.rows).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      for (const row of r.rows) expect(Object.keys(row)).toEqual(r.columns);
    });
  }

  it('renders the mask shape (not the per-day rows): two mask columns past 52 days, one groupBy without by', () => {
    const { sql } = retention.render(resolveKpiParams(retention, { fromMs: DAY0, toMs: DAY0 + 10 * DAY_MS, days: [60] }, NOW), MASKS);
    expect(sql).toContain('BIT_OR(');
    expect(sql).toContain(' AS m1');
    // Without by: cohort and activity in one groupBy; with by: the cohort part and the mask part.
    expect(sql).not.toContain('UNION ALL');
    const byPlatform = resolveKpiParams(retention, { fromMs: DAY0, toMs: DAY0 + 10 * DAY_MS, by: ['platform'] }, NOW);
    expect(retention.render(byPlatform, MASKS).sql).toContain('UNION ALL');
  });

  it('the comparisons are not trivial: retained players on day 1 and rolling on day 52', async () => {
    const r = await runKpi(
      store,
      'retention',
      { fromMs: DAY0, toMs: DAY0 + 10 * DAY_MS, days: [1, 52] },
      { dialect: MASKS, nowMs: () => NOW },
    );
    expect(r.rows.some((x) => (x.d1_players as number) > 0)).toBe(true);
    expect(r.rows.some((x) => (x.d52_rolling_players as number) > (x.d52_players as number))).toBe(true);
  });
});
