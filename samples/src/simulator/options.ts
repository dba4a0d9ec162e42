import type { GameClient, InstallProfile } from './game-client.ts';
import type { Ledger } from './ledger.ts';
import type { SimClock } from './sim-clock.ts';
import { CONCURRENT_EXPERIMENTS, type ExperimentConfig } from './catalog.ts';
import { resolveIncidents, type IncidentSpec, type ResolvedIncident } from './incidents.ts';
import { PAYER_SHARE, SESSION_MEDIAN_MS } from './player.ts';
import { resolveSeasonality, type ResolvedSeasonality, type SeasonalityOptions } from './seasonality.ts';

export interface SimulatorOptions {
  /** Players simulated in total (virtual) or kept in the game at once (realtime). @default 200 */
  players?: number;
  /** Same seed, same traffic. @default 1 */
  seed?: number | string;
  /** 'virtual' runs days of play as fast as the pipeline accepts; 'realtime' plays along the wall clock. @default 'virtual' */
  mode?: 'virtual' | 'realtime';
  /** Virtual mode: when players start playing. @default now − days */
  startMs?: number;
  /** Virtual mode: how many days each player may play. @default 1 */
  days?: number;
  /** Virtual mode: players start at a random time within this span after startMs. @default one day */
  staggerMs?: number;
  /** Sessions per player at most (virtual). @default 6 */
  maxSessionsPerPlayer?: number;
  /** Players simulated at once in virtual mode. @default 64 */
  concurrency?: number;
  /** Realtime mode: how much faster than life sessions and gaps run. @default 30 */
  timeScale?: number;
  /** Mean pause between a player's actions within a session, in simulated ms. @default 8_000 */
  actionGapMs?: number;
  /** Median session length across players (each player's median is drawn around it), in simulated ms. @default 360_000 */
  sessionMedianMs?: number;
  /**
   * Mean pause between a player's sessions, in simulated ms. Virtual mode draws it from
   * each player's sessions per day; a realtime demo wants players back soon. @default per player
   */
  idleGapMs?: number;
  /**
   * Share of players who play on two devices (a second install with its own SDK client,
   * same player id, another platform); each session after the first picks one. @default 0
   */
  multiDeviceShare?: number;
  /**
   * Experiments every player takes part in, all at once (assignment by hash, exposure at
   * the first session): two by default, as live games usually run several.
   * @default CONCURRENT_EXPERIMENTS (shop_layout and onboarding, no effect: A/A tests)
   */
  experiments?: readonly ExperimentConfig[];
  /**
   * Virtual mode: the lifecycle churn model, with ground truth (`Simulator.players()`).
   * Each player is drawn (from the seed) either destined to churn, with this probability,
   * or steady. A churner's stop day is drawn uniformly between `churnDeclineDays` after
   * its first session and the end of the simulated days; over the `churnDeclineDays`
   * before it, it stops paying and its session rate halves every quarter of the decline
   * (to 1/16); then it stops. Steady players never churn and keep a regular rhythm (pauses uniform in
   * ±50 % of their mean). Undefined keeps the per-session model: after every session a
   * player quits with its own small chance (2–10 %), without warning. @default undefined
   */
  churnRate?: number;
  /** Days over which a churner's play declines before it stops (with `churnRate`). @default 14 */
  churnDeclineDays?: number;
  /**
   * Share of players drawn as payers (they buy at 30–80 % of the offers of gems they get,
   * the others at 1 %). @default PAYER_SHARE (0.08)
   */
  payerShare?: number;
  /**
   * Offers of gems a player gets at most (an offer comes when it shops short of gold and
   * gems; without one it watches an ad). With 1, whether a player converts is a single
   * draw at its buying chance, so a variant's `purchaseLift` is exactly its relative lift
   * in conversion; with repeated offers conversion saturates and rises less.
   * @default Infinity (unlimited)
   */
  purchaseOffersPerPlayer?: number;
  /**
   * Share of purchases refunded later (a normal 1–3 % of store refunds and chargebacks):
   * which ones is a hash of the transaction id (no random draw, so the traffic is otherwise
   * unchanged); the refund is sent as the player's next session starts (the delay: a
   * store's notification arrives hours later), one in four as a chargeback, the rest as
   * store refunds. 0 turns refunds off. @default 0.02
   */
  refundShare?: number;
  /**
   * Offer the starter bundle to every player right after its exposures, as it first plays
   * (it counts as one of its offers). With `purchaseOffersPerPlayer: 1` it is the only
   * offer: a player converts with exactly its buying chance, which `payerShare` sets —
   * the mean chance is payerShare × 0.55 + (1 − payerShare) × 0.01 — times its variant's
   * (1 + purchaseLift): a known conversion per variant, for proving A/B statistics.
   * @default false
   */
  starterOffer?: boolean;
  /**
   * Incidents injected into the traffic (incidents.ts), each with a window in simulated
   * time (the SimClock's: virtual time in virtual mode, the wall clock in realtime mode):
   * `dau-drop` (share 0.8 of session starts blocked), `fraud` (3 extra players buying every
   * 5 s at 10× the largest price), `exploit` (3 extra players earning 10 000 gems every
   * 2 s), `bad-release` (half the sessions starting in the window on build `1.4.0-bad`,
   * an error after every other action), `sdk-drops` (half the sessions starting in the
   * window on build `1.5.0-drops`, whose SDK drops an invalid event after every other
   * action), `refund-burst` (3 extra players with a chargeback every 5 s);
   * `collector-slowdown` is only recorded in the
   * ledger (the launcher injects it). The ledger records each one (`Ledger.incidents()`).
   * Outside their windows the traffic is what it is without them. @default [] (none)
   */
  incidents?: readonly IncidentSpec[];
  /**
   * Daily and weekly seasonality (seasonality.ts; `{}` takes the default curve: trough
   * at 04:00 UTC, peak at 20:00 UTC, peak/trough 3, weekends ×1.25). Virtual mode: session
   * starts follow it (the player's session rate times the curve, by thinning: a session
   * due at a quiet hour is postponed with the curve's chance). Realtime mode: `players`
   * is how many are in the game at once at the curve's peak, fewer at other times (a
   * lane above the current target ends its player's life at the next action and waits).
   * Deterministic from the seed. @default undefined (off: traffic as without it)
   */
  seasonality?: SeasonalityOptions;
  /** Builds the SDK client for an install, on the given clock. */
  createClient: (profile: InstallProfile, clock: SimClock) => GameClient;
  /** Where ground truth goes; omit for load generation. */
  ledger?: Ledger;
}

export type ResolvedSimulatorOptions = Required<
  Omit<SimulatorOptions, 'ledger' | 'idleGapMs' | 'staggerMs' | 'churnRate' | 'incidents' | 'seasonality'>
> & {
  staggerMs: number;
  incidents: readonly ResolvedIncident[];
  seasonality: ResolvedSeasonality | undefined;
  ledger: Ledger | undefined;
  idleGapMs: number | undefined;
  churnRate: number | undefined;
};

export function resolveSimulatorOptions(o: SimulatorOptions): ResolvedSimulatorOptions {
  const days = o.days ?? 1;
  const players = o.players ?? 200;
  if (!Number.isInteger(players) || players < 1) throw new RangeError(`players must be a positive integer, got ${players}`);
  if (o.churnRate !== undefined && !(o.churnRate >= 0 && o.churnRate <= 1))
    throw new RangeError(`churnRate must be in [0, 1], got ${o.churnRate}`);
  const churnDeclineDays = o.churnDeclineDays ?? 14;
  if (!(churnDeclineDays > 0)) throw new RangeError(`churnDeclineDays must be positive, got ${churnDeclineDays}`);
  const payerShare = o.payerShare ?? PAYER_SHARE;
  if (!(payerShare >= 0 && payerShare <= 1)) throw new RangeError(`payerShare must be in [0, 1], got ${payerShare}`);
  const purchaseOffersPerPlayer = o.purchaseOffersPerPlayer ?? Infinity;
  if (!(purchaseOffersPerPlayer >= 0)) throw new RangeError(`purchaseOffersPerPlayer must be ≥ 0, got ${purchaseOffersPerPlayer}`);
  const refundShare = o.refundShare ?? 0.02;
  if (!(refundShare >= 0 && refundShare <= 1)) throw new RangeError(`refundShare must be in [0, 1], got ${refundShare}`);
  return {
    players,
    seed: o.seed ?? 1,
    mode: o.mode ?? 'virtual',
    days,
    startMs: o.startMs ?? Date.now() - days * 86_400_000,
    staggerMs: o.staggerMs ?? 86_400_000,
    maxSessionsPerPlayer: o.maxSessionsPerPlayer ?? 6,
    concurrency: Math.max(1, o.concurrency ?? 64),
    timeScale: o.timeScale ?? 30,
    actionGapMs: o.actionGapMs ?? 8_000,
    sessionMedianMs: o.sessionMedianMs ?? SESSION_MEDIAN_MS,
    idleGapMs: o.idleGapMs,
    multiDeviceShare: o.multiDeviceShare ?? 0,
    experiments: o.experiments ?? CONCURRENT_EXPERIMENTS,
    churnRate: o.churnRate,
    churnDeclineDays,
    payerShare,
    purchaseOffersPerPlayer,
    refundShare,
    starterOffer: o.starterOffer ?? false,
    incidents: resolveIncidents(o.incidents ?? []),
    seasonality: o.seasonality === undefined ? undefined : resolveSeasonality(o.seasonality),
    createClient: o.createClient,
    ledger: o.ledger,
  };
}
