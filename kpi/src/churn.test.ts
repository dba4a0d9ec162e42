/**
 * churn_risk and at_risk_players on DuckDB: a hand-built history whose segments are
 * known by construction (the definition, checked without the reference), then random
 * rows over six weeks against the reference, with paging, filters and group-bys.
 */
import type { PlayerWindowData } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { DAY_MS, MINUTE_MS, randomPlayerWindows, seededRandom } from '@gamepulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playerRowsRefData } from './reference/player-rows-data.ts';
import { REFERENCE_KPIS } from './reference/reference-kpis.ts';
import { churnRisk } from './definitions/churn.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';
import { runKpi } from './run-kpi.ts';
import type { KpiParams } from './types.ts';

const DAY0 = Date.UTC(2026, 1, 2);
/** Scored as of the end of day 28: the baseline is days 0–20, the recent week days 21–27. */
const AS_OF = DAY0 + 28 * DAY_MS;

/** One session (and `purchases` purchases) of `player` on `day`, at 10:00 + `minute`. */
function session(player: string, day: number, o: { purchases?: number; minute?: number; platform?: string } = {}): PlayerWindowData {
  return {
    windowStartMs: DAY0 + day * DAY_MS + 10 * 60 * MINUTE_MS + (o.minute ?? 0) * MINUTE_MS,
    gameId: 'g',
    build: '1.0',
    platform: o.platform ?? 'ios',
    country: 'DE',
    playerId: player,
    firstSeenDayMs: DAY0,
    events: 5,
    purchases: o.purchases ?? 0,
    sessions: 1,
  };
}

const days = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Players whose segment as of AS_OF follows from the definition. */
const HISTORY: PlayerWindowData[] = [
  // steady: one session a day throughout → active
  ...days(0, 28).map((d) => session('steady', d)),
  // declining: daily for 3 weeks (21), then 3 in the last week: 3 < 21 / 3 / 2 = 3.5 → at_risk (sessions_down)
  ...days(0, 21).map((d) => session('declining', d)),
  ...[21, 23, 25].map((d) => session('declining', d)),
  // borderline: daily for 3 weeks, 4 in the last week: 4 ≥ 3.5 → active
  ...days(0, 21).map((d) => session('borderline', d)),
  ...[21, 23, 25, 27].map((d) => session('borderline', d)),
  // stopped paying: same rhythm, bought on day 10, nothing in the last week → at_risk (spend_stopped)
  ...days(0, 28).map((d) => session('stopped-paying', d, { purchases: d === 10 ? 2 : 0 })),
  // both reasons
  ...days(0, 21).map((d) => session('both', d, { purchases: d === 5 ? 1 : 0 })),
  ...[22].map((d) => session('both', d)),
  // lapsed: last session on day 20 (8 days before T) → lapsed, last seen day 20
  ...days(0, 21).map((d) => session('lapsed', d, { purchases: d === 3 ? 5 : 0 })),
  // two devices: 1 session a day on ios in weeks 1–3, the same player on android daily in week 4 → active overall
  ...days(0, 21).map((d) => session('two-devices', d)),
  ...days(21, 28).map((d) => session('two-devices', d, { platform: 'android' })),
  // new: first session in the recent week, no baseline → active
  ...[26, 27].map((d) => session('new', d)),
  // gone: last session 30 days before T → not scored at all
  session('gone', -3),
];

let store: DuckDbStore;
let random: DuckDbStore;
let randomRows: PlayerWindowData[];

const refData = playerRowsRefData;

async function open(players: PlayerWindowData[]): Promise<DuckDbStore> {
  const s = await openDuckDbStore({ path: ':memory:' });
  // Two commits: a player's rows arrive as deltas across commits.
  const half = Math.floor(players.length / 2);
  for (const part of [players.slice(0, half), players.slice(half)])
    await s.commit({ consumer: 'test', rollups: [], players: part, positions: [], state: [], deadLetters: [] });
  return s;
}

beforeAll(async () => {
  store = await open(HISTORY);
  randomRows = randomPlayerWindows(seededRandom(11), { fromMs: DAY0, minutes: 42 * 1440, players: 150 }, 6000);
  random = await open(randomRows);
});
afterAll(async () => {
  await store.close();
  await random.close();
});

describe('kpi/churn: the definition on a known history', () => {
  it('at_risk_players lists at_risk then lapsed, by lifetime purchases, with reasons', async () => {
    const r = await runKpi(store, 'at_risk_players', { asOfMs: AS_OF, limit: 100 });
    expect(r.columns).toEqual([
      'player_id',
      'segment',
      'reasons',
      'last_session_day_ms',
      'sessions_7d',
      'weekly_baseline_sessions',
      'purchases_7d',
      'lifetime_purchases',
    ]);
    expect(r.rows.map((x) => [x.player_id, x.segment, x.reasons, x.lifetime_purchases])).toEqual([
      ['stopped-paying', 'at_risk', 'spend_stopped', 2],
      ['both', 'at_risk', 'sessions_down;spend_stopped', 1],
      ['declining', 'at_risk', 'sessions_down', 0],
      ['lapsed', 'lapsed', 'no_session_7d', 5],
    ]);
    expect(r.rows[2]).toMatchObject({
      sessions_7d: 3,
      weekly_baseline_sessions: 7,
      purchases_7d: 0,
      last_session_day_ms: DAY0 + 25 * DAY_MS,
    });
    expect(r.rows[3]).toMatchObject({ last_session_day_ms: DAY0 + 20 * DAY_MS });
  });

  it('churn_risk counts each segment per day; lapsedDays moves the lapsed line', async () => {
    const r = await runKpi(store, 'churn_risk', { fromMs: AS_OF - DAY_MS, toMs: AS_OF });
    // steady, borderline, two-devices, new active; declining, stopped-paying, both at risk; lapsed.
    expect(r.rows).toEqual([{ day_start_ms: AS_OF - DAY_MS, players: 8, active: 4, at_risk: 3, lapsed: 1 }]);
    const longer = await runKpi(store, 'churn_risk', { fromMs: AS_OF - DAY_MS, toMs: AS_OF, lapsedDays: 9 });
    expect(longer.rows).toEqual([{ day_start_ms: AS_OF - DAY_MS, players: 8, active: 4, at_risk: 4, lapsed: 0 }]);
  });

  it('scores a two-device player across devices, and per device when sliced by platform', async () => {
    const all = await runKpi(store, 'at_risk_players', { asOfMs: AS_OF, limit: 100 });
    expect(all.rows.map((x) => x.player_id)).not.toContain('two-devices');
    const ios = await runKpi(store, 'at_risk_players', { asOfMs: AS_OF, platform: 'ios', limit: 100 });
    expect(ios.rows.find((x) => x.player_id === 'two-devices')).toMatchObject({ segment: 'lapsed' });
    const byPlatform = await runKpi(store, 'churn_risk', { fromMs: AS_OF - DAY_MS, toMs: AS_OF, by: ['platform'] });
    expect(byPlatform.rows).toEqual([
      { day_start_ms: AS_OF - DAY_MS, platform: 'android', players: 1, active: 1, at_risk: 0, lapsed: 0 },
      { day_start_ms: AS_OF - DAY_MS, platform: 'ios', players: 8, active: 3, at_risk: 3, lapsed: 2 },
    ]);
  });

  it('pages with limit and offset in a stable order; rejects bad paging and lapsedDays', async () => {
    const full = await runKpi(store, 'at_risk_players', { asOfMs: AS_OF, limit: 100 });
    const pages = [];
    for (let offset = 0; offset < 5; offset += 2)
      pages.push(...(await runKpi(store, 'at_risk_players', { asOfMs: AS_OF, limit: 2, offset })).rows);
    expect(pages).toEqual(full.rows);
    for (const bad of [{ offset: -1 }, { offset: 1.5 }, { lapsedDays: 0 }, { lapsedDays: 29 }] as KpiParams[])
      await expect(runKpi(store, 'at_risk_players', bad)).rejects.toMatchObject({ code: 'GP_QUERY_BAD_PARAM' });
  });

  it('the reference agrees on the known history', async () => {
    for (const [name, params] of [
      ['at_risk_players', { asOfMs: AS_OF, limit: 100 }],
      ['churn_risk', { fromMs: DAY0, toMs: AS_OF + 3 * DAY_MS, by: ['platform'] }],
    ] as const) {
      const r = await runKpi(store, name, params);
      expect(r.rows).toEqual(REFERENCE_KPIS[name]!(r.params, refData(HISTORY)));
    }
  });
});

describe('kpi/churn: DuckDB = reference on random rows over six weeks', () => {
  const H = 3_600_000;
  const cases: Array<[string, string, KpiParams]> = [
    ['churn_risk', 'whole history', { fromMs: DAY0, toMs: DAY0 + 42 * DAY_MS }],
    [
      'churn_risk',
      'by country and platform, lapsedDays 3',
      { fromMs: DAY0 + 20 * DAY_MS, toMs: DAY0 + 30 * DAY_MS, by: ['country', 'platform'], lapsedDays: 3 },
    ],
    ['churn_risk', 'one game, by build', { game: 'space-miner', fromMs: DAY0 + 25 * DAY_MS, toMs: DAY0 + 35 * DAY_MS, by: ['build'] }],
    ['churn_risk', 'range cutting days', { fromMs: DAY0 + 27 * DAY_MS + 5 * H, toMs: DAY0 + 31 * DAY_MS + 3 * H }],
    ['at_risk_players', 'as of a day end', { asOfMs: DAY0 + 35 * DAY_MS, limit: 1000 }],
    [
      'at_risk_players',
      'as of mid-day, lapsedDays 5, page 2',
      { asOfMs: DAY0 + 30 * DAY_MS + 7 * H + 17 * MINUTE_MS, lapsedDays: 5, limit: 20, offset: 20 },
    ],
    ['at_risk_players', 'one country', { asOfMs: DAY0 + 40 * DAY_MS, country: 'US', limit: 50 }],
  ];
  for (const [name, label, params] of cases) {
    it(`${name}: ${label}`, async () => {
      const r = await runKpi(random, name, params);
      const expected = REFERENCE_KPIS[name]!(r.params, refData(randomRows));
      expect(r.rows).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      for (const row of r.rows) expect(Object.keys(row)).toEqual(r.columns);
    });
  }

  it('the random history has every segment and reason (the comparisons are not trivial)', async () => {
    const r = await runKpi(random, 'at_risk_players', { asOfMs: DAY0 + 35 * DAY_MS, limit: 1000 });
    const reasons = new Set(r.rows.flatMap((x) => String(x.reasons).split(';')));
    expect([...reasons].sort()).toEqual(['no_session_7d', 'sessions_down', 'spend_stopped']);
    const c = await runKpi(random, 'churn_risk', { fromMs: DAY0 + 35 * DAY_MS, toMs: DAY0 + 36 * DAY_MS });
    expect(c.rows[0]).toMatchObject({ active: expect.any(Number) as number });
    for (const k of ['active', 'at_risk', 'lapsed']) expect(c.rows[0]![k]).toBeGreaterThan(0);
  });
});

describe('kpi/churn: churn_risk scored in one pass per week of days (the Druid shape), run on DuckDB', () => {
  // The same SQL Druid gets (definitions/churn-days.ts) is plain SQL: DuckDB runs it too,
  // so the reference checks it on rows whose every segment occurs.
  const ONE_PASS = { ...DUCKDB_DIALECT, scoresChurnDaysInOnePass: true };
  const cases: Array<[string, KpiParams]> = [
    ['whole history: six passes, the last one full', { fromMs: DAY0, toMs: DAY0 + 42 * DAY_MS }],
    [
      'ten days by country and platform, lapsedDays 3: a partial pass',
      { fromMs: DAY0 + 20 * DAY_MS, toMs: DAY0 + 30 * DAY_MS, by: ['country', 'platform'], lapsedDays: 3 },
    ],
    ['one game, by build', { game: 'space-miner', fromMs: DAY0 + 25 * DAY_MS, toMs: DAY0 + 35 * DAY_MS, by: ['build'] }],
    ['range cutting days', { fromMs: DAY0 + 27 * DAY_MS + 5 * 3_600_000, toMs: DAY0 + 31 * DAY_MS + 3 * 3_600_000 }],
  ];
  for (const [label, params] of cases) {
    it(label, async () => {
      const r = await runKpi(random, 'churn_risk', params, { dialect: ONE_PASS });
      expect(churnRisk.render(r.params, ONE_PASS).sql).toContain('pass_day_ms');
      expect(r.rows).toEqual(REFERENCE_KPIS.churn_risk!(r.params, refData(randomRows)));
      expect(r.rows.some((x) => (x.at_risk as number) > 0 && (x.lapsed as number) > 0)).toBe(true);
      for (const row of r.rows) expect(Object.keys(row)).toEqual(r.columns);
    });
  }
  it('the known history: the same segments as the plain shape', async () => {
    const params = { fromMs: DAY0 + 20 * DAY_MS, toMs: DAY0 + 29 * DAY_MS, by: ['platform'] } as const;
    const plain = await runKpi(store, 'churn_risk', params);
    expect((await runKpi(store, 'churn_risk', params, { dialect: ONE_PASS })).rows).toEqual(plain.rows);
  });
});
