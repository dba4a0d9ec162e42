/**
 * Everything the processor holds for one assigned input partition: its dedup windows,
 * its players' first-seen days, and where reading and committing stand. Dropped on
 * revocation; rebuilt from the sink's checkpoint on assignment.
 */
import type { Checkpoint, Position, StateEntry } from '@gamepulse/druid';
import { createFirstSeenTable, type FirstSeenTable } from './aggregate/first-seen.ts';
import { createDedupTable, type DedupTable } from './dedup/install-dedup.ts';

export interface PartitionState {
  topic: string;
  partition: number;
  dedup: DedupTable;
  firstSeen: FirstSeenTable;
  /** Next offset to process: advanced by each batch. */
  nextOffset: number;
  /** Next offset as stored in the sink. */
  committedOffset: number;
  highWatermark: number;
}

/** The state of `partition` as of the checkpoint; offset 0 when nothing was committed yet. */
export function restorePartition(topic: string, partition: number, checkpoint: Checkpoint): PartitionState {
  const position = checkpoint.positions.find((p) => p.topic === topic && p.partition === partition);
  const offset = position?.offset ?? 0;
  const dedup = createDedupTable(partition);
  const firstSeen = createFirstSeenTable(partition);
  dedup.restore(checkpoint.state);
  firstSeen.restore(checkpoint.state);
  return { topic, partition, dedup, firstSeen, nextOffset: offset, committedOffset: offset, highWatermark: offset };
}

/** Positions and state entries changed since the last commit, across partitions. */
export function takeChanges(partitions: Iterable<PartitionState>): { positions: Position[]; state: StateEntry[] } {
  const positions: Position[] = [];
  const state: StateEntry[] = [];
  for (const p of partitions) {
    if (p.nextOffset !== p.committedOffset) positions.push({ topic: p.topic, partition: p.partition, offset: p.nextOffset });
    // A loop, not push(...): a commit can carry 10^5 entries, beyond spread's argument limit.
    for (const e of p.dedup.takeDirty()) state.push(e);
    for (const e of p.firstSeen.takeDirty()) state.push(e);
  }
  return { positions, state };
}
