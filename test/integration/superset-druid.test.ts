/**
 * Real-engine test: Apache Superset 6.1 (scripts/engines/superset/, from the pinned
 * superset/requirements.txt) with the assets of superset/assets imported, on real Apache
 * Druid fed by real Kafka through the project's supervisors.
 *
 *   simulated players (samples' simulator, recording client; three days that ended
 *   yesterday, so every chart's relative time range holds all of them)
 *     → rollup rows (druid-support/aggregate.ts) → rollups topic in transactions
 *     → Druid: the supervisors of druid/ingestion, under run-unique datasource names
 *     → Superset: the Druid connection, datasets, charts and "Live ops" dashboard,
 *       imported with those names through `/api/v1/assets/import/`
 *   ground truth: one fact per simulated event (druid-support/ground-truth.ts)
 *
 * Everything is asked of Superset's own REST API as a user would: the connection test,
 * and each chart's saved query through the chart data endpoint; the numbers of four
 * charts are compared with the ground truth. Then the dashboard is opened in Debian's
 * Chromium as a person would (login form, dashboard URL): every chart's query succeeds
 * and none shows an error; the screenshot is kept at .data/superset-it/live-ops.png.
 *
 * The first run installs Superset (minutes; cached in ~/.cache/gamepulse/superset).
 */
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openKafkaLog, type KafkaLog } from '@gamepulse/log';
import type { RefData } from '@gamepulse/kpi';
import { CONCURRENT_EXPERIMENTS } from '@gamepulse/samples';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDruid, type DruidCluster } from '../../scripts/engines/druid/index.ts';
import { DEFAULT_KAFKA_VERSION, startKafka, type KafkaHandle } from '../../scripts/engines/kafka.ts';
import { LIVE_OPS_SLUG, startSuperset, SupersetSession, type SupersetHandle } from '../../scripts/engines/superset/index.ts';
import { waitForSupervisorsCaughtUp } from '../../druid/ingestion/druid-signals.ts';
import { retireDatasources, submitSupervisors } from '../../druid/ingestion/submit.ts';
import { aggregateEvents } from '../../druid/test/integration/druid-support/aggregate.ts';
import { uniqueTolerance } from '../../druid/test/integration/druid-support/compare.ts';
import { groundTruth } from '../../druid/test/integration/druid-support/ground-truth.ts';
import {
  KPI_COLUMNS,
  produceRollups,
  shutdownStaleTestTasks,
  waitForColumns,
  waitForIngestion,
} from '../../druid/test/integration/druid-support/pipeline.ts';
import { DAY_MS, simulateTraffic } from '../../druid/test/integration/druid-support/traffic.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUN = `druid_it_superset_${Date.now().toString(36)}`;
const TOPIC = `${RUN}.rollups.v1`;
const DATASOURCES = {
  rollups: `${RUN}_rollups`,
  players: `${RUN}_players`,
  playerDays: `${RUN}_player_days`,
  steps: `${RUN}_player_steps`,
};
const KAFKA = { port: 19592, controllerPort: 19593, dataDir: join(REPO, '.data', 'kafka-superset-it', DEFAULT_KAFKA_VERSION) };
const SUPERSET_PORT = 18088;
/** Kept between runs: the metadata DB is initialised once, the import overwrites the assets. */
const SUPERSET_DATA = join(REPO, '.data', 'superset-it');
/** Three simulated days ending at yesterday's UTC midnight: inside the charts' "last 7 days" and "last 30 days", outside "last 5 minutes". */
const DAYS = 3;
const DAY0 = Math.floor(Date.now() / DAY_MS) * DAY_MS - (DAYS + 1) * DAY_MS;
/** The dashboard's charts (superset/assets/charts). */
const CHART_NAMES = [
  'A/B shop_layout readout',
  'Daily active users',
  'Economy flows',
  'Online now',
  'Retention by install cohort',
  'Revenue by currency',
  'Revenue per hour',
];

const say = (l: string) => console.error(l);
let kafka: KafkaHandle | undefined;
let druid: DruidCluster | undefined;
let superset: SupersetHandle | undefined;
let starting: Array<Promise<unknown>> = [];
let log: KafkaLog | undefined;
let session: SupersetSession;
let truth: RefData;
/** Chart id per name, from the imported dashboard. */
const chartIds = new Map<string, number>();

interface ChartData {
  result: Array<{ status: string; error: string | null; rowcount: number; data: Array<Record<string, unknown>> }>;
}

beforeAll(async () => {
  const t0 = Date.now();
  starting = [startKafka({ ...KAFKA, log: say }).then((k) => (kafka = k)), startDruid({ log: say }).then((d) => (druid = d))];
  const engines = Promise.all(starting);
  const events = await simulateTraffic({
    startMs: DAY0,
    days: DAYS,
    seed: 'superset-druid-1',
    maxSessionsPerPlayer: 20,
    experiments: CONCURRENT_EXPERIMENTS,
    actionGapMs: 30_000,
    waves: [
      { gameId: 'space-miner', day: 0, players: 40 },
      { gameId: 'word-quest', day: 1, players: 30 },
    ],
  });
  truth = groundTruth(events);
  const { rollups, players, steps } = aggregateEvents(events);
  say(`[superset-it] simulated ${events.length} events → ${rollups.length} rollup, ${players.length} player, ${steps.length} step rows`);
  await engines;
  const cluster = druid!;
  await shutdownStaleTestTasks(cluster.overlordUrl, Object.values(DATASOURCES));
  // Superset installs and starts while the topic is produced and ingested.
  const supersetStart = startSuperset({
    druidSqlalchemyUri: cluster.sqlalchemyUri,
    datasources: DATASOURCES,
    port: SUPERSET_PORT,
    dataDir: SUPERSET_DATA,
    log: say,
  }).then((s) => (superset = s));
  starting.push(supersetStart);

  log = await openKafkaLog({ brokers: kafka!.brokers, clientId: 'superset-it' });
  await log.ensureTopics([{ name: TOPIC, partitions: 1 }]);
  await submitSupervisors({
    overlordUrl: cluster.overlordUrl,
    bootstrapServers: kafka!.brokers.join(','),
    topic: TOPIC,
    datasources: DATASOURCES,
    taskDuration: 'PT2M',
    completionTimeout: 'PT5M',
    log: say,
  });
  const produced = await produceRollups(log, TOPIC, [...rollups, ...players, ...steps]);
  const producedAtMs = Date.now();
  await waitForIngestion(
    cluster.brokerUrl,
    {
      [DATASOURCES.rollups]: produced.committed.rollup,
      [DATASOURCES.players]: produced.committed.player,
      [DATASOURCES.playerDays]: produced.committed.player,
    },
    600_000,
    say,
  );
  await waitForSupervisorsCaughtUp(cluster.overlordUrl, Object.values(DATASOURCES), producedAtMs, {
    transactional: true,
    timeoutMs: 600_000,
    log: say,
  });
  await waitForColumns(cluster.brokerUrl, {
    [DATASOURCES.rollups]: KPI_COLUMNS.rollups,
    [DATASOURCES.players]: KPI_COLUMNS.players,
    [DATASOURCES.playerDays]: KPI_COLUMNS.players,
  });
  await supersetStart;
  session = await SupersetSession.login(superset!.url, superset!.admin);
  const charts = await session.get<{ result: Array<{ id: number; slice_name: string }> }>(`/api/v1/dashboard/${LIVE_OPS_SLUG}/charts`);
  for (const c of charts.result) chartIds.set(c.slice_name, c.id);
  say(`[superset-it] Druid loaded and Superset up with the assets in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}, 2_400_000);

afterAll(async () => {
  await Promise.allSettled(starting);
  await superset?.stop();
  await log?.close();
  if (druid) {
    await retireDatasources(Object.values(DATASOURCES), druid);
    if (druid.startedHere) await druid.stop();
  }
  if (kafka?.startedHere) await kafka.stop();
}, 180_000);

/** The saved query of an imported chart, run by Superset (`GET /api/v1/chart/<id>/data/`). */
async function chartRows(name: string): Promise<Array<Record<string, unknown>>> {
  const id = chartIds.get(name);
  if (id === undefined) throw new Error(`no chart "${name}" on the dashboard (have ${[...chartIds.keys()].join(', ')})`);
  const data = await session.get<ChartData>(`/api/v1/chart/${id}/data/`);
  expect(data.result[0]?.error ?? null, name).toBeNull();
  return data.result[0]!.data;
}

/** Sums per key over the ground truth's rollup facts that pass `keep`. */
function sumBy<K extends string>(
  keep: (r: RefData['rollups'][number]) => boolean,
  key: (r: RefData['rollups'][number]) => string,
  fields: Record<K, (r: RefData['rollups'][number]) => number>,
): Map<string, Record<K, number>> {
  const out = new Map<string, Record<K, number>>();
  for (const r of truth.rollups) {
    if (!keep(r)) continue;
    const acc = out.get(key(r)) ?? (Object.fromEntries(Object.keys(fields).map((f) => [f, 0])) as Record<K, number>);
    for (const f of Object.keys(fields) as K[]) acc[f] += fields[f](r);
    out.set(key(r), acc);
  }
  return out;
}

describe('test/integration/superset-druid: Superset 6.1 on real Druid', () => {
  it('the imported Druid connection passes Superset’s connection test; a wrong one fails', async () => {
    const databases = await session.get<{ result: Array<{ id: number; database_name: string; backend: string }> }>('/api/v1/database/');
    const db = databases.result.find((d) => d.database_name === 'Druid');
    expect(db?.backend).toBe('druid');
    const connection = await session.get<{ result: { sqlalchemy_uri: string } }>(`/api/v1/database/${db!.id}/connection`);
    expect(connection.result.sqlalchemy_uri).toBe(druid!.sqlalchemyUri);
    // The driver loads and Druid answers through it (what "Could not load database driver for: druid" broke).
    const ok = await session.post<{ message: string }>('/api/v1/database/test_connection/', {
      database_name: 'Druid',
      sqlalchemy_uri: connection.result.sqlalchemy_uri,
    });
    expect(ok.message).toBe('OK');
    // Not a test that always passes: the same check against a port where nothing listens fails.
    const wrong = connection.result.sqlalchemy_uri.replace(/:\d+\//, ':1/');
    await expect(session.post('/api/v1/database/test_connection/', { database_name: 'Druid', sqlalchemy_uri: wrong })).rejects.toThrow(
      /→ 4\d\d/,
    );
  });

  it('the "Live ops" dashboard holds every chart, and each chart’s saved query succeeds', async () => {
    expect([...chartIds.keys()].sort()).toEqual(CHART_NAMES);
    for (const name of CHART_NAMES) {
      const rows = await chartRows(name);
      // Every chart but "online now" (no player in the last 5 minutes) has rows from the loaded days.
      if (name !== 'Online now') expect(rows.length, name).toBeGreaterThan(0);
    }
    // Online now: the history ended yesterday, so nobody is online.
    const [online] = await chartRows('Online now');
    expect(online?.players ?? 0).toBe(0);
  });

  it('"Revenue by currency" equals the ground truth', async () => {
    const expected = sumBy(
      (r) => r.eventType === 'purchase',
      (r) => r.currency,
      { revenue_minor: (r) => r.amount, purchases: (r) => r.events },
    );
    expect(expected.size).toBeGreaterThan(1);
    const rows = await chartRows('Revenue by currency');
    const actual = new Map(
      rows.map((r) => [String(r.currency), { revenue_minor: Number(r.revenue_minor), purchases: Number(r.purchases) }]),
    );
    expect(actual).toEqual(expected);
  });

  it('"Economy flows" equals the ground truth', async () => {
    const expected = sumBy(
      (r) => r.eventType === 'resource',
      (r) => r.currency,
      {
        earned: (r) => (r.action === 'source' ? r.amount : 0),
        spent: (r) => (r.action === 'sink' ? r.amount : 0),
        net_flow: (r) => (r.action === 'source' ? r.amount : r.action === 'sink' ? -r.amount : 0),
      },
    );
    expect(expected.size).toBeGreaterThan(0);
    const rows = await chartRows('Economy flows');
    const actual = new Map(
      rows.map((r) => [String(r.currency), { earned: Number(r.earned), spent: Number(r.spent), net_flow: Number(r.net_flow) }]),
    );
    expect(actual).toEqual(expected);
  });

  it('"Daily active users" equals the ground truth within the HLL bound', async () => {
    const perDay = new Map<number, Set<string>>();
    for (const p of truth.players) {
      const day = Math.floor(p.windowStartMs / DAY_MS) * DAY_MS;
      perDay.set(day, (perDay.get(day) ?? new Set()).add(p.playerId));
    }
    const rows = await chartRows('Daily active users');
    const actual = new Map(rows.map((r) => [typeof r.__time === 'number' ? r.__time : Date.parse(String(r.__time)), Number(r.players)]));
    expect([...actual.keys()].sort()).toEqual([...perDay.keys()].sort());
    for (const [day, players] of perDay) {
      const got = actual.get(day)!;
      expect(Math.abs(got - players.size), new Date(day).toISOString()).toBeLessThanOrEqual(uniqueTolerance(players.size));
    }
  });

  it('"Retention by install cohort" equals the ground truth within the HLL bound', async () => {
    // Players of each install cohort (UTC day of the first event) active on day N after it.
    const cells = new Map<string, Set<string>>();
    for (const p of truth.players) {
      const dayN = Math.floor(p.windowStartMs / DAY_MS) - p.firstSeenDayMs / DAY_MS;
      const key = `${new Date(p.firstSeenDayMs).toISOString().slice(0, 10)}|${dayN}`;
      cells.set(key, (cells.get(key) ?? new Set()).add(p.playerId));
    }
    expect(cells.size).toBeGreaterThan(DAYS);
    const rows = await chartRows('Retention by install cohort');
    const actual = new Map(rows.map((r) => [`${String(r.cohort)}|${Number(r.day_n)}`, Number(r.players)]));
    expect([...actual.keys()].sort()).toEqual([...cells.keys()].sort());
    for (const [key, players] of cells)
      expect(Math.abs(actual.get(key)! - players.size), key).toBeLessThanOrEqual(uniqueTolerance(players.size));
  });

  it('the dashboard renders in Chromium: every chart queries successfully and none shows an error', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 2200 } });
      await page.goto(`${superset!.url}/login/`);
      const password = page.locator('input[type="password"]');
      await password.waitFor();
      await page.locator('input:not([type="password"]):not([type="hidden"])').first().fill(superset!.admin.username);
      await password.fill(superset!.admin.password);
      await password.press('Enter');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 120_000 });
      // The dashboard's own chart queries (built by the frontend from each chart's params).
      const queries: Array<{ status: number; url: string }> = [];
      page.on('response', (res) => {
        if (res.url().includes('/api/v1/chart/data')) queries.push({ status: res.status(), url: res.url() });
      });
      await page.goto(superset!.dashboardUrl);
      const holders = page.locator('[data-test="dashboard-component-chart-holder"]');
      await expect.poll(() => holders.count(), { timeout: 180_000 }).toBe(CHART_NAMES.length);
      // Done when every chart asked for its data and none is still loading.
      await expect
        .poll(
          async () =>
            queries.length >= CHART_NAMES.length &&
            (await page.locator('[data-test="dashboard-component-chart-holder"] [data-test="loading-indicator"]').count()) === 0,
          { timeout: 300_000, interval: 1_000 },
        )
        .toBe(true);
      expect(queries.filter((q) => q.status !== 200)).toEqual([]);
      expect(await page.locator('[data-test="dashboard-component-chart-holder"] [role="alert"]').count()).toBe(0);
      mkdirSync(SUPERSET_DATA, { recursive: true });
      await page.screenshot({ path: join(SUPERSET_DATA, 'live-ops.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
