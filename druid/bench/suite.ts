/**
 * `druidQuerySuite`: KPI query latency (p50/p95) on Druid and on DuckDB over the same
 * simulated 30-day history of ≥ 100k players, and Druid's ingestion lag.
 *
 * Both engines are loaded the same way: the rows go to a rollups topic on real Kafka in
 * transactions; Druid reads it through the druid/ingestion supervisors, DuckDB through a
 * read_committed consumer (druid/test/integration/druid-support/pipeline.ts). The history
 * is generated directly as rollup rows (bench/history.ts), not by the player simulator.
 * Ingestion lag = a probe row committed to the topic → first answered by Druid SQL
 * (polled every 50 ms), with the supervisors running and the history loaded.
 */
import { join } from 'node:path';
import { openKafkaLog } from '@gamepulse/log';
import type { RollupsTopicRow } from '@gamepulse/proto';
import type { BenchContext, BenchRow, BenchSuite } from '../../bench/types.ts';
import { startDruid } from '../../scripts/engines/druid/index.ts';
import { DEFAULT_KAFKA_VERSION, startKafka } from '../../scripts/engines/kafka.ts';
import { submitSupervisors, terminateSupervisors } from '../ingestion/submit.ts';
import { openDruidStore } from '../src/engine/index.ts';
import { openDuckDbStore, type Store } from '@gamepulse/store';
import { createDruidDialect, createDuckDbDialect, runKpi, type Dialect, type KpiParams } from '@gamepulse/kpi';
import {
  KPI_COLUMNS,
  druidSqlRows,
  loadTopicIntoDuckDb,
  produceRollups,
  waitForColumns,
  waitForIngestion,
} from '../test/integration/druid-support/pipeline.ts';
import { generateHistory } from './history.ts';

const DAY = 86_400_000;
const SUITE = 'druid-query';

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** One question per KPI, shaped like the console's and a live-ops analyst's. */
function questions(endMs: number): Array<[string, KpiParams]> {
  const week = { fromMs: endMs - 7 * DAY, toMs: endMs };
  const month = { fromMs: endMs - 30 * DAY, toMs: endMs };
  return [
    ['online_now', {}],
    ['dau', month],
    ['active_users', week],
    ['retention', { fromMs: endMs - 30 * DAY, toMs: endMs - 20 * DAY }],
    ['revenue', { ...week, granularity: 'day' }],
    ['arpdau', week],
    ['arppu', { ...month, granularity: 'all', by: ['country'] }],
    ['payer_conversion', { ...month, granularity: 'day' }],
    ['economy', { ...week, granularity: 'day' }],
    ['progression_funnel', { ...month, limit: 40 }],
    ['ab_readout', { ...month, experiment: 'shop_layout' }],
    ['events_by_type', { fromMs: endMs - DAY, toMs: endMs, granularity: 'hour' }],
    ['top_progression_fails', week],
    ['sessions', { ...week, granularity: 'day', by: ['platform'] }],
    ['churn_risk', { ...week, by: ['platform'] }],
    ['at_risk_players', { asOfMs: endMs, limit: 100, offset: 100 }],
  ];
}

async function latency(store: Store, dialect: Dialect, name: string, params: KpiParams, nowMs: number, runs: number): Promise<number[]> {
  for (let i = 0; i < 2; i++) await runKpi(store, name, params, { dialect, nowMs: () => nowMs }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await runKpi(store, name, params, { dialect, nowMs: () => nowMs });
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

export const druidQuerySuite: BenchSuite = {
  name: SUITE,
  description:
    'KPI query latency p50/p95 on Druid and DuckDB over a 30-day, ≥100k-player history; Druid ingestion lag (topic commit → queryable)',
  needs: ['kafka', 'druid'],
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const players = ctx.quick ? 20_000 : 100_000;
    const runs = ctx.quick ? 5 : 20;
    const endMs = Math.floor(Date.now() / DAY) * DAY;
    const startMs = endMs - 30 * DAY;
    const t0 = performance.now();
    const { rollups, players: playerRows } = generateHistory({
      startMs,
      days: 30,
      players,
      rollupRowsPerMinute: ctx.quick ? 4 : 12,
      seed: 42,
    });
    ctx.log(
      `[${SUITE}] generated ${rollups.length} rollup rows + ${playerRows.length} player rows for ${players} players in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const run = `bench_${Date.now().toString(36)}`;
    const topic = `${run}.rollups.v1`;
    // steps: named per run like the others (the bench writes no step rows; the supervisor is terminated with the rest).
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
      const all: RollupsTopicRow[] = [...rollups, ...playerRows];
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
      });
      ctx.log(
        `[${SUITE}] ${all.length} rows produced in ${produceS.toFixed(1)} s; both engines had all of them after ${loadS.toFixed(1)} s (DuckDB loaded ${loaded})`,
      );
      rows.push(
        {
          suite: SUITE,
          metric: 'history rows (rollup + player)',
          value: all.length,
          unit: 'rows',
          note: `${players} players, 30 days, generated as rollup rows`,
        },
        {
          suite: SUITE,
          metric: 'bulk load, topic → both engines queryable',
          value: Math.round(all.length / loadS),
          unit: 'rows/s',
          note: '3 Druid supervisors + DuckDB consumer, concurrently',
        },
      );

      const druidDialect = createDruidDialect({
        rollupsDatasource: datasources.rollups,
        playersDatasource: datasources.players,
        playerDaysDatasource: datasources.playerDays,
      });
      const duckDialect = createDuckDbDialect();
      const nowMs = endMs - 12 * 3_600_000;
      for (const [name, params] of questions(endMs)) {
        for (const [engine, store, dialect] of [
          ['druid', druidStore, druidDialect],
          ['duckdb', duck, duckDialect],
        ] as const) {
          const t = await latency(store, dialect, name, params, nowMs, runs);
          const note = `${runs} runs after 2 warm-ups`;
          rows.push({ suite: SUITE, metric: `${name} p50 (${engine})`, value: Math.round(percentile(t, 0.5) * 10) / 10, unit: 'ms', note });
          rows.push({
            suite: SUITE,
            metric: `${name} p95 (${engine})`,
            value: Math.round(percentile(t, 0.95) * 10) / 10,
            unit: 'ms',
            note,
          });
          ctx.log(`[${SUITE}] ${name} on ${engine}: p50 ${percentile(t, 0.5).toFixed(1)} ms, p95 ${percentile(t, 0.95).toFixed(1)} ms`);
        }
      }

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
      await terminateSupervisors(Object.values(datasources), { overlordUrl: druid.overlordUrl, killTasks: true }).catch(() => undefined);
      for (const ds of Object.values(datasources))
        await fetch(`${druid.coordinatorUrl}/druid/coordinator/v1/datasources/${ds}`, { method: 'DELETE' }).catch(() => undefined);
      await duck.close();
      await log.close();
      if (druid.startedHere) await druid.stop();
      if (kafka.startedHere) await kafka.stop();
    }
  },
};
