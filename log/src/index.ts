/** @gamepulse/log — the `Log` interface and its implementations. */
// First, before anything loads kafkajs: its read_committed filter of aborted
// transactions is wrong with several transactional producers (kafka/aborted-filter.ts).
import './kafka/aborted-filter.ts';
export type {
  Log,
  LogProducer,
  LogConsumer,
  LogRecord,
  ConsumedRecord,
  ConsumerHandlers,
  ConsumerOptions,
  PartitionBatch,
  TopicSpec,
  TopicPartition,
  TopicPartitionOffset,
  AppendResult,
  AppendSuccess,
  LogFailure,
  LogErrorCode,
  LogHealth,
} from './types.ts';
export { topicNames, DEFAULT_PARTITIONS, type TopicNames } from './topics.ts';
export { partitionForKey, murmur2 } from './partitioner.ts';
export { openEmbeddedLog, type EmbeddedLog, type EmbeddedLogStats } from './embedded/embedded-log.ts';
export type { EmbeddedLogOptions, EmbeddedLogLogger } from './embedded/options.ts';
export { LOG_ERRORS } from './errors.ts';
export {
  positionGapCounter,
  planSeeks,
  describeGap,
  PositionLostError,
  POSITION_GAPS_METRIC,
  type PositionGap,
  type PositionGapHandling,
} from './position-gaps.ts';
export { EmbeddedLogError, EMBEDDED_LOG_ERRORS, type EmbeddedLogErrorCode } from './embedded/errors.ts';
export {
  isTransactionalLog,
  transactionalIdFor,
  TransactionError,
  TRANSACTION_ERRORS,
  type TransactionalLog,
  type TransactionalProducer,
  type TransactionalProducerOptions,
  type TxState,
  type TransactionErrorCode,
} from './transactions.ts';
export { openKafkaLog, type KafkaLog } from './kafka/kafka-log.ts';
export type { KafkaLogOptions, KafkaRetryOptions } from './kafka/options.ts';
export { kafkajsClientConfig } from './kafka/config.ts';
export {
  KAFKA_CONFIG,
  KAFKA_CONSUMER_CONFIG,
  kafkaConfigProblems,
  kafkaLogOptionsFromConfig,
  type KafkaConfigValues,
  type KafkaConsumerConfigValues,
  type KafkaOptionsFromConfig,
} from './kafka/kafka-config.ts';
export { LOG_CONFIG, TOPIC_CONFIG } from './log-config.ts';
export type { KafkaLogLogger, KafkaLogEntry, KafkaLogLevel } from './kafka/logger.ts';
export { KafkaLogError, KAFKA_LOG_ERRORS, type KafkaLogErrorCode } from './kafka/errors.ts';
export { gamepulseTopicConfigs } from './kafka/topics.ts';
export type { KafkaConsumer, KafkaConsumerStats, RevocationKind } from './kafka/consumer.ts';
export { abortedFilterFixInstalled } from './kafka/aborted-filter.ts';
export {
  createRestartingConsumer,
  recordsWaiting,
  type RestartingConsumer,
  type RestartingConsumerOptions,
  type RestartLogger,
} from './restarting-consumer.ts';
