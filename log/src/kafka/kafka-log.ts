/**
 * The `Log` on Apache Kafka or Redpanda through kafkajs — the production log. One kafkajs
 * client per KafkaLog; one shared idempotent producer; one kafkajs consumer per
 * `consumer()`; one admin client for topics, offsets and metadata; transactional
 * producers on demand (the TransactionalLog capability).
 */
// Before kafkajs loads (when this is the first importer): see aborted-filter.ts.
import { abortedFilterFixInstalled } from './aborted-filter.ts';
import { Kafka, type Admin } from 'kafkajs';
import type { TransactionalLog, TransactionalProducer, TransactionalProducerOptions } from '../transactions.ts';
import type { ConsumerOptions, LogHealth, LogProducer, TopicPartitionOffset, TopicSpec } from '../types.ts';
import { kafkaConfig } from './config.ts';
import { KafkaConsumer, type ConsumerHost } from './consumer.ts';
import { describeKafkaError, errorMessage, KafkaLogError, toKafkaLogError } from './errors.ts';
import { ScopedLogger } from './logger.ts';
import { kafkajsRetry, resolveKafkaLogOptions, type KafkaLogOptions, type ResolvedKafkaLogOptions } from './options.ts';
import { installOffsetResetGuard } from './offset-reset-guard.ts';
import { KafkaProducer } from './producer.ts';
import { describeDurability, durabilityProblems, fetchPartitionCounts, PartitionCountCache, topicsToCreate } from './topics.ts';
import { createTransactionalProducer, type KafkaTransactionalProducer } from './transactional-producer.ts';

export interface KafkaLog extends TransactionalLog {
  readonly kind: 'kafka';
  producer(): LogProducer;
  consumer(options: ConsumerOptions): KafkaConsumer;
}

/**
 * Connects an admin client (so a wrong broker list fails here, with GP_LOG_UNAVAILABLE)
 * and returns the log; producers and consumers connect on first use.
 */
export async function openKafkaLog(options: KafkaLogOptions): Promise<KafkaLog> {
  const o = resolveKafkaLogOptions(options);
  if (!installOffsetResetGuard())
    throw new KafkaLogError('GP_LOG_INVALID_STATE', 'openKafkaLog: kafkajs has no recoverFromOffsetOutOfRange to guard (kafkajs version?)');
  const kafka = new Kafka(kafkaConfig(o));
  const admin = kafka.admin({ retry: kafkajsRetry(o.retry) });
  try {
    await admin.connect();
  } catch (err) {
    await admin.disconnect().catch(() => undefined);
    throw toKafkaLogError(err, `openKafkaLog: cannot reach ${o.brokers.join(',')}`);
  }
  return new KafkaLogImpl(o, kafka, admin);
}

class KafkaLogImpl implements KafkaLog, ConsumerHost {
  readonly kind = 'kafka' as const;
  readonly logger: ScopedLogger;
  private readonly counts: PartitionCountCache;
  private readonly sharedProducer: KafkaProducer;
  private readonly consumers = new Set<KafkaConsumer>();
  /** What is wrong with which consumer (stalled, or stopped but its kafkajs consumer still active). */
  private readonly consumerProblems = new Map<KafkaConsumer, string>();
  private readonly txProducers = new Set<KafkaTransactionalProducer>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    readonly options: ResolvedKafkaLogOptions,
    readonly kafka: Kafka,
    private readonly admin: Admin,
  ) {
    this.logger = new ScopedLogger(options.logger, options.logLevel);
    this.counts = new PartitionCountCache(
      () => fetchPartitionCounts(admin, { forMs: options.requestTimeoutMs }),
      options.metadataMaxAgeMs,
      options.now,
    );
    this.sharedProducer = new KafkaProducer(this);
    if (!abortedFilterFixInstalled)
      this.logger.warn(
        'kafkajs was loaded before @gamepulse/log: its read_committed filter of aborted transactions is the unfixed one (see kafka/aborted-filter.ts); import @gamepulse/log first',
      );
  }

  partitions(topic: string, opts: { fresh?: boolean } = {}): Promise<number | undefined> {
    this.assertOpen();
    return this.counts.get(topic, opts).catch((err: unknown) => {
      throw toKafkaLogError(err, `partitions of ${topic}`);
    });
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    this.assertOpen();
    try {
      const existing = await fetchPartitionCounts(this.admin, { forMs: this.options.requestTimeoutMs });
      const create = topicsToCreate(topics, existing, this.options);
      if (create.length > 0) {
        // false = all of them already existed (a concurrent creator won): fine.
        await this.admin
          .createTopics({ topics: create, waitForLeaders: true, timeout: this.options.requestTimeoutMs })
          .catch((err: unknown) => {
            // kafkajs's wait for leaders gives up (bail) on UNKNOWN_TOPIC_OR_PARTITION, which
            // a loaded broker answers for a moment about a topic it has just created (a
            // chaos run's processor exited "failed to start"): the wait below covers it.
            if (describeKafkaError(err).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
          });
        this.logger.info('topics created', { topics: create.map((t) => `${t.topic}(${t.numPartitions}x${t.replicationFactor})`) });
        // When another client created them first (two processors starting together),
        // createTopics returns at once, before this broker's metadata shows them:
        // resolve only once every topic is visible, so `partitions()` right after is right.
        await this.waitUntilVisible(create.map((t) => t.topic));
      }
      const problems = durabilityProblems(
        topics,
        await describeDurability(this.admin, [...new Set(topics.map((t) => t.name))]),
        this.options,
      );
      if (problems.length > 0)
        throw new KafkaLogError('GP_LOG_TOPIC_UNDER_REPLICATED', `refusing under-replicated topics: ${problems.join('; ')}`, {
          context: { problems },
        });
    } catch (err) {
      if (err instanceof KafkaLogError) throw err;
      throw toKafkaLogError(err, 'ensureTopics');
    } finally {
      this.counts.invalidate();
    }
  }

  producer(): LogProducer {
    return this.sharedProducer;
  }

  private async waitUntilVisible(topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + this.options.requestTimeoutMs;
    let waitMs = 25;
    for (;;) {
      const counts = await fetchPartitionCounts(this.admin, { forMs: this.options.requestTimeoutMs });
      const missing = topics.filter((t) => !(counts.get(t)! > 0));
      if (missing.length === 0) return;
      if (Date.now() + waitMs > deadline)
        throw new KafkaLogError(
          'GP_LOG_UNAVAILABLE',
          `ensureTopics: ${missing.join(', ')} created but not in the broker's metadata after ${this.options.requestTimeoutMs} ms`,
          { retryable: false },
        );
      await new Promise((r) => setTimeout(r, waitMs));
      waitMs = Math.min(waitMs * 2, 1_000);
    }
  }

  consumer(options: ConsumerOptions): KafkaConsumer {
    this.assertOpen();
    return new KafkaConsumer(this, options);
  }

  track(consumer: KafkaConsumer, running: boolean): void {
    if (running) this.consumers.add(consumer);
    else this.consumers.delete(consumer);
  }

  report(consumer: KafkaConsumer, problem: string | undefined): void {
    if (problem === undefined) this.consumerProblems.delete(consumer);
    else this.consumerProblems.set(consumer, problem);
  }

  async transactionalProducer(opts: TransactionalProducerOptions): Promise<TransactionalProducer> {
    this.assertOpen();
    return createTransactionalProducer(this.kafka, this, opts?.transactionalId);
  }

  trackTransactional(producer: KafkaTransactionalProducer, open: boolean): void {
    if (open) this.txProducers.add(producer);
    else this.txProducers.delete(producer);
  }

  /** Partitions without a committed offset are left out (they start at the beginning). */
  async committed(groupId: string, topic: string): Promise<TopicPartitionOffset[]> {
    this.assertOpen();
    await this.requireTopic(topic);
    try {
      const [entry] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
      return (entry?.partitions ?? [])
        .filter((p) => Number(p.offset) >= 0)
        .map((p) => ({ topic, partition: p.partition, offset: Number(p.offset) }));
    } catch (err) {
      throw toKafkaLogError(err, `committed offsets of group ${groupId} on ${topic}`);
    }
  }

  /**
   * The high watermark of each partition: the offset the next record will get. A
   * read_committed consumer only reaches the last stable offset (LSO), which is lower
   * while a transaction on the partition is open, and transaction markers occupy offsets
   * that are never delivered — so "consumed up to the end" means nextOffset reached this,
   * not that this many records were read.
   */
  async endOffsets(topic: string): Promise<TopicPartitionOffset[]> {
    this.assertOpen();
    await this.requireTopic(topic);
    try {
      const offsets = await this.admin.fetchTopicOffsets(topic);
      return offsets.map((o) => ({ topic, partition: o.partition, offset: Number(o.high) })).sort((a, b) => a.partition - b.partition);
    } catch (err) {
      throw toKafkaLogError(err, `end offsets of ${topic}`);
    }
  }

  /** The log start (low watermark) of each partition: the first offset retention or DeleteRecords left. */
  async startOffsets(topic: string): Promise<TopicPartitionOffset[]> {
    this.assertOpen();
    await this.requireTopic(topic);
    try {
      const offsets = await this.admin.fetchTopicOffsets(topic);
      return offsets.map((o) => ({ topic, partition: o.partition, offset: Number(o.low) })).sort((a, b) => a.partition - b.partition);
    } catch (err) {
      throw toKafkaLogError(err, `start offsets of ${topic}`);
    }
  }

  /**
   * Not ok while a consumer of this log is stalled or a stopped one's kafkajs consumer
   * is still in its group (consumer.ts); otherwise metadata from a fresh connection, no
   * retries, bounded by healthTimeoutMs.
   */
  async health(): Promise<LogHealth> {
    if (this.closed) return { ok: false, detail: 'closed' };
    if (this.consumerProblems.size > 0) return { ok: false, detail: [...this.consumerProblems.values()].join('; ') };
    const probe = this.kafka.admin({ retry: { retries: 0 } });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<LogHealth>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, detail: `no cluster metadata within ${this.options.healthTimeoutMs} ms` }),
        this.options.healthTimeoutMs,
      );
    });
    const check = (async (): Promise<LogHealth> => {
      await probe.connect();
      const cluster = await probe.describeCluster();
      if (cluster.brokers.length === 0) return { ok: false, detail: 'cluster metadata lists no brokers' };
      return {
        ok: true,
        detail: `${cluster.brokers.length} broker(s), controller ${cluster.controller ?? 'unknown'}, cluster ${cluster.clusterId}`,
      };
    })().catch((err: unknown): LogHealth => ({ ok: false, detail: `unreachable: ${errorMessage(err)}` }));
    try {
      return await Promise.race([check, timeout]);
    } finally {
      clearTimeout(timer);
      void check.finally(() => probe.disconnect().catch(() => undefined));
    }
  }

  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    const settle = (what: string) => (r: PromiseSettledResult<unknown>) => {
      if (r.status === 'rejected') this.logger.warn(`close: ${what} failed`, { error: errorMessage(r.reason) });
    };
    (await Promise.allSettled([...this.consumers].map((c) => c.stop()))).forEach(settle('consumer stop'));
    (await Promise.allSettled([...this.txProducers].map((p) => p.close()))).forEach(settle('transactional producer close'));
    await this.sharedProducer.close();
    await this.admin.disconnect().catch(() => undefined);
  }

  private assertOpen(): void {
    if (this.closed) throw new KafkaLogError('GP_LOG_CLOSED', 'the Kafka log is closed');
  }

  private async requireTopic(topic: string): Promise<void> {
    if ((await this.partitions(topic)) === undefined) throw new KafkaLogError('GP_LOG_UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
  }
}
