/**
 * The deletions consumer: acts on player deletion requests (privacy: right to erasure)
 * that the collector records on `<prefix>.deletions.v1` (`DeletionRequest`, keyed
 * `gameId:playerId`). It runs in the process that writes the DuckDB store: the
 * processor in embedded mode, the loader in Kafka mode (DuckDB allows one writer).
 *
 * Exactly-once: each fetched batch is ONE store transaction (`PlayerEraser.erasePlayers`)
 * holding the erasure of every request in it — the players' player_windows rows, the
 * processor's per-player state where the store holds it — one audit row per request,
 * dead letters for undecodable records, and the partition's next offset, conditional
 * on the stored offset still being where the batch started. Positions live in the
 * store, never in the log: on assignment the consumer resumes from them. A failed
 * transaction wrote nothing and the batch is delivered again.
 *
 * Coverage: a request must erase every event acknowledged before it, including events
 * still on their way through the pipeline. `coordinate` (given by the host process) runs
 * the erase once the writer has stored everything up to the request — embedded: the
 * processor has folded and committed the events topic up to its end as of the request,
 * and erases between two of its batches, dropping the players' in-memory state too;
 * Kafka: the processors' committed offsets and then the loader's positions have reached
 * the ends of the events and rollups topics. Until then the batch waits (and is retried).
 *
 * Not blocked: events of the player that arrive after the request are processed as
 * usual. Stopping a player's data is the game's job (the SDK's consent / opt-out stops
 * tracking; druid/README.md, "Privacy: deleting a player").
 */
import {
  createRestartingConsumer,
  recordsWaiting,
  type ConsumedRecord,
  type Log,
  type PartitionBatch,
  type RestartingConsumer,
  type TopicPartition,
  type TopicPartitionOffset,
} from '@gamepulse/log';
import { DeletionRequest, type DeadLetterData, type DeletionRequestData } from '@gamepulse/proto';
import type { Logger } from '@gamepulse/service';
import { isAnalyticsError, type DeletionCommit, type DeletionOutcome, type PlayerDeletion, type PlayerEraser } from '@gamepulse/store';
import { LOADER_ERRORS } from '../errors.ts';
import type { DeletionsMetrics } from './metrics.ts';

export const DELETION_RECORD_UNDECODABLE = LOADER_ERRORS.GP_DELETION_RECORD_UNDECODABLE.code;
export const DELETION_RECORD_INVALID = LOADER_ERRORS.GP_DELETION_RECORD_INVALID.code;

/**
 * Runs `erase` once everything the requests must cover is stored, and returns its
 * outcome; throws (the batch is retried) when that cannot be had now. `signal` aborts
 * on stop.
 */
export type CoordinateErase = (
  requests: readonly PlayerDeletion[],
  erase: () => Promise<DeletionOutcome[]>,
  signal: AbortSignal,
) => Promise<DeletionOutcome[]>;

export interface DeletionsConsumerOptions {
  log: Log;
  sink: PlayerEraser;
  /** The deletions topic. */
  topic: string;
  /** Consumer group, and the owner (`consumer`) of the positions in the store, e.g. 'processor.deletions'. */
  groupId: string;
  /** Processor state erased with the rows (embedded mode): owner and namespaces keyed by player id. @default none */
  state?: { consumer: string; namespaces: string[] };
  /** @default erase at once */
  coordinate?: CoordinateErase;
  /** Records per batch (= per store transaction at most). @default 100 */
  maxBatchRecords?: number;
  /** @default 500 */
  maxWaitMs?: number;
  /** Clock of the audit's processed_at. @default Date.now */
  nowMs?: () => number;
  /** First wait before a new consumer after one gave up; doubles up to 30 s. @default 500 */
  restartBackoffMs?: number;
  logger: Logger;
  /** @default no metrics */
  metrics?: DeletionsMetrics;
  /**
   * A stored position below the deletions topic's log start stops the consumer
   * (GP_LOG_POSITION_LOST, health not ok); true resumes at the log start instead, logged
   * and counted (log/README.md, "Gaps"). @default false
   */
  acceptPositionGaps?: boolean;
}

export interface DeletionsConsumerStats {
  applied: number;
  deadLetters: number;
  erasedRows: number;
  commits: number;
  commitFailures: number;
  conflicts: number;
  restarts: number;
  positions: Array<{ partition: number; offset: number }>;
}

export interface DeletionsConsumer {
  start(): Promise<void>;
  /** Aborts a waiting coordination, finishes the batch in hand and leaves the group. Safe to call twice. */
  stop(): Promise<void>;
  stats(): DeletionsConsumerStats;
  health(): { ok: boolean; detail: string };
}

export function createDeletionsConsumer(o: DeletionsConsumerOptions): DeletionsConsumer {
  return new Consumer(o);
}

function deadLetter(r: ConsumedRecord, code: string, why: string): DeadLetterData {
  return {
    code,
    message: `${why} (${r.topic}/${r.partition}@${r.offset})`,
    keyId: '',
    receivedAtMs: r.timestampMs,
    raw: r.value,
    source: 'deletions',
  };
}

/** Decodes a batch's records from `from` on: requests to apply, and poison as dead letters. */
export function decodeDeletions(batch: PartitionBatch, from: number): { requests: PlayerDeletion[]; deadLetters: DeadLetterData[] } {
  const requests: PlayerDeletion[] = [];
  const deadLetters: DeadLetterData[] = [];
  for (const r of batch.records) {
    if (r.offset < from) continue;
    let d: DeletionRequestData;
    try {
      d = DeletionRequest.decode(r.value);
    } catch (err) {
      deadLetters.push(deadLetter(r, DELETION_RECORD_UNDECODABLE, `not a DeletionRequest: ${(err as Error).message}`));
      continue;
    }
    if (!d.gameId || !d.playerId) {
      deadLetters.push(deadLetter(r, DELETION_RECORD_INVALID, 'DeletionRequest without game_id or player_id'));
      continue;
    }
    requests.push({
      // The collector always sets one; the record's place is unique too.
      requestId: d.requestId || `${r.topic}/${r.partition}@${r.offset}`,
      gameId: d.gameId,
      playerId: d.playerId,
      installId: d.installId ?? '',
      source: d.source ?? '',
      keyId: d.keyId ?? '',
      requestedAtMs: Number(d.requestedAtMs) || r.timestampMs,
    });
  }
  return { requests, deadLetters };
}

const eraseAtOnce: CoordinateErase = (_requests, erase) => erase();

class Consumer implements DeletionsConsumer {
  private readonly consumer: RestartingConsumer;
  private readonly positions = new Map<number, number>();
  private readonly counts = { applied: 0, deadLetters: 0, erasedRows: 0, commits: 0, commitFailures: 0, conflicts: 0 };
  private readonly abort = new AbortController();
  private running = false;
  private stopping: Promise<void> | undefined;

  constructor(private readonly o: DeletionsConsumerOptions) {
    this.consumer = createRestartingConsumer({
      name: 'deletions consumer',
      logger: o.logger,
      create: () =>
        o.log.consumer({
          groupId: o.groupId,
          topics: [o.topic],
          maxBatchRecords: o.maxBatchRecords ?? 100,
          maxWaitMs: o.maxWaitMs ?? 500,
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
      watchdog: { behind: () => recordsWaiting(o.log, o.topic, (p) => this.positions.get(p)) },
      ...(o.restartBackoffMs !== undefined ? { initialBackoffMs: o.restartBackoffMs } : {}),
    });
  }

  async start(): Promise<void> {
    await this.consumer.start();
    this.running = true;
    this.o.logger.info('deletions consumer running', { topic: this.o.topic, groupId: this.o.groupId });
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.running = false;
      this.abort.abort();
      await this.consumer.stop();
    })();
    return this.stopping;
  }

  stats(): DeletionsConsumerStats {
    return {
      ...this.counts,
      restarts: this.consumer.restarts,
      positions: [...this.positions].map(([partition, offset]) => ({ partition, offset })).sort((a, b) => a.partition - b.partition),
    };
  }

  health(): { ok: boolean; detail: string } {
    const problem = this.consumer.problem();
    if (problem) return { ok: false, detail: problem };
    return { ok: this.running, detail: this.running ? `applying ${this.o.topic}, ${this.positions.size} partition(s)` : 'not running' };
  }

  private async onAssigned(tps: TopicPartition[]): Promise<TopicPartitionOffset[]> {
    const partitions = tps.filter((tp) => tp.topic === this.o.topic).map((tp) => tp.partition);
    const checkpoint = await this.o.sink.loadCheckpoint(this.o.groupId, partitions);
    return partitions.map((partition) => {
      const offset = checkpoint.positions.find((p) => p.topic === this.o.topic && p.partition === partition)?.offset ?? 0;
      this.positions.set(partition, offset);
      return { topic: this.o.topic, partition, offset };
    });
  }

  private async onBatch(batch: PartitionBatch): Promise<void> {
    if (batch.topic !== this.o.topic) return;
    const from = this.positions.get(batch.partition);
    if (from === undefined || batch.nextOffset <= from) return; // not ours (revoked), or applied already
    const { requests, deadLetters } = decodeDeletions(batch, from);
    const erase = () => {
      const commit: DeletionCommit = {
        consumer: this.o.groupId,
        deletions: requests,
        ...(this.o.state ? { state: this.o.state } : {}),
        positions: [{ topic: batch.topic, partition: batch.partition, offset: batch.nextOffset }],
        expectedPositions: [{ topic: batch.topic, partition: batch.partition, offset: from }],
        deadLetters,
        processedAtMs: (this.o.nowMs ?? Date.now)(),
      };
      return this.o.sink.erasePlayers(commit);
    };
    let outcomes: DeletionOutcome[];
    try {
      // Only requests need their coverage; dead letters and a moved position alone do not.
      outcomes = requests.length > 0 ? await (this.o.coordinate ?? eraseAtOnce)(requests, erase, this.abort.signal) : await erase();
    } catch (err) {
      this.counts.commitFailures += 1;
      this.o.metrics?.commits.inc({ result: 'failed' });
      if (isAnalyticsError(err, 'GP_STORE_POSITION_CONFLICT')) {
        this.counts.conflicts += 1;
        const [stored] = (await this.o.sink.loadCheckpoint(this.o.groupId, [batch.partition])).positions.filter(
          (p) => p.topic === this.o.topic,
        );
        this.positions.set(batch.partition, stored?.offset ?? 0);
      }
      if (!this.abort.signal.aborted)
        this.o.logger.warn('deletion requests not applied yet; the batch will be delivered again', {
          partition: batch.partition,
          requests: requests.length,
          err,
        });
      throw err; // the consumer delivers the batch again, with backoff
    }
    this.positions.set(batch.partition, batch.nextOffset);
    this.counts.commits += 1;
    this.o.metrics?.commits.inc({ result: 'ok' });
    this.record(outcomes, deadLetters.length);
  }

  private record(outcomes: readonly DeletionOutcome[], deadLetters: number): void {
    for (const out of outcomes) {
      this.counts.applied += 1;
      this.counts.erasedRows += out.playerRows;
      this.o.metrics?.requests.inc({ result: 'applied' });
      if (out.playerRows > 0) this.o.metrics?.erasedRows.inc(out.playerRows);
      // No player id in logs: the audit table has it, the log lines outlive the deletion.
      this.o.logger.info('player deletion applied', {
        requestId: out.requestId,
        gameId: out.gameId,
        playerRows: out.playerRows,
        stepRows: out.stepRows,
        stateEntries: out.stateEntries,
      });
    }
    if (deadLetters > 0) {
      this.counts.deadLetters += deadLetters;
      this.o.metrics?.requests.inc({ result: 'dead_letter' }, deadLetters);
      this.o.logger.warn('undecodable deletion requests dead-lettered', { count: deadLetters });
    }
  }
}
