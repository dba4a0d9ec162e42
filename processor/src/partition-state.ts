/**
 * Everything the processor holds for one assigned input partition: its dedup windows,
 * its players' first-seen days, experiment assignments and installs' last event times, its uncommitted rollup deltas and dead letters, and
 * where reading and committing stand. Dropped on revocation; rebuilt from the sink's
 * checkpoint on assignment. Deltas are kept per partition because in Kafka mode each
 * input partition commits in its own transaction (with that partition's offset).
 */
import type { Checkpoint, StateEntry } from '@gamepulse/store';
import type { DeadLetterData } from '@gamepulse/proto';
import { RollupAccumulator } from './aggregate/accumulator.ts';
import { createAssignmentTable, type AssignmentTable } from './aggregate/assignment.ts';
import { createFirstSeenTable, type FirstSeenTable } from './aggregate/first-seen.ts';
import { createActivityTable, DEFAULT_SESSION_GAP_MS, type ActivityTable } from './aggregate/activity.ts';
import { createDedupTable, type DedupTable } from './dedup/install-dedup.ts';
import type { PartitionCommit } from './sink/types.ts';
import { PartitionWatermark } from './windows/watermark.ts';

export interface PartitionState {
  topic: string;
  partition: number;
  dedup: DedupTable;
  firstSeen: FirstSeenTable;
  /** Each exposed player's current `experiment:variant` (aggregate/assignment.ts). */
  assignments: AssignmentTable;
  /** The largest event time folded: the partition's event-time watermark (windows/watermark.ts). */
  watermark: PartitionWatermark;
  /** Each install's latest event time, for sessions by inactivity gap (aggregate/activity.ts). */
  activity: ActivityTable;
  /** Rollup and player-window deltas since the last commit. */
  acc: RollupAccumulator;
  /** Poison records since the last commit. */
  deadLetters: DeadLetterData[];
  /** Next offset to process: advanced by each batch. */
  nextOffset: number;
  /** Next offset as stored in the sink. */
  committedOffset: number;
  highWatermark: number;
}

/** The state of `partition` as of the checkpoint; offset 0 when nothing was committed yet. */
export function restorePartition(
  topic: string,
  partition: number,
  checkpoint: Checkpoint,
  sessionGapMs = DEFAULT_SESSION_GAP_MS,
): PartitionState {
  const position = checkpoint.positions.find((p) => p.topic === topic && p.partition === partition);
  const offset = position?.offset ?? 0;
  const dedup = createDedupTable(partition);
  const firstSeen = createFirstSeenTable(partition);
  const assignments = createAssignmentTable(partition);
  const activity = createActivityTable(partition, sessionGapMs);
  dedup.restore(checkpoint.state);
  firstSeen.restore(checkpoint.state);
  assignments.restore(checkpoint.state);
  const watermark = new PartitionWatermark(partition);
  watermark.table.restore(checkpoint.state);
  activity.restore(checkpoint.state);
  return {
    topic,
    partition,
    dedup,
    firstSeen,
    assignments,
    watermark,
    activity,
    acc: new RollupAccumulator(),
    deadLetters: [],
    nextOffset: offset,
    committedOffset: offset,
    highWatermark: offset,
  };
}

/** Whether the partition has anything a commit would write. */
export function hasChanges(p: PartitionState): boolean {
  return (
    p.nextOffset !== p.committedOffset ||
    p.acc.pendingRows > 0 ||
    p.acc.pendingStepRows > 0 ||
    p.deadLetters.length > 0 ||
    p.dedup.dirtyCount > 0 ||
    p.firstSeen.dirtyCount > 0 ||
    p.assignments.dirtyCount > 0 ||
    p.watermark.table.dirtyCount > 0 ||
    p.activity.dirtyCount > 0
  );
}

/**
 * The partition's pending work as one `PartitionCommit`; deltas, dead letters and dirty
 * state are handed over (the partition starts empty again), the position counts as
 * committed only once the sink confirmed it (`committedOffset` is set by the caller).
 */
export function takePartition(p: PartitionState): PartitionCommit {
  const drained = p.acc.drain();
  const state: StateEntry[] = [];
  // A loop, not push(...): a commit can carry 10^5 entries, beyond spread's argument limit.
  for (const e of p.dedup.takeDirty()) state.push(e);
  for (const e of p.firstSeen.takeDirty()) state.push(e);
  for (const e of p.assignments.takeDirty()) state.push(e);
  for (const e of p.watermark.table.takeDirty()) state.push(e);
  for (const e of p.activity.takeDirty()) state.push(e);
  const deadLetters = p.deadLetters;
  p.deadLetters = [];
  return {
    topic: p.topic,
    partition: p.partition,
    fromOffset: p.committedOffset,
    nextOffset: p.nextOffset,
    rollups: drained.rollups,
    players: drained.players,
    steps: drained.steps,
    deadLetters,
    state,
    events: drained.events,
  };
}

/**
 * Drops the players' per-player state (first-seen day, assignment, activity) from memory, after
 * the store deleted it in the deletion's transaction: nothing of it is written again,
 * and a later event of the player starts afresh. Returns the entries dropped.
 */
export function forgetPlayers(p: PartitionState, playerIds: readonly string[]): number {
  let n = 0;
  for (const id of playerIds) {
    if (p.firstSeen.forget(id)) n += 1;
    if (p.assignments.forget(id)) n += 1;
    if (p.activity.forget(id)) n += 1;
  }
  return n;
}
