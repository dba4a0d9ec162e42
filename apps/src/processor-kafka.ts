/**
 * The processor process in Kafka mode: KafkaLog (consumer group on the events topic,
 * read_committed) + the Kafka transaction sink, and the ops endpoints. Topics: the
 * collector creates events and dead-letter; this creates the rollups topic and its
 * changelog (compacted, partitioned like the events topic — checked, because the state
 * of input partition p must live in changelog partition p).
 */
import { DEFAULT_PARTITIONS, gamepulseTopicConfigs, openKafkaLog, topicNames } from '@gamepulse/log';
import { startOpsServer } from '@gamepulse/service';
import type { ModeContext, StartedMode } from './processor.ts';
import { createProcessorMetrics, createProcessor, type Processor, CHANGELOG_TOPIC_CONFIG, changelogTopicFor, kafkaTransactionSink } from '@gamepulse/processor';
import { waitForTopic } from './wait-for-topic.ts';

export async function startKafkaMode({ config, logger, registry, shutdown, failExit }: ModeContext): Promise<StartedMode | undefined> {
  const names = topicNames(config.topicPrefix);
  const changelog = changelogTopicFor(config.topicPrefix, config.groupId);
  const log = await openKafkaLog({
    brokers: config.kafkaBrokers,
    clientId: `gamepulse-processor-${process.pid}`,
    sessionTimeoutMs: config.kafkaSessionTimeoutMs,
    heartbeatIntervalMs: config.kafkaHeartbeatIntervalMs,
    rebalanceTimeoutMs: config.kafkaRebalanceTimeoutMs,
    transactionTimeoutMs: config.kafkaTransactionTimeoutMs,
    topicConfigs: { ...gamepulseTopicConfigs(names), [changelog]: { ...CHANGELOG_TOPIC_CONFIG } },
    logger: (e) => logger[e.level](`kafka: ${e.message}`, { namespace: e.namespace, ...e.fields }),
  });
  const ops = await startOpsServer({
    registry,
    port: config.port,
    host: config.host,
    isDraining: () => shutdown.draining,
    checks: [
      { name: 'kafka', check: () => log.health() },
      { name: 'processor', check: async () => processor?.health() ?? { ok: false, detail: 'starting' } },
    ],
  });
  let processor: Processor | undefined;
  logger.info('processor listening', { port: ops.port, host: config.host, brokers: config.kafkaBrokers, log: 'kafka' });
  if (!(await waitForTopic(log, names.events, config.topicWaitMs, () => shutdown.draining, logger))) {
    shutdown.add({ name: 'http: stop serving', run: () => ops.close() });
    shutdown.add({ name: 'log: close', run: () => log.close() });
    return undefined;
  }

  const partitions = (await log.partitions(names.events))!;
  await log.ensureTopics([
    { name: names.rollups, partitions: DEFAULT_PARTITIONS.rollups },
    { name: names.deadLetter, partitions: DEFAULT_PARTITIONS.deadLetter },
    { name: changelog, partitions },
  ]);
  const changelogPartitions = await log.partitions(changelog);
  if (changelogPartitions !== partitions)
    throw new Error(`changelog ${changelog} has ${changelogPartitions} partitions, the events topic ${partitions}: they must match (state of input partition p lives in changelog partition p)`);

  const sink = kafkaTransactionSink({ log, groupId: config.groupId, topics: { events: names.events, rollups: names.rollups, deadLetter: names.deadLetter, changelog }, logger });
  processor = createProcessor({
    log,
    sink,
    topics: names,
    groupId: config.groupId,
    commitIntervalMs: config.commitIntervalMs,
    maxPendingRows: config.maxPendingRows,
    maxBatchRecords: config.maxBatchRecords,
    maxConsecutiveFailures: config.maxConsecutiveFailures,
    logger,
    metrics: createProcessorMetrics(registry),
  });
  const p = processor;
  // Steps run in order of registration: the log closes last.
  shutdown.add({
    name: 'processor: finish the batch, final transactions, leave the group',
    run: () =>
      p.stop().catch((err: unknown) => {
        failExit();
        throw err;
      }),
    timeoutMs: 30_000,
  });
  shutdown.add({ name: 'transactional producers: close', run: () => sink.close() });
  shutdown.add({ name: 'http: stop serving', run: () => ops.close() });
  shutdown.add({ name: 'log: close', run: () => log.close() });
  return { processor, port: ops.port, topic: names.events };
}
