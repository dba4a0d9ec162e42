/**
 * The processor on real Apache Kafka (KRaft single node from Maven Central; no mock):
 * transactional exactly-once per input partition, a rebalance between two processor
 * instances while traffic flows (dedup state moves with its partition through the
 * changelog), a zombie fenced mid-stream, poison records dead-lettered with their
 * reason, and the rollups topic loaded into DuckDB by the loader, exactly once.
 * Afterwards the store's totals equal the ground truth computed from the unique batches.
 *
 * Own broker: ports 29492/29493, data dir .data/kafka-processor-it; stopped at the end.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '@gamepulse/testkit';
import { createRollupsLoader } from '@gamepulse/loader';
import { openDuckDbStore } from '@gamepulse/store';
import { openKafkaLog, topicNames, transactionalIdFor, type ConsumedRecord, type KafkaLog, type KafkaLogOptions } from '@gamepulse/log';
import { DeadLetter, IngestedBatch } from '@gamepulse/proto';
import { createLogger, Registry } from '@gamepulse/service';
import { DEFAULT_KAFKA_VERSION, startKafka, stopKafka, type KafkaHandle, type KafkaOptions } from '../../../scripts/engines/kafka.ts';
import { createProcessor, createProcessorMetrics, type Processor } from '../../src/index.ts';
import { CHANGELOG_TOPIC_CONFIG, changelogTopicFor, readPartitionsToEnd, stateFromChangelog } from '../../src/sink/changelog.ts';
import { kafkaTransactionSink } from '../../src/sink/kafka-sink.ts';
import { storeTotals } from '../support/store-totals.ts';
import { generateTraffic, groundTruth, POISON_BYTES } from '../support/traffic.ts';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const BROKER: KafkaOptions = {
  port: 29492,
  controllerPort: 29493,
  dataDir: join(REPO, '.data', 'kafka-processor-it', DEFAULT_KAFKA_VERSION),
  heapMb: 768,
  log: (l) => console.info(l),
};
const RUN = Date.now().toString(36);
const PREFIX = `itk-${RUN}`;
const topics = topicNames(PREFIX);
const GROUP = 'processor';
const CHANGELOG = changelogTopicFor(PREFIX, GROUP);
const PARTITIONS = 4;
const quiet = createLogger({ service: 'processor', level: process.env.GP_IT_LOG_LEVEL === 'debug' ? 'debug' : 'warn' });

let broker: KafkaHandle;
const logs: KafkaLog[] = [];

async function open(extra: Partial<KafkaLogOptions> = {}): Promise<KafkaLog> {
  const log = await openKafkaLog({
    brokers: broker.brokers,
    clientId: `it-processor-${RUN}`,
    heartbeatIntervalMs: 500,
    sessionTimeoutMs: 6_000,
    rebalanceTimeoutMs: 10_000,
    topicConfigs: { [CHANGELOG]: { ...CHANGELOG_TOPIC_CONFIG } },
    logLevel: process.env.GP_IT_LOG_LEVEL === 'debug' ? 'debug' : 'warn',
    logger: (e) =>
      e.level === 'error' || process.env.GP_IT_LOG_LEVEL === 'debug'
        ? console.error(`[kafka ${e.namespace}] ${e.message} ${JSON.stringify(e.fields)}`)
        : undefined,
    ...extra,
  });
  logs.push(log);
  return log;
}

const SLOW = { timeoutMs: 120_000, everyMs: 100 } as const;

function processorOn(log: KafkaLog, name: string): Processor {
  const sink = kafkaTransactionSink({
    log,
    groupId: GROUP,
    topics: { events: topics.events, rollups: topics.rollups, deadLetter: topics.deadLetter, changelog: CHANGELOG },
    logger: quiet.child({ instance: name }),
  });
  return createProcessor({
    log,
    sink,
    topics,
    groupId: GROUP,
    commitIntervalMs: 200,
    maxBatchRecords: 20,
    logger: quiet,
    metrics: createProcessorMetrics(new Registry()),
  });
}

describe('processor/test/integration/kafka-processor: exactly-once on real Kafka', () => {
  beforeAll(async () => {
    broker = await startKafka(BROKER);
  }, 300_000);

  afterAll(async () => {
    for (const l of logs) await l.close().catch(() => undefined);
    await stopKafka(BROKER);
  }, 120_000);

  it('rebalance between two instances, a fenced zombie and poison records: rollups topic → loader → DuckDB equals the ground truth', async () => {
    const traffic = generateTraffic({ seed: 5150, installs: 60, batchesPerInstall: 12, duplicateShare: 0.3, poison: 2 });
    const truth = groundTruth(traffic.unique);
    const admin = await open();
    await admin.ensureTopics([
      { name: topics.events, partitions: PARTITIONS },
      { name: topics.rollups, partitions: 2 },
      { name: topics.deadLetter, partitions: 1 },
      { name: CHANGELOG, partitions: PARTITIONS },
    ]);
    const append = async (from: number, to: number) => {
      const r = await admin.producer().append(
        topics.events,
        traffic.records.slice(from, to).map((t) => ({ key: t.key, value: t.value })),
      );
      expect(r.ok).toBe(true);
    };
    const half = Math.floor(traffic.records.length / 2);
    await append(0, half);

    // Instance A alone, then B joins while the second half streams in.
    const a = processorOn(await open(), 'a');
    await a.start();
    const firstEnds = await admin.endOffsets(topics.events);
    await until(
      () => {
        const s = a.stats();
        return (
          s.state === 'idle' && firstEnds.every((e) => s.partitions.find((p) => p.partition === e.partition)?.committedOffset === e.offset)
        );
      },
      'A commits the first half',
      SLOW,
    );
    const b = processorOn(await open(), 'b');
    const bStarted = b.start();
    const last = Math.floor(traffic.records.length * 0.8);
    for (let at = half; at < last; at += 30) {
      await append(at, Math.min(last, at + 30));
      await new Promise((r) => setTimeout(r, 30));
    }
    await bStarted;
    await until(() => b.stats().partitions.length > 0 && a.stats().partitions.length < PARTITIONS, 'B owns partitions', SLOW);
    // A zombie: a producer with partition 0's transactional id fences whoever owns it;
    // that owner's next transaction on partition 0 (the rest below has records there)
    // fails FENCED, nothing of it becomes visible, and it recovers by re-assignment.
    const zombieLog = await open();
    const zombie = await zombieLog.transactionalProducer({ transactionalId: transactionalIdFor(GROUP, topics.events, 0) });
    await zombie.close();
    // The rest after the rebalance: B deduplicates re-sends of batches A folded, with
    // the dedup windows it restored from the changelog.
    await append(last, traffic.records.length);

    const ends = await admin.endOffsets(topics.events);
    expect(ends.reduce((n, e) => n + e.offset, 0)).toBe(traffic.records.length);
    await until(
      async () => {
        const committed = await admin.committed(GROUP, topics.events);
        return ends.every((e) => committed.find((c) => c.partition === e.partition)?.offset === e.offset);
      },
      'every input offset committed',
      SLOW,
    );
    const statsA = a.stats();
    const statsB = b.stats();
    await Promise.all([a.stop(), b.stop()]);

    // The changelog holds one dedup window per install, each on its install's partition.
    const changelog = stateFromChangelog(await readPartitionsToEnd(admin, CHANGELOG, [0, 1, 2, 3], { groupPrefix: 'it-check' }));
    expect(changelog.filter((e) => e.namespace === 'dedup')).toHaveLength(60);

    // Poison records: dead-lettered exactly once each, with the reason and the bytes.
    const dead: ConsumedRecord[] = [];
    const dlc = admin.consumer({ groupId: `it-dl-${RUN}`, topics: [topics.deadLetter], maxWaitMs: 50 });
    await dlc.run({ onBatch: async (batch) => void dead.push(...batch.records) });
    await until(() => dead.length >= 2, 'dead letters', SLOW);
    await new Promise((r) => setTimeout(r, 1_000));
    await dlc.stop();
    expect(dead).toHaveLength(2);
    for (const d of dead) {
      const letter = DeadLetter.decode(d.value);
      expect(letter).toMatchObject({ code: 'GP_PROCESSOR_RECORD_UNDECODABLE', source: 'processor' });
      expect(letter.message).toMatch(/undecodable IngestedBatch/);
      expect(Buffer.from(letter.raw)).toEqual(Buffer.from(POISON_BYTES));
    }

    // The loader: rollups topic (read_committed) → DuckDB, positions stored with the rows.
    const store = await openDuckDbStore({ path: ':memory:' });
    const loader = createRollupsLoader({ log: admin, sink: store, topic: topics.rollups, groupId: `loader-${RUN}`, logger: quiet });
    await loader.start();
    const rollupEnds = await admin.endOffsets(topics.rollups);
    await until(
      () => rollupEnds.every((e) => (loader.stats().positions.find((p) => p.partition === e.partition)?.offset ?? 0) >= e.offset),
      'the loader reaches the end of the rollups topic',
      SLOW,
    );
    await loader.stop();
    expect(await storeTotals(store)).toEqual(truth);
    expect(loader.stats().deadLetters).toBe(0);
    const positions = await store.sql(
      `SELECT "partition" AS p, next_offset AS o FROM positions WHERE consumer = 'loader-${RUN}' ORDER BY 1`,
    );
    expect(positions.map((r) => [Number(r.p), Number(r.o)])).toEqual(rollupEnds.map((e) => [e.partition, e.offset]));
    await store.close();

    const dups = traffic.records.filter((r) => r.kind === 'duplicate').length;
    const dropped = statsA.batches.duplicate + statsB.batches.duplicate;
    expect(dropped).toBeGreaterThanOrEqual(dups);
    expect(statsA.recoveries + statsB.recoveries).toBeGreaterThanOrEqual(1); // the fenced owner recovered
    const uniqueEvents = traffic.unique.reduce((n, ub) => n + (ub.events?.length ?? 0), 0);
    const fromLog = traffic.records.filter((r) => r.kind !== 'poison').reduce((n, r) => n + IngestedBatch.decode(r.value).events.length, 0);
    console.info(
      `[kafka-processor] ${traffic.records.length} records (${dups} re-sends, 2 poison), ${uniqueEvents} unique events of ${fromLog} in the log; ` +
        `A: ${statsA.commits} commits, ${statsA.recoveries} recoveries, ${statsA.batches.duplicate} duplicates dropped; ` +
        `B: ${statsB.commits} commits, ${statsB.recoveries} recoveries, ${statsB.batches.duplicate} duplicates dropped; loader ${JSON.stringify({ ...loader.stats(), positions: undefined })}`,
    );
  }, 300_000);
});
