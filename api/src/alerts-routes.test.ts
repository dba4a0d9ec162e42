/**
 * /v1/alerts over a real engine on an in-memory DuckDB store, one rule firing; the
 * history's filters over an engine whose state store holds a known history.
 */
import { AlertEngine, createMemoryAlertStateStore, parseRules, type AlertEvent } from '@gamepulse/alerts';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueryApi, type QueryApiServer } from './start-query-api.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0);
let store: DuckDbStore;
let api: QueryApiServer;
let bare: QueryApiServer;
let past: QueryApiServer;
const MIN = 60_000;
const pastEvent = (kind: 'fired' | 'resolved', alertname: string, min: number): AlertEvent => ({
  kind,
  atMs: NOW + min * MIN,
  alertname,
  severity: 'page',
  labels: { alertname, severity: 'page', game: 'g' },
  annotations: { summary: alertname },
  value: 1,
  generatorUrl: 'http://console.test/',
});

beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  const rollups = Array.from({ length: 20 }, (_, m) => ({
    windowStartMs: NOW - (20 - m) * 60_000,
    gameId: 'g',
    build: '1.0',
    platform: 'web',
    country: 'DE',
    eventType: 'purchase',
    events: 3,
  }));
  await store.commit({ consumer: 't', rollups, players: [], positions: [], state: [], deadLetters: [] });
  const rules = parseRules(
    `version: 1
groups:
  - name: g
    rules:
      - alert: ManyPurchases
        kpi: events_by_type
        params: { by: [game] }
        where: { event_type: purchase }
        value: events
        condition: { threshold: { above: 10 } }
        severity: ticket
        annotations: { summary: '{{ value }} purchases in {{ game }}' }
        console: '/?game={{ game }}'
`,
    'rules.yml',
  );
  if (!rules.ok) throw new Error(rules.problems.join('\n'));
  const engine = new AlertEngine({ store, rules: rules.file, consoleUrl: 'http://console.test' });
  await engine.evaluate(NOW);
  api = await startQueryApi({ store, port: 0, alerts: engine, console: false });
  bare = await startQueryApi({ store, port: 0, console: false });
  // A history as a restarted engine finds it in its state store.
  const stateStore = createMemoryAlertStateStore();
  await stateStore.save({
    atMs: NOW + 30 * MIN,
    upsert: [],
    remove: [],
    events: [
      pastEvent('fired', 'A', 0),
      pastEvent('fired', 'B', 5),
      pastEvent('resolved', 'A', 10),
      pastEvent('resolved', 'B', 20),
      pastEvent('fired', 'A', 30),
    ],
  });
  past = await startQueryApi({ store, port: 0, console: false, alerts: new AlertEngine({ store, rules: rules.file, stateStore }) });
});

afterAll(async () => {
  await api?.close();
  await bare?.close();
  await past?.close();
  await store?.close();
});

const get = async (server: QueryApiServer, path: string) => {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('/v1/alerts', () => {
  it('lists the firing alert with its labels, value and link', async () => {
    const { status, body } = await get(api, '/v1/alerts');
    expect(status).toBe(200);
    // The window [now − 12 min, now − 2 min) holds 10 minutes of 3 purchases.
    expect(body).toMatchObject({
      enabled: true,
      alerts: [
        {
          alertname: 'ManyPurchases',
          state: 'firing',
          severity: 'ticket',
          labels: { alertname: 'ManyPurchases', severity: 'ticket', game: 'g' },
          annotations: { summary: '30 purchases in g' },
          value: 30,
          generatorUrl: 'http://console.test/?game=g',
        },
      ],
    });
  });

  it('history and rules', async () => {
    const history = await get(api, '/v1/alerts/history?limit=5');
    expect((history.body.events as Array<{ kind: string }>).map((e) => e.kind)).toEqual(['fired']);
    const rules = await get(api, '/v1/alerts/rules');
    expect((rules.body.rules as Array<{ alert: string }>).map((r) => r.alert)).toEqual(['ManyPurchases']);
    expect((await get(api, '/v1/alerts/history?limit=0')).status).toBe(400);
  });

  it('without an engine: enabled false, no alerts', async () => {
    expect((await get(bare, '/v1/alerts')).body).toEqual({ enabled: false, alerts: [] });
  });
});

describe('/v1/alerts/history filters', () => {
  const names = async (query: string) => {
    const { status, body } = await get(past, `/v1/alerts/history${query}`);
    expect(status).toBe(200);
    return (body.events as AlertEvent[]).map((e) => `${e.alertname}:${e.kind}@${(e.atMs - NOW) / MIN}`);
  };

  it('newest first, by rule, by state, in a time range, up to limit', async () => {
    expect(await names('')).toEqual(['A:fired@30', 'B:resolved@20', 'A:resolved@10', 'B:fired@5', 'A:fired@0']);
    expect(await names('?rule=A')).toEqual(['A:fired@30', 'A:resolved@10', 'A:fired@0']);
    expect(await names('?state=resolved')).toEqual(['B:resolved@20', 'A:resolved@10']);
    const since = new Date(NOW + 5 * MIN).toISOString();
    expect(await names(`?since=${since}&until=${NOW + 20 * MIN}`)).toEqual(['A:resolved@10', 'B:fired@5']);
    expect(await names('?rule=A&state=fired&limit=1')).toEqual(['A:fired@30']);
    expect(await names('?rule=C')).toEqual([]);
  });

  it('refuses what it cannot read, naming the parameter', async () => {
    for (const [query, param] of [
      ['?state=firing', 'state'],
      ['?since=yesterday', 'since'],
      ['?limit=10001', 'limit'],
      ['?limit=1.5', 'limit'],
      ['?rul=A', 'rul'],
      ['?rule=A&rule=B', 'rule'],
      [`?since=${NOW}&until=${NOW}`, 'since'],
    ] as const) {
      const { status, body } = await get(past, `/v1/alerts/history${query}`);
      expect([query, status]).toEqual([query, 400]);
      expect(body).toMatchObject({ error: { code: 'GP_QUERY_BAD_PARAM' } });
      expect(JSON.stringify(body)).toContain(param);
    }
  });
});
