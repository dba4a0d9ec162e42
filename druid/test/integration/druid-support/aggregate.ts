/**
 * STAND-IN FOR THE PROCESSOR (druid-kpis.test.ts; the real one is in druid-pipeline.test.ts): turns simulated
 * events into the rows the processor writes to the rollups topic
 * (proto/src/rollups-topic.ts), by code written here from the format's definition and
 * sharing nothing with processor/:
 *  - 1-minute event-time windows; rollup rows keyed by window, game, build, platform,
 *    country, event_type, action, currency, item, variant; player rows keyed by window,
 *    game, build, platform, country, player, variant;
 *  - `first_seen_day`: UTC day of the player's first event (the install cohort);
 *  - `variant` (druid/README.md "A/B readout"): the player's assignment set at the event
 *    (one experiment:variant per experiment, sorted by experiment, comma-joined; an
 *    exposure replaces its experiment's variant; '' before any) on player rows and
 *    rollup rows — an exposure's rollup row carries the one experiment:variant it exposes;
 *  - purchases: `revenue_reporting_minor` in the game's reporting currency (fx.ts) on
 *    rollup and player rows, `reporting_currency` on purchase rollup rows.
 * The ground truth is NOT computed from these rows: see ground-truth.ts.
 */
import type { PlayerJson, RollupJson } from '@gamepulse/proto';
import { reportingCurrencyOf, toReportingMinor } from './fx.ts';
import { DAY_MS, type SimEvent } from './traffic.ts';

const WINDOW_MS = 60_000;

export function aggregateEvents(events: readonly SimEvent[]): { rollups: RollupJson[]; players: PlayerJson[] } {
  const rollups = new Map<string, RollupJson>();
  const players = new Map<string, PlayerJson>();
  const firstSeen = new Map<string, number>();
  /** player → experiment → variant */
  const assignments = new Map<string, Map<string, string>>();
  for (const e of [...events].sort((a, b) => a.tsMs - b.tsMs)) {
    const window = Math.floor(e.tsMs / WINDOW_MS) * WINDOW_MS;
    if (!firstSeen.has(e.playerId)) firstSeen.set(e.playerId, Math.floor(e.tsMs / DAY_MS) * DAY_MS);
    let mine = assignments.get(e.playerId);
    if (e.type === 'experiment_exposure') {
      if (!mine) assignments.set(e.playerId, (mine = new Map<string, string>()));
      const colon = e.exposure.indexOf(':');
      mine.set(e.exposure.slice(0, colon), e.exposure);
    }
    const set = mine
      ? [...mine.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, v]) => v)
          .join(',')
      : '';
    const rollupVariant = e.type === 'experiment_exposure' ? e.exposure : set;
    const reporting = e.type === 'purchase' ? toReportingMinor(e.amount, e.currency, e.gameId, e.tsMs) : 0;
    const dims = { game_id: e.gameId, build: e.build, platform: e.platform, country: e.country };
    const rk = [window, e.gameId, e.build, e.platform, e.country, e.type, e.action, e.currency, e.item, rollupVariant].join('\u001f');
    const r = rollups.get(rk) ?? {
      kind: 'rollup' as const,
      window_start: window,
      ...dims,
      event_type: e.type,
      action: e.action,
      currency: e.currency,
      item: e.item,
      variant: rollupVariant,
      events: 0,
      amount: 0,
      value: 0,
      revenue_reporting_minor: 0,
      reporting_currency: e.type === 'purchase' ? reportingCurrencyOf(e.gameId) : '',
    };
    r.events += 1;
    r.amount += e.amount;
    r.value += e.value;
    r.revenue_reporting_minor = (r.revenue_reporting_minor ?? 0) + reporting;
    rollups.set(rk, r);
    const pk = [window, e.gameId, e.build, e.platform, e.country, e.playerId, set].join('\u001f');
    const p = players.get(pk) ?? {
      kind: 'player' as const,
      window_start: window,
      ...dims,
      player_id: e.playerId,
      first_seen_day: firstSeen.get(e.playerId)!,
      events: 0,
      purchases: 0,
      sessions: 0,
      variant: set,
      revenue_reporting_minor: 0,
    };
    p.events += 1;
    if (e.type === 'purchase') p.purchases += 1;
    if (e.type === 'session_start') p.sessions += 1;
    p.revenue_reporting_minor = (p.revenue_reporting_minor ?? 0) + reporting;
    players.set(pk, p);
  }
  return { rollups: [...rollups.values()], players: [...players.values()] };
}
