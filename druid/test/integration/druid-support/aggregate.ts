/**
 * STAND-IN FOR THE PROCESSOR (druid-kpis.test.ts; the real one is in druid-pipeline.test.ts): turns simulated
 * events into the rows the processor writes to the rollups topic
 * (proto/src/rollups-topic.ts), by code written here from the format's definition and
 * sharing nothing with processor/:
 *  - 1-minute event-time windows; rollup rows keyed by window, game, build, platform,
 *    country, event_type, action, currency, item, variant; player rows keyed by window,
 *    game, build, platform, country, player, variant;
 *  - `first_seen_day`: UTC day of the first event of the player's INSTALL — the processor
 *    keeps first-seen per input partition, and a player's second device usually lands
 *    on another one, so its rows carry a later day (KPIs must take MIN over the rows);
 *  - `gap_sessions` / `active_ms` (processor/README.md "Player state: derived in the
 *    store"): per (player, install) in time order, an event opens a session when it is
 *    the install's first or comes more than 30 minutes after its previous one, else it
 *    adds the time since that one; `max_progress`: for a completed progression, the
 *    trailing integers of the path's tiers as t1·10^6 + t2·10^3 + t3, MAX per row;
 *  - session_end rows' `item`: the session-length bucket ⌈ln(length) / ln((1+α)/(1−α))⌉,
 *    α = 0.02, '' for a length ≤ 0 (proto/src/session-length-sketch.ts);
 *  - `variant` (druid/README.md "A/B readout"): the player's assignment set at the event
 *    (one experiment:variant per experiment, sorted by experiment, comma-joined; an
 *    exposure replaces its experiment's variant; '' before any) on player rows, rollup
 *    rows and step rows — an exposure's rollup and step row carry the one
 *    experiment:variant it exposes;
 *  - purchases: `revenue_reporting_minor` in the game's reporting currency (fx.ts) on
 *    rollup and player rows, `reporting_currency` on purchase rollup rows; refunds: the
 *    same on their rollup rows only (a player's revenue stays gross);
 *  - `region`, `subregion`: the UN M49 region of the country, from the format's table
 *    (@gamepulse/proto regions), on rollup rows and player rows;
 *  - `late_events`: 0 — the simulated events arrive in time order, none is late.
 *  - step rows (`PlayerStep`, player funnels) keyed by window, game, build, platform,
 *    country, player, event_type, action, item, variant: `first_ms` the earliest event
 *    time among them, `events` how many.
 * The ground truth is NOT computed from these rows: see ground-truth.ts.
 */
import { regionOf, type PlayerJson, type RollupJson, type StepJson } from '@gamepulse/proto';
import { reportingCurrencyOf, toReportingMinor } from './fx.ts';
import { DAY_MS, type SimEvent } from './traffic.ts';

const WINDOW_MS = 60_000;
const GAP_MS = 30 * 60_000;
const ALPHA = 0.02;

function lengthBucket(ms: number): string {
  return ms > 0 ? String(Math.ceil(Math.log(ms) / Math.log((1 + ALPHA) / (1 - ALPHA)))) : '';
}

function progressOf(e: SimEvent): number {
  if (e.type !== 'progression' || e.action !== 'complete') return 0;
  const [t1 = '', t2 = '', t3 = ''] = e.item.split(':');
  const num = (t: string, cap: number) => Math.min(cap, Number(/(\d+)$/.exec(t)?.[1] ?? 0));
  return num(t1, 999_999) * 1_000_000 + num(t2, 999) * 1_000 + num(t3, 999);
}

export function aggregateEvents(events: readonly SimEvent[]): { rollups: RollupJson[]; players: PlayerJson[]; steps: StepJson[] } {
  const rollups = new Map<string, RollupJson>();
  const players = new Map<string, PlayerJson>();
  const steps = new Map<string, StepJson>();
  const firstSeen = new Map<string, number>();
  const lastAt = new Map<string, number>();
  /** player → experiment → variant */
  const assignments = new Map<string, Map<string, string>>();
  for (const e of [...events].sort((a, b) => a.tsMs - b.tsMs)) {
    const window = Math.floor(e.tsMs / WINDOW_MS) * WINDOW_MS;
    const device = `${e.playerId}\u001f${e.installId}`;
    if (!firstSeen.has(device)) firstSeen.set(device, Math.floor(e.tsMs / DAY_MS) * DAY_MS);
    const prev = lastAt.get(device);
    const opens = prev === undefined || e.tsMs - prev > GAP_MS ? 1 : 0;
    const activeMs = prev !== undefined && !opens ? e.tsMs - prev : 0;
    lastAt.set(device, e.tsMs);
    const item = e.type === 'session_end' ? lengthBucket(e.amount) : e.item;
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
    // Purchases and refunds convert; a player's revenue counts purchases only (gross).
    const converts = e.type === 'purchase' || e.type === 'refund';
    const reporting = converts ? toReportingMinor(e.amount, e.currency, e.gameId, e.tsMs) : 0;
    const dims = { game_id: e.gameId, build: e.build, platform: e.platform, country: e.country };
    const { region, subregion } = regionOf(e.country);
    const rk = [window, e.gameId, e.build, e.platform, e.country, e.type, e.action, e.currency, item, rollupVariant].join('\u001f');
    const r = rollups.get(rk) ?? {
      kind: 'rollup' as const,
      window_start: window,
      ...dims,
      event_type: e.type,
      action: e.action,
      currency: e.currency,
      item,
      variant: rollupVariant,
      events: 0,
      amount: 0,
      value: 0,
      region,
      subregion,
      late_events: 0,
      revenue_reporting_minor: 0,
      reporting_currency: converts ? reportingCurrencyOf(e.gameId) : '',
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
      first_seen_day: firstSeen.get(device)!,
      events: 0,
      purchases: 0,
      sessions: 0,
      variant: set,
      region,
      subregion,
      gap_sessions: 0,
      active_ms: 0,
      max_progress: 0,
      revenue_reporting_minor: 0,
    };
    p.events += 1;
    p.gap_sessions = (p.gap_sessions ?? 0) + opens;
    p.active_ms = (p.active_ms ?? 0) + activeMs;
    p.max_progress = Math.max(p.max_progress ?? 0, progressOf(e));
    if (e.type === 'purchase') p.purchases += 1;
    if (e.type === 'session_start') p.sessions += 1;
    p.revenue_reporting_minor = (p.revenue_reporting_minor ?? 0) + (e.type === 'purchase' ? reporting : 0);
    players.set(pk, p);
    const sk = [window, e.gameId, e.build, e.platform, e.country, e.playerId, e.type, e.action, item, rollupVariant].join('\u001f');
    const st = steps.get(sk) ?? {
      kind: 'step' as const,
      window_start: window,
      ...dims,
      player_id: e.playerId,
      event_type: e.type,
      action: e.action,
      item,
      variant: rollupVariant,
      first_ms: e.tsMs,
      events: 0,
    };
    st.first_ms = Math.min(st.first_ms, e.tsMs);
    st.events += 1;
    steps.set(sk, st);
  }
  return { rollups: [...rollups.values()], players: [...players.values()], steps: [...steps.values()] };
}
