/**
 * The processor's output into a `RollupSink` (DuckDB in embedded mode; an in-memory
 * one in unit tests): all partitions' rows, dead letters, state and positions in one
 * store transaction, with `expectedPositions` so that a stale writer's commit is
 * refused instead of counted twice (GP_STORE_POSITION_CONFLICT).
 */
import type { Checkpoint, Position, RollupCommit, RollupSink } from '@gamepulse/store';
import type { PartitionCommit, ProcessorSink } from './types.ts';

export function toRollupCommit(consumer: string, parts: readonly PartitionCommit[]): RollupCommit {
  const steps: NonNullable<RollupCommit['steps']> = [];
  const commit: RollupCommit = {
    consumer,
    rollups: [],
    players: [],
    steps,
    positions: [],
    state: [],
    deadLetters: [],
    expectedPositions: [],
  };
  const expected: Position[] = commit.expectedPositions!;
  for (const p of parts) {
    // Loops, not push(...): a commit can carry 10^5 rows, beyond spread's argument limit.
    for (const r of p.rollups) commit.rollups.push(r);
    for (const r of p.players) commit.players.push(r);
    for (const r of p.steps ?? []) steps.push(r);
    for (const d of p.deadLetters) commit.deadLetters.push(d);
    for (const e of p.state) commit.state.push(e);
    if (p.nextOffset !== p.fromOffset) commit.positions.push({ topic: p.topic, partition: p.partition, offset: p.nextOffset });
    expected.push({ topic: p.topic, partition: p.partition, offset: p.fromOffset });
  }
  return commit;
}

export function storeSink(sink: RollupSink, consumer: string): ProcessorSink {
  return {
    kind: 'store',
    assign: (_topic: string, partitions: number[]): Promise<Checkpoint> => sink.loadCheckpoint(consumer, partitions),
    commit: (parts) => sink.commit(toRollupCommit(consumer, parts)),
    release: async () => undefined,
    // The store belongs to the caller (the query API reads it too).
    close: async () => undefined,
  };
}
