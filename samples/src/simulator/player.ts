/**
 * One simulated player's life: sessions separated by idle gaps, and within a session a
 * rhythm of levels, rewards, shopping, ads and the occasional purchase; churn ends it.
 * Every call to the SDK is mirrored into the ledger (the ground truth).
 */
import { unitHash } from '@gamepulse/sdk';
import {
  AD_TYPES,
  BUILDS,
  DESIGN_EVENTS,
  CONCURRENT_EXPERIMENTS,
  FEATURES,
  OFFERS,
  SHOP_ITEMS,
  STARTER_OFFER,
  difficulty,
  levelName,
  type Currency,
  type ExperimentConfig,
  type ExperimentVariant,
} from './catalog.ts';
import type { GameClient, InstallProfile } from './game-client.ts';
import { MUTED_CLIENT, type SessionPlan } from './incidents.ts';
import type { Ledger } from './ledger.ts';
import type { Random } from './random.ts';
import { maxSeasonalMultiplier, seasonalMultiplier, type ResolvedSeasonality } from './seasonality.ts';
import type { SimClock } from './sim-clock.ts';

export interface PlayerTraits {
  skill: number; // 0..1: chance modifier to beat a level
  payer: number; // chance to buy when offered gems while short of them
  sessionsPerDay: number;
  sessionMedianMs: number;
  churnPerSession: number;
  currency: Currency;
}

/** One of the player's devices: an install with its own SDK client. */
export interface PlayerDevice {
  profile: InstallProfile;
  client: GameClient;
}

export interface PlayerRunOptions {
  /** Experiments the player takes part in, each exposed at the first session. @default CONCURRENT_EXPERIMENTS */
  experiments?: readonly ExperimentConfig[];
  /** Stop when the player's clock passes this time. */
  untilMs: number;
  /** Upper bound of sessions for this player (keeps test sizes predictable). */
  maxSessions: number;
  /** Mean pause between actions inside a session. @default 8_000 */
  actionGapMs?: number;
  /** Offers to buy gems a player gets at most (SimulatorOptions.purchaseOffersPerPlayer). @default unlimited */
  purchaseOffers?: number;
  /** Share of purchases refunded at the player's next session (SimulatorOptions.refundShare). @default 0 */
  refundShare?: number;
  /** Offer the starter bundle as the player first plays (SimulatorOptions.starterOffer). @default false */
  starterOffer?: boolean;
  /** Mean pause between sessions. @default a day divided by the player's sessions per day */
  idleGapMs?: number;
  /** Ends the player's life at the next session boundary (realtime demo shutdown). */
  shouldStop?: () => boolean;
  /** Called for every event tracked (live counters). */
  onTracked?: () => void;
  /** Called as each session starts (live counters: a stopped player never returns its result). */
  onSessionStarted?: () => void;
  /**
   * The lifecycle churn model (SimulatorOptions.churnRate): 'steady' plays a regular
   * rhythm to the end; a churner's session rate falls geometrically from 1 to
   * `DECLINE_FLOOR` between `declineStartMs` and `stopMs` (`sessionRate`), it buys nothing from
   * `declineStartMs` on, and it starts no session at or after `stopMs`. Undefined: the
   * per-session churn roll (`traits.churnPerSession`). @default undefined
   */
  lifecycle?: Lifecycle;
  /**
   * Incidents under way (SimulatorOptions.incidents): what they do to each session, the
   * device a bad build runs on, and the player's own incident stream (error draws).
   * @default undefined (none)
   */
  incidents?: PlayerIncidents;
  /**
   * Seasonality of session starts (SimulatorOptions.seasonality): the idle gap's mean is
   * divided by the curve's maximum and each session start is kept with the chance
   * curve(now) / maximum, else postponed by another such gap — thinning, so that the
   * player's session rate is its usual one times the curve. @default undefined (off)
   */
  seasonality?: ResolvedSeasonality;
}

/** How incidents reach one player (simulator.ts builds it from incidents.ts). */
export interface PlayerIncidents {
  plan(nowMs: number): SessionPlan | undefined;
  /** The player's install running `build` (created once, shut down with the player's other devices). */
  deviceOn(build: string, usual: PlayerDevice): PlayerDevice;
  /** The player's incident stream: never the main one, so traffic outside incidents stays as it was. */
  rnd: Random;
}

export type Lifecycle = 'steady' | { declineStartMs: number; stopMs: number };

/** A churner's session rate at the end of its decline, relative to its usual rate. */
export const DECLINE_FLOOR = 1 / 16;

export interface PlayerResult {
  sessions: number;
  events: number;
  churned: boolean;
  /** Start time of the first and the last session (NaN without any). */
  firstSessionMs: number;
  lastSessionMs: number;
}

const DAY_MS = 86_400_000;

/** Median session length across players; each player's own median is drawn around it. */
export const SESSION_MEDIAN_MS = 6 * 60_000;

/** Share of players who are payers (buy at 30–80 % of offers; the others at 1 %), as in a free-to-play game. */
export const PAYER_SHARE = 0.08;

export function drawTraits(rnd: Random, currency: Currency, sessionMedianMs = SESSION_MEDIAN_MS, payerShare = PAYER_SHARE): PlayerTraits {
  return {
    skill: rnd.next(),
    payer: rnd.chance(payerShare) ? 0.3 + rnd.next() * 0.5 : 0.01,
    sessionsPerDay: 1 + rnd.next() * 4,
    sessionMedianMs: rnd.logNormal(sessionMedianMs, 0.4),
    churnPerSession: 0.02 + rnd.next() * 0.08,
    currency,
  };
}

/**
 * The variant of `experiment` for a player, as a game using the SDK assigns it: the SDK's
 * stable hash of experiment and player (`unitHash`, FNV-1a with a finaliser) placed in
 * [0, 1) against the cumulative weights. The finaliser matters: without it the lowest bit
 * of FNV-1a is the parity of the characters, so equal splits would alternate with the
 * player's index and every concurrent experiment would split the players the same way.
 */
export function assignVariant(experiment: ExperimentConfig, playerId: string): ExperimentVariant {
  const vs = experiment.variants;
  const weights = vs.map((v) => v.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  let x = unitHash(`${experiment.name}:${playerId}`) * total;
  for (const [i, v] of vs.entries()) if ((x -= weights[i]!) < 0) return v;
  return vs[vs.length - 1]!;
}

/**
 * Plays one player on its devices (usually one; a player with several plays each
 * session on one of them, as people switch between phone and tablet).
 */
export async function runPlayer(
  devices: readonly PlayerDevice[],
  traits: PlayerTraits,
  clock: SimClock,
  ledger: Ledger | undefined,
  rnd: Random,
  opts: PlayerRunOptions,
): Promise<PlayerResult> {
  const gap = opts.actionGapMs ?? 8_000;
  const state = {
    level: 0,
    attempt: 1,
    gold: 100,
    gems: 0,
    sessions: 0,
    events: 0,
    exposed: false,
    offersLeft: opts.purchaseOffers ?? Infinity,
    refundShare: opts.refundShare ?? 0,
    refunds: [] as PendingRefund[],
  };
  let device = devices[0]!;
  const { playerId } = device.profile;
  const assigned = (opts.experiments ?? CONCURRENT_EXPERIMENTS).map((experiment) => ({
    experiment,
    variant: assignVariant(experiment, playerId),
  }));
  // A variant with an effect changes how readily the player buys: a known effect for A/B tests.
  const lift = assigned.reduce((m, a) => m * (1 + (a.variant.purchaseLift ?? 0)), 1);
  const buyer = lift === 1 ? traits : { ...traits, payer: Math.min(1, traits.payer * lift) };
  const life = opts.lifecycle;
  const churner = typeof life === 'object' ? life : undefined;
  // A declining player no longer buys: the spend trend a churn score reads.
  const lapsedBuyer = { ...buyer, payer: 0 };
  const until = churner ? Math.min(opts.untilMs, churner.stopMs) : opts.untilMs;
  let firstSessionMs = Number.NaN;
  let lastSessionMs = Number.NaN;
  /** Sessions that happened (a dau-drop incident blocks some that `state.sessions` counts). */
  let played = 0;
  const season = opts.seasonality;
  const seasonPeak = season ? maxSeasonalMultiplier(season) : 1;
  const meanGapMs = opts.idleGapMs ?? DAY_MS / traits.sessionsPerDay;
  // The install whose events `rec` mirrors: the session's (a bad build runs on its own).
  let recorded = device;
  const recordedRec: Rec = (type, extra = {}) => {
    state.events++;
    opts.onTracked?.();
    ledger?.record({ tsMs: clock.now(), playerId, installId: recorded.profile.installId, type, ...extra });
  };
  const muted: Rec = () => undefined;

  while (clock.now() < until && state.sessions < opts.maxSessions && !opts.shouldStop?.()) {
    if (season) {
      // Thinning: a start at a quiet hour is kept with the curve's chance, else postponed.
      while (clock.now() < until && !opts.shouldStop?.() && !rnd.chance(seasonalMultiplier(season, clock.now()) / seasonPeak))
        await clock.sleep(rnd.exponential(meanGapMs / seasonPeak));
      if (clock.now() >= until || opts.shouldStop?.()) break;
    }
    state.sessions++;
    const declining = churner !== undefined && clock.now() >= churner.declineStartMs;
    // Single-device players draw nothing here: their traffic stays what it always was.
    if (devices.length > 1 && state.sessions > 1) device = rnd.pick(devices);
    const plan = opts.incidents?.plan(clock.now());
    // A blocked session is played out unseen (the player could not log in): its draws
    // still happen, so the player's traffic after the incident is what it would have been.
    const blocked = plan?.blocked !== undefined;
    const bad = blocked ? undefined : plan?.badRelease;
    const drops = blocked ? undefined : plan?.sdkDrops;
    const build = bad?.build ?? drops?.build;
    recorded = build ? opts.incidents!.deviceOn(build, device) : device;
    const client = blocked ? MUTED_CLIENT : recorded.client;
    const rec = blocked ? muted : recordedRec;
    if (plan?.blocked) ledger?.incidentAffected(plan.blocked.incidentId, playerId, { sessions: 1 });
    if (bad) ledger?.incidentAffected(bad.incidentId, playerId, { sessions: 1 });
    if (drops) ledger?.incidentAffected(drops.incidentId, playerId, { sessions: 1 });
    if (!blocked) {
      played++;
      if (played === 1) firstSessionMs = clock.now();
      lastSessionMs = clock.now();
      opts.onSessionStarted?.();
    }
    const startedAt = clock.monotonicNow();
    client.session.start();
    rec('session_start');
    // Refunds of earlier purchases, notified since the last session (a blocked session sends none: they wait).
    if (!blocked) sendRefunds(client, rec, state.refunds);
    if (!state.exposed) {
      state.exposed = true;
      for (const { experiment, variant } of assigned) {
        client.experiment.exposure(experiment.name, variant.name);
        rec('experiment_exposure', { variant: `${experiment.name}:${variant.name}` });
      }
      // The starter bundle, offered once as the player first plays (one of its offers).
      if (opts.starterOffer && state.offersLeft-- > 0 && rnd.chance((declining ? lapsedBuyer : buyer).payer)) {
        buy(client, rec, buyer, state, playerId, clock, STARTER_OFFER);
      }
    }
    const sessionEnd = clock.now() + rnd.logNormal(traits.sessionMedianMs, 0.5);
    while (clock.now() < sessionEnd && !opts.shouldStop?.()) {
      await clock.sleep(rnd.exponential(gap));
      act(client, rec, rnd, declining ? lapsedBuyer : buyer, state, playerId, clock);
      if (bad && opts.incidents!.rnd.chance(bad.errorChance)) {
        const severity = opts.incidents!.rnd.chance(bad.criticalShare) ? 'critical' : 'error';
        client.error(severity, `simulated failure in build ${bad.build}`);
        rec('error', { action: severity });
        ledger?.incidentAffected(bad.incidentId, playerId, { events: 1 });
      }
      if (drops && opts.incidents!.rnd.chance(drops.dropChance)) {
        // Broken instrumentation: a lower-case currency, which the SDK drops on the device
        // (GP_EVENT_CURRENCY_INVALID) and reports in sdk_health; not a tracked event.
        client.purchase({
          currency: 'usd',
          amountMinor: 99,
          itemType: 'gem_pack',
          itemId: 'gems_100',
          transactionId: `tx-${playerId}-${clock.now()}-drop`,
        });
        ledger?.incidentAffected(drops.incidentId, playerId, { events: 1 });
      }
    }
    reportErrors(client, rec, recorded.profile.build, state.sessions);
    client.session.end();
    rec('session_end', { amount: clock.monotonicNow() - startedAt });
    // Deliver before going idle: a real game flushes when sent to the background.
    await clock.settle(client.flush());
    if (life === undefined) {
      if (rnd.chance(traits.churnPerSession))
        return { sessions: played, events: state.events, churned: true, firstSessionMs, lastSessionMs };
      await clock.sleep(rnd.exponential(meanGapMs / seasonPeak));
    } else {
      // A habit: pauses within ±50 % of the mean, stretched as a churner's rate falls.
      await clock.sleep((meanGapMs * (0.5 + rnd.next())) / sessionRate(life, clock.now()) / seasonPeak);
    }
  }
  return { sessions: played, events: state.events, churned: churner !== undefined, firstSessionMs, lastSessionMs };
}

/**
 * Session rate relative to the player's usual one at `nowMs`: 1, then over a churner's
 * decline halving every quarter of it (1/16 by the stop): people drift away quickly
 * once they start to.
 */
export function sessionRate(life: Lifecycle, nowMs: number): number {
  if (life === 'steady' || nowMs <= life.declineStartMs) return 1;
  const progress = Math.min(1, (nowMs - life.declineStartMs) / Math.max(1, life.stopMs - life.declineStartMs));
  return Math.pow(DECLINE_FLOOR, progress);
}

/** A purchase to be refunded at the player's next session. */
interface PendingRefund {
  currency: string;
  amountMinor: number;
  transactionId: string;
  reason: 'refund' | 'chargeback';
}

/** Sends (and forgets) the pending refunds: what the game server forwards from the store. */
function sendRefunds(client: GameClient, rec: Rec, pending: PendingRefund[]): void {
  for (const r of pending.splice(0)) {
    client.refund({ ...r, store: 'web', itemType: 'gem_pack' });
    rec('refund', { action: r.reason, currency: r.currency, amount: r.amountMinor });
  }
}

/** The player buys `offer`: the purchase and the gems it brings; `refundShare` of purchases (by hash) are refunded later. */
function buy(
  client: GameClient,
  rec: Rec,
  traits: PlayerTraits,
  s: { gems: number; refundShare: number; refunds: PendingRefund[] },
  playerId: string,
  clock: SimClock,
  offer: (typeof OFFERS)[number],
): void {
  const amountMinor = offer.prices[traits.currency];
  const transactionId = `tx-${playerId}-${clock.now()}`;
  client.purchase({
    currency: traits.currency,
    amountMinor,
    itemType: offer.itemType,
    itemId: offer.itemId,
    transactionId,
  });
  rec('purchase', { currency: traits.currency, amount: amountMinor });
  const h = s.refundShare > 0 ? unitHash(`refund:${transactionId}`) : 1;
  if (h < s.refundShare)
    s.refunds.push({ currency: traits.currency, amountMinor, transactionId, reason: h < s.refundShare / 4 ? 'chargeback' : 'refund' });
  s.gems += offer.gems;
  client.resource.source('gems', offer.gems, 'iap', offer.itemId);
  rec('resource', { action: 'source', currency: 'gems', amount: offer.gems });
}

/**
 * Error reports, deterministic (no draw, so the traffic's random sequence stays as it
 * was): the newest build is a bad release — a critical error ends every third session
 * on it — and other builds log a warning every tenth session.
 */
function reportErrors(client: GameClient, rec: Rec, build: string, session: number): void {
  const severity = build === BUILDS[BUILDS.length - 1] ? (session % 3 === 0 ? 'critical' : '') : session % 10 === 0 ? 'warning' : '';
  if (!severity) return;
  client.error(severity, 'simulated error report');
  rec('error', { action: severity });
}

type Rec = (type: string, extra?: { action?: string; currency?: string; item?: string; amount?: number; variant?: string }) => void;

function act(
  client: GameClient,
  rec: Rec,
  rnd: Random,
  traits: PlayerTraits,
  s: { level: number; attempt: number; gold: number; gems: number; offersLeft: number; refundShare: number; refunds: PendingRefund[] },
  playerId: string,
  clock: SimClock,
): void {
  const roll = rnd.next();
  if (roll < 0.45) {
    // Play the current level.
    const { tier1, tier2 } = levelName(s.level);
    const item = `${tier1}:${tier2}`;
    client.progression.start(tier1, tier2, undefined, { attempt: s.attempt });
    rec('progression', { action: 'start', item });
    if (rnd.next() < 1 - difficulty(s.level) + traits.skill * 0.3) {
      const score = rnd.int(100, 5000);
      client.progression.complete(tier1, tier2, undefined, { attempt: s.attempt, score });
      rec('progression', { action: 'complete', item });
      const reward = 20 + s.level * 5;
      s.gold += reward;
      client.resource.source('gold', reward, 'reward', 'level_complete');
      rec('resource', { action: 'source', currency: 'gold', amount: reward });
      s.level++;
      s.attempt = 1;
    } else {
      client.progression.fail(tier1, tier2, undefined, { attempt: s.attempt });
      rec('progression', { action: 'fail', item });
      s.attempt++;
    }
  } else if (roll < 0.6) {
    const shop = rnd.pick(SHOP_ITEMS);
    if (s.gold >= shop.gold) {
      s.gold -= shop.gold;
      client.resource.sink('gold', shop.gold, shop.itemType, shop.itemId);
      rec('resource', { action: 'sink', currency: 'gold', amount: shop.gold });
    } else if (s.gems >= 10) {
      s.gems -= 10;
      client.resource.sink('gems', 10, shop.itemType, shop.itemId);
      rec('resource', { action: 'sink', currency: 'gems', amount: 10 });
    } else if (s.offersLeft-- > 0 && rnd.chance(traits.payer)) {
      // Short of gold and gems, offered gems: the offer counts whether or not the player buys; with none left, no draw, the ad.
      buy(client, rec, traits, s, playerId, clock, rnd.pick(OFFERS));
    } else {
      const adType = rnd.pick(AD_TYPES);
      client.ad({ action: 'show', adType, placement: 'shop' });
      rec('ad');
      // A rewarded ad is watched to the end. No draw: the traffic's random sequence stays as it was.
      if (adType === 'rewarded') {
        client.ad({ action: 'reward_received', adType, placement: 'shop' });
        rec('ad');
      }
      client.resource.source('gold', 25, 'ad_reward', 'rewarded');
      rec('resource', { action: 'source', currency: 'gold', amount: 25 });
      s.gold += 25;
    }
  } else if (roll < 0.85) {
    client.design(rnd.pick(DESIGN_EVENTS), rnd.int(1, 5));
    rec('design');
  } else if (roll < 0.95) {
    client.featureUsed(rnd.pick(FEATURES));
    rec('feature_use');
  } else {
    client.social(rnd.pick(['invite', 'share', 'gift']), `friend-${rnd.int(1, 50)}`);
    rec('social');
  }
}
