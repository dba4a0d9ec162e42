/**
 * The `Log`: the Kafka API's shape, reduced to what gamepulse uses. Two implementations
 * satisfy it: the embedded durable log (default, one machine, no broker) and Kafka /
 * Redpanda through a Kafka client. Collector and processor only see this interface.
 *
 * Offsets are per (topic, partition), start at 0 and are dense in the embedded log
 * (Kafka may skip offsets for transaction markers, so never assume next = last + 1;
 * always use `nextOffset` from a fetched batch).
 */
import type { LogErrorCode } from './errors.ts';
import type { PositionGapHandling } from './position-gaps.ts';

/** A topic and how many partitions it has. */
export interface TopicSpec {
  name: string;
  partitions: number;
}

/** What a producer appends. Records with equal keys land on one partition, in order. */
export interface LogRecord {
  key: string;
  value: Uint8Array;
  /** Producer's clock when omitted. */
  timestampMs?: number;
  /**
   * Explicit partition (0 ≤ partition < the topic's count), overriding the key's. For
   * co-partitioned topics: a processor's changelog keeps the state of input partition p
   * in partition p, whatever the state entry's key hashes to. @default partitionForKey(key)
   */
  partition?: number;
}

/** A record as read back. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  value: Uint8Array;
  timestampMs: number;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface TopicPartitionOffset extends TopicPartition {
  /** The next offset to read (Kafka's committed-offset convention). */
  offset: number;
}

/** Stable error codes for log failures (the `LOG_ERRORS` table of errors.ts). */
export type { LogErrorCode };

export interface LogFailure {
  ok: false;
  code: LogErrorCode;
  message: string;
  /** True when the same append may succeed later (broker down, disk busy, timeout). */
  retryable: boolean;
}

/** Where each appended record went, in input order. */
export interface AppendSuccess {
  ok: true;
  placements: Array<{ partition: number; offset: number }>;
}

/** Transport result as a value: an append never throws for an I/O or broker failure. */
export type AppendResult = AppendSuccess | LogFailure;

export interface LogProducer {
  /**
   * Appends records to one topic. Resolves only once the records are durable
   * (fsync'd in the embedded log; acks=all in Kafka), which is what lets the
   * collector acknowledge a batch to the SDK.
   */
  append(topic: string, records: LogRecord[]): Promise<AppendResult>;
}

/**
 * A run of records from one partition, in offset order. `records` is empty only when a
 * fetch held nothing deliverable but moved the position (Kafka: transaction markers,
 * aborted transactions' records under read_committed): then only `nextOffset` moves.
 */
export interface PartitionBatch {
  topic: string;
  partition: number;
  records: ConsumedRecord[];
  /** Where the next fetch of this partition starts (last offset + 1, or further). */
  nextOffset: number;
  /** End of the partition when fetched: `highWatermark - nextOffset` is the lag. */
  highWatermark: number;
}

export interface ConsumerHandlers {
  /**
   * Partitions were assigned to this consumer. Return where to start each one, e.g.
   * offsets stored transactionally with a store's rows; partitions left out start at
   * the group's committed offset in the log, else at the beginning. An offset of 0 means
   * "from the beginning" (the log start); any other offset below the partition's log
   * start is a gap (position-gaps.ts): the consumer stops with GP_LOG_POSITION_LOST
   * unless `acceptPositionGaps`.
   */
  onAssigned?(partitions: TopicPartition[]): Promise<TopicPartitionOffset[] | void>;
  /** Partitions are being taken away; finish and commit their work before resolving. */
  onRevoked?(partitions: TopicPartition[]): Promise<void>;
  /** Records to process; the next batch of the same partition waits for this to resolve. */
  onBatch(batch: PartitionBatch): Promise<void>;
  /**
   * The consumer stopped delivering for good (Kafka: kafkajs gave up, e.g. no group
   * coordinator for longer than its retries during a broker outage; or onAssigned
   * threw) and left the group. Nothing more arrives: stop it and create a new consumer.
   * Not called for `stop()`.
   */
  onFailed?(error: unknown): void;
}

export interface ConsumerOptions extends PositionGapHandling {
  groupId: string;
  topics: string[];
  /** Upper bound of records handed to one onBatch call. @default 5000 */
  maxBatchRecords?: number;
  /** How long a fetch waits for new records before returning empty. @default 100 */
  maxWaitMs?: number;
}

export interface LogConsumer {
  /** Joins the group and starts delivering batches; resolves once running. */
  run(handlers: ConsumerHandlers): Promise<void>;
  /** Stores the group's positions in the log (for consumers without their own store). */
  commit(offsets: TopicPartitionOffset[]): Promise<void>;
  /** Leaves the group after the current onBatch call returns. Safe to call twice. */
  stop(): Promise<void>;
}

export interface LogHealth {
  ok: boolean;
  detail: string;
}

export interface Log {
  readonly kind: 'embedded' | 'kafka';
  /**
   * Creates missing topics; an existing topic keeps its partition count. Kafka: rejects
   * with GP_LOG_TOPIC_UNDER_REPLICATED when an existing topic has a lower replication
   * factor or min.insync.replicas than this log is configured to create topics with.
   */
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /** Partition count of a topic, or undefined when it does not exist. */
  partitions(topic: string): Promise<number | undefined>;
  producer(): LogProducer;
  consumer(options: ConsumerOptions): LogConsumer;
  /** The group's committed positions for a topic. */
  committed(groupId: string, topic: string): Promise<TopicPartitionOffset[]>;
  /** The end (next offset to be written) of each partition of a topic. */
  endOffsets(topic: string): Promise<TopicPartitionOffset[]>;
  /** Readiness: can we append right now? */
  health(): Promise<LogHealth>;
  /** Flushes and releases files / connections. Safe to call twice. */
  close(): Promise<void>;
}
