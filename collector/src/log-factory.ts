/**
 * Which log the collector writes to: the embedded durable log in `logDir`, or Kafka /
 * Redpanda (`GAMEPULSE_LOG_KIND=kafka`, brokers in `GAMEPULSE_KAFKA_BROKERS`) through
 * KafkaLog's idempotent acks=all producer. The choice is configuration only: the
 * pipeline sees the same `Log` interface.
 */
import { gamepulseTopicConfigs, openEmbeddedLog, openKafkaLog, topicNames, type Log, type KafkaLogOptions } from '@gamepulse/log';
import type { Logger } from '@gamepulse/service';
import type { CollectorConfig } from './config.ts';

export function kafkaOptions(config: CollectorConfig, logger?: Logger): KafkaLogOptions {
  const options: KafkaLogOptions = {
    brokers: config.kafkaBrokers,
    clientId: config.kafkaClientId,
    replicationFactor: config.kafkaReplicationFactor,
    topicConfigs: gamepulseTopicConfigs(topicNames(config.topicPrefix)),
  };
  if (config.kafkaSsl) options.ssl = true;
  if (config.kafkaSaslMechanism)
    options.sasl = { mechanism: config.kafkaSaslMechanism, username: config.kafkaSaslUsername, password: config.kafkaSaslPassword } as KafkaLogOptions['sasl'];
  if (logger) options.logger = (entry) => logger[entry.level](entry.message, { namespace: entry.namespace, ...entry.fields });
  return options;
}

export async function openCollectorLog(config: CollectorConfig, logger?: Logger): Promise<Log> {
  if (config.logKind === 'kafka') return openKafkaLog(kafkaOptions(config, logger));
  return openEmbeddedLog({ dir: config.logDir });
}
