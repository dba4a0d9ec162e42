/**
 * Ground truth: what the simulator told the SDK to track, aggregated here by code that
 * shares nothing with the pipeline. End-to-end tests compare the store's totals with
 * these, exactly.
 */
export const WINDOW_MS = 60_000;

export interface TrackedFact {
  tsMs: number;
  playerId: string;
  /** snake_case event type, as in rollups */
  type: string;
  action?: string;
  currency?: string;
  item?: string;
  amount?: number;
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
}

function add(map: Record<string, number>, key: string, n: number): void {
  map[key] = (map[key] ?? 0) + n;
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
  };
  private readonly windowPlayers = new Map<number, Set<string>>();
  private readonly allPlayers = new Set<string>();

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

  totals(): LedgerTotals {
    const playersByWindow: Record<string, number> = {};
    for (const [w, s] of this.windowPlayers) playersByWindow[String(w)] = s.size;
    return structuredClone({ ...this.t, playersByWindow, players: this.allPlayers.size });
  }
}
