/**
 * Incidents the simulator injects into otherwise normal traffic, so that alert rules can
 * be proven to fire on them (and to stay quiet without them). Each incident has a window
 * in simulated time — the SimClock's time: virtual time in virtual mode, the wall clock
 * in realtime mode — and a kind:
 *  - `dau-drop`: players cannot log in. A share of the sessions that would start in the
 *    window does not happen: the player's SDK sees nothing of that session (it is muted
 *    as a whole), so activity, online players and DAU fall; sessions already running go
 *    on, and after the window play resumes as it would have.
 *  - `fraud`: a few extra players (ids drawn from the seed) buy at a high rate with large
 *    amounts — real `purchase` events through their SDK clients, in one session that
 *    spans the window.
 *  - `exploit`: a few extra players earn one virtual currency through a `resource`
 *    source event at a huge rate; nobody's sinks change, so the currency's net flow
 *    explodes.
 *  - `bad-release`: a share of the sessions that start in the window run a new build;
 *    they report `error` and `critical` error events at a high rate (after each action).
 *    The build runs on its own install of the player (install id `<install>-<build>`,
 *    an updated app reinstalled), so the SDK's batch sequences of the usual install
 *    are untouched; after the window the player is back on its usual build.
 *  - `sdk-drops`: a share of the sessions that start in the window run a new build
 *    (on its own install, as bad-release) whose instrumentation is broken: after each
 *    action, with `dropChance`, the game tracks a purchase the SDK refuses on the device
 *    (a lower-case currency: GP_EVENT_CURRENCY_INVALID) — dropped and counted by the
 *    SDK, reported in its next batch's sdk_health, never sent. The ledger counts the
 *    drops as the incident's events; the tracked events stay what they are.
 *  - `refund-burst`: a chargeback wave (purchases made with stolen cards, disputed by the
 *    card holders) or a store bug refunding everything: a few extra players (ids drawn
 *    from the seed) have `refund` events (reason chargeback, the catalog's largest price)
 *    at a high rate, in one session that spans the window — what the game server
 *    forwards from the store's notifications, sent here through the actor's client.
 *  - `collector-slowdown`: not simulator traffic. The simulator only records it in the
 *    ledger; the launcher (or a test) injects it into the collector.
 * Outside the windows every player's traffic is what it is without incidents: the
 * incidents draw from their own random streams, never from a player's.
 */
import { OFFERS, type Currency } from './catalog.ts';
import type { GameClient, InstallProfile } from './game-client.ts';
import type { Ledger } from './ledger.ts';
import type { Random } from './random.ts';
import type { SimClock } from './sim-clock.ts';

export type IncidentKind = 'dau-drop' | 'fraud' | 'exploit' | 'bad-release' | 'collector-slowdown' | 'sdk-drops' | 'refund-burst';

/** When an incident happens, in simulated time (the SimClock's time). */
export interface IncidentWindow {
  /** Start of the incident (epoch ms, simulated time). */
  startMs: number;
  /** How long it lasts (ms of simulated time); it ends at startMs + durationMs. */
  durationMs: number;
}

export interface DauDropIncident extends IncidentWindow {
  kind: 'dau-drop';
  /** Share of the sessions that would start in the window that do not start. @default 0.8 */
  share?: number;
}

export interface FraudIncident extends IncidentWindow {
  kind: 'fraud';
  /** Fraudulent players (extra players, ids drawn from the seed). @default 3 */
  players?: number;
  /** Each fraudulent player buys once every this many ms of simulated time. @default 5_000 */
  purchaseEveryMs?: number;
  /** A purchase's amount: this times the catalog's largest price in the player's currency. @default 10 */
  amountFactor?: number;
}

export interface ExploitIncident extends IncidentWindow {
  kind: 'exploit';
  /** Players who exploit (extra players, ids drawn from the seed). @default 3 */
  players?: number;
  /** The virtual currency they earn (catalog: 'gold' or 'gems'). @default 'gems' */
  currency?: 'gold' | 'gems';
  /** Each exploiting player earns once every this many ms of simulated time. @default 2_000 */
  sourceEveryMs?: number;
  /** Currency earned each time. @default 10_000 (the largest gem pack brings 1 200) */
  amount?: number;
}

export interface BadReleaseIncident extends IncidentWindow {
  kind: 'bad-release';
  /** The bad build. @default '1.4.0-bad' */
  build?: string;
  /** Share of the sessions starting in the window that run the bad build. @default 0.5 */
  share?: number;
  /** Chance of an error event after each action in a session on the bad build. @default 0.5 */
  errorChance?: number;
  /** Share of those errors with severity 'critical' (the rest 'error'). @default 0.25 */
  criticalShare?: number;
}

export interface SdkDropsIncident extends IncidentWindow {
  kind: 'sdk-drops';
  /** The build whose SDK drops events. @default '1.5.0-drops' */
  build?: string;
  /** Share of the sessions starting in the window that run that build. @default 0.5 */
  share?: number;
  /** Chance of a dropped event after each action in a session on that build. @default 0.5 */
  dropChance?: number;
}

export interface RefundBurstIncident extends IncidentWindow {
  kind: 'refund-burst';
  /** Players whose purchases are charged back (extra players, ids drawn from the seed). @default 3 */
  players?: number;
  /** Each of them has a refund every this many ms of simulated time. @default 5_000 */
  refundEveryMs?: number;
  /** The refunds' reason. @default 'chargeback' */
  reason?: 'refund' | 'chargeback' | 'revoked';
}

/** Injected by the launcher into the collector, not by the simulator (recorded in the ledger only). */
export interface CollectorSlowdownIncident extends IncidentWindow {
  kind: 'collector-slowdown';
  /** Delay the collector adds before acknowledging a batch. @default 2_000 */
  delayMs?: number;
}

export type IncidentSpec =
  | DauDropIncident
  | FraudIncident
  | ExploitIncident
  | BadReleaseIncident
  | CollectorSlowdownIncident
  | SdkDropsIncident
  | RefundBurstIncident;

/** The defaults of each kind's options, documented on the spec types. */
export const INCIDENT_DEFAULTS = {
  'dau-drop': { share: 0.8 },
  fraud: { players: 3, purchaseEveryMs: 5_000, amountFactor: 10 },
  exploit: { players: 3, currency: 'gems', sourceEveryMs: 2_000, amount: 10_000 },
  'bad-release': { build: '1.4.0-bad', share: 0.5, errorChance: 0.5, criticalShare: 0.25 },
  'collector-slowdown': { delayMs: 2_000 },
  'sdk-drops': { build: '1.5.0-drops', share: 0.5, dropChance: 0.5 },
  'refund-burst': { players: 3, refundEveryMs: 5_000, reason: 'chargeback' },
} as const;

/** An incident with every option filled in, its end, and its id (`<index>:<kind>`). */
export type ResolvedIncident = { id: string; endMs: number } & (
  | Required<DauDropIncident>
  | Required<FraudIncident>
  | Required<ExploitIncident>
  | Required<BadReleaseIncident>
  | Required<CollectorSlowdownIncident>
  | Required<SdkDropsIncident>
  | Required<RefundBurstIncident>
);

function share(name: string, v: number): number {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${v}`);
  return v;
}

function positive(name: string, v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number, got ${v}`);
  return v;
}

/** Fills in the defaults and checks each incident; throws RangeError on the first bad value. */
export function resolveIncidents(specs: readonly IncidentSpec[]): ResolvedIncident[] {
  return specs.map((s, index) => {
    const at = `incidents[${index}]`;
    if (!Number.isFinite(s.startMs)) throw new RangeError(`${at}.startMs must be a time in ms, got ${s.startMs}`);
    positive(`${at}.durationMs`, s.durationMs);
    const base = { id: `${index}:${s.kind}`, endMs: s.startMs + s.durationMs };
    switch (s.kind) {
      case 'dau-drop':
        return { ...base, ...INCIDENT_DEFAULTS['dau-drop'], ...s, share: share(`${at}.share`, s.share ?? 0.8) };
      case 'fraud': {
        const r = { ...base, ...INCIDENT_DEFAULTS.fraud, ...s };
        if (!Number.isInteger(r.players) || r.players < 1)
          throw new RangeError(`${at}.players must be a positive integer, got ${r.players}`);
        positive(`${at}.purchaseEveryMs`, r.purchaseEveryMs);
        positive(`${at}.amountFactor`, r.amountFactor);
        return r;
      }
      case 'exploit': {
        const r = { ...base, ...INCIDENT_DEFAULTS.exploit, ...s };
        if (!Number.isInteger(r.players) || r.players < 1)
          throw new RangeError(`${at}.players must be a positive integer, got ${r.players}`);
        if (r.currency !== 'gold' && r.currency !== 'gems')
          throw new RangeError(`${at}.currency must be gold or gems, got ${String(r.currency)}`);
        positive(`${at}.sourceEveryMs`, r.sourceEveryMs);
        positive(`${at}.amount`, r.amount);
        return r;
      }
      case 'bad-release': {
        const r = { ...base, ...INCIDENT_DEFAULTS['bad-release'], ...s };
        if (!r.build) throw new RangeError(`${at}.build must not be empty`);
        share(`${at}.share`, r.share);
        share(`${at}.errorChance`, r.errorChance);
        share(`${at}.criticalShare`, r.criticalShare);
        return r;
      }
      case 'sdk-drops': {
        const r = { ...base, ...INCIDENT_DEFAULTS['sdk-drops'], ...s };
        if (!r.build) throw new RangeError(`${at}.build must not be empty`);
        share(`${at}.share`, r.share);
        share(`${at}.dropChance`, r.dropChance);
        return r;
      }
      case 'refund-burst': {
        const r = { ...base, ...INCIDENT_DEFAULTS['refund-burst'], ...s };
        if (!Number.isInteger(r.players) || r.players < 1)
          throw new RangeError(`${at}.players must be a positive integer, got ${r.players}`);
        positive(`${at}.refundEveryMs`, r.refundEveryMs);
        if (r.reason !== 'refund' && r.reason !== 'chargeback' && r.reason !== 'revoked')
          throw new RangeError(`${at}.reason must be refund, chargeback or revoked, got ${String(r.reason)}`);
        return r;
      }
      case 'collector-slowdown':
        return { ...base, ...INCIDENT_DEFAULTS['collector-slowdown'], ...s, delayMs: positive(`${at}.delayMs`, s.delayMs ?? 2_000) };
      default:
        throw new RangeError(
          `${at}.kind must be dau-drop, fraud, exploit, bad-release, sdk-drops, refund-burst or collector-slowdown, got ${String((s as { kind: unknown }).kind)}`,
        );
    }
  });
}

const active = (i: ResolvedIncident, nowMs: number) => nowMs >= i.startMs && nowMs < i.endMs;

/**
 * Ground truth of one incident, as the ledger keeps it: which series it should move.
 * `players` are the players it touched: fraud and exploit, its actors; bad-release, the
 * players who ran the build; dau-drop, those kept out of at least one session.
 */
export interface IncidentTruth {
  /** `<index in SimulatorOptions.incidents>:<kind>` */
  id: string;
  kind: IncidentKind;
  startMs: number;
  endMs: number;
  players: string[];
  /** bad-release, sdk-drops: the incident's build. */
  build?: string;
  /** exploit: the virtual currency. */
  currency?: string;
  /** dau-drop: sessions that did not start; bad-release: sessions on the bad build; fraud and exploit: the actors' sessions. */
  sessions: number;
  /** Events the incident added: fraud purchases, exploit sources, refund-burst refunds, bad-release error events; sdk-drops: events the SDK dropped. */
  events: number;
}

/** What happens to a session that starts now, by the incidents under way. */
export interface SessionPlan {
  /** dau-drop: the session does not happen (the player cannot log in). */
  blocked?: { incidentId: string };
  /** bad-release: the session runs on this build; after each action, an error with `errorChance`. */
  badRelease?: { incidentId: string; build: string; errorChance: number; criticalShare: number };
  /** sdk-drops: the session runs on this build; after each action, a dropped event with `dropChance`. */
  sdkDrops?: { incidentId: string; build: string; dropChance: number };
}

/**
 * Decides, per session, what the incidents under way do to it. `rnd` is the player's own
 * incident stream (a fork): drawn only inside a window, so outside every window a
 * player's traffic is untouched.
 */
export function sessionPlanner(incidents: readonly ResolvedIncident[], rnd: Random): (nowMs: number) => SessionPlan | undefined {
  const relevant = incidents.filter((i) => i.kind === 'dau-drop' || i.kind === 'bad-release' || i.kind === 'sdk-drops');
  if (relevant.length === 0) return () => undefined;
  return (nowMs) => {
    let plan: SessionPlan | undefined;
    for (const i of relevant) {
      if (!active(i, nowMs)) continue;
      if (i.kind === 'dau-drop' && !plan?.blocked && rnd.chance(i.share)) (plan ??= {}).blocked = { incidentId: i.id };
      if (i.kind === 'bad-release' && !plan?.badRelease && rnd.chance(i.share))
        (plan ??= {}).badRelease = { incidentId: i.id, build: i.build, errorChance: i.errorChance, criticalShare: i.criticalShare };
      // One build per session: a session already on a bad release keeps it.
      if (i.kind === 'sdk-drops' && !plan?.sdkDrops && !plan?.badRelease && rnd.chance(i.share))
        (plan ??= {}).sdkDrops = { incidentId: i.id, build: i.build, dropChance: i.dropChance };
    }
    return plan;
  };
}

/** A client that drops everything: the SDK of a player who could not log in. */
export const MUTED_CLIENT: GameClient = {
  session: { start() {}, end() {} },
  progression: { start() {}, complete() {}, fail() {} },
  purchase() {},
  refund() {},
  resource: { source() {}, sink() {} },
  design() {},
  ad() {},
  social() {},
  featureUsed() {},
  error() {},
  experiment: { exposure() {} },
  flush: async () => {},
  shutdown: async () => {},
};

/** The extra players of a fraud, exploit or refund-burst incident. */
export type ActorIncident = Extract<ResolvedIncident, { kind: 'fraud' | 'exploit' | 'refund-burst' }>;

export function isActorIncident(i: ResolvedIncident): i is ActorIncident {
  return i.kind === 'fraud' || i.kind === 'exploit' || i.kind === 'refund-burst';
}

/** Milliseconds between an actor's events. */
export function actorEveryMs(i: ActorIncident): number {
  return i.kind === 'fraud' ? i.purchaseEveryMs : i.kind === 'exploit' ? i.sourceEveryMs : i.refundEveryMs;
}

/** Ids of an actor: `player-<seed>-<kind><incident index>-<n>`, its install `sim-…` alike. */
export function actorIds(seed: number | string, incident: ActorIncident, n: number): { playerId: string; installId: string } {
  const tag = `${incident.kind}${incident.id.slice(0, incident.id.indexOf(':'))}-${n}`;
  return { playerId: `player-${seed}-${tag}`, installId: `sim-${seed}-${tag}` };
}

/** The catalog's largest price in `currency` (minor units). */
export function largestPrice(currency: Currency): number {
  return Math.max(...OFFERS.map((o) => o.prices[currency]));
}

export interface ActorHooks {
  shouldStop: () => boolean;
  onTracked: () => void;
  onSessionStarted: () => void;
}

/**
 * One fraud, exploit or refund-burst actor: a session from the incident's start to its
 * end (on `clock`, which the caller starts at the incident's start), a purchase, a source
 * or a refund every interval, then a flush. Every call is mirrored into the ledger.
 */
export async function runActor(
  incident: ActorIncident,
  profile: InstallProfile & { currency: Currency },
  client: GameClient,
  clock: SimClock,
  ledger: Ledger | undefined,
  hooks: ActorHooks,
): Promise<void> {
  const { playerId, installId } = profile;
  let n = 0;
  const rec = (type: string, extra: { action?: string; currency?: string; amount?: number } = {}) => {
    hooks.onTracked();
    ledger?.record({ tsMs: clock.now(), playerId, installId, type, ...extra });
  };
  client.session.start();
  rec('session_start');
  hooks.onSessionStarted();
  const startedAt = clock.monotonicNow();
  while (clock.now() < incident.endMs && !hooks.shouldStop()) {
    if (incident.kind === 'fraud') {
      const amountMinor = incident.amountFactor * largestPrice(profile.currency);
      client.purchase({
        currency: profile.currency,
        amountMinor,
        itemType: 'gem_pack',
        itemId: 'gems_1200',
        transactionId: `tx-${playerId}-${clock.now()}-${n}`,
      });
      rec('purchase', { currency: profile.currency, amount: amountMinor });
    } else if (incident.kind === 'refund-burst') {
      const amountMinor = largestPrice(profile.currency);
      client.refund({
        currency: profile.currency,
        amountMinor,
        transactionId: `tx-${playerId}-stolen-${n}`,
        reason: incident.reason,
        store: 'google',
        itemType: 'gem_pack',
      });
      rec('refund', { action: incident.reason, currency: profile.currency, amount: amountMinor });
    } else {
      // Through a normal reward path: the exploit abuses what the game hands out.
      client.resource.source(incident.currency, incident.amount, 'reward', 'level_complete');
      rec('resource', { action: 'source', currency: incident.currency, amount: incident.amount });
    }
    n++;
    ledger?.incidentAffected(incident.id, playerId, { events: 1 });
    await clock.sleep(actorEveryMs(incident));
  }
  client.session.end();
  rec('session_end', { amount: clock.monotonicNow() - startedAt });
  await clock.settle(client.flush());
}
