/**
 * The kafkajs configuration objects, built from resolved options in one place so the
 * settings the guarantees rest on (idempotence, acks, isolation, no auto-commit, no
 * auto-creation) are visible together and unit-tested.
 */
import {
  CompressionTypes,
  Partitioners,
  type ConsumerConfig,
  type ConsumerRunConfig,
  type KafkaConfig,
  type ProducerConfig,
} from 'kafkajs';
import type { ConsumerOptions } from '../types.ts';
import { kafkajsLogCreator, kafkajsLogLevel } from './logger.ts';
import { kafkajsRetry, resolveKafkaLogOptions, type KafkaLogOptions, type ResolvedKafkaLogOptions } from './options.ts';

/** acks=all: the leader answers once every in-sync replica has the batch (required by idempotence). */
export const ACKS_ALL = -1;

export function kafkaConfig(o: ResolvedKafkaLogOptions): KafkaConfig {
  return {
    clientId: o.clientId,
    brokers: o.brokers,
    ...(o.ssl !== undefined ? { ssl: o.ssl } : {}),
    ...(o.sasl !== undefined ? { sasl: o.sasl } : {}),
    connectionTimeout: o.connectionTimeoutMs,
    requestTimeout: o.requestTimeoutMs,
    // kafkajs only enforces requestTimeout when asked to; without it a request to a
    // broker that stopped answering (but kept the socket) could wait forever.
    enforceRequestTimeout: true,
    retry: kafkajsRetry(o.retry),
    logLevel: kafkajsLogLevel(o.logLevel),
    logCreator: kafkajsLogCreator(o.logger, o.logLevel),
  };
}

/**
 * The kafkajs client configuration `openKafkaLog(options)` connects with, without
 * connecting: how a process's configuration can be checked to reach the client.
 */
export function kafkajsClientConfig(options: KafkaLogOptions): KafkaConfig {
  return kafkaConfig(resolveKafkaLogOptions(options));
}

export function producerConfig(o: ResolvedKafkaLogOptions): ProducerConfig {
  return {
    idempotent: true,
    maxInFlightRequests: o.maxInFlightRequests,
    // Every message carries its partition (our partitionForKey), which this partitioner
    // returns as is; naming it also silences kafkajs's v2 "default partitioner" warning.
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    metadataMaxAge: o.metadataMaxAgeMs,
    retry: kafkajsRetry(o.retry),
  };
}

export function transactionalProducerConfig(o: ResolvedKafkaLogOptions, transactionalId: string): ProducerConfig {
  return {
    ...producerConfig(o),
    transactionalId,
    transactionTimeout: o.transactionTimeoutMs,
    // One request at a time keeps the transaction's writes in order even across retries.
    maxInFlightRequests: 1,
  };
}

export function compressionType(o: ResolvedKafkaLogOptions): CompressionTypes {
  return o.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
}

/**
 * `restartOnFailure`: kafkajs asks it after a retriable crash, once it has disconnected,
 * whether to start again (see consumer.ts: never once the consumer is being stopped).
 */
export function consumerConfig(
  o: ResolvedKafkaLogOptions,
  c: ConsumerOptions,
  restartOnFailure?: (err: Error) => Promise<boolean>,
): ConsumerConfig {
  return {
    groupId: c.groupId,
    // read_committed, always: records of open or aborted transactions are never delivered.
    readUncommitted: false,
    allowAutoTopicCreation: false,
    sessionTimeout: o.sessionTimeoutMs,
    rebalanceTimeout: o.rebalanceTimeoutMs,
    heartbeatInterval: o.heartbeatIntervalMs,
    maxBytesPerPartition: o.maxBytesPerPartition,
    maxWaitTimeInMs: c.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
    metadataMaxAge: o.metadataMaxAgeMs,
    retry: restartOnFailure ? { ...kafkajsRetry(o.retry), restartOnFailure } : kafkajsRetry(o.retry),
  };
}

/** Defaults of ConsumerOptions (types.ts documents them). */
export const DEFAULT_MAX_BATCH_RECORDS = 5000;
export const DEFAULT_MAX_WAIT_MS = 100;

export function consumerRunConfig(eachBatch: NonNullable<ConsumerRunConfig['eachBatch']>): ConsumerRunConfig {
  return {
    // Positions move only when a batch was handed over and its onBatch resolved, and are
    // stored only by commit() (or by the caller's own store, transactionally with output).
    autoCommit: false,
    eachBatchAutoResolve: false,
    // One onBatch at a time per consumer: onAssigned/onRevoked are serialized with it.
    partitionsConsumedConcurrently: 1,
    eachBatch,
  };
}
