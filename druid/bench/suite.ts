/**
 * `druidQuerySuite`: KPI query latency (p50/p95) on Druid and on DuckDB over the same
 * simulated 30-day history of ≥ 100k players, and Druid's ingestion lag.
 *
 * Both engines are loaded the same way: the rows go to a rollups topic on real Kafka in
 * transactions; Druid reads it through the druid/ingestion supervisors, DuckDB through a
 * read_committed consumer (druid/test/integration/druid-support/pipeline.ts). The history
 * is generated directly as rows of the rollups topic — rollup, player and step rows with
 * every field the processor writes (history.ts) — not by the player simulator.
 * Questions: every KPI in KPIS (kpi-questions.ts), on Druid then on DuckDB, each with
 * p50, p95 and p95 / raw scan, the raw scan being `SELECT COUNT(*), SUM(events)` over
 * each table the question reads, timed on the same engine in the same run (the ratio
 * survives a slower machine; the milliseconds do not).
 * Alert cycle: every default rule evaluated on both engines, cycles alternating, with
 * the Druid ÷ DuckDB ratio of the same run (alert-cycle.ts).
 * Ingestion lag = a probe row committed to the topic → first answered by Druid SQL
 * (polled every 50 ms), with the supervisors running and the history loaded.
 */
import { join } from 'node:path';
import { openKafkaLog } from '@gamepulse/log';
import type { RollupsTopicRow } from '@gamepulse/proto';
import type { BenchContext, BenchRow, BenchSuite } from '../../bench/types.ts';
import { startDruid } from '../../scripts/engines/druid/index.ts';
import { DEFAULT_KAFKA_VERSION, startKafka } from '../../scripts/engines/kafka.ts';
import { retireDatasources, submitSupervisors } from '../ingestion/submit.ts';
import { openDruidStore } from '../src/engine/index.ts';
import { openDuckDbStore } from '@gamepulse/store';
import { createDruidDialect, createDuckDbDialect } from '@gamepulse/kpi';
import {
  KPI_COLUMNS,
  druidSqlRows,
  loadTopicIntoDuckDb,
  produceRollups,
  waitForColumns,
  waitForIngestion,
} from '../test/integration/druid-support/pipeline.ts';
import { generateHistory } from './history.ts';
import { historySize } from './duckdb-suite.ts';
import { kpiQuestions, measureQuestions, percentile, questionsNowMs } from './kpi-questions.ts';
import { measureAlertCycles } from './alert-cycle.ts';

const DAY = 86_400_000;
const SUITE = 'druid-query';

export const druidQuerySuite: BenchSuite = {
  name: SUITE,
  description:
    'KPI query latency p50/p95 on Druid and DuckDB over a 30-day, ≥100k-player history; Druid ingestion lag (topic commit → queryable)',
  needs: ['kafka', 'druid'],
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const size = historySize(ctx.quick);
    const players = size.players;
    const runs = Number(process.env.GAMEPULSE_BENCH_RUNS ?? size.runs);
    const endMs = Math.floor(Date.now() / DAY) * DAY;
    const startMs = endMs - 30 * DAY;
    const t0 = performance.now();
    const {
      rollups,
      players: playerRows,
      steps,
    } = generateHistory({
      startMs,
      days: 30,
      players,
      rollupRowsPerMinute: size.rollupRowsPerMinute,
      seed: 42,
    });
    ctx.log(
      `[${SUITE}] generated ${rollups.length} rollup + ${playerRows.length} player + ${steps.length} step rows for ${players} players in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const run = `bench_${Date.now().toString(36)}`;
    const topic = `${run}.rollups.v1`;
    const datasources = {
      rollups: `${run}_rollups`,
      players: `${run}_players`,
      playerDays: `${run}_player_days`,
      steps: `${run}_player_steps`,
    };
    const kafka = await startKafka({
      port: 19492,
      controllerPort: 19493,
      dataDir: join(ctx.tmpDir, 'kafka', DEFAULT_KAFKA_VERSION),
      log: ctx.log,
    });
    const druid = await startDruid({ log: ctx.log, jit: 'full' });
    const log = await openKafkaLog({ brokers: kafka.brokers, clientId: SUITE });
    const duck = await openDuckDbStore({ path: join(ctx.tmpDir, 'bench.duckdb') });
    const druidStore = openDruidStore({ url: druid.brokerUrl, queryTimeoutMillis: 120_000 });
    const rows: BenchRow[] = [];
    try {
      await log.ensureTopics([{ name: topic, partitions: 2 }]);
      await submitSupervisors({
        overlordUrl: druid.overlordUrl,
        bootstrapServers: kafka.brokers.join(','),
        topic,
        datasources,
        taskDuration: 'PT10M',
        completionTimeout: 'PT10M',
        log: ctx.log,
      });
      const all: RollupsTopicRow[] = [...rollups, ...playerRows, ...steps];
      const tp = performance.now();
      const produced = await produceRollups(log, topic, all);
      const produceS = (performance.now() - tp) / 1000;
      const [loaded] = await Promise.all([
        loadTopicIntoDuckDb(log, topic, duck, all.length, 1_800_000),
        waitForIngestion(
          druid.brokerUrl,
          {
            [datasources.rollups]: produced.committed.rollup,
            [datasources.players]: produced.committed.player,
            [datasources.playerDays]: produced.committed.player,
            [datasources.steps]: produced.committed.step,
          },
          1_800_000,
          ctx.log,
        ),
      ]);
      const loadS = (performance.now() - tp) / 1000;
      await waitForColumns(druid.brokerUrl, {
        [datasources.rollups]: KPI_COLUMNS.rollups,
        [datasources.players]: KPI_COLUMNS.players,
        [datasources.playerDays]: KPI_COLUMNS.players,
        [datasources.steps]: KPI_COLUMNS.steps,
      });
      ctx.log(
        `[${SUITE}] ${all.length} rows produced in ${produceS.toFixed(1)} s; both engines had all of them after ${loadS.toFixed(1)} s (DuckDB loaded ${loaded})`,
      );
      rows.push(
        {
          suite: SUITE,
          metric: 'history rows (rollup + player + step)',
          value: all.length,
          unit: 'rows',
          note: `${players} players, 30 days, generated rows`,
        },
        {
          suite: SUITE,
          metric: 'bulk load, topic → both engines queryable',
          value: Math.round(all.length / loadS),
          unit: 'rows/s',
          note: '4 Druid supervisors + DuckDB consumer, concurrently',
        },
      );

      const druidDialect = createDruidDialect({
        rollupsDatasource: datasources.rollups,
        playersDatasource: datasources.players,
        playerDaysDatasource: datasources.playerDays,
        playerStepsDatasource: datasources.steps,
      });
      const only = process.env.GAMEPULSE_BENCH_KPIS?.split(',').filter(Boolean);
      const questions = kpiQuestions(endMs).filter((q) => !only || only.includes(q.kpi));
      const opts = { runs, nowMs: questionsNowMs(endMs), log: ctx.log };
      rows.push(...(await measureQuestions(SUITE, { engine: 'druid', store: druidStore, dialect: druidDialect }, questions, opts)));
      rows.push(...(await measureQuestions(SUITE, { engine: 'duckdb', store: duck, dialect: createDuckDbDialect() }, questions, opts)));
      rows.push(
        ...(await measureAlertCycles(
          SUITE,
          [
            { engine: 'druid', store: druidStore, dialect: druidDialect },
            { engine: 'duckdb', store: duck, dialect: createDuckDbDialect() },
          ],
          opts,
        )),
      );

      const lags: number[] = [];
      for (let i = 0; i < (ctx.quick ? 5 : 15); i++) {
        const probe: RollupsTopicRow = {
          kind: 'rollup',
          window_start: Math.floor(Date.now() / 60_000) * 60_000,
          game_id: `lag-probe-${i}`,
          build: '',
          platform: '',
          country: '',
          event_type: 'ad',
          action: '',
          currency: '',
          item: '',
          variant: '',
          events: 1,
          amount: 0,
          value: 0,
        };
        const t = performance.now();
        await produceRollups(log, topic, [probe]);
        const sql = `SELECT SUM("events") AS "n" FROM "${datasources.rollups}" WHERE "game_id" = 'lag-probe-${i}'`;
        while (((await druidSqlRows(druid.brokerUrl, sql))[0]?.n ?? 0) < 1) {
          if (performance.now() - t > 120_000) throw new Error('probe not queryable within 120 s');
          await new Promise((r) => setTimeout(r, 50));
        }
        lags.push(performance.now() - t);
      }
      lags.sort((a, b) => a - b);
      ctx.log(`[${SUITE}] ingestion lag: p50 ${percentile(lags, 0.5).toFixed(0)} ms, p95 ${percentile(lags, 0.95).toFixed(0)} ms`);
      const note = 'transactional produce of 1 row → Druid SQL answers it (50 ms polls)';
      rows.push({ suite: SUITE, metric: 'Druid ingestion lag p50', value: Math.round(percentile(lags, 0.5)), unit: 'ms', note });
      rows.push({ suite: SUITE, metric: 'Druid ingestion lag p95', value: Math.round(percentile(lags, 0.95)), unit: 'ms', note });
      return rows;
    } finally {
      await retireDatasources(Object.values(datasources), druid);
      await duck.close();
      await log.close();
      if (druid.startedHere) await druid.stop();
      if (kafka.startedHere) await kafka.stop();
    }
  },
};
