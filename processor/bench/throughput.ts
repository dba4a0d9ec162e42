/**
 * Processor throughput, embedded log → DuckDB, one process:
 *
 *   npx tsx processor/bench/throughput.ts [--events 1000000] [--batch 100] [--installs 5000]
 *       [--sink duckdb|null] [--commit-interval-ms 1000] [--max-pending-rows 50000]
 *       [--max-batch-records 5000] [--duplicates 0.05] [--from-log DIR [--topic-prefix gamepulse]]
 *       [--analytics full|plain|compare] [--pairs 3]
 *
 * Writes `events / batch` IngestedBatch records (every payload type, 1-hour spread of
 * event times, `--duplicates` of them re-sent) to a fresh embedded log, closes the
 * writer, then times the processor from start() until every partition's committed
 * position is the end of the log: decode + dedup + aggregate + DuckDB commits, with a
 * read-only log handle as in production. `--sink null` times the same without a store.
 *
 * `--analytics compare` times the same log `--pairs` times in each mode, alternating
 * plain and full (a fresh processor and store each run), and prints each mode's median
 * events/s, the median of the per-pair full / plain ratios and the same ratio in
 * events per CPU second (processor/README.md,
 * "Analytics: full or plain").
 *
 * `--from-log DIR` times a copy of an existing embedded log instead, e.g. the one a
 * collector wrote during `GAMEPULSE_BENCH_KEEP=1 npm run bench -- --only pipeline-embedded`
 * (<scratch>/pipeline-embedded/log): the processor alone on the simulator's events.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDuckDbStore, type Checkpoint, type RollupCommit, type RollupSink } from '@gamepulse/store';
import { openEmbeddedLog, topicNames } from '@gamepulse/log';
import { batchDigest, IngestedBatch, type EventData } from '@gamepulse/proto';
import { createLogger, Registry } from '@gamepulse/service';
import { createProcessor, createProcessorMetrics, type ProcessorAnalytics } from '../src/index.ts';
import { mulberry32 } from '@gamepulse/testkit';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '100' },
    installs: { type: 'string', default: '5000' },
    sink: { type: 'string', default: 'duckdb' },
    'commit-interval-ms': { type: 'string', default: '1000' },
    'max-pending-rows': { type: 'string', default: '50000' },
    'max-batch-records': { type: 'string', default: '5000' },
    duplicates: { type: 'string', default: '0.05' },
    'from-log': { type: 'string' },
    'topic-prefix': { type: 'string', default: 'bench' },
    analytics: { type: 'string', default: 'full' },
    pairs: { type: 'string', default: '3' },
  },
});

const EVENTS = Number(args.events);
const BATCH = Number(args.batch);
const INSTALLS = Number(args.installs);
const topics = topicNames(args['from-log'] && args['topic-prefix'] === 'bench' ? 'gamepulse' : args['topic-prefix']);

function event(rnd: () => number, i: number, installId: string, ts: number): EventData {
  const base = { eventId: `${installId}-${i}`, installId, playerId: `p-${installId}`, sessionId: 's', sequence: i, clientTsMs: ts };
  switch (i % 11) {
    case 0:
      return { ...base, sessionStart: {} };
    case 1:
      return { ...base, sessionEnd: { lengthMs: 1000 + Math.floor(rnd() * 600_000) } };
    case 2:
      return { ...base, progression: { status: 1 + (i % 3), tier1: `world${i % 4}`, tier2: `level${i % 10}` } };
    case 3:
      return {
        ...base,
        purchase: { currency: ['USD', 'EUR', 'BRL'][i % 3], amountMinor: 99 + (i % 1000), itemType: 'gem_pack', itemId: 'g' },
      };
    case 4:
      return { ...base, resource: { flow: 1 + (i % 2), currency: i % 2 ? 'gold' : 'gems', amount: 1 + (i % 500), itemType: 'shop' } };
    case 5:
      return { ...base, design: { eventId: `ui:screen${i % 8}:open`, value: i % 7 } };
    case 6:
      return { ...base, error: { severity: 1 + (i % 5), message: 'x' } };
    case 7:
      return { ...base, ad: { action: 1 + (i % 4), adType: 'rewarded' } };
    case 8:
      return { ...base, social: { action: 'invite' } };
    case 9:
      return { ...base, featureUse: { feature: `feature${i % 6}` } };
    default:
      return { ...base, experimentExposure: { experiment: 'onboarding', variant: i % 2 ? 'a' : 'b' } };
  }
}

/** Synthetic IngestedBatch records (every payload type) in a fresh log under `dir`. */
async function writeSyntheticLog(dir: string): Promise<{ records: number; encodedBytes: number }> {
  const rnd = mulberry32(7);
  const startMs = Date.UTC(2025, 0, 15, 12);
  const seqs = new Array<number>(INSTALLS).fill(0);
  const records: Array<{ key: string; value: Uint8Array }> = [];
  const batches = Math.ceil(EVENTS / BATCH);
  let encodedBytes = 0;
  for (let b = 0; b < batches; b++) {
    const inst = Math.floor(rnd() * INSTALLS);
    const installId = `install-${inst}`;
    seqs[inst]! += 1;
    const ts0 = startMs + Math.floor(rnd() * 3_600_000);
    const evs: EventData[] = [];
    for (let k = 0; k < BATCH; k++) evs.push(event(rnd, b * BATCH + k, installId, ts0 + k * 250));
    const value = IngestedBatch.encode({
      installId,
      batchSequence: seqs[inst],
      receivedAtMs: ts0 + 30_000,
      keyId: 'k',
      context: {
        gameId: 'bench',
        build: `1.${inst % 5}.0`,
        platform: ['web', 'ios', 'android'][inst % 3],
        country: ['US', 'DE', 'BR', 'JP'][inst % 4],
      },
      events: evs,
      batchDigest: batchDigest(evs.map((e) => e.eventId!)),
    }).finish();
    encodedBytes += value.length;
    records.push({ key: installId, value });
    if (rnd() < Number(args.duplicates)) records.push({ key: installId, value }); // a re-send right after
  }

  const writer = await openEmbeddedLog({ dir: join(dir, 'log'), fsync: false });
  await writer.ensureTopics([{ name: topics.events, partitions: 4 }]);
  for (let i = 0; i < records.length; i += 1000) {
    const res = await writer.producer().append(topics.events, records.slice(i, i + 1000));
    if (!res.ok) throw new Error(res.message);
  }
  await writer.close();
  return { records: records.length, encodedBytes };
}

/** One timed run of a fresh processor (and store, `store-<run>.duckdb`) over the log in `dir`. */
async function timeRun(dir: string, run: number, analytics: ProcessorAnalytics, records: number, encodedBytes: number) {
  const log = await openEmbeddedLog({ dir: join(dir, 'log'), readOnly: true });
  const ends = await log.endOffsets(topics.events);
  const store = args.sink === 'duckdb' ? await openDuckDbStore({ path: join(dir, `store-${run}.duckdb`) }) : undefined;
  const nullSink: RollupSink = {
    loadCheckpoint: async (): Promise<Checkpoint> => ({ positions: [], state: [] }),
    commit: async (_c: RollupCommit) => undefined,
  };
  const registry = new Registry();
  const processor = createProcessor({
    log,
    sink: store ?? nullSink,
    topics,
    commitIntervalMs: Number(args['commit-interval-ms']),
    maxPendingRows: Number(args['max-pending-rows']),
    maxBatchRecords: Number(args['max-batch-records']),
    logger: createLogger({ service: 'processor-bench', level: 'warn' }),
    metrics: createProcessorMetrics(registry),
    analytics,
  });

  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await processor.start();
  const done = () => {
    const s = processor.stats();
    return s.partitions.length === ends.length && s.partitions.every((p) => p.committedOffset === ends[p.partition]!.offset);
  };
  let peakRss = 0;
  while (!done()) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    await new Promise((r) => setTimeout(r, 5));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const stats = processor.stats();
  await processor.stop();
  const commitHist = (await registry.getSingleMetric('gamepulse_processor_commit_seconds')!.get()).values;
  const sum = commitHist.find((v) => (v as { metricName?: string }).metricName?.endsWith('_sum'))?.value ?? 0;
  const count = commitHist.find((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))?.value ?? 0;
  let rows: unknown;
  if (store) {
    rows = await store.sql(
      'SELECT (SELECT sum(events) FROM rollups) AS events, (SELECT count(*) FROM rollups) AS rollup_rows, (SELECT count(*) FROM player_windows) AS player_rows, (SELECT count(*) FROM player_steps) AS step_rows',
    );
    await store.close();
  }
  await log.close();
  return {
    sink: args.sink,
    analytics,
    events: stats.events,
    records,
    batchesNew: stats.batches.new,
    duplicates: stats.batches.duplicate,
    encodedMiB: +(encodedBytes / 1048576).toFixed(1),
    seconds: +seconds.toFixed(2),
    eventsPerSecond: Math.round(stats.events / seconds),
    cpuSeconds: +cpuSeconds.toFixed(2),
    eventsPerCpuSecond: Math.round(stats.events / cpuSeconds),
    recordsPerSecond: Math.round(records / seconds),
    commits: stats.commits,
    commitSecondsTotal: +sum.toFixed(2),
    commitMsAvg: count ? +((sum / count) * 1000).toFixed(1) : 0,
    peakRssMiB: Math.round(peakRss / 1048576),
    heapBeforeMiB: Math.round(heapBefore / 1048576),
    store: rows,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gp-processor-bench-'));
  let written = { records: 0, encodedBytes: 0 };
  if (args['from-log']) await cp(args['from-log'], join(dir, 'log'), { recursive: true });
  else written = await writeSyntheticLog(dir);
  if (args['from-log']) {
    const log = await openEmbeddedLog({ dir: join(dir, 'log'), readOnly: true });
    written.records = (await log.endOffsets(topics.events)).reduce((n, e) => n + e.offset, 0);
    await log.close();
  }
  try {
    if (args.analytics !== 'compare') {
      const analytics = args.analytics === 'plain' ? 'plain' : 'full';
      console.log(JSON.stringify(await timeRun(dir, 0, analytics, written.records, written.encodedBytes), null, 2));
      return;
    }
    // Alternating plain, full, plain, full, …: drift of a shared machine hits both modes alike.
    const pairs: Array<{ plain: number; full: number; plainCpu: number; fullCpu: number }> = [];
    for (let i = 0; i < Math.max(1, Number(args.pairs)); i++) {
      const plain = await timeRun(dir, 2 * i, 'plain', written.records, written.encodedBytes);
      const full = await timeRun(dir, 2 * i + 1, 'full', written.records, written.encodedBytes);
      console.error(
        JSON.stringify({
          pair: i,
          plain: plain.eventsPerSecond,
          full: full.eventsPerSecond,
          plainStore: plain.store,
          fullStore: full.store,
        }),
      );
      pairs.push({ plain: plain.eventsPerSecond, full: full.eventsPerSecond, plainCpu: plain.cpuSeconds, fullCpu: full.cpuSeconds });
    }
    console.log(
      JSON.stringify(
        {
          sink: args.sink,
          pairs,
          plainEventsPerSecond: median(pairs.map((p) => p.plain)),
          fullEventsPerSecond: median(pairs.map((p) => p.full)),
          fullOverPlain: +median(pairs.map((p) => p.full / p.plain)).toFixed(3),
          // Events per CPU second (all threads, DuckDB's included): less moved by other load on shared cores.
          cpuFullOverPlain: +median(pairs.map((p) => p.plainCpu / p.fullCpu)).toFixed(3),
        },
        null,
        2,
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
