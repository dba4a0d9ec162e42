/**
 * Sessions by inactivity gap, per install, for one input partition: the time of each
 * install's latest event, stored as `StateEntry` namespace 'activity', key player_id
 * (so a deletion request erases it with the player's other state), value the player's
 * installs on this partition with their last event time.
 *
 * Rules (processor/README.md, "Player state: derived in the store"):
 *  - an install's first event, or an event more than `gapMs` after the install's
 *    previous one, opens a gap session: `gap_sessions += 1` on the player row of that event;
 *  - an event within the gap adds the time since the install's previous event to
 *    `active_ms` (so summed active time is exactly the total length of gap sessions,
 *    additive across windows, rows and commits);
 *  - an event older than the install's latest (out of order, rare: installs send in
 *    tracking order) adds nothing, opens nothing and does not move the latest time.
 * Sessions are per install: a player on two devices at once has two sessions. A
 * session_end that never arrives changes nothing here.
 *
 * The entry is rewritten at most once per commit per active player (the state table
 * marks a key dirty, the commit encodes it once).
 */
import { StateTable, type StateCodec } from '../state/state-table.ts';

export const ACTIVITY_NAMESPACE = 'activity';

/** Inactivity that ends a session when nothing else is configured: 30 minutes, the usual analytics default. */
export const DEFAULT_SESSION_GAP_MS = 30 * 60_000;

/**
 * Installs kept per player and partition; beyond it the least recently active is
 * dropped (its next event opens a session). Bounds an entry a rogue client could grow.
 */
export const MAX_INSTALLS_PER_PLAYER = 16;

const FORMAT_V1 = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** installId → epoch ms of its latest event. */
export type PlayerActivity = Map<string, number>;

const codec: StateCodec<PlayerActivity> = {
  encode(activity) {
    const parts = [...activity].map(([install, ms]) => [encoder.encode(install), ms] as const);
    const size = 2 + parts.reduce((n, [b]) => n + 2 + b.length + 8, 0);
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    view.setUint8(0, FORMAT_V1);
    view.setUint8(1, parts.length);
    let at = 2;
    for (const [b, ms] of parts) {
      view.setUint16(at, b.length);
      out.set(b, at + 2);
      view.setFloat64(at + 2 + b.length, ms); // exact for every safe integer
      at += 2 + b.length + 8;
    }
    return out;
  },
  decode(bytes) {
    if (bytes.length < 2 || bytes[0] !== FORMAT_V1)
      throw new Error(`activity state: unknown format (version ${bytes[0]}, ${bytes.length} bytes)`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out: PlayerActivity = new Map();
    let at = 2;
    for (let i = 0; i < bytes[1]!; i++) {
      const len = view.getUint16(at);
      const install = decoder.decode(bytes.subarray(at + 2, at + 2 + len));
      out.set(install, view.getFloat64(at + 2 + len));
      at += 2 + len + 8;
    }
    if (at !== bytes.length) throw new Error(`activity state: ${bytes.length - at} trailing bytes`);
    return out;
  },
};

export class ActivityTable extends StateTable<PlayerActivity> {
  constructor(
    partition: number,
    /** Inactivity (ms) after which an install's next event opens a new session. */
    readonly gapMs: number,
  ) {
    super(partition, ACTIVITY_NAMESPACE, codec);
  }
}

export function createActivityTable(partition: number, gapMs = DEFAULT_SESSION_GAP_MS): ActivityTable {
  return new ActivityTable(partition, gapMs);
}

/** What one event contributes to its player row. */
export interface ActivityStep {
  /** 1 when the event opens a gap session, else 0. */
  gapSessions: number;
  /** Time since the install's previous event when within the gap, else 0. */
  activeMs: number;
}

/** Applies one event of `installId` at `tsMs` (rules above) and records it; `out` is reused by the caller. */
export function touchActivity(table: ActivityTable, playerId: string, installId: string, tsMs: number, out: ActivityStep): ActivityStep {
  const activity = table.get(playerId) ?? new Map<string, number>();
  if (touchInstall(activity, table.gapMs, installId, tsMs, out)) table.set(playerId, activity);
  return out;
}

/**
 * The player's entry for a run of its events (created when absent), marked for the next
 * commit: the fold looks it up once per player of a batch, not per event, and applies
 * each event with `touchInstall`. Marking before the events can rewrite an unchanged
 * entry (a run of only out-of-order events): the same bytes again, harmless.
 */
export function playerActivity(table: ActivityTable, playerId: string): PlayerActivity {
  const activity = table.get(playerId) ?? new Map<string, number>();
  table.set(playerId, activity);
  return activity;
}

/** `touchActivity` on the player's entry itself; true when it changed. */
export function touchInstall(activity: PlayerActivity, gapMs: number, installId: string, tsMs: number, out: ActivityStep): boolean {
  out.gapSessions = 0;
  out.activeMs = 0;
  const last = activity.get(installId);
  if (last !== undefined && tsMs < last) return false;
  if (last === undefined || tsMs - last > gapMs) out.gapSessions = 1;
  else out.activeMs = tsMs - last;
  // Re-inserted at the end: the Map's order is least → most recently active (one install: updated in place).
  if (last !== undefined && activity.size > 1) activity.delete(installId);
  activity.set(installId, tsMs);
  if (activity.size > MAX_INSTALLS_PER_PLAYER) activity.delete(activity.keys().next().value!);
  return true;
}
