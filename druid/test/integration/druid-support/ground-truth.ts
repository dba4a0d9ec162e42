/**
 * The independent ground truth: one reference fact per simulated event (events = 1,
 * no windows merged, cohort and assignment derived from the raw events here), fed to
 * the plain-TypeScript KPI reference (kpi/src/reference/reference-kpis.ts).
 */
import type { RefData, RefPlayer, RefRollup } from '@gamepulse/kpi';
import { DAY_MS, type SimEvent } from './traffic.ts';

/**
 * The A/B semantics of druid/README.md ("A/B readout"): every row — rollup and player —
 * carries the player's assignment as of the event: its latest exposure, '' before any.
 */
export function groundTruth(events: readonly SimEvent[]): RefData {
  const firstTs = new Map<string, number>();
  for (const e of events) firstTs.set(e.playerId, Math.min(firstTs.get(e.playerId) ?? Infinity, e.tsMs));
  const rollups: RefRollup[] = [];
  const players: RefPlayer[] = [];
  // Events come in time order (ties in the order the game tracked them): a player is
  // assigned from its exposure event on; the events before it carry ''.
  const assigned = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'experiment_exposure') assigned.set(e.playerId, e.exposure);
    const variant = assigned.get(e.playerId) ?? '';
    const dims = { windowStartMs: e.tsMs, gameId: e.gameId, build: e.build, platform: e.platform, country: e.country };
    rollups.push({
      ...dims,
      variant,
      eventType: e.type,
      action: e.action,
      currency: e.currency,
      item: e.item,
      events: 1,
      amount: e.amount,
    });
    players.push({
      ...dims,
      variant,
      playerId: e.playerId,
      firstSeenDayMs: Math.floor(firstTs.get(e.playerId)! / DAY_MS) * DAY_MS,
      events: 1,
      purchases: e.type === 'purchase' ? 1 : 0,
      sessions: e.type === 'session_start' ? 1 : 0,
    });
  }
  return { rollups, players, events, playerVariant: true };
}
