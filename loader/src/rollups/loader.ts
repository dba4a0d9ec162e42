/**
 * The rollups-topic loader: the rollups topic (read_committed) → a `RollupSink`
 * (the DuckDB store), exactly-once. In Kafka mode this is the ONLY writer of the DuckDB
 * store, and it reads the very topic Apache Druid's supervisor ingests, so both engines
 * see the same rows.
 *
 * Exactly-once: each batch is one store commit holding the batch's rows AND the
 * partition's next offset, conditional on the stored offset still being the one this
 * loader started the batch from (`expectedPositions`, GP_STORE_POSITION_CONFLICT
 * otherwise: another owner moved it). Positions live in the store, not in Kafka, so the
 * rows and the position can never disagree. On assignment the loader resumes from the
 * stored positions; a failed commit wrote nothing and the batch is delivered again
 * (records below the stored position are skipped), after reloading the position when
 * it conflicted.
 *
 * Undecodable records (poison) become dead letters in the same commit, with reason, so
 * they never stall a partition.
 */
import {
  createRestartingConsumer,
  recordsWaiting,
  type Log,
  type PartitionBatch,
  type RestartingConsumer,
  type TopicPartition,
  type TopicPartitionOffset,
} from '@gamepulse/log';
import {
  decodeRollupsRecord,
  jsonToPlayer,
  jsonToRollup,
  jsonToStep,
  type DeadLetterData,
  type PlayerStepData,
  type PlayerWindowData,
  type RollupRowData,
} from '@gamepulse/proto';
import type { Logger } from '@gamepulse/service';
import { isAnalyticsError, type RollupCommit, type RollupSink } from '@gamepulse/store';
import { LOADER_ERRORS } from '../errors.ts';
import type { LoaderMetrics } from './metrics.ts';

export const LOADER_RECORD_UNDECODABLE = LOADER_ERRORS.GP_LOADER_RECORD_UNDECODABLE.code;

export interface RollupsLoaderOptions {
  log: Log;
  sink: RollupSink;
  /** The rollups topic. */
  topic: string;
  /** Consumer group, and the owner (`consumer`) of the positions in the store. @default 'rollups-loader' */
  groupId?: string;
  /** Records per batch (= per store commit at most). @default 5000 */
  maxBatchRecords?: number;
  /** @default 100 */
  maxWaitMs?: number;
  logger: Logger;
  /** @default no metrics */
  metrics?: LoaderMetrics;
  /**
   * A stored position below the rollups topic's log start (rows removed unread by
   * retention) stops the loader (GP_LOG_POSITION_LOST, health not ok); true resumes at the
   * log start instead, logged and counted (log/README.md, "Gaps"). @default false
   */
  acceptPositionGaps?: boolean;
}

export interface RollupsLoaderStats {
  commits: number;
  commitFailures: number;
  conflicts: number;
  rollups: number;
  players: number;
  /** Per-player step facts (player funnels). */
  steps: number;
  deadLetters: number;
  /** New consumers started after one gave up. */
  restarts: number;
  /** Stored next offset per assigned partition. */
  positions: Array<{ partition: number; offset: number; highWatermark: number }>;
}

export interface RollupsLoader {
  start(): Promise<void>;
  /** Finishes the batch in hand and leaves the group. Safe to call twice. */
  stop(): Promise<void>;
  stats(): RollupsLoaderStats;
  health(): { ok: boolean; detail: string };
}

export function createRollupsLoader(o: RollupsLoaderOptions): RollupsLoader {
  return new Loader(o);
}

/** Decodes one batch into a commit; records below `from` were loaded already. */
export function batchToCommit(
  consumer: string,
  batch: PartitionBatch,
  from: number,
): RollupCommit & { rollups: RollupRowData[]; players: PlayerWindowData[]; steps: PlayerStepData[] } {
  const rollups: RollupRowData[] = [];
  const players: PlayerWindowData[] = [];
  const steps: PlayerStepData[] = [];
  const deadLetters: DeadLetterData[] = [];
  for (const r of batch.records) {
    if (r.offset < from) continue;
    try {
      const row = decodeRollupsRecord(r.value);
      if (row.kind === 'rollup') rollups.push(jsonToRollup(row));
      else if (row.kind === 'player') players.push(jsonToPlayer(row));
      else steps.push(jsonToStep(row));
    } catch (err) {
      deadLetters.push({
        code: LOADER_RECORD_UNDECODABLE,
        message: `undecodable rollups-topic record: ${(err as Error).message} (${r.topic}/${r.partition}@${r.offset})`,
        keyId: '',
        receivedAtMs: r.timestampMs,
        raw: r.value,
        source: 'rollups-loader',
      });
    }
  }
  return {
    consumer,
    rollups,
    players,
    steps,
    deadLetters,
    state: [],
    positions: [{ topic: batch.topic, partition: batch.partition, offset: batch.nextOffset }],
    expectedPositions: [{ topic: batch.topic, partition: batch.partition, offset: from }],
  };
}

class Loader implements RollupsLoader {
  private readonly groupId: string;
  private readonly consumer: RestartingConsumer;
  /** Stored next offset per assigned partition: where the next commit must start. */
  private readonly positions = new Map<number, { offset: number; highWatermark: number }>();
  private readonly counts = { commits: 0, commitFailures: 0, conflicts: 0, rollups: 0, players: 0, steps: 0, deadLetters: 0 };
  private running = false;
  private stopping: Promise<void> | undefined;

  constructor(private readonly o: RollupsLoaderOptions) {
    this.groupId = o.groupId ?? 'rollups-loader';
    this.consumer = createRestartingConsumer({
      name: 'loader consumer',
      logger: o.logger,
      create: () =>
        o.log.consumer({
          groupId: this.groupId,
          topics: [o.topic],
          maxBatchRecords: o.maxBatchRecords ?? 5000,
          maxWaitMs: o.maxWaitMs ?? 100,
          acceptPositionGaps: o.acceptPositionGaps ?? false,
          ...(o.metrics ? { onPositionGap: o.metrics.positionGaps } : {}),
        }),
      handlers: {
        onAssigned: (tps) => this.onAssigned(tps),
        onRevoked: async (tps) => {
          for (const tp of tps) this.positions.delete(tp.partition);
        },
        onBatch: (b) => this.onBatch(b),
      },
      onGaveUp: () => this.positions.clear(),
      // The topic's only reader (DuckDB has one writer).
      watchdog: { behind: () => recordsWaiting(o.log, o.topic, (p) => this.positions.get(p)?.offset) },
    });
  }

  async start(): Promise<void> {
    await this.consumer.start();
    this.running = true;
    this.o.logger.info('loader consuming', { topic: this.o.topic, groupId: this.groupId });
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.running = false;
      await this.consumer.stop();
    })();
    return this.stopping;
  }

  stats(): RollupsLoaderStats {
    return {
      ...this.counts,
      restarts: this.consumer.restarts,
      positions: [...this.positions]
        .map(([partition, p]) => ({ partition, offset: p.offset, highWatermark: p.highWatermark }))
        .sort((a, b) => a.partition - b.partition),
    };
  }

  health(): { ok: boolean; detail: string } {
    const problem = this.consumer.problem();
    if (problem) return { ok: false, detail: problem };
    return { ok: this.running, detail: this.running ? `loading ${this.o.topic}, ${this.positions.size} partition(s)` : 'not running' };
  }

  private async onAssigned(tps: TopicPartition[]): Promise<TopicPartitionOffset[]> {
    const partitions = tps.filter((tp) => tp.topic === this.o.topic).map((tp) => tp.partition);
    const checkpoint = await this.o.sink.loadCheckpoint(this.groupId, partitions);
    const out: TopicPartitionOffset[] = [];
    for (const partition of partitions) {
      const offset = checkpoint.positions.find((p) => p.topic === this.o.topic && p.partition === partition)?.offset ?? 0;
      this.positions.set(partition, { offset, highWatermark: offset });
      out.push({ topic: this.o.topic, partition, offset });
    }
    this.o.logger.info('loader partitions assigned', { partitions: out.map((p) => [p.partition, p.offset]) });
    return out;
  }

  private async onBatch(batch: PartitionBatch): Promise<void> {
    if (batch.topic !== this.o.topic) return;
    const pos = this.positions.get(batch.partition);
    // Not assigned (revoked meanwhile): leave it to the owner; nothing is stored.
    if (!pos) return;
    pos.highWatermark = batch.highWatermark;
    this.o.metrics?.lagRecords.set({ partition: String(batch.partition) }, Math.max(0, batch.highWatermark - batch.nextOffset));
    if (batch.nextOffset <= pos.offset) return; // delivered again: loaded already
    const commit = batchToCommit(this.groupId, batch, pos.offset);
    try {
      await this.o.sink.commit(commit);
    } catch (err) {
      this.counts.commitFailures += 1;
      this.o.metrics?.commits.inc({ result: 'failed' });
      if (isAnalyticsError(err, 'GP_STORE_POSITION_CONFLICT')) {
        this.counts.conflicts += 1;
        const [stored] = (await this.o.sink.loadCheckpoint(this.groupId, [batch.partition])).positions.filter(
          (p) => p.topic === this.o.topic,
        );
        pos.offset = stored?.offset ?? 0;
        this.o.logger.warn('loader position conflict: reloaded the stored position', { partition: batch.partition, stored: pos.offset });
      } else {
        this.o.logger.warn('loader commit failed; the batch will be delivered again', { partition: batch.partition, err });
      }
      // Rejecting makes the consumer deliver the same batch again (with backoff).
      throw err;
    }
    pos.offset = batch.nextOffset;
    this.counts.commits += 1;
    this.counts.rollups += commit.rollups.length;
    this.counts.players += commit.players.length;
    this.counts.steps += commit.steps.length;
    this.counts.deadLetters += commit.deadLetters.length;
    this.o.metrics?.commits.inc({ result: 'ok' });
    const rows = commit.rollups.length + commit.players.length + commit.steps.length;
    if (rows > 0) this.o.metrics?.rows.inc(rows);
    if (commit.deadLetters.length > 0) {
      this.o.metrics?.deadLetters.inc(commit.deadLetters.length);
      this.o.logger.warn('undecodable rollups-topic records dead-lettered', {
        partition: batch.partition,
        count: commit.deadLetters.length,
      });
    }
  }
}
