/**
 * Per-player first-seen day for one input partition, stored as `StateEntry` namespace
 * 'player', key player_id: the UTC day of the first event of the player this
 * partition ever processed (processing order, not the minimum timestamp: the cohort
 * must not change once PlayerWindow rows carrying it were committed). A player is
 * written once, when first seen, so this state costs one entry per new player, not one
 * per event.
 */
import { StateTable, type StateCodec } from '../state/state-table.ts';

export const PLAYER_NAMESPACE = 'player';

const FORMAT_V1 = 1;

const codec: StateCodec<number> = {
  encode(dayMs) {
    const out = new Uint8Array(9);
    const view = new DataView(out.buffer);
    view.setUint8(0, FORMAT_V1);
    view.setFloat64(1, dayMs); // exact for every safe integer
    return out;
  },
  decode(bytes) {
    if (bytes.length !== 9 || bytes[0] !== FORMAT_V1)
      throw new Error(`player state: unknown format (version ${bytes[0]}, ${bytes.length} bytes)`);
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getFloat64(1);
  },
};

export type FirstSeenTable = StateTable<number>;

export function createFirstSeenTable(partition: number): FirstSeenTable {
  return new StateTable(partition, PLAYER_NAMESPACE, codec);
}

/** The player's cohort day, recording `dayMs` when the player is new. */
export function firstSeenDay(table: FirstSeenTable, playerId: string, dayMs: number): number {
  const known = table.get(playerId);
  if (known !== undefined) return known;
  table.set(playerId, dayMs);
  return dayMs;
}
