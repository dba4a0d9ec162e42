/**
 * The processor process in Kafka mode: KafkaLog (consumer group on the events topic,
 * read_committed) + the Kafka transaction sink; `runService` serves the ops endpoints.
 * Topics: the collector creates events and dead-letter; this creates the rollups topic
 * and its changelog (compacted, partitioned like the events topic — checked, because
 * the state of input partition p must live in changelog partition p). Every topic it
 * uses, the events topic too, must have the configured replication factor and
 * min.insync.replicas: otherwise it stays up, not ready, and consumes nothing
 * (refusals.ts).
 */
import { DEFAULT_PARTITIONS, openKafkaLog, topicNames } from '@gamepulse/log';
import type { ServiceContext } from '@gamepulse/service';
import {
  createProcessor,
  type Processor,
  changelogTopicFor,
  kafkaTransactionSink,
  processorKafkaOptions,
  type ProcessorConfig,
} from '@gamepulse/processor';
import type { StartedMode } from './processor.ts';
import { configuredProcessorOptions } from './processor-options.ts';
import { processorStopStep } from './processor-stop-step.ts';
import { ensureTopicsOrRefuse } from './refusals.ts';
import { waitForTopic } from './wait-for-topic.ts';

export async function startKafkaMode(ctx: ServiceContext<ProcessorConfig>): Promise<StartedMode> {
  const { config, logger } = ctx;
  const names = topicNames(config.topicPrefix);
  const changelog = changelogTopicFor(config.topicPrefix, config.groupId);
  const log = await openKafkaLog(processorKafkaOptions(config, logger));
  const closeLog = { name: 'log: close', run: () => log.close() };
  const port = ctx.opsPort!;
  let processor: Processor | undefined;
  const checks = [
    { name: 'kafka', check: () => log.health() },
    { name: 'processor', check: async () => processor?.health() ?? { ok: false, detail: 'starting' } },
  ];
  logger.info('processor listening', { port, host: config.host, brokers: config.kafkaBrokers, log: 'kafka' });
  if (!(await waitForTopic(log, names.events, config.topicWaitMs, () => ctx.stopping, logger)))
    return { stop: [closeLog], checks, port, topic: names.events };

  const partitions = (await log.partitions(names.events))!;
  const refused = await ensureTopicsOrRefuse(
    log,
    [
      // Exists (the collector's): listed so that its durability is checked too.
      { name: names.events, partitions },
      { name: names.rollups, partitions: DEFAULT_PARTITIONS.rollups },
      { name: names.deadLetter, partitions: DEFAULT_PARTITIONS.deadLetter },
      { name: changelog, partitions },
    ],
    logger,
  );
  if (refused) return { stop: [closeLog], checks: [refused, ...checks], port, topic: names.events };
  const changelogPartitions = await log.partitions(changelog);
  if (changelogPartitions !== partitions)
    throw new Error(
      `changelog ${changelog} has ${changelogPartitions} partitions, the events topic ${partitions}: they must match (state of input partition p lives in changelog partition p)`,
    );

  const sink = kafkaTransactionSink({
    log,
    groupId: config.groupId,
    topics: { events: names.events, rollups: names.rollups, deadLetter: names.deadLetter, changelog },
    logger,
  });
  const p = createProcessor({
    ...(await configuredProcessorOptions(ctx)),
    log,
    sink,
    topics: names,
    acceptPositionGaps: config.kafkaAcceptPositionGaps,
  });
  processor = p;
  const stop = [
    processorStopStep(p, ctx, 'final transactions'),
    { name: 'transactional producers: close', run: () => sink.close() },
    closeLog,
  ];
  return { stop, checks, processor: p, port, topic: names.events };
}
