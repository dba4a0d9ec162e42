/**
 * Per-player experiment assignment for one input partition, stored as `StateEntry`
 * namespace 'variant', key player_id, value the UTF-8 text `experiment:variant` (what
 * `RollupRow.variant` of an exposure holds).
 *
 * Rule: an `experiment_exposure` event assigns its player; the latest exposure the
 * partition processed wins (processing order, which per install is the order the SDK
 * tracked and sent in). From that event on, every rollup row and player window of the
 * player's events carries the assignment; before the first exposure they carry `''`.
 *
 * Limitation: ONE experiment at a time is attributed per player. A player exposed to
 * experiment A and then to B counts for B from then on, and no longer for A — readouts
 * of overlapping experiments undercount the earlier one's later behaviour. A player with
 * installs on several partitions has one assignment per partition (like first-seen).
 *
 * The state costs one entry per exposed player, rewritten only when the assignment
 * changes (an SDK re-tracking the same exposure every session writes nothing).
 */
import { StateTable, type StateCodec } from '../state/state-table.ts';

export const VARIANT_NAMESPACE = 'variant';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

const codec: StateCodec<string> = {
  encode: (assignment) => encoder.encode(assignment),
  decode: (bytes) => decoder.decode(bytes),
};

export type AssignmentTable = StateTable<string>;

export function createAssignmentTable(partition: number): AssignmentTable {
  return new StateTable(partition, VARIANT_NAMESPACE, codec);
}

/** Records an exposure: `experiment:variant` becomes the player's assignment. */
export function assign(table: AssignmentTable, playerId: string, assignment: string): void {
  if (table.get(playerId) !== assignment) table.set(playerId, assignment);
}

/** The player's current assignment, `''` when never exposed. */
export function assignmentOf(table: AssignmentTable, playerId: string): string {
  return table.get(playerId) ?? '';
}
