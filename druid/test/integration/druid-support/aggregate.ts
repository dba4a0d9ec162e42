/**
 * STAND-IN FOR THE PROCESSOR (druid-kpis.test.ts; the real one is in druid-pipeline.test.ts): turns simulated
 * events into the rows the processor writes to the rollups topic
 * (proto/src/rollups-topic.ts), by code written here from the format's definition and
 * sharing nothing with processor/:
 *  - 1-minute event-time windows; rollup rows keyed by window, game, build, platform,
 *    country, event_type, action, currency, item, variant; player rows keyed by window,
 *    game, build, platform, country, player, variant;
 *  - `first_seen_day`: UTC day of the player's first event (the install cohort);
 *  - `variant` (druid/README.md "A/B readout"): the player's assignment at the event —
 *    set by its experiment_exposure event, '' before — on rollup rows and player rows;
 *  - `region`, `subregion`: the UN M49 region of the country, from the format's table
 *    (@gamepulse/proto regions), on rollup rows and player rows;
 *  - `late_events`: 0 — the simulated events arrive in time order, none is late.
 * The ground truth is NOT computed from these rows: see ground-truth.ts.
 */
import { regionOf, type PlayerJson, type RollupJson } from '@gamepulse/proto';
import { DAY_MS, type SimEvent } from './traffic.ts';

const WINDOW_MS = 60_000;

export function aggregateEvents(events: readonly SimEvent[]): { rollups: RollupJson[]; players: PlayerJson[] } {
  const rollups = new Map<string, RollupJson>();
  const players = new Map<string, PlayerJson>();
  const firstSeen = new Map<string, number>();
  const assignment = new Map<string, string>();
  for (const e of [...events].sort((a, b) => a.tsMs - b.tsMs)) {
    const window = Math.floor(e.tsMs / WINDOW_MS) * WINDOW_MS;
    if (!firstSeen.has(e.playerId)) firstSeen.set(e.playerId, Math.floor(e.tsMs / DAY_MS) * DAY_MS);
    if (e.type === 'experiment_exposure') assignment.set(e.playerId, e.exposure);
    const variant = e.type === 'experiment_exposure' ? e.exposure : (assignment.get(e.playerId) ?? '');
    const dims = { game_id: e.gameId, build: e.build, platform: e.platform, country: e.country };
    const { region, subregion } = regionOf(e.country);
    const rk = [window, e.gameId, e.build, e.platform, e.country, e.type, e.action, e.currency, e.item, variant].join('\u001f');
    const r = rollups.get(rk) ?? {
      kind: 'rollup' as const,
      window_start: window,
      ...dims,
      event_type: e.type,
      action: e.action,
      currency: e.currency,
      item: e.item,
      variant,
      events: 0,
      amount: 0,
      value: 0,
      region,
      subregion,
      late_events: 0,
    };
    r.events += 1;
    r.amount += e.amount;
    r.value += e.value;
    rollups.set(rk, r);
    const pk = [window, e.gameId, e.build, e.platform, e.country, e.playerId, variant].join('\u001f');
    const p = players.get(pk) ?? {
      kind: 'player' as const,
      window_start: window,
      ...dims,
      player_id: e.playerId,
      first_seen_day: firstSeen.get(e.playerId)!,
      events: 0,
      purchases: 0,
      sessions: 0,
      variant,
      region,
      subregion,
    };
    p.events += 1;
    if (e.type === 'purchase') p.purchases += 1;
    if (e.type === 'session_start') p.sessions += 1;
    players.set(pk, p);
  }
  return { rollups: [...rollups.values()], players: [...players.values()] };
}
