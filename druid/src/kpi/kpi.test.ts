/**
 * Every KPI against a reference computed in plain TypeScript from the same random
 * rows, over a real DuckDB store: results must match exactly, for several ranges,
 * granularities and filters.
 */
import type { PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStore, type DuckDbStore } from '../duckdb/index.ts';
import type { Row } from '../store.ts';
import { seededRandom } from '../testing/random.ts';
import { DAY_MS, MINUTE_MS, randomPlayerWindows, randomRollups } from '../testing/rollup-data.ts';
import { KPIS, runKpi } from './run-kpi.ts';
import { BUCKET_MS, type KpiParams, type ResolvedKpiParams } from './types.ts';

const DAY0 = Date.UTC(2025, 2, 10);
const SHAPE = { fromMs: DAY0, minutes: 3 * 1440, players: 400 };
const NOW = DAY0 + 1440 * MINUTE_MS + 1000 * MINUTE_MS + 30_000; // day 1, 16:40:30

let store: DuckDbStore;
let rollups: RollupRowData[];
let players: PlayerWindowData[];

beforeAll(async () => {
  const rng = seededRandom(7);
  rollups = randomRollups(rng, SHAPE, 20_000);
  players = randomPlayerWindows(rng, SHAPE, 12_000);
  store = await openDuckDbStore({ path: ':memory:' });
  // Several commits, so keys repeat across commits as deltas.
  for (let i = 0; i < 4; i++) {
    await store.commit({
      consumer: 'test',
      rollups: rollups.slice(i * 5000, (i + 1) * 5000),
      players: players.slice(i * 3000, (i + 1) * 3000),
      positions: [],
      state: [],
      deadLetters: [],
    });
  }
});
afterAll(() => store.close());

// ---- reference implementation -------------------------------------------------------

type Dims = { windowStartMs?: number | null; gameId?: string | null; platform?: string | null; country?: string | null; build?: string | null };

function selected(r: Dims, p: ResolvedKpiParams): boolean {
  const w = r.windowStartMs ?? 0;
  return (
    w >= p.fromMs &&
    w < p.toMs &&
    (p.game === undefined || r.gameId === p.game) &&
    (p.platform === undefined || r.platform === p.platform) &&
    (p.country === undefined || r.country === p.country) &&
    (p.build === undefined || r.build === p.build)
  );
}

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;

/** Sums `measures` of the selected rows grouped by `key`; returns rows with the key's fields. */
function sumBy<T extends Dims>(
  rows: readonly T[],
  p: ResolvedKpiParams,
  filter: (r: T) => boolean,
  key: (r: T) => Row,
  measures: (r: T) => Record<string, number>,
): Row[] {
  const groups = new Map<string, Row>();
  for (const r of rows) {
    if (!selected(r, p) || !filter(r)) continue;
    const k = key(r);
    const id = JSON.stringify(k);
    const acc = groups.get(id) ?? { ...k };
    for (const [m, v] of Object.entries(measures(r))) acc[m] = ((acc[m] as number | undefined) ?? 0) + v;
    groups.set(id, acc);
  }
  return [...groups.values()];
}

function bucketKey(p: ResolvedKpiParams, w: number | null | undefined): Row {
  return p.granularity === 'all' ? {} : { bucket_start_ms: floorTo(w ?? 0, BUCKET_MS[p.granularity]) };
}

const cmp = (...keys: Array<[string, 'asc' | 'desc']>) => (a: Row, b: Row) => {
  for (const [k, dir] of keys) {
    const x = a[k]!;
    const y = b[k]!;
    if (x !== y) return (x < y ? -1 : 1) * (dir === 'asc' ? 1 : -1);
  }
  return 0;
};
const byBucket = (...more: string[]) => cmp(['bucket_start_ms', 'asc'], ...more.map((k): [string, 'asc'] => [k, 'asc']));

function distinctPlayers(p: ResolvedKpiParams, key: (r: PlayerWindowData) => Row, countColumn: string): Row[] {
  const groups = new Map<string, { row: Row; ids: Set<string> }>();
  for (const r of players) {
    if (!selected(r, p)) continue;
    const k = key(r);
    const id = JSON.stringify(k);
    const g = groups.get(id) ?? { row: k, ids: new Set<string>() };
    g.ids.add(r.playerId ?? '');
    groups.set(id, g);
  }
  return [...groups.values()].map((g) => ({ ...g.row, [countColumn]: g.ids.size }));
}

const REFERENCE: Record<string, (p: ResolvedKpiParams) => Row[]> = {
  online_now: (p) => {
    const rows = distinctPlayers(p, () => ({}), 'players');
    return rows.length ? rows : [{ players: 0 }];
  },
  dau: (p) =>
    distinctPlayers(p, (r) => ({ day_start_ms: floorTo(r.windowStartMs ?? 0, DAY_MS) }), 'players').sort(cmp(['day_start_ms', 'asc'])),
  revenue: (p) =>
    sumBy(
      rollups,
      p,
      (r) => r.eventType === 'purchase',
      (r) => ({ ...bucketKey(p, r.windowStartMs), currency: r.currency ?? '' }),
      (r) => ({ purchases: r.events ?? 0, amount_minor: r.amount ?? 0 }),
    ).sort(byBucket('currency')),
  events_by_type: (p) =>
    sumBy(
      rollups,
      p,
      () => true,
      (r) => ({ ...bucketKey(p, r.windowStartMs), event_type: r.eventType ?? '' }),
      (r) => ({ events: r.events ?? 0 }),
    ).sort(p.granularity === 'all' ? cmp(['events', 'desc'], ['event_type', 'asc']) : byBucket('event_type')),
  top_progression_fails: (p) =>
    sumBy(
      rollups,
      p,
      (r) => r.eventType === 'progression' && r.action === 'fail',
      (r) => ({ item: r.item ?? '' }),
      (r) => ({ fails: r.events ?? 0 }),
    )
      .sort(cmp(['fails', 'desc'], ['item', 'asc']))
      .slice(0, p.limit),
  sessions: (p) => {
    const rows = sumBy(
      rollups,
      p,
      (r) => r.eventType === 'session_start' || r.eventType === 'session_end',
      (r) => bucketKey(p, r.windowStartMs),
      (r) =>
        r.eventType === 'session_start'
          ? { sessions: r.events ?? 0, ended: 0, total_length_ms: 0 }
          : { sessions: 0, ended: r.events ?? 0, total_length_ms: r.amount ?? 0 },
    );
    if (rows.length === 0 && p.granularity === 'all') rows.push({ sessions: 0, ended: 0, total_length_ms: 0 });
    return rows
      .map((r) => ({ ...r, avg_length_ms: r.ended ? (r.total_length_ms as number) / (r.ended as number) : null }))
      .sort(byBucket());
  },
  economy: (p) =>
    sumBy(
      rollups,
      p,
      (r) => r.eventType === 'resource',
      (r) => ({ ...bucketKey(p, r.windowStartMs), currency: r.currency ?? '' }),
      (r) => ({
        source_amount: r.action === 'source' ? (r.amount ?? 0) : 0,
        sink_amount: r.action === 'sink' ? (r.amount ?? 0) : 0,
        net_amount: r.action === 'source' ? (r.amount ?? 0) : -(r.amount ?? 0),
      }),
    ).sort(byBucket('currency')),
};

// ---- cases -------------------------------------------------------------------------

const H = 3_600_000;
const CASES: Array<[string, KpiParams]> = [
  ['defaults (last 24 h)', {}],
  ['whole data set', { fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
  ['range not on bucket edges', { fromMs: DAY0 + 5 * H + 17 * MINUTE_MS, toMs: DAY0 + 29 * H + 3 * MINUTE_MS }],
  ['one game', { game: 'space-miner', fromMs: DAY0, toMs: DAY0 + 2 * DAY_MS }],
  ['game, platform and country', { game: 'word-quest', platform: 'ios', country: 'DE', fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS }],
  ['build', { build: '1.1.0', fromMs: DAY0 + 12 * H, toMs: DAY0 + 60 * H }],
  ['no data in range', { fromMs: DAY0 - DAY_MS, toMs: DAY0 }],
  ['filter that matches nothing', { game: 'no-such-game' }],
];

describe('druid/kpi (DuckDB vs reference)', () => {
  for (const def of KPIS) {
    describe(def.name, () => {
      for (const [label, params] of CASES) {
        for (const granularity of def.granularities) {
          it(`${label}, granularity ${granularity}`, async () => {
            const result = await runKpi(store, def.name, { ...params, granularity, limit: 5 }, { nowMs: () => NOW });
            const expected = REFERENCE[def.name]!(result.params);
            expect(result.rows).toEqual(expected);
            for (const row of result.rows) expect(Object.keys(row)).toEqual(result.columns);
          });
        }
      }
    });
  }

  it('found data in most cases (the comparisons above are not all empty)', async () => {
    const r = await runKpi(store, 'revenue', { fromMs: DAY0, toMs: DAY0 + 3 * DAY_MS, granularity: 'hour' });
    expect(r.rows.length).toBeGreaterThan(100);
    const online = await runKpi(store, 'online_now', {}, { nowMs: () => NOW });
    expect(online.rows[0]!.players).toBeGreaterThan(5);
    expect(online.params).toMatchObject({ fromMs: DAY0 + DAY_MS + 996 * MINUTE_MS, toMs: DAY0 + DAY_MS + 1001 * MINUTE_MS });
  });
});

describe('druid/kpi (range edges)', () => {
  it('includes rows at `from` and excludes rows at `to`, for rollups and players alike', async () => {
    const s = await openDuckDbStore({ path: ':memory:' });
    const from = Date.UTC(2025, 5, 1, 10, 0);
    const to = from + 10 * MINUTE_MS;
    const at = (w: number, events: number): RollupRowData => ({ windowStartMs: w, gameId: 'g', eventType: 'ad', events });
    const player = (w: number, id: string): PlayerWindowData => ({ windowStartMs: w, gameId: 'g', playerId: id, events: 1 });
    await s.commit({
      consumer: 'test',
      rollups: [at(from - MINUTE_MS, 1), at(from, 10), at(to - MINUTE_MS, 100), at(to, 1000)],
      players: [player(from - MINUTE_MS, 'before'), player(from, 'first'), player(to - MINUTE_MS, 'last'), player(to, 'after')],
      positions: [],
      state: [],
      deadLetters: [],
    });
    const events = await runKpi(s, 'events_by_type', { fromMs: from, toMs: to });
    expect(events.rows).toEqual([{ event_type: 'ad', events: 110 }]);
    const dau = await runKpi(s, 'dau', { fromMs: from, toMs: to });
    expect(dau.rows).toEqual([{ day_start_ms: Date.UTC(2025, 5, 1), players: 2 }]);
    // online_now at to - 1 ms covers [to - 5 min, to): only 'last'.
    const online = await runKpi(s, 'online_now', {}, { nowMs: () => to - 1 });
    expect(online.rows).toEqual([{ players: 1 }]);
    await s.close();
  });

  it('breaks ties in top_progression_fails by item, so equal counts come back in a stable order', async () => {
    const s = await openDuckDbStore({ path: ':memory:' });
    const w = Date.UTC(2025, 5, 1, 10, 0);
    const fail = (item: string, events: number): RollupRowData => ({ windowStartMs: w, eventType: 'progression', action: 'fail', item, events });
    await s.commit({
      consumer: 'test',
      rollups: [fail('w2:l1', 3), fail('w1:l9', 3), fail('w1:l1', 5), fail('w3', 1), { ...fail('w9', 99), action: 'complete' }],
      players: [],
      positions: [],
      state: [],
      deadLetters: [],
    });
    const top = await runKpi(s, 'top_progression_fails', { fromMs: w, toMs: w + MINUTE_MS, limit: 3 });
    expect(top.rows).toEqual([
      { item: 'w1:l1', fails: 5 },
      { item: 'w1:l9', fails: 3 },
      { item: 'w2:l1', fails: 3 },
    ]);
    await s.close();
  });
});
