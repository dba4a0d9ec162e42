/**
 * The query API over HTTP, on a real DuckDB file written through the RollupSink, with
 * hand-computed expected answers and a fixed clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStore, type DuckDbStore, type RollupCommit } from '@gamepulse/store';
import { startQueryApi, type QueryApiServer } from '../../src/index.ts';

const NOW = Date.UTC(2025, 2, 10, 16, 40, 30);
const at = (hh: number, mm: number, day = 10) => Date.UTC(2025, 2, day, hh, mm);
const g1 = { gameId: 'g1', build: '1.0', platform: 'ios', country: 'DE' };
const g2 = { gameId: 'g2', build: '2.0', platform: 'android', country: 'US' };

const ROLLUPS: RollupRowData[] = [
  { ...g1, windowStartMs: at(16, 0), eventType: 'purchase', currency: 'USD', item: 'gems', events: 2, amount: 1998 },
  { ...g1, platform: 'android', country: 'US', windowStartMs: at(16, 39), eventType: 'purchase', currency: 'USD', events: 1, amount: 499 },
  { ...g1, windowStartMs: at(15, 10), eventType: 'purchase', currency: 'EUR', events: 1, amount: 999 },
  { ...g2, windowStartMs: at(16, 20), eventType: 'purchase', currency: 'USD', events: 5, amount: 5000 },
  { ...g1, windowStartMs: at(16, 30), eventType: 'progression', action: 'fail', item: 'w1:l3', events: 4 },
  { ...g1, windowStartMs: at(16, 31), eventType: 'progression', action: 'fail', item: 'w2:l1', events: 5 },
  { ...g1, windowStartMs: at(16, 31), eventType: 'progression', action: 'complete', item: 'w1:l3', events: 10 },
  { ...g1, windowStartMs: at(16, 0), eventType: 'session_start', events: 10 },
  { ...g1, windowStartMs: at(16, 30), eventType: 'session_end', events: 4, amount: 2_400_000 },
  { ...g1, windowStartMs: at(16, 5), eventType: 'resource', action: 'source', currency: 'gold', item: 'quest', amount: 1000, events: 3 },
  { ...g1, windowStartMs: at(16, 6), eventType: 'resource', action: 'sink', currency: 'gold', item: 'shop', amount: 300, events: 1 },
  { ...g1, windowStartMs: at(16, 7), eventType: 'resource', action: 'source', currency: 'gems', item: 'ad', amount: 50, events: 1 },
];
const PLAYERS: PlayerWindowData[] = [
  { ...g1, windowStartMs: at(16, 38), playerId: 'p1', events: 3 },
  { ...g1, windowStartMs: at(16, 39), playerId: 'p2', events: 1 },
  { ...g1, windowStartMs: at(16, 30), playerId: 'p3', events: 1 },
  { ...g1, windowStartMs: at(16, 0), playerId: 'p1', events: 5 },
  { ...g2, windowStartMs: at(16, 40), playerId: 'p9', events: 1 },
  { ...g1, windowStartMs: at(12, 0, 9), playerId: 'p4', events: 2 },
];

function commit(parts: Partial<RollupCommit>): RollupCommit {
  return { consumer: 'processor', rollups: [], players: [], positions: [], state: [], deadLetters: [], ...parts };
}

const dir = mkdtempSync(join(tmpdir(), 'gp-query-api-'));
let store: DuckDbStore;
let api: QueryApiServer;
let base: string;

beforeAll(async () => {
  store = await openDuckDbStore({ path: join(dir, 'store.duckdb') });
  await store.commit(
    commit({ rollups: ROLLUPS.slice(0, 6), players: PLAYERS.slice(0, 3), positions: [{ topic: 'events', partition: 0, offset: 10 }] }),
  );
  await store.commit(
    commit({ rollups: ROLLUPS.slice(6), players: PLAYERS.slice(3), positions: [{ topic: 'events', partition: 0, offset: 20 }] }),
  );
  api = await startQueryApi({ port: 0, host: '127.0.0.1', store, nowMs: () => NOW });
  base = `http://127.0.0.1:${api.port}`;
});
afterAll(async () => {
  await api.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The JSON answers' shapes, as far as the assertions below read them. */
interface Catalogue {
  kpis: Array<{ name: string; description: string; params: Array<{ name: string }> }>;
}
interface KpiAnswer {
  params: Record<string, unknown>;
  rows: Array<Record<string, unknown>>;
  tookMs: unknown;
}
interface ErrorAnswer {
  error: { code: string; message: string };
}

/** JSON bodies parsed, anything else as text. */
async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(base + path);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? ((await res.json()) as unknown) : await res.text() };
}

/** `get` for a JSON answer of a declared shape; the assertions on it check the shape. */
async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const { status, body } = await get(path);
  return { status, body: body as T };
}

async function rowsOf(path: string): Promise<KpiAnswer['rows']> {
  return (await getJson<KpiAnswer>(path)).body.rows;
}

describe('druid/test/integration/duckdb-query-api', () => {
  it('lists the KPIs with their descriptions and parameters', async () => {
    const { status, body } = await getJson<Catalogue>('/v1/kpis');
    expect(status).toBe(200);
    expect(body.kpis.map((k) => k.name)).toEqual([
      'online_now',
      'dau',
      'active_users',
      'retention',
      'revenue',
      'arpdau',
      'arppu',
      'payer_conversion',
      'economy',
      'progression_funnel',
      'ab_readout',
      'events_by_type',
      'top_progression_fails',
      'sessions',
      'churn_risk',
      'at_risk_players',
      'feature_adoption',
      'ads',
      'social_actions',
      'error_rate',
      'top_items',
      'late_events',
      'session_stats',
      'player_lifecycle',
      'retention_matrix',
      'player_funnel',
      'revenue_reporting',
      'arpdau_reporting',
      'arppu_reporting',
      'ab_test',
      'ab_stats',
      'ltv',
      'delivery',
      'refunds',
      'player_purchases',
    ]);
    const revenue = body.kpis.find((k) => k.name === 'revenue');
    expect(revenue?.description).toMatch(/minor units/);
    expect(revenue?.params.map((p) => p.name)).toEqual([
      'game',
      'from',
      'to',
      'platform',
      'country',
      'build',
      'variant',
      'by',
      'region',
      'subregion',
      'experiment',
      'granularity',
    ]);
  });

  it('answers revenue per hour for one game, with from as ISO and to as ms', async () => {
    const { status, body } = await getJson<KpiAnswer>(`/v1/kpis/revenue?game=g1&from=2025-03-10T00:00:00Z&to=${NOW}&granularity=hour`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kpi: 'revenue',
      engine: 'duckdb',
      params: { game: 'g1', fromMs: at(0, 0), toMs: NOW, granularity: 'hour', nowMs: NOW },
      columns: ['bucket_start_ms', 'currency', 'purchases', 'amount_minor'],
      rows: [
        { bucket_start_ms: at(15, 0), currency: 'EUR', purchases: 1, amount_minor: 999 },
        { bucket_start_ms: at(16, 0), currency: 'USD', purchases: 3, amount_minor: 2497 },
      ],
    });
    expect(typeof body.tookMs).toBe('number');
  });

  it('applies platform/country filters and the default range (last 24 h)', async () => {
    const { body } = await getJson<KpiAnswer>('/v1/kpis/revenue?granularity=all&country=DE&platform=ios');
    expect(body.params).toMatchObject({ fromMs: NOW - 86_400_000, toMs: NOW });
    expect(body.rows).toEqual([
      { currency: 'EUR', purchases: 1, amount_minor: 999 },
      { currency: 'USD', purchases: 2, amount_minor: 1998 },
    ]);
  });

  it('answers online_now, dau, top fails, sessions and economy', async () => {
    expect(await rowsOf('/v1/kpis/online_now')).toEqual([{ players: 3 }]);
    expect(await rowsOf('/v1/kpis/online_now?game=g1')).toEqual([{ players: 2 }]);
    expect(await rowsOf('/v1/kpis/dau?game=g1&from=2025-03-09')).toEqual([
      { day_start_ms: Date.UTC(2025, 2, 9), players: 1 },
      { day_start_ms: Date.UTC(2025, 2, 10), players: 3 },
    ]);
    expect(await rowsOf('/v1/kpis/top_progression_fails?game=g1&limit=1')).toEqual([{ item: 'w2:l1', fails: 5 }]);
    expect(await rowsOf('/v1/kpis/sessions?game=g1')).toEqual([
      { sessions: 10, ended: 4, total_length_ms: 2_400_000, avg_length_ms: 600_000 },
    ]);
    expect(await rowsOf('/v1/kpis/economy?game=g1')).toEqual([
      { currency: 'gems', source_amount: 50, sink_amount: 0, net_amount: 50 },
      { currency: 'gold', source_amount: 1000, sink_amount: 300, net_amount: 700 },
    ]);
    expect(await rowsOf('/v1/kpis/events_by_type?game=g2')).toEqual([{ event_type: 'purchase', events: 5 }]);
  });

  it('shows a new commit in the next answer', async () => {
    const before = await rowsOf('/v1/kpis/top_progression_fails?game=g1');
    expect(before).toEqual([
      { item: 'w2:l1', fails: 5 },
      { item: 'w1:l3', fails: 4 },
    ]);
    await store.commit(
      commit({
        rollups: [{ ...g1, windowStartMs: at(16, 35), eventType: 'progression', action: 'fail', item: 'w1:l3', events: 3 }],
        positions: [{ topic: 'events', partition: 0, offset: 21 }],
      }),
    );
    expect(await rowsOf('/v1/kpis/top_progression_fails?game=g1')).toEqual([
      { item: 'w1:l3', fails: 7 },
      { item: 'w2:l1', fails: 5 },
    ]);
  });

  it('answers errors as JSON with stable codes and statuses', async () => {
    const cases: Array<[string, number, string]> = [
      ['/v1/kpis/ltv_d90', 404, 'GP_QUERY_UNKNOWN_KPI'],
      ['/v1/kpis/revenue?by=os', 400, 'GP_QUERY_BAD_PARAM'],
      ['/v1/kpis/revenue?from=yesterday', 400, 'GP_QUERY_BAD_PARAM'],
      ['/v1/kpis/revenue?contry=DE', 400, 'GP_QUERY_BAD_PARAM'],
      ['/v1/kpis/revenue?game=a&game=b', 400, 'GP_QUERY_BAD_PARAM'],
      [`/v1/kpis/revenue?from=${NOW}&to=${NOW - 1}`, 400, 'GP_QUERY_BAD_PARAM'],
      ['/v1/kpis/dau?granularity=hour', 400, 'GP_QUERY_BAD_PARAM'],
      ['/v1/kpis/revenue?granularity=minute&from=0', 400, 'GP_QUERY_BAD_PARAM'],
      ['/v1/kpis/top_progression_fails?limit=0', 400, 'GP_QUERY_BAD_PARAM'],
      ['/v2/nothing', 404, 'GP_QUERY_NOT_FOUND'],
      ['/v1/kpis/%E0%A4%A', 400, 'GP_QUERY_BAD_PARAM'],
    ];
    for (const [path, status, code] of cases) {
      const res = await getJson<ErrorAnswer>(path);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status, code });
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    // Player KPIs slice by variant since player_windows has it (schema migration 2).
    expect((await get('/v1/kpis/dau?variant=shop_layout:grid')).status).toBe(200);
  });

  it('serves the console, health, readiness and metrics', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>gamepulse · live</title>');
    expect(page.body).toContain('/v1/kpis/');
    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready' } });
    const metrics = await get('/metrics');
    expect(metrics.body).toMatch(/gamepulse_query_kpi_seconds_count\{[^}]*kpi="revenue"[^}]*\} \d+/);
    expect(metrics.body).toMatch(/gamepulse_query_errors_total\{[^}]*code="GP_QUERY_BAD_PARAM"[^}]*\} \d+/);
  });

  it('answers GP_QUERY_FAILED (500) and turns not-ready when its store fails', async () => {
    const other = await openDuckDbStore({ path: ':memory:' });
    const server = await startQueryApi({ port: 0, store: other, nowMs: () => NOW });
    await other.close();
    const res = await fetch(`http://127.0.0.1:${server.port}/v1/kpis/dau`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as ErrorAnswer).error.code).toBe('GP_QUERY_FAILED');
    expect((await fetch(`http://127.0.0.1:${server.port}/readyz`)).status).toBe(503);
    await server.close();
  });
});
