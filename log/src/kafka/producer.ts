/**
 * LogProducer on kafkajs: idempotent, acks=all, partitions from our `partitionForKey`,
 * and results as values — append never throws.
 *
 * Concurrent appends are coalesced (group commit): while one produce request is in
 * flight, later appends queue and go together in the next request, up to
 * `maxBatchBytes` per partition. kafkajs's idempotent producer sends one request at a
 * time per broker anyway (a per-broker lock around its sequence numbers), so without
 * coalescing N concurrent appends would cost N sequential round trips.
 *
 * Delivery: a success means every record is durable on all in-sync replicas. A failure
 * may still have written some of the records (a request that timed out after the broker
 * wrote it, or a multi-partition append whose other partitions succeeded); retrying the
 * append can then duplicate them, so appends are at-least-once across failures and the
 * processor drops duplicates (per install and batch sequence, see ARCHITECTURE.md).
 */
import type { Kafka, Producer, RecordMetadata } from 'kafkajs';
import type { AppendResult, LogProducer, LogRecord } from '../types.ts';
import { ACKS_ALL, compressionType, producerConfig } from './config.ts';
import { describeKafkaError, KafkaLogError, needsProducerReset, toLogFailure } from './errors.ts';
import type { ScopedLogger } from './logger.ts';
import type { ResolvedKafkaLogOptions } from './options.ts';
import {
  baseOffsets,
  coalescibleCount,
  placeParts,
  splitByPartitionBytes,
  toMessages,
  topicMessages,
  type AppendPart,
  type Placement,
} from './placements.ts';

export interface ProducerHost {
  readonly options: ResolvedKafkaLogOptions;
  readonly logger: ScopedLogger;
  kafka: Kafka;
  /** Partition count of a topic (cached), undefined when it does not exist. */
  partitions(topic: string): Promise<number | undefined>;
}

interface Pending extends AppendPart {
  resolve(result: AppendResult): void;
}

/** Sends parts in one request and returns each part's placements. */
export async function sendParts(
  producer: Pick<Producer, 'sendBatch'>,
  o: ResolvedKafkaLogOptions,
  parts: readonly AppendPart[],
): Promise<Placement[][]> {
  const results: RecordMetadata[] = await producer.sendBatch({
    acks: ACKS_ALL,
    timeout: o.ackTimeoutMs,
    compression: compressionType(o),
    topicMessages: topicMessages(parts),
  });
  return placeParts(parts, baseOffsets(results));
}

export class KafkaProducer implements LogProducer {
  private readonly queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private client: Promise<Producer> | undefined;
  private closed = false;

  constructor(private readonly host: ProducerHost) {}

  async append(topic: string, records: LogRecord[]): Promise<AppendResult> {
    try {
      if (this.closed) return { ok: false, code: 'GP_LOG_CLOSED', message: 'the Kafka log is closed', retryable: false };
      if (records.length === 0) return { ok: true, placements: [] };
      const partitions = await this.host.partitions(topic);
      if (partitions === undefined)
        return { ok: false, code: 'GP_LOG_UNKNOWN_TOPIC', message: `topic "${topic}" does not exist`, retryable: false };
      // close() began while we looked the topic up: start no new work.
      if (this.closed) return { ok: false, code: 'GP_LOG_CLOSED', message: 'the Kafka log is closed', retryable: false };
      const messages = toMessages(records, partitions, this.host.options.now());
      return await new Promise<AppendResult>((resolve) => {
        this.queue.push({ topic, messages, resolve });
        this.draining ??= this.drain();
      });
    } catch (err) {
      return toLogFailure(err, `append to ${topic}`);
    }
  }

  /** Lets queued appends finish, then disconnects. Later appends fail with GP_LOG_CLOSED. */
  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
    const client = this.client;
    this.client = undefined;
    if (client) await (await client.catch(() => undefined))?.disconnect().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const n = coalescibleCount(this.queue, this.host.options.maxBatchBytes);
        const group = this.queue.splice(0, n);
        await this.sendGroup(group);
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async sendGroup(group: Pending[]): Promise<void> {
    const o = this.host.options;
    let producer: Producer | undefined;
    try {
      producer = await this.producer();
      if (group.length === 1) {
        // Alone: possibly larger than one record batch may be; send in chunks, in order.
        const only = group[0]!;
        const placements: Placement[] = [];
        for (const chunk of splitByPartitionBytes(only.messages, o.maxBatchBytes)) {
          const [placed] = await sendParts(producer, o, [{ topic: only.topic, messages: chunk }]);
          placements.push(...placed!);
        }
        only.resolve({ ok: true, placements });
        return;
      }
      const placed = await sendParts(producer, o, group);
      group.forEach((p, i) => p.resolve({ ok: true, placements: placed[i]! }));
    } catch (err) {
      const failure = toLogFailure(err, `append to ${[...new Set(group.map((p) => p.topic))].join(', ')}`);
      if (producer) await this.reset(producer, err);
      for (const p of group) p.resolve(failure);
    }
  }

  private producer(): Promise<Producer> {
    // Appends queued before close() still go out on the existing client; none is created after it.
    if (this.closed && !this.client) return Promise.reject(new KafkaLogError('GP_LOG_CLOSED', 'the Kafka log is closed'));
    this.client ??= (async () => {
      const p = this.host.kafka.producer(producerConfig(this.host.options));
      try {
        // Idempotent: connect() also fetches a producer id (InitProducerId).
        await p.connect();
      } catch (err) {
        await p.disconnect().catch(() => undefined);
        throw err;
      }
      return p;
    })().catch((err: unknown) => {
      this.client = undefined;
      throw err;
    });
    return this.client;
  }

  /**
   * After any failed send the producer is replaced (new producer id, sequences from 0).
   * kafkajs rolls its sequence numbers back when a send fails, but the broker may have
   * written the batch (only the response was lost). The next, different batch would
   * reuse those numbers, and one of the same length would be acknowledged as a
   * duplicate without being written: silent loss. Java's client bumps the epoch for the
   * same reason (KIP-360); a new producer id is the kafkajs way. It also clears the
   * unrecoverable sequence errors (OUT_OF_ORDER_SEQUENCE_NUMBER, UNKNOWN_PRODUCER_ID).
   */
  private async reset(producer: Producer, err: unknown): Promise<void> {
    this.host.logger.info('replacing the idempotent producer after a failed send', {
      error: describeKafkaError(err).message,
      desync: needsProducerReset(err),
    });
    this.client = undefined;
    await producer.disconnect().catch(() => undefined);
  }
}
