/**
 * Ground truth: what the simulator told the SDK to track, aggregated here by code that
 * shares nothing with the pipeline. End-to-end tests compare the store's totals with
 * these, exactly.
 */
import type { IncidentTruth } from './incidents.ts';

export const WINDOW_MS = 60_000;

export interface TrackedFact {
  tsMs: number;
  playerId: string;
  /** The device (install) the event came from; a player may have several. */
  installId?: string;
  /** snake_case event type, as in rollups */
  type: string;
  action?: string;
  currency?: string;
  item?: string;
  amount?: number;
  /** experiment_exposure only: `experiment:variant` — the player's assignment from this event on */
  variant?: string;
}

export interface LedgerTotals {
  events: number;
  eventsByType: Record<string, number>;
  revenueByCurrency: Record<string, number>;
  /** `${flow}:${currency}` → amount */
  resourceByFlowCurrency: Record<string, number>;
  /** `${action}:${item}` → count */
  progressionByActionItem: Record<string, number>;
  sessionsStarted: number;
  sessionLengthMs: number;
  /** window start (ms) → events */
  eventsByWindow: Record<string, number>;
  /** window start (ms) → distinct players */
  playersByWindow: Record<string, number>;
  players: number;
  /** player → events */
  eventsByPlayer: Record<string, number>;
  /**
   * A/B truths (druid/README.md, "A/B readout"). A player's assignments as of an event:
   * the latest exposure per experiment tracked before or at it, as `experiment:variant`
   * sorted by experiment and comma-joined (the set; `''` before any exposure).
   */
  /** Exposure events per `experiment:variant`. */
  exposuresByVariant: Record<string, number>;
  /** Events by the `variant` their rollup row carries: an exposure its own `experiment:variant`, any other event its player's set. */
  eventsByVariant: Record<string, number>;
  /** Events by their player's set (what player rows carry). */
  playerEventsByVariant: Record<string, number>;
  /** Per `experiment:variant` (and `''`): distinct players with an event while assigned to it (the set contains it; `''`: empty set). */
  playersByVariant: Record<string, number>;
  /** … of them, distinct players with a purchase while assigned to it */
  payersByVariant: Record<string, number>;
  /** session_start events while assigned to it */
  sessionsByVariant: Record<string, number>;
  /** Σ over its players of (their session starts while assigned to it)²: ab_test's sessions_sum_squares */
  sessionsSumSquaresByVariant: Record<string, number>;
  purchasesByVariant: Record<string, number>;
  /** `${set}/${currency}` → purchase amount (minor units), by the set on the purchase's rows */
  revenueByVariantCurrency: Record<string, number>;
}

function add(map: Record<string, number>, key: string, n: number): void {
  map[key] = (map[key] ?? 0) + n;
}

function addTo(map: Map<string, Set<string>>, key: string, member: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(member);
}

export class Ledger {
  private readonly t: LedgerTotals = {
    events: 0,
    eventsByType: {},
    revenueByCurrency: {},
    resourceByFlowCurrency: {},
    progressionByActionItem: {},
    sessionsStarted: 0,
    sessionLengthMs: 0,
    eventsByWindow: {},
    playersByWindow: {},
    players: 0,
    eventsByPlayer: {},
    exposuresByVariant: {},
    eventsByVariant: {},
    playerEventsByVariant: {},
    playersByVariant: {},
    payersByVariant: {},
    sessionsByVariant: {},
    sessionsSumSquaresByVariant: {},
    purchasesByVariant: {},
    revenueByVariantCurrency: {},
  };
  private readonly windowPlayers = new Map<number, Set<string>>();
  private readonly allPlayers = new Set<string>();
  /** player → experiment → `experiment:variant` */
  private readonly assignment = new Map<string, Map<string, string>>();
  /** `experiment:variant` → player → session starts while assigned */
  private readonly variantSessions = new Map<string, Map<string, number>>();
  private readonly variantPlayers = new Map<string, Set<string>>();
  private readonly variantPayers = new Map<string, Set<string>>();
  /** Incidents injected (SimulatorOptions.incidents), by id, with the players they touched. */
  private readonly incidentTruths = new Map<string, { truth: IncidentTruth; players: Set<string> }>();

  /** An incident the simulator injects: its window and what it targets (players are added as they are touched). */
  recordIncident(truth: Omit<IncidentTruth, 'players' | 'sessions' | 'events'>): void {
    this.incidentTruths.set(truth.id, { truth: { ...truth, players: [], sessions: 0, events: 0 }, players: new Set() });
  }

  /** `playerId` was touched by incident `id`: in `sessions` sessions and with `events` events the incident added. */
  incidentAffected(id: string, playerId: string, n: { sessions?: number; events?: number } = {}): void {
    const entry = this.incidentTruths.get(id);
    if (!entry) return;
    entry.players.add(playerId);
    entry.truth.sessions += n.sessions ?? 0;
    entry.truth.events += n.events ?? 0;
  }

  /** Every incident recorded, in the order of SimulatorOptions.incidents, players sorted. */
  incidents(): IncidentTruth[] {
    return [...this.incidentTruths.values()].map(({ truth, players }) => ({ ...truth, players: [...players].sort() }));
  }

  record(f: TrackedFact): void {
    const t = this.t;
    const window = Math.floor(f.tsMs / WINDOW_MS) * WINDOW_MS;
    t.events++;
    add(t.eventsByType, f.type, 1);
    add(t.eventsByWindow, String(window), 1);
    let set = this.windowPlayers.get(window);
    if (!set) this.windowPlayers.set(window, (set = new Set()));
    set.add(f.playerId);
    this.allPlayers.add(f.playerId);
    add(t.eventsByPlayer, f.playerId, 1);
    this.attribute(f);
    switch (f.type) {
      case 'purchase':
        add(t.revenueByCurrency, f.currency!, f.amount!);
        break;
      case 'resource':
        add(t.resourceByFlowCurrency, `${f.action}:${f.currency}`, f.amount!);
        break;
      case 'progression':
        add(t.progressionByActionItem, `${f.action}:${f.item}`, 1);
        break;
      case 'session_start':
        t.sessionsStarted++;
        break;
      case 'session_end':
        t.sessionLengthMs += f.amount!;
        break;
    }
  }

  private attribute(f: TrackedFact): void {
    const t = this.t;
    let mine = this.assignment.get(f.playerId);
    if (f.type === 'experiment_exposure' && f.variant !== undefined) {
      if (!mine) this.assignment.set(f.playerId, (mine = new Map<string, string>()));
      mine.set(f.variant.slice(0, f.variant.indexOf(':')), f.variant);
      add(t.exposuresByVariant, f.variant, 1);
    }
    const elements = mine ? [...mine.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v) : [];
    const set = elements.join(',');
    add(t.eventsByVariant, f.type === 'experiment_exposure' && f.variant !== undefined ? f.variant : set, 1);
    add(t.playerEventsByVariant, set, 1);
    if (f.type === 'purchase') add(t.revenueByVariantCurrency, `${set}/${f.currency}`, f.amount!);
    for (const v of elements.length ? elements : ['']) {
      addTo(this.variantPlayers, v, f.playerId);
      let sessions = this.variantSessions.get(v);
      if (!sessions) this.variantSessions.set(v, (sessions = new Map<string, number>()));
      sessions.set(f.playerId, (sessions.get(f.playerId) ?? 0) + (f.type === 'session_start' ? 1 : 0));
      if (f.type === 'session_start') add(t.sessionsByVariant, v, 1);
      if (f.type === 'purchase') {
        add(t.purchasesByVariant, v, 1);
        addTo(this.variantPayers, v, f.playerId);
      }
    }
  }

  totals(): LedgerTotals {
    const playersByWindow: Record<string, number> = {};
    for (const [w, s] of this.windowPlayers) playersByWindow[String(w)] = s.size;
    const sizes = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, s]) => [k, s.size]));
    return structuredClone({
      ...this.t,
      playersByWindow,
      players: this.allPlayers.size,
      playersByVariant: sizes(this.variantPlayers),
      payersByVariant: sizes(this.variantPayers),
      sessionsSumSquaresByVariant: Object.fromEntries(
        [...this.variantSessions].map(([v, m]) => [v, [...m.values()].reduce((a, n) => a + n * n, 0)]),
      ),
    });
  }
}
