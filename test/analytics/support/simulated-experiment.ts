/**
 * One seeded A/B experiment played by the player simulator (@gamepulse/samples), turned
 * into what a readout sees: the raw events as the KPI reference reads them (`RefEvent`,
 * in time order) and, after every batch of exposed players, the per-variant sums the
 * `ab_test` KPI returns (exposed players; per metric Σ per-player value and Σ its
 * square). The sums at a look come from one pass over the events; `referenceSums`
 * computes them with the independent reference (kpi/src/reference/ab.ts), which the
 * tests compare them with.
 */
import { getKpi, REFERENCE_KPIS, resolveKpiParams, type RefEvent } from '@gamepulse/kpi';
import {
  createSimulator,
  Ledger,
  type ExperimentVariant,
  type GameClient,
  type InstallProfile,
  type TrackedFact,
} from '@gamepulse/samples';

export const EXPERIMENT = 'starter_offer';
export const GAME_ID = 'sim-game';
/** Players start within the day after this instant (the simulator's default stagger). */
export const START_MS = Date.UTC(2026, 0, 5);
const WINDOW_MS = 60_000;

/**
 * The simulated game reduced to what the readout needs, so that hundreds of runs stay
 * cheap: one short session per player (a single action after the exposure), everyone a
 * potential payer (payerShare 1: buying chance uniform in 30–80 %), and one offer per
 * player, the starter bundle as it first plays. A player then converts with exactly its
 * buying chance × (1 + its variant's purchaseLift): the control converts at 0.55.
 */
const GAME = {
  days: 1,
  maxSessionsPerPlayer: 1,
  sessionMedianMs: 1_000,
  actionGapMs: 8_000,
  payerShare: 1,
  purchaseOffersPerPlayer: 1,
  starterOffer: true,
  concurrency: 16,
} as const;

/** The control's expected conversion under GAME: the mean buying chance of a payer, (0.3 + 0.8) / 2. */
export const BASELINE_CONVERSION = 0.55;

/** Per variant: exposed players and the Σ / Σ² of each metric, as the store returns them. */
export interface VariantSums {
  readonly players: number;
  readonly conversion: { readonly sum: number; readonly sumSquares: number };
  readonly revenue: { readonly sum: number; readonly sumSquares: number };
}

export interface Look {
  /** The look counts events before this instant (a minute boundary, as the store's windows). */
  readonly toMs: number;
  /** By variant name (without the experiment). */
  readonly variants: ReadonlyMap<string, VariantSums>;
}

const noop = () => {};
/** The SDK's place: the simulator's calls go nowhere, the ground truth is what it records. */
const SILENT_CLIENT: GameClient = {
  session: { start: noop, end: noop },
  progression: { start: noop, complete: noop, fail: noop },
  purchase: noop,
  refund: noop,
  resource: { source: noop, sink: noop },
  design: noop,
  ad: noop,
  social: noop,
  featureUsed: noop,
  error: noop,
  experiment: { exposure: noop },
  flush: async () => {},
  shutdown: async () => {},
};

/** Keeps every fact the simulator tracks, nothing else (the ledger's totals are not needed here). */
class FactLog extends Ledger {
  readonly facts: TrackedFact[] = [];
  override record(f: TrackedFact): void {
    this.facts.push(f);
  }
}

/** Plays `players` players of one experiment with these variants; the raw events in time order. */
export async function simulateExperiment(options: {
  seed: string;
  players: number;
  variants: readonly ExperimentVariant[];
}): Promise<RefEvent[]> {
  const log = new FactLog();
  const installs = new Map<string, InstallProfile>();
  await createSimulator({
    ...GAME,
    players: options.players,
    seed: options.seed,
    startMs: START_MS,
    experiments: [{ name: EXPERIMENT, variants: options.variants }],
    ledger: log,
    createClient: (profile) => {
      installs.set(profile.installId, profile);
      return SILENT_CLIENT;
    },
  }).run();
  const events = log.facts.map((f): RefEvent => {
    const install = installs.get(f.installId!)!;
    return {
      tsMs: f.tsMs,
      playerId: f.playerId,
      installId: install.installId,
      gameId: GAME_ID,
      build: install.build,
      platform: install.platform,
      country: install.country,
      type: f.type,
      action: f.action ?? '',
      currency: f.currency ?? '',
      item: f.item ?? '',
      amount: f.amount ?? 0,
      value: 0,
      exposure: f.variant ?? '',
    };
  });
  // Concurrent players' facts interleave; a stable sort keeps each player's own order.
  return events.sort((a, b) => a.tsMs - b.tsMs);
}

/**
 * The sums after every `batchPlayers` exposed players, in order of exposure time, and at
 * the end: look k counts the events before the minute boundary that follows the k·batch-th
 * exposure — what a dashboard refreshed then reads, purchases of the players exposed so far
 * included up to that instant.
 */
export function looksAfterEveryBatch(events: readonly RefEvent[], batchPlayers: number): Look[] {
  const exposures = events.filter((e) => e.type === 'experiment_exposure');
  const ceilWindow = (ms: number) => Math.ceil(ms / WINDOW_MS) * WINDOW_MS;
  const ends: number[] = [];
  for (let k = batchPlayers; k <= exposures.length; k += batchPlayers) ends.push(ceilWindow(exposures[k - 1]!.tsMs + 1));
  const last = ceilWindow(events.at(-1)!.tsMs + 1);
  if (ends.at(-1) !== last) ends.push(last);

  const variantOf = new Map<string, string>();
  const perPlayer = new Map<string, { purchased: boolean; revenue: number }>();
  const looks: Look[] = [];
  let i = 0;
  for (const toMs of new Set(ends)) {
    for (; i < events.length && events[i]!.tsMs < toMs; i++) {
      const e = events[i]!;
      if (e.type === 'experiment_exposure') {
        variantOf.set(e.playerId, e.exposure.slice(EXPERIMENT.length + 1));
        perPlayer.set(e.playerId, { purchased: false, revenue: 0 });
      }
      const m = perPlayer.get(e.playerId);
      if (m && e.type === 'purchase') {
        m.purchased = true;
        m.revenue += e.amount;
      }
    }
    const variants = new Map<string, { players: number; conversion: MutableSums; revenue: MutableSums }>();
    for (const [player, m] of perPlayer) {
      const name = variantOf.get(player)!;
      let v = variants.get(name);
      if (!v) variants.set(name, (v = { players: 0, conversion: { sum: 0, sumSquares: 0 }, revenue: { sum: 0, sumSquares: 0 } }));
      v.players++;
      const converted = m.purchased ? 1 : 0;
      v.conversion.sum += converted;
      v.conversion.sumSquares += converted;
      v.revenue.sum += m.revenue;
      v.revenue.sumSquares += m.revenue * m.revenue;
    }
    looks.push({ toMs, variants });
  }
  return looks;
}

interface MutableSums {
  sum: number;
  sumSquares: number;
}

/** The `ab_test` reference's sums over the events before `toMs`, by variant name (without the experiment). */
export function referenceSums(events: readonly RefEvent[], toMs: number): Map<string, VariantSums> {
  const def = getKpi('ab_test');
  const params = resolveKpiParams(def, { fromMs: START_MS - WINDOW_MS, toMs, experiment: EXPERIMENT, granularity: 'all' }, toMs);
  const rows = REFERENCE_KPIS.ab_test!(params, { rollups: [], players: [], events, playerVariant: true });
  return new Map(
    rows.map((r) => [
      String(r.variant).slice(EXPERIMENT.length + 1),
      {
        players: Number(r.players),
        conversion: { sum: Number(r.conversion_sum), sumSquares: Number(r.conversion_sum_squares) },
        revenue: { sum: Number(r.revenue_sum), sumSquares: Number(r.revenue_sum_squares) },
      },
    ]),
  );
}
