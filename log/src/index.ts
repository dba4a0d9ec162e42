/** @gamepulse/log — the `Log` interface and its implementations. */
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
