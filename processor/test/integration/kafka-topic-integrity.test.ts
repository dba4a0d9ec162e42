/**
 * Topic durability and log positions on real Apache Kafka (issue #13, scenarios 5 and 6):
 *
 *  - the processor and the loader (real processes, their own topic code path) create
 *    their topics with the configured replication factor and min.insync.replicas, read
 *    back with the admin client; the rollups topic and the changelog take the broker's
 *    append time as record timestamps (a rollups record of a 2025 window is stamped now);
 *  - configured for replication factor 2 against the existing RF-1 topics, both refuse:
 *    they stay up, not ready, with GP_LOG_TOPIC_UNDER_REPLICATED naming the topic;
 *  - a processor and a loader whose stored position fell below the partition's log start
 *    (records deleted with DeleteRecords, as retention would) stop with
 *    GP_LOG_POSITION_LOST, count it in gamepulse_log_position_gaps_total and report
 *    unhealthy, without processing the rest — again after a restart — until started
 *    with `acceptPositionGaps`, which resumes at the log start and says so;
 *  - a consumer overtaken by retention while it runs stops the same way instead of
 *    kafkajs's silent reset to the earliest offset, and its committed offset stays.
 *
 * Own broker: two free ports (testkit freePort), data dir .data/kafka-integrity-it;
 * stopped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { freePort, until } from '@gamepulse/testkit';
import { createRollupsLoader, loaderMetrics, type RollupsLoader } from '@gamepulse/loader';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { openKafkaLog, topicNames, type ConsumedRecord, type KafkaLog, type KafkaLogOptions, type PositionGap } from '@gamepulse/log';
import { createLogger, Registry } from '@gamepulse/service';
import { DEFAULT_KAFKA_VERSION, startKafka, stopKafka, type KafkaOptions } from '../../../scripts/engines/kafka.ts';
import { createProcessor, createProcessorMetrics, type Processor } from '../../src/index.ts';
import { CHANGELOG_TOPIC_CONFIG, changelogTopicFor } from '../../src/sink/changelog.ts';
import { kafkaTransactionSink } from '../../src/sink/kafka-sink.ts';
import { generateTraffic } from '../support/traffic.ts';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const RUN = Date.now().toString(36);
const SLOW = { timeoutMs: 120_000, everyMs: 100 } as const;
const quiet = createLogger({ service: 'integrity-it', level: process.env.GP_IT_LOG_LEVEL === 'debug' ? 'debug' : 'error' });

let BROKER: KafkaOptions;
let brokers: string[];
let admin: Admin;
const logs: KafkaLog[] = [];
const children: ChildProcess[] = [];
const tempDirs: string[] = [];

async function open(extra: Partial<KafkaLogOptions> = {}): Promise<KafkaLog> {
  const log = await openKafkaLog({
    brokers,
    clientId: `it-integrity-${RUN}`,
    heartbeatIntervalMs: 500,
    sessionTimeoutMs: 6_000,
    rebalanceTimeoutMs: 10_000,
    logLevel: 'error',
    logger: (e) => console.error(`[kafka ${e.level} ${e.namespace}] ${e.message} ${JSON.stringify(e.fields)}`),
    ...extra,
  });
  logs.push(log);
  return log;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gp-integrity-'));
  tempDirs.push(dir);
  return dir;
}

/** The error code anywhere in a cause chain (GamepulseError `code`, `cause`). */
function codesOf(err: unknown): string[] {
  const out: string[] = [];
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined;
    e && typeof e === 'object' && out.length < 10;
    e = e.cause as typeof e
  )
    if (typeof e.code === 'string') out.push(e.code);
  return out;
}

/** Counter value of gamepulse_log_position_gaps_total with these labels (0 when absent). */
async function gapCount(registry: Registry, labels: Record<string, string>): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'gamepulse_log_position_gaps_total');
  const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string | number> }>;
  return values.filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want)).reduce((n, v) => n + v.value, 0);
}

// ── real service processes ──────────────────────────────────────────────────────────

interface Service {
  child: ChildProcess;
  port: number;
  /** stdout + stderr lines so far (JSON log lines). */
  lines: string[];
  exited: Promise<number | null>;
}

async function startService(entry: 'processor' | 'rollups-loader', env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const portEnv = entry === 'processor' ? { GAMEPULSE_PROCESSOR_PORT: String(port) } : { GAMEPULSE_LOADER_PORT: String(port) };
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'apps', 'src', `${entry}.ts`)], {
    cwd: REPO,
    env: {
      ...process.env,
      GAMEPULSE_LOG_KIND: 'kafka',
      GAMEPULSE_KAFKA_BROKERS: brokers.join(','),
      GAMEPULSE_LOG_LEVEL: 'info',
      ...portEnv,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, port, lines, exited };
}

async function stopService(s: Service): Promise<number | null> {
  if (s.child.exitCode === null) s.child.kill('SIGTERM');
  return s.exited;
}

async function readyz(port: number): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined; // not listening yet
  }
}

const logged = (s: Service, text: string) => s.lines.some((l) => l.includes(text));

/** Replication factor (fewest replicas over the partitions) and configs of topics, as the broker describes them. */
async function describeTopics(names: string[]): Promise<Map<string, { rf: number; configs: Record<string, string> }>> {
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({ type: 2 /* TOPIC */, name })),
  });
  const out = new Map<string, { rf: number; configs: Record<string, string> }>();
  for (const t of topics) {
    const resource = described.resources.find((r) => r.resourceName === t.name);
    out.set(t.name, {
      rf: Math.min(...t.partitions.map((p) => p.replicas.length)),
      configs: Object.fromEntries((resource?.configEntries ?? []).map((c) => [c.configName, c.configValue])),
    });
  }
  return out;
}

/** DeleteRecords (what retention does to a segment, on demand) up to `offset`, per partition. */
async function deleteRecords(topic: string, upTo: Array<{ partition: number; offset: number }>): Promise<void> {
  // kafkajs finds the leaders in its admin client's metadata, which lists only topics asked about.
  await admin.fetchTopicMetadata({ topics: [topic] });
  await admin.deleteTopicRecords({ topic, partitions: upTo.map((p) => ({ partition: p.partition, offset: String(p.offset) })) });
}

async function lowWatermarks(topic: string): Promise<Map<number, number>> {
  return new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.low)]));
}

// ── processors and loaders through their library entry points ──────────────────────

/**
 * The processor group of a test's topics: one per test, because kafkajs's round-robin
 * assigner hands every member partitions of every topic any member subscribes to.
 */
const groupOf = (prefix: string) => `processor-${prefix}`;

function processorOn(log: KafkaLog, prefix: string, registry: Registry, acceptPositionGaps = false): Processor {
  const topics = topicNames(prefix);
  const changelog = changelogTopicFor(prefix, groupOf(prefix));
  return createProcessor({
    log,
    sink: kafkaTransactionSink({
      log,
      groupId: groupOf(prefix),
      topics: { events: topics.events, rollups: topics.rollups, deadLetter: topics.deadLetter, changelog },
      logger: quiet,
    }),
    topics,
    groupId: groupOf(prefix),
    commitIntervalMs: 200,
    maxBatchRecords: 20,
    maxConsecutiveFailures: 3,
    logger: quiet,
    metrics: createProcessorMetrics(registry),
    acceptPositionGaps,
  });
}

async function pipelineTopics(prefix: string, eventPartitions: number): Promise<KafkaLog> {
  const topics = topicNames(prefix);
  const changelog = changelogTopicFor(prefix, groupOf(prefix));
  const log = await open({ topicConfigs: { [changelog]: { ...CHANGELOG_TOPIC_CONFIG } } });
  await log.ensureTopics([
    { name: topics.events, partitions: eventPartitions },
    { name: topics.rollups, partitions: 2 },
    { name: topics.deadLetter, partitions: 1 },
    { name: changelog, partitions: eventPartitions },
  ]);
  return log;
}

async function committedOf(log: KafkaLog, prefix: string): Promise<Map<number, number>> {
  return new Map((await log.committed(groupOf(prefix), topicNames(prefix).events)).map((c) => [c.partition, c.offset]));
}

/**
 * Starts `processor` and waits for its outcome: the error it stopped with (start or
 * `done` rejected), or undefined once it committed `topic` up to `ends` (it went on).
 */
async function processorOutcome(p: Processor, log: KafkaLog, prefix: string, ends: Map<number, number>): Promise<unknown> {
  let failure: unknown;
  let failed = false;
  const fail = (err: unknown) => {
    failed = true;
    failure = err;
  };
  p.done.catch(fail);
  p.start().catch(fail);
  let reached = false;
  await until(
    async () => {
      if (failed) return true;
      const committed = await committedOf(log, prefix);
      reached = [...ends].every(([partition, end]) => (committed.get(partition) ?? -1) >= end);
      return reached;
    },
    'the processor stops with an error, or commits up to the end',
    SLOW,
  );
  return failed ? failure : undefined;
}

function loaderOn(log: KafkaLog, store: DuckDbStore, topic: string, registry: Registry, acceptPositionGaps = false): RollupsLoader {
  return createRollupsLoader({
    log,
    sink: store,
    topic,
    groupId: 'loader',
    logger: quiet,
    metrics: loaderMetrics(registry),
    acceptPositionGaps,
  });
}

async function storedPositions(store: DuckDbStore): Promise<Map<number, number>> {
  const rows = await store.sql(`SELECT "partition" AS p, next_offset AS o FROM positions WHERE consumer = 'loader'`);
  return new Map(rows.map((r) => [Number(r.p), Number(r.o)]));
}

/** Starts `loader`; the error it stopped with, or undefined once its positions reached `ends`. */
async function loaderOutcome(loader: RollupsLoader, ends: Map<number, number>): Promise<unknown> {
  let failure: unknown;
  let failed = false;
  loader.start().catch((err: unknown) => {
    failed = true;
    failure = err;
  });
  await until(
    () => {
      if (failed) return true;
      const h = loader.health();
      if (!h.ok && h.detail.includes('GP_LOG_POSITION_LOST')) {
        failed = true;
        failure = Object.assign(new Error(h.detail), { code: 'GP_LOG_POSITION_LOST' });
        return true;
      }
      const at = new Map(loader.stats().positions.map((p) => [p.partition, p.offset]));
      return [...ends].every(([partition, end]) => (at.get(partition) ?? -1) >= end);
    },
    'the loader stops with an error, or loads up to the end',
    SLOW,
  );
  return failed ? failure : undefined;
}

describe('processor/test/integration/kafka-topic-integrity: replication, retention gaps and record timestamps on real Kafka', () => {
  beforeAll(async () => {
    BROKER = {
      port: await freePort(),
      controllerPort: await freePort(),
      dataDir: join(REPO, '.data', 'kafka-integrity-it', DEFAULT_KAFKA_VERSION),
      heapMb: 768,
      log: (l) => console.info(l),
    };
    const handle = await startKafka(BROKER);
    brokers = handle.brokers;
    admin = new Kafka({ brokers, clientId: `it-integrity-admin-${RUN}`, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  }, 300_000);

  afterEach(async () => {
    // A failed assertion leaves its services running: none may outlive its test.
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const l of logs) await l.close().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    if (BROKER) await stopKafka(BROKER);
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  }, 120_000);

  it('the services create their topics with the configured RF, min.insync and append time, and refuse a topic with a lower RF', async () => {
    const prefix = `rf-${RUN}`;
    const topics = topicNames(prefix);
    const changelog = changelogTopicFor(prefix, groupOf(prefix));
    // The collector's topics (it creates them in the real pipeline).
    const collectorSide = await open();
    await collectorSide.ensureTopics([
      { name: topics.events, partitions: 2 },
      { name: topics.deletions, partitions: 1 },
    ]);
    const durability = {
      GAMEPULSE_TOPIC_PREFIX: prefix,
      GAMEPULSE_PROCESSOR_GROUP: groupOf(prefix),
      GAMEPULSE_LOADER_GROUP: `loader-${prefix}`,
      GAMEPULSE_KAFKA_REPLICATION_FACTOR: '1',
      GAMEPULSE_KAFKA_MIN_INSYNC_REPLICAS: '1',
    };

    // The processor and the loader, as configured: RF 1, min.insync 1 (what one broker allows).
    const processor = await startService('processor', durability);
    await until(async () => (await readyz(processor.port))?.status === 200, 'the processor is ready', SLOW);
    expect(await stopService(processor)).toBe(0);
    const loader = await startService('rollups-loader', { ...durability, GAMEPULSE_STORE_PATH: join(tempDir(), 'store.duckdb') });
    await until(async () => (await readyz(loader.port))?.status === 200, 'the loader is ready', SLOW);
    expect(await stopService(loader)).toBe(0);

    const described = await describeTopics([topics.rollups, topics.deadLetter, changelog, topics.deletions]);
    for (const name of [topics.rollups, topics.deadLetter, changelog, topics.deletions]) {
      expect(described.get(name)?.rf, `${name} replication factor`).toBe(1);
      expect(described.get(name)?.configs['min.insync.replicas'], `${name} min.insync.replicas`).toBe('1');
    }

    // Configured for RF 2 (min.insync 1), against the existing RF-1 topics: both refuse.
    const rf2 = { ...durability, GAMEPULSE_KAFKA_REPLICATION_FACTOR: '2' };
    for (const [entry, env] of [
      ['processor', rf2],
      ['rollups-loader', { ...rf2, GAMEPULSE_STORE_PATH: join(tempDir(), 'store.duckdb') }],
    ] as const) {
      const s = await startService(entry, env);
      await until(
        () => logged(s, 'GP_LOG_TOPIC_UNDER_REPLICATED') || logged(s, `${entry === 'processor' ? 'processor' : 'loader'} started`),
        `${entry}: refuses or starts`,
        SLOW,
      );
      expect(logged(s, 'GP_LOG_TOPIC_UNDER_REPLICATED'), `${entry} logs the refusal`).toBe(true);
      expect(logged(s, `${entry === 'processor' ? 'processor' : 'loader'} started`), `${entry} must not start`).toBe(false);
      await until(async () => (await readyz(s.port)) !== undefined, `${entry} serves /readyz`, SLOW);
      const ready = await readyz(s.port);
      expect(ready?.status).toBe(503);
      expect(ready?.body).toContain('GP_LOG_TOPIC_UNDER_REPLICATED');
      expect(ready?.body).toMatch(/replication factor 1.*2/);
      expect(ready?.body).toContain(entry === 'processor' ? topics.rollups : topics.deletions);
      expect(s.child.exitCode, `${entry} stays up (not ready) rather than crash-looping`).toBe(null);
      expect(await stopService(s)).toBe(0);
    }

    // Output whose record timestamps retention goes by: the broker's append time.
    expect(described.get(topics.rollups)?.configs['message.timestamp.type']).toBe('LogAppendTime');
    expect(described.get(changelog)?.configs['message.timestamp.type']).toBe('LogAppendTime');
  }, 300_000);

  it('processor: a stored position below the log start stops it with GP_LOG_POSITION_LOST, also after a restart, until the gap is accepted', async () => {
    const prefix = `gap-p-${RUN}`;
    const topics = topicNames(prefix);
    const log = await pipelineTopics(prefix, 1);
    const traffic = generateTraffic({ seed: 1313, installs: 20, batchesPerInstall: 6, duplicateShare: 0, poison: 0 });
    const half = Math.floor(traffic.records.length / 2);
    const append = async (from: number, to: number) =>
      expect((await log.producer().append(topics.events, traffic.records.slice(from, to))).ok).toBe(true);

    await append(0, half);
    const firstEnds = new Map((await log.endOffsets(topics.events)).map((e) => [e.partition, e.offset]));
    const a = processorOn(await open(), prefix, new Registry());
    expect(await processorOutcome(a, log, prefix, firstEnds)).toBeUndefined();
    await a.stop();
    const stored = (await committedOf(log, prefix)).get(0)!;
    expect(stored).toBe(firstEnds.get(0));

    // More events, then the records past the stored position are deleted (as retention
    // would): the processor's position is now below the log start.
    await append(half, traffic.records.length);
    const end = (await log.endOffsets(topics.events))[0]!.offset;
    const logStart = stored + 10;
    await deleteRecords(topics.events, [{ partition: 0, offset: logStart }]);
    expect((await lowWatermarks(topics.events)).get(0)).toBe(logStart);
    const ends = new Map([[0, end]]);

    for (const attempt of ['first start', 'restart']) {
      const registry = new Registry();
      const b = processorOn(await open(), prefix, registry);
      const failure = await processorOutcome(b, log, prefix, ends);
      expect(codesOf(failure), `${attempt}: stops with GP_LOG_POSITION_LOST`).toContain('GP_LOG_POSITION_LOST');
      expect(String((failure as Error)?.message ?? failure)).toContain(`below the log start ${logStart}`);
      expect(b.health().ok).toBe(false);
      expect(await gapCount(registry, { topic: topics.events, partition: '0', outcome: 'stopped' })).toBe(1);
      // Nothing of the rest processed: the stored position did not move.
      expect((await committedOf(log, prefix)).get(0), `${attempt}: position unchanged`).toBe(stored);
      await b.stop().catch(() => undefined);
    }

    // The operator accepts the gap: the processor resumes at the log start, counted.
    const registry = new Registry();
    const c = processorOn(await open(), prefix, registry, true);
    expect(await processorOutcome(c, log, prefix, ends)).toBeUndefined();
    expect(await gapCount(registry, { topic: topics.events, partition: '0', outcome: 'accepted' })).toBe(1);
    await c.stop();

    // The rollups records carry the append time, not their 2025 windows' start.
    const firstRollups: ConsumedRecord[] = [];
    const reader = log.consumer({ groupId: `it-rollups-reader-${RUN}`, topics: [topics.rollups], maxWaitMs: 50 });
    await reader.run({ onBatch: async (b) => void firstRollups.push(...b.records) });
    await until(() => firstRollups.length > 0, 'a rollups record', SLOW);
    await reader.stop();
    const testStartMs = Number.parseInt(RUN, 36);
    for (const r of firstRollups) expect(r.timestampMs).toBeGreaterThanOrEqual(testStartMs);
  }, 300_000);

  it('loader: a stored position below the rollups log start stops it with GP_LOG_POSITION_LOST, also after a restart, until the gap is accepted', async () => {
    const prefix = `gap-l-${RUN}`;
    const topics = topicNames(prefix);
    const log = await pipelineTopics(prefix, 2);
    const traffic = generateTraffic({ seed: 1717, installs: 24, batchesPerInstall: 6, duplicateShare: 0, poison: 0 });
    const half = Math.floor(traffic.records.length / 2);
    const processAll = async (from: number, to: number) => {
      expect((await log.producer().append(topics.events, traffic.records.slice(from, to))).ok).toBe(true);
      const p = processorOn(await open(), prefix, new Registry());
      const ends = new Map((await log.endOffsets(topics.events)).map((e) => [e.partition, e.offset]));
      expect(await processorOutcome(p, log, prefix, ends)).toBeUndefined();
      await p.stop();
    };
    const rollupEnds = async () => new Map((await log.endOffsets(topics.rollups)).map((e) => [e.partition, e.offset]));

    await processAll(0, half);
    const store = await openDuckDbStore({ path: join(tempDir(), 'loader.duckdb') });
    const first = loaderOn(log, store, topics.rollups, new Registry());
    expect(await loaderOutcome(first, await rollupEnds())).toBeUndefined();
    await first.stop();
    const stored = await storedPositions(store);

    // More rollups, then the records past the loader's stored positions are deleted.
    await processAll(half, traffic.records.length);
    const ends = await rollupEnds();
    const deleted = [...ends].filter(([p, end]) => end > (stored.get(p) ?? 0) + 2);
    expect(deleted.length).toBeGreaterThan(0);
    await deleteRecords(
      topics.rollups,
      deleted.map(([partition]) => ({ partition, offset: (stored.get(partition) ?? 0) + 2 })),
    );

    for (const attempt of ['first start', 'restart']) {
      const registry = new Registry();
      const l = loaderOn(log, store, topics.rollups, registry);
      const failure = await loaderOutcome(l, ends);
      expect(codesOf(failure), `${attempt}: stops with GP_LOG_POSITION_LOST`).toContain('GP_LOG_POSITION_LOST');
      expect(l.health().ok).toBe(false);
      expect(await gapCount(registry, { topic: topics.rollups, outcome: 'stopped' })).toBeGreaterThanOrEqual(1);
      expect(await storedPositions(store), `${attempt}: positions unchanged`).toEqual(stored);
      await l.stop().catch(() => undefined);
    }

    const registry = new Registry();
    const accepting = loaderOn(log, store, topics.rollups, registry, true);
    expect(await loaderOutcome(accepting, ends)).toBeUndefined();
    expect(await gapCount(registry, { topic: topics.rollups, outcome: 'accepted' })).toBe(deleted.length);
    await accepting.stop();
    await store.close();
  }, 300_000);

  it("a running consumer overtaken by retention stops with GP_LOG_POSITION_LOST, never kafkajs's silent reset; its committed offset stays", async () => {
    const log = await open();
    const topic = `overtaken-${RUN}`;
    const group = `overtaken-${RUN}`;
    await log.ensureTopics([{ name: topic, partitions: 1 }]);
    const records = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ key: 'k', value: Buffer.from(`r${from + i}`) }));
    expect((await log.producer().append(topic, records(0, 30))).ok).toBe(true);

    const seen: number[] = [];
    const failures: unknown[] = [];
    const gaps: PositionGap[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let blocked = false;
    const c = log.consumer({ groupId: group, topics: [topic], maxBatchRecords: 5, maxWaitMs: 50, onPositionGap: (g) => void gaps.push(g) });
    await c.run({
      onBatch: async (b) => {
        seen.push(...b.records.map((r) => r.offset));
        await c.commit([{ topic, partition: 0, offset: b.nextOffset }]);
        if (!blocked) {
          blocked = true;
          await gate; // the consumer falls behind here
        }
      },
      onFailed: (err) => void failures.push(err),
    });
    await until(() => blocked, 'the first batch', SLOW);
    // While it is behind: more records, and retention takes everything below 45 — past
    // whatever the consumer fetched already (at most the first 30).
    expect((await log.producer().append(topic, records(30, 30))).ok).toBe(true);
    await deleteRecords(topic, [{ partition: 0, offset: 45 }]);
    release();
    await until(() => failures.length > 0 || seen.some((o) => o >= 45), 'the consumer stops, or reads on after the gap', SLOW);

    expect(codesOf(failures[0]), 'stops with GP_LOG_POSITION_LOST').toContain('GP_LOG_POSITION_LOST');
    const position = Math.max(...seen) + 1;
    expect(position).toBeLessThanOrEqual(30);
    expect((failures[0] as Error).message).toContain(`stored position ${position} is below the log start 45`);
    expect(gaps).toEqual([{ groupId: group, topic, partition: 0, position, logStart: 45, accepted: false }]);
    expect(seen.filter((o) => o >= position)).toEqual([]); // nothing after the gap delivered
    // kafkajs's reset would have committed "earliest" over it.
    expect(await log.committed(group, topic)).toEqual([{ topic, partition: 0, offset: position }]);
    await c.stop().catch(() => undefined);
  }, 300_000);
});
