/**
 * The full pipeline into Druid, with real processes on real Kafka and real Druid:
 *
 *   simulated players → real SDK (HTTP) → collector (KafkaLog) → events topic →
 *   processor (Kafka mode: one transaction per input partition) → rollups topic →
 *   ├─ Druid: the supervisors of druid/ingestion (read_committed)
 *   └─ loader (loader/src/rollups) → DuckDB
 *
 * While the first game's players send, a processor and then the collector are killed
 * with SIGKILL and restarted (the SDK retries; the transactions of the dead processor are
 * aborted or fenced), so Druid's supervisors ingest a rollups topic written through
 * faults. Every KPI on Druid must equal the same KPI on DuckDB and the ground truth taken from
 * what the simulated players tracked — exactly for counts and sums, within the HLL
 * bound for uniques. Runs when the processor's Kafka mode and the loader exist (issue
 * 5); druid-kpis.test.ts covers the rest with a stand-in for the processor.
 *
 * The processor stamps each player's experiment assignment on its rows (druid/README.md,
 * "A/B readout"): the ground truth derives it from the tracked events on its own, and
 * the cases slice by variant too, on rollups and player tables alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimulator } from '@gamepulse/samples';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDruid, type DruidCluster } from '../../../scripts/engines/druid/index.ts';
import { DEFAULT_KAFKA_VERSION, stopKafka, type KafkaOptions } from '../../../scripts/engines/kafka.ts';
import { simPlayerSdkOptions, until } from '@gamepulse/testkit';
import { Pipeline, waitForTotal } from '@gamepulse/testkit/pipeline';
import { waitForDruid } from '../../ingestion/druid-signals.ts';
import { retireDatasources, submitSupervisors } from '../../ingestion/submit.ts';
import { openDruidStore } from '../../src/engine/index.ts';
import { openDuckDbStore, type DuckDbStore, type Row } from '@gamepulse/store';
import { KPIS, createDruidDialect, runKpi, type KpiParams, REFERENCE_KPIS, type RefData } from '@gamepulse/kpi';
import { compareRows } from './druid-support/compare.ts';
import { REPORTING_BY_GAME } from './druid-support/fx.ts';
import { groundTruth } from './druid-support/ground-truth.ts';
import { KPI_COLUMNS, druidSqlRows, shutdownStaleTestTasks, waitForColumns } from './druid-support/pipeline.ts';
import { DAY_MS, recordingClient, type SimEvent } from './druid-support/traffic.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RUN = `druid_pl_${Date.now().toString(36)}`;
const PREFIX = RUN.replaceAll('_', '-');
const DATASOURCES = {
  rollups: `${RUN}_rollups`,
  players: `${RUN}_players`,
  playerDays: `${RUN}_player_days`,
  steps: `${RUN}_player_steps`,
};
const BROKER: KafkaOptions = {
  port: 19592,
  controllerPort: 19593,
  dataDir: join(REPO, '.data', 'kafka-druid-pipeline-it', DEFAULT_KAFKA_VERSION),
  heapMb: 768,
};
const DAYS = 4;
/** Recent days: the collector corrects event times older than 90 days (collector/src/pipeline/event-time.ts). */
const DAY0 = Math.floor(Date.now() / DAY_MS) * DAY_MS - DAYS * DAY_MS;
const NOW = DAY0 + DAYS * DAY_MS;
/** Small on purpose: the real SDK path costs real time per flush (druid-kpis.test.ts carries the volume). */
const GAMES = [
  { key: 'druid-key-a', gameId: 'space-miner', day: 0, players: 16 },
  { key: 'druid-key-b', gameId: 'word-quest', day: 1, players: 12 },
];
const say = (l: string) => console.error(l);

describe('druid/test/integration/druid-pipeline: SDK → collector → Kafka → processor → Druid', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-druid-pipeline-'));
  let pipeline: Pipeline;
  let druid: DruidCluster;
  let duck: DuckDbStore;
  const events: SimEvent[] = [];
  let truth: RefData;
  const dialect = createDruidDialect({
    rollupsDatasource: DATASOURCES.rollups,
    playersDatasource: DATASOURCES.players,
    playerDaysDatasource: DATASOURCES.playerDays,
    playerStepsDatasource: DATASOURCES.steps,
  });

  beforeAll(async () => {
    const t0 = Date.now();
    [pipeline, druid] = await Promise.all([
      Pipeline.start({
        kind: 'kafka',
        dataDir,
        keys: GAMES.map((g) => `${g.key}=${g.gameId}:it`).join(','),
        processors: 2,
        processorEnv: {
          GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '300',
          // The reporting currencies and rates the ground truth converts with (druid-support/fx.ts).
          GAMEPULSE_PROCESSOR_REPORTING_CURRENCY_BY_GAME: Object.entries(REPORTING_BY_GAME)
            .map(([game, currency]) => `${game}=${currency}`)
            .join(','),
          GAMEPULSE_PROCESSOR_FX_RATES_PATH: join(REPO, 'config', 'fx-rates.json'),
        },
        broker: { ...BROKER, log: say },
        topicPrefix: PREFIX,
      }),
      startDruid({ log: say }),
    ]);
    await shutdownStaleTestTasks(druid.overlordUrl, Object.values(DATASOURCES));
    await submitSupervisors({
      overlordUrl: druid.overlordUrl,
      bootstrapServers: pipeline.broker!.brokers.join(','),
      topic: `${PREFIX}.rollups.v1`,
      datasources: DATASOURCES,
      taskDuration: 'PT2M',
      completionTimeout: 'PT5M',
      log: say,
    });
    const faults: string[] = [];
    for (const [i, g] of GAMES.entries()) {
      const sim = createSimulator({
        players: g.players,
        seed: `${RUN}-${i}`,
        startMs: DAY0 + g.day * DAY_MS,
        days: DAYS - g.day,
        maxSessionsPerPlayer: 6,
        actionGapMs: 30_000,
        concurrency: g.players,
        createClient: (p, clock) => {
          const sdk = createNodeGamepulse(
            simPlayerSdkOptions(p, clock, {
              gameKey: g.key,
              gameId: g.gameId,
              endpoint: `http://127.0.0.1:${pipeline.ports.http}`,
              transport: 'http',
              maxBatchEvents: 100,
              retry: { baseDelayMs: 50, maxDelayMs: 1_000 },
              // Resume within seconds after the collector's restart (the defaults wait 30 s and more).
              circuitBreaker: { openMs: 500, maxOpenMs: 4_000 },
              flushTimeoutMs: 300_000,
            }),
          );
          const rec = recordingClient(p, clock, g.gameId, events);
          // Both see every call: the SDK sends, the recorder keeps the ground truth.
          return tee(sdk, rec);
        },
      });
      // Faults while the first game's players send: kill -9 a processor, then the collector.
      const chaos =
        i > 0
          ? Promise.resolve()
          : (async () => {
              for (const [fraction, fault] of [
                [1 / 3, 'processor'],
                [2 / 3, 'collector'],
              ] as const) {
                await until(() => sim.stats().playersFinished >= g.players * fraction, `${fraction} of ${g.gameId}'s players finished`, {
                  timeoutMs: 600_000,
                  everyMs: 20,
                });
                if (fault === 'processor') await pipeline.killProcessor(0);
                else await pipeline.killCollector();
                faults.push(`${fault} kill -9 at ${events.length} tracked events`);
              }
            })();
      await Promise.all([sim.run(), chaos]);
    }
    expect(faults).toHaveLength(2);
    say(`[druid-pipeline] faults: ${faults.join('; ')}`);
    events.sort((a, b) => a.tsMs - b.tsMs);
    const open = new Map<string, number>();
    for (const e of events) {
      if (e.type === 'session_start') open.set(e.playerId, e.tsMs);
      if (e.type === 'session_end') e.amount = e.tsMs - (open.get(e.playerId) ?? e.tsMs);
    }
    truth = groundTruth(events);
    say(`[druid-pipeline] ${events.length} events tracked in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const stored = await waitForTotal(pipeline.ports.query, events.length, 600_000);
    const metrics = await fetch(`http://127.0.0.1:${pipeline.ports.http}/metrics`).then((r) => r.text());
    // Accepted counts re-sent batches too (the processor drops their duplicates).
    say(
      `[druid-pipeline] store has ${stored} of ${events.length}; collector: ${metrics
        .split('\n')
        .filter((l) => /^gamepulse_collector_events_\w+/.test(l))
        .join(' | ')}`,
    );
    expect(stored).toBe(events.length);
    await waitForDruid(
      `Druid to ingest ${events.length} events`,
      async () => {
        const [row] = await druidSqlRows(druid.brokerUrl, `SELECT SUM("events") AS "n" FROM "${DATASOURCES.rollups}"`);
        const inDruid = Number(row?.n ?? 0);
        return inDruid >= events.length ? { done: true, value: inDruid } : { done: false, outstanding: `has ${inDruid}` };
      },
      { timeoutMs: 600_000, log: say, progressEveryMs: 30_000 },
    );
    await waitForColumns(druid.brokerUrl, {
      [DATASOURCES.rollups]: KPI_COLUMNS.rollups,
      [DATASOURCES.players]: KPI_COLUMNS.players,
      [DATASOURCES.playerDays]: KPI_COLUMNS.players,
      [DATASOURCES.steps]: KPI_COLUMNS.steps,
    });
    expect(await pipeline.stopStoreWriter()).toBe(0);
    duck = await openDuckDbStore({ path: pipeline.storePath });
    say(`[druid-pipeline] pipeline, Druid and DuckDB agree on the event count after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, 1_500_000);

  afterAll(async () => {
    await duck?.close();
    await pipeline?.stop();
    if (druid) {
      await retireDatasources(Object.values(DATASOURCES), druid);
      if (druid.startedHere) await druid.stop();
    }
    await stopKafka({ ...BROKER, log: () => undefined });
    rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);

  const AB_KPIS = new Set(['ab_readout', 'ab_test', 'ab_stats']);
  const CASES: KpiParams[] = [
    { fromMs: DAY0, toMs: NOW },
    { fromMs: DAY0, toMs: NOW, by: ['game', 'country'] },
    { game: 'space-miner', fromMs: DAY0 + DAY_MS + 3_600_000, toMs: DAY0 + 3 * DAY_MS },
    // The simulator exposes every player once to shop_layout (samples' player.ts).
    { fromMs: DAY0, toMs: NOW, by: ['variant'], experiment: 'shop_layout' },
    { variant: 'shop_layout:grid', fromMs: DAY0, toMs: NOW },
  ];

  for (const def of KPIS) {
    it(`${def.name}: Druid = DuckDB = what the players tracked`, async () => {
      const druidStore = openDruidStore({ url: druid.brokerUrl });
      for (const base of CASES) {
        for (const granularity of def.granularities) {
          if (base.by && !def.params.includes('by')) continue;
          const params: KpiParams = {
            ...base,
            // A/B KPIs read one experiment (players are in several at once): ask about shop_layout.
            ...(AB_KPIS.has(def.name) ? { experiment: 'shop_layout' } : {}),
            granularity,
            limit: 20,
            ...(granularity === 'minute' ? { fromMs: DAY0 + DAY_MS, toMs: DAY0 + DAY_MS + 3 * 3_600_000 } : {}),
          };
          const nowMs = def.name === 'online_now' ? busiestMinute(events) : NOW;
          const onDruid = await runKpi(druidStore, def.name, params, { dialect, nowMs: () => nowMs });
          const onDuck = await runKpi(duck, def.name, params, { nowMs: () => nowMs });
          const expected = REFERENCE_KPIS[def.name]!(onDuck.params, truth);
          const label = `${def.name} ${JSON.stringify(params)}`;
          // Which events the processor finds late depends on the order they reached it,
          // which the players' ledger cannot know: those columns are compared engine to
          // engine only (the events behind them are compared with the truth).
          const known = (rows: readonly Row[]) => rows.map((r) => omit(r, ARRIVAL_ORDER_COLUMNS));
          expect(compareRows(known(expected), known(onDuck.rows), false).mismatches.slice(0, 5), `DuckDB ≠ truth: ${label}`).toEqual([]);
          expect(compareRows(known(expected), known(onDruid.rows), true).mismatches.slice(0, 5), `Druid ≠ truth: ${label}`).toEqual([]);
          expect(compareRows(onDuck.rows, onDruid.rows, true).mismatches.slice(0, 5), `Druid ≠ DuckDB: ${label}`).toEqual([]);
        }
      }
    }, 120_000);
  }
});

/** Columns decided by the order events reached the processor (late_events' flags). */
const ARRIVAL_ORDER_COLUMNS = ['late_events', 'late_share'];

function omit(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !columns.includes(k)));
}

type Client = ReturnType<typeof recordingClient>;

/** One client that forwards every call to two (flush and shutdown: the SDK's). */
function tee(sdk: Client, rec: Client): Client {
  return {
    session: { start: () => (sdk.session.start(), rec.session.start()), end: () => (sdk.session.end(), rec.session.end()) },
    progression: {
      start: (...a) => (sdk.progression.start(...a), rec.progression.start(...a)),
      complete: (...a) => (sdk.progression.complete(...a), rec.progression.complete(...a)),
      fail: (...a) => (sdk.progression.fail(...a), rec.progression.fail(...a)),
    },
    purchase: (p) => (sdk.purchase(p), rec.purchase(p)),
    refund: (r) => (sdk.refund(r), rec.refund(r)),
    resource: {
      source: (...a) => (sdk.resource.source(...a), rec.resource.source(...a)),
      sink: (...a) => (sdk.resource.sink(...a), rec.resource.sink(...a)),
    },
    design: (...a) => (sdk.design(...a), rec.design(...a)),
    ad: (a) => (sdk.ad(a), rec.ad(a)),
    social: (...a) => (sdk.social(...a), rec.social(...a)),
    featureUsed: (f) => (sdk.featureUsed(f), rec.featureUsed(f)),
    error: (severity, message) => (sdk.error(severity, message), rec.error(severity, message)),
    experiment: { exposure: (e, v) => (sdk.experiment.exposure(e, v), rec.experiment.exposure(e, v)) },
    flush: () => sdk.flush(),
    shutdown: () => sdk.shutdown(),
  };
}

function busiestMinute(evs: readonly SimEvent[]): number {
  const counts = new Map<number, Set<string>>();
  for (const e of evs) {
    const m = Math.floor(e.tsMs / 60_000) * 60_000;
    const s = counts.get(m) ?? new Set<string>();
    s.add(e.playerId);
    counts.set(m, s);
  }
  let best = DAY0;
  let n = -1;
  for (const [m, s] of counts) if (s.size > n) [best, n] = [m, s.size];
  return best + 30_000;
}
