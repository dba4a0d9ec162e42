/**
 * Ground truth: what the simulator told the SDK to track, aggregated here by code that
 * shares nothing with the pipeline. End-to-end tests compare the store's totals with
 * these, exactly.
 */
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
   * A/B truths. Every event is attributed to its player's assignment as of the event:
   * the latest exposure tracked before or at it (`''` before any) — the processor's rule
   * (druid/README.md, "A/B readout"). Keys are variants `experiment:variant`, `''` included.
   */
  exposuresByVariant: Record<string, number>;
  eventsByVariant: Record<string, number>;
  /** distinct players with an event attributed to the variant */
  playersByVariant: Record<string, number>;
  /** distinct players with a purchase attributed to the variant */
  payersByVariant: Record<string, number>;
  sessionsByVariant: Record<string, number>;
  purchasesByVariant: Record<string, number>;
  /** `${variant}/${currency}` → purchase amount (minor units) */
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
    playersByVariant: {},
    payersByVariant: {},
    sessionsByVariant: {},
    purchasesByVariant: {},
    revenueByVariantCurrency: {},
  };
  private readonly windowPlayers = new Map<number, Set<string>>();
  private readonly allPlayers = new Set<string>();
  private readonly assignment = new Map<string, string>();
  private readonly variantPlayers = new Map<string, Set<string>>();
  private readonly variantPayers = new Map<string, Set<string>>();

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
    if (f.type === 'experiment_exposure' && f.variant !== undefined) {
      this.assignment.set(f.playerId, f.variant);
      add(t.exposuresByVariant, f.variant, 1);
    }
    const v = this.assignment.get(f.playerId) ?? '';
    add(t.eventsByVariant, v, 1);
    addTo(this.variantPlayers, v, f.playerId);
    if (f.type === 'session_start') add(t.sessionsByVariant, v, 1);
    if (f.type === 'purchase') {
      add(t.purchasesByVariant, v, 1);
      add(t.revenueByVariantCurrency, `${v}/${f.currency}`, f.amount!);
      addTo(this.variantPayers, v, f.playerId);
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
    });
  }
}
