/**
 * The A/B assignment semantics of the rows (kpi/README.md, "A/B readout"), computed
 * from raw events for the references: a player keeps one variant per experiment, an
 * exposure replaces its experiment's; rows carry the set as `experiment:variant`
 * entries sorted by experiment and comma-joined ('' before any exposure). An exposure's
 * own rollup and step rows carry the one `experiment:variant` it exposes.
 */
import type { RefEvent } from './reference-kpis.ts';

export interface EventAssignments {
  /** The player's set after the event (what player rows carry). */
  player: string;
  /** What the event's rollup and step rows carry: the exposure itself, else the set. */
  rollup: string;
}

/** Per event, keyed by the event object; events are taken in time order (stable for ties). */
export function assignmentsOf(events: readonly RefEvent[]): Map<RefEvent, EventAssignments> {
  const sets = new Map<string, Map<string, string>>();
  const out = new Map<RefEvent, EventAssignments>();
  for (const e of [...events].sort((a, b) => a.tsMs - b.tsMs)) {
    let mine = sets.get(e.playerId);
    if (e.type === 'experiment_exposure') {
      if (!mine) sets.set(e.playerId, (mine = new Map<string, string>()));
      mine.set(e.exposure.slice(0, e.exposure.indexOf(':')), e.exposure);
    }
    const player = mine
      ? [...mine.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, v]) => v)
          .join(',')
      : '';
    out.set(e, { player, rollup: e.type === 'experiment_exposure' ? e.exposure : player });
  }
  return out;
}

/** `variant=exp:var` as the KPIs read it: the row's set contains it. */
export function inVariant(set: string, variant: string | undefined): boolean {
  return variant === undefined || set.split(',').includes(variant);
}

/** The value of the `variant` column of a row: that experiment's entry with `experiment=`, else the whole set. */
export function variantColumn(set: string, experiment: string | undefined): string {
  if (experiment === undefined) return set;
  return set.split(',').find((v) => v.startsWith(`${experiment}:`)) ?? '';
}
