/**
 * No silent offset reset in kafkajs 2.2.4.
 *
 * A fetch at an offset the partition no longer holds (below its log start after
 * retention or DeleteRecords, or above its end after a truncation) answers
 * OFFSET_OUT_OF_RANGE. kafkajs (src/consumer/consumerGroup.js, recoverFromOffsetOutOfRange)
 * then logs one error line, COMMITS the reset offset (-2, "earliest") for the group and
 * goes on from the earliest record: the records in between are skipped without a trace,
 * and the group's stored position — the processor's exactly-once position, committed in
 * its transactions — is overwritten, so after a restart nobody could tell.
 *
 * Installed by openKafkaLog, this replaces that method on kafkajs's ConsumerGroup class:
 * the retry at the leader after a follower's answer stays; otherwise the fetch fails with
 * a non-retryable error carrying topic, partition and offset, kafkajs stops the consumer
 * (no restart: the error is not retriable), and KafkaConsumer turns it into
 * GP_LOG_POSITION_LOST (consumer.ts). Nothing is committed.
 */
import { createRequire } from 'node:module';

/** The error the guarded fetch fails with (found in kafkajs's cause chain by `outOfRangeIn`). */
export interface OutOfRange {
  name: 'GamepulseOffsetOutOfRange';
  topic: string;
  partition: number;
  /** The offset kafkajs fetched at. */
  offset: number;
}

const NAME = 'GamepulseOffsetOutOfRange';

export function outOfRangeIn(err: unknown): OutOfRange | undefined {
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && typeof e === 'object' && depth < 10; depth++) {
    if (e.name === NAME) return e as unknown as OutOfRange;
    e = (e.cause ?? e.originalError) as Record<string, unknown> | undefined;
  }
  return undefined;
}

interface ConsumerGroupInternals {
  preferredReadReplicasPerTopicPartition: Record<string, Record<number, unknown>>;
  offsetManager: { nextOffset(topic: string, partition: number): { toString(): string } };
  logger: { info(message: string, extra?: object): void; error(message: string, extra?: object): void };
  groupId: string;
  memberId: string;
}

let installed = false;

/** Replaces kafkajs's reset (idempotent); false when kafkajs's ConsumerGroup has no such method. */
export function installOffsetResetGuard(): boolean {
  if (installed) return true;
  const require = createRequire(import.meta.url);
  const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup.js') as { prototype: Record<string, unknown> };
  if (typeof ConsumerGroup.prototype.recoverFromOffsetOutOfRange !== 'function') return false;
  ConsumerGroup.prototype.recoverFromOffsetOutOfRange = async function (
    this: ConsumerGroupInternals,
    e: { topic: string; partition: number; message?: string },
  ): Promise<void> {
    // As kafkajs: a follower may lag the leader; ask the leader before anything else.
    const replicas = this.preferredReadReplicasPerTopicPartition[e.topic];
    if (replicas && typeof replicas[e.partition] === 'number') {
      delete replicas[e.partition];
      return;
    }
    const offset = Number(this.offsetManager.nextOffset(e.topic, e.partition).toString());
    this.logger.error('Offset out of range; not resetting (the consumer stops with GP_LOG_POSITION_LOST)', {
      topic: e.topic,
      partition: e.partition,
      offset,
      groupId: this.groupId,
      memberId: this.memberId,
    });
    throw Object.assign(new Error(`offset ${offset} of ${e.topic}/${e.partition} is out of range`), {
      name: NAME,
      topic: e.topic,
      partition: e.partition,
      offset,
      retriable: false,
    });
  };
  installed = true;
  return true;
}
