/**
 * Which log the collector writes to: the embedded durable log in `logDir`, or Kafka /
 * Redpanda (`GAMEPULSE_LOG_KIND=kafka`, brokers in `GAMEPULSE_KAFKA_BROKERS`) through
 * KafkaLog's idempotent acks=all producer. The choice is configuration only: the
 * pipeline sees the same `Log` interface.
 */
import {
  gamepulseTopicConfigs,
  kafkaLogOptionsFromConfig,
  openEmbeddedLog,
  openKafkaLog,
  topicNames,
  type Log,
  type KafkaLogOptions,
} from '@gamepulse/log';
import type { Logger } from '@gamepulse/service';
import type { CollectorConfig } from './config.ts';

/** The collector's KafkaLog options: the shared Kafka settings plus the configs of the topics it creates. */
export function collectorKafkaOptions(config: CollectorConfig, logger?: Logger): KafkaLogOptions {
  return {
    ...kafkaLogOptionsFromConfig(config, { defaultClientId: 'gamepulse-collector', ...(logger ? { logger } : {}) }),
    topicConfigs: gamepulseTopicConfigs(topicNames(config.topicPrefix)),
  };
}

/**
 * Opens the configured log. `logger` reaches the log too: the embedded log's recovery
 * warnings (truncated torn tails) and errors (acknowledged records missing) go there.
 */
export async function openCollectorLog(config: CollectorConfig, logger?: Logger): Promise<Log> {
  if (config.logKind === 'kafka') return openKafkaLog(collectorKafkaOptions(config, logger));
  return openEmbeddedLog({ dir: config.logDir, ...(logger ? { logger } : {}) });
}
