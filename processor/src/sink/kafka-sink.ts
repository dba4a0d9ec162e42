/**
 * The processor's output on Kafka / Redpanda: per input partition p, one transactional
 * producer with the stable id `transactionalIdFor(groupId, eventsTopic, p)`, and per
 * commit ONE transaction holding
 *   - p's rollup rows, player windows and step facts → the rollups topic (JSON rows, proto's
 *     rollups-topic.ts: what Druid's supervisor and the DuckDB loader ingest),
 *   - p's state changes → changelog partition p (compacted; changelog.ts),
 *   - p's poison records → the dead-letter topic (DeadLetter protobuf, with reason),
 *   - p's next input offset (sendOffsetsToTransaction, KIP-98 / KIP-129).
 * Consumers downstream read_committed, so an aborted or fenced transaction's records
 * are never seen, and a transaction's rows are visible exactly when its input offset
 * is committed: after any crash, the committed offset says exactly which input is in.
 *
 * Why this is exactly-once under rebalances and zombies (@gamepulse/log
 * transactions.ts): `assign` creates p's producer FIRST — that fences every older
 * producer with the id (a zombie's next write or commit fails FENCED) and settles its
 * open transaction — and only THEN reads p's committed offset and changelog, which are
 * therefore final. A late `onRevoked` commit of a former owner is fenced, not applied.
 */
import type { Checkpoint, Position, StateEntry } from '@gamepulse/store';
import { transactionalIdFor, TransactionError, type LogRecord, type TransactionalLog, type TransactionalProducer } from '@gamepulse/log';
import {
  DeadLetter,
  encodeRollupsRecord,
  playerToJson,
  rollupsRecordKey,
  rollupToJson,
  stepToJson,
  type RollupsTopicRow,
} from '@gamepulse/proto';
import type { Logger } from '@gamepulse/service';
import { changelogRecord, readPartitionsToEnd, stateFromChangelog } from './changelog.ts';
import { OutputStateMachine } from './partition-output-state.ts';
import type { PartitionCommit, ProcessorSink } from './types.ts';

export interface KafkaSinkTopics {
  /** The input topic (its offsets are committed in the transactions). */
  events: string;
  rollups: string;
  deadLetter: string;
  /** Partitioned like `events` (changelog.ts). */
  changelog: string;
}

export interface KafkaSinkOptions {
  log: TransactionalLog;
  /** The processor's consumer group: offsets are committed for it, transactional ids derive from it. */
  groupId: string;
  topics: KafkaSinkTopics;
  logger: Logger;
  /** Bound on reading a changelog partition to its end on assignment. @default 60_000 */
  restoreTimeoutMs?: number;
}

interface Output {
  machine: OutputStateMachine;
  producer: TransactionalProducer | undefined;
}

/**
 * Rollups topic records of one partition's commit: rows and player windows, keyed for
 * Druid's locality. Stamped with the produce time, never the window's start: time-based
 * retention deletes a segment once its newest record timestamp is older than
 * retention.ms, so a late event's old window would make unread output deletable at once
 * (the topics gamepulse creates use LogAppendTime as well; log/README.md, "Retention").
 * Druid and the loader read the window from the row itself.
 */
export function rollupsTopicRecords(part: Pick<PartitionCommit, 'rollups' | 'players' | 'steps'>): LogRecord[] {
  const out: LogRecord[] = [];
  const push = (row: RollupsTopicRow) => out.push({ key: rollupsRecordKey(row), value: encodeRollupsRecord(row) });
  for (const r of part.rollups) push(rollupToJson(r));
  for (const p of part.players) push(playerToJson(p));
  for (const s of part.steps ?? []) push(stepToJson(s));
  return out;
}

export function deadLetterRecords(part: Pick<PartitionCommit, 'deadLetters'>): LogRecord[] {
  return part.deadLetters.map((d) => ({ key: d.keyId || 'processor', value: DeadLetter.encode(d).finish() }));
}

export function kafkaTransactionSink(o: KafkaSinkOptions): ProcessorSink {
  return new KafkaTransactionSink(o);
}

class KafkaTransactionSink implements ProcessorSink {
  readonly kind = 'kafka' as const;
  private readonly outputs = new Map<number, Output>();
  private closed = false;

  constructor(private readonly o: KafkaSinkOptions) {}

  async assign(topic: string, partitions: number[]): Promise<Checkpoint> {
    if (topic !== this.o.topics.events) throw new Error(`kafka sink: assigned ${topic}, configured for ${this.o.topics.events}`);
    if (this.closed) throw new Error('kafka sink: closed');
    // Whatever this instance held for these partitions is stale now (a recovery, or the
    // partition came back): close it; the new producer fences it anyway.
    await this.release(partitions);
    const outputs = partitions.map((p) => {
      const out: Output = {
        machine: new OutputStateMachine(p, (partition, from, event, to) =>
          this.o.logger.debug('partition output', { partition, from, event, to }),
        ),
        producer: undefined,
      };
      this.outputs.set(p, out);
      return [p, out] as const;
    });
    try {
      // 1. Fence older owners and settle their open transactions (in parallel: one producer each).
      await Promise.all(
        outputs.map(async ([p, out]) => {
          out.producer = await this.o.log.transactionalProducer({ transactionalId: transactionalIdFor(this.o.groupId, topic, p) });
          out.machine.fire('fenced_older');
        }),
      );
      // 2. Only now are the committed offsets and the changelog final.
      const committed = await this.o.log.committed(this.o.groupId, topic);
      const positions: Position[] = committed
        .filter((c) => partitions.includes(c.partition))
        .map((c) => ({ topic, partition: c.partition, offset: c.offset }));
      const records = await readPartitionsToEnd(this.o.log, this.o.topics.changelog, partitions, {
        groupPrefix: this.o.groupId,
        ...(this.o.restoreTimeoutMs !== undefined ? { timeoutMs: this.o.restoreTimeoutMs } : {}),
      });
      const state: StateEntry[] = stateFromChangelog(records);
      for (const [, out] of outputs) out.machine.fire('restored');
      this.o.logger.info('partitions restored from the changelog', {
        partitions,
        positions: positions.map((p) => [p.partition, p.offset]),
        stateEntries: state.length,
        changelogRecords: records.length,
      });
      return { positions, state };
    } catch (err) {
      for (const [, out] of outputs) if (out.machine.can('failed')) out.machine.fire('failed');
      await this.release(partitions);
      throw err;
    }
  }

  async commit(parts: PartitionCommit[]): Promise<void> {
    // One transaction per partition, in parallel (each has its own producer). If any
    // fails, the processor discards everything and re-assigns: the committed ones are
    // in (their offsets moved), the failed ones are not.
    const results = await Promise.allSettled(parts.map((part) => this.commitPartition(part)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async commitPartition(part: PartitionCommit): Promise<void> {
    const out = this.outputs.get(part.partition);
    if (!out || out.machine.state !== 'owned' || !out.producer)
      throw new Error(`kafka sink: partition ${part.partition} is not owned (${out?.machine.state ?? 'unassigned'})`);
    const tx = out.producer;
    out.machine.fire('begin');
    try {
      await tx.begin();
      await this.append(tx, this.o.topics.rollups, rollupsTopicRecords(part));
      await this.append(tx, this.o.topics.changelog, part.state.map(changelogRecord));
      await this.append(tx, this.o.topics.deadLetter, deadLetterRecords(part));
      await tx.sendOffsets(this.o.groupId, [{ topic: part.topic, partition: part.partition, offset: part.nextOffset }]);
      await tx.commit();
      out.machine.fire('committed');
    } catch (err) {
      const fenced = (err instanceof TransactionError && err.code === 'GP_LOG_TX_FENCED') || tx.state() === 'FENCED';
      out.machine.fire(fenced ? 'fenced' : 'failed');
      // Abort what is open (nothing of it becomes visible), then give the producer up:
      // the partition is assigned afresh, with a new producer, before it commits again.
      if (tx.state() === 'IN_TRANSACTION' || tx.state() === 'ABORTABLE') await tx.abort().catch(() => undefined);
      this.o.logger.warn('partition transaction failed', { partition: part.partition, fenced, txState: tx.state(), err });
      throw err;
    }
  }

  private async append(tx: TransactionalProducer, topic: string, records: LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    const r = await tx.append(topic, records);
    if (!r.ok) throw new Error(`transactional append to ${topic} failed: ${r.code}: ${r.message}`);
  }

  async release(partitions: number[]): Promise<void> {
    await Promise.all(
      partitions.map(async (p) => {
        const out = this.outputs.get(p);
        if (!out) return;
        this.outputs.delete(p);
        if (out.machine.can('release')) out.machine.fire('release');
        await out.producer?.close();
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.release([...this.outputs.keys()]);
  }
}
