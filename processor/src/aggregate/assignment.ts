/**
 * Per-player experiment assignments for one input partition, stored as `StateEntry`
 * namespace 'variant', key player_id, value the UTF-8 text of the player's assignment
 * set: one `experiment:variant` per experiment, sorted by experiment name and joined
 * with ',' ("onboarding:guided,shop_layout:grid") — exactly what the player's rows carry
 * in `variant` (druid/README.md, "A/B readout").
 *
 * Rule: an `experiment_exposure` event adds its `experiment:variant` to its player's set;
 * a later exposure to the same experiment replaces that experiment's variant (the latest
 * exposure the partition processed wins, per experiment; processing order is per install
 * the order the SDK tracked and sent in). From that event on, every rollup row and player
 * window of the player's events carries the set; before the first exposure they carry
 * `''`. The exposure's own rollup row carries only the `experiment:variant` it exposes,
 * so exposures per variant stay countable by equality.
 *
 * A ',' inside an experiment or variant name would split the element: it is stored as
 * ';' in the set. The experiment of an element is its text before the first ':'.
 *
 * A player with installs on several partitions has one set per partition (like
 * first-seen): each partition stamps what it saw. A value written before sets existed
 * (one `experiment:variant`) is a set of one, so checkpoints carry over unchanged.
 *
 * The state costs one entry per exposed player, rewritten only when the set changes (an
 * SDK re-tracking the same exposure every session writes nothing).
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

/** The experiment of an `experiment:variant` element: its text before the first ':'. */
function experimentOf(element: string): string {
  const i = element.indexOf(':');
  return i < 0 ? element : element.slice(0, i);
}

/**
 * `set` (a sorted, comma-joined assignment set) with `exposure` ('experiment:variant')
 * in it, replacing the variant of the same experiment; pure.
 */
export function withExposure(set: string, exposure: string): string {
  const element = exposure.replaceAll(',', ';');
  if (set === '') return element;
  const experiment = experimentOf(element);
  const kept = set.split(',').filter((e) => experimentOf(e) !== experiment);
  kept.push(element);
  kept.sort((a, b) => {
    const x = experimentOf(a);
    const y = experimentOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return kept.join(',');
}

/** Records an exposure: it joins the player's set (replacing that experiment's variant); returns the new set. */
export function assign(table: AssignmentTable, playerId: string, exposure: string): string {
  const before = table.get(playerId) ?? '';
  const after = withExposure(before, exposure);
  if (after !== before) table.set(playerId, after);
  return after;
}

/** The player's current assignment set, `''` when never exposed. */
export function assignmentOf(table: AssignmentTable, playerId: string): string {
  return table.get(playerId) ?? '';
}
