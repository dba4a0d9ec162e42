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
 *    set by its experiment_exposure event, '' before — on rollup, player and step rows;
 *  - step rows (`PlayerStep`, player funnels) keyed by window, game, build, platform,
 *    country, player, event_type, action, item, variant: `first_ms` the earliest event
 *    time among them, `events` how many.
 * The ground truth is NOT computed from these rows: see ground-truth.ts.
 */
import type { PlayerJson, RollupJson, StepJson } from '@gamepulse/proto';
import { DAY_MS, type SimEvent } from './traffic.ts';

const WINDOW_MS = 60_000;

export function aggregateEvents(events: readonly SimEvent[]): { rollups: RollupJson[]; players: PlayerJson[]; steps: StepJson[] } {
  const rollups = new Map<string, RollupJson>();
  const players = new Map<string, PlayerJson>();
  const steps = new Map<string, StepJson>();
  const firstSeen = new Map<string, number>();
  const assignment = new Map<string, string>();
  for (const e of [...events].sort((a, b) => a.tsMs - b.tsMs)) {
    const window = Math.floor(e.tsMs / WINDOW_MS) * WINDOW_MS;
    if (!firstSeen.has(e.playerId)) firstSeen.set(e.playerId, Math.floor(e.tsMs / DAY_MS) * DAY_MS);
    if (e.type === 'experiment_exposure') assignment.set(e.playerId, e.exposure);
    const variant = e.type === 'experiment_exposure' ? e.exposure : (assignment.get(e.playerId) ?? '');
    const dims = { game_id: e.gameId, build: e.build, platform: e.platform, country: e.country };
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
    };
    p.events += 1;
    if (e.type === 'purchase') p.purchases += 1;
    if (e.type === 'session_start') p.sessions += 1;
    players.set(pk, p);
    const sk = [window, e.gameId, e.build, e.platform, e.country, e.playerId, e.type, e.action, e.item, variant].join('\u001f');
    const st = steps.get(sk) ?? {
      kind: 'step' as const,
      window_start: window,
      ...dims,
      player_id: e.playerId,
      event_type: e.type,
      action: e.action,
      item: e.item,
      variant,
      first_ms: e.tsMs,
      events: 0,
    };
    st.first_ms = Math.min(st.first_ms, e.tsMs);
    st.events += 1;
    steps.set(sk, st);
  }
  return { rollups: [...rollups.values()], players: [...players.values()], steps: [...steps.values()] };
}
