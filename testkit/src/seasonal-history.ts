/**
 * Weeks of normal traffic as the processor's rows — rollup rows and player rows, what a
 * `RollupSink` commit takes — generated directly (not through the simulator and the
 * processor, which would take hours at this length), with daily and weekly seasonality
 * (@gamepulse/samples' curve) and Poisson noise, for a few games, platforms, countries
 * and builds ("segments"). Alert rules are evaluated over these rows to prove they stay
 * quiet on normal traffic, and over the same rows with an incident overlay (the
 * simulator's `IncidentSpec` kinds) to prove they fire.
 *
 * The model, per segment and minute: session starts ~ Poisson(online / session length ×
 * curve(t)); each session is one of the segment's players (drawn from a pool, so DAU is
 * the pool's distinct players of the day), lasts a geometric number of minutes (capped),
 * and in each of its minutes the player's events of each kind are Poisson with the
 * kind's rate per player-minute. Rollup rows sum those events per window, segment and
 * kind; player rows per window, segment and player (events, purchases, sessions,
 * revenue), as the processor writes them. `refundShare` of the purchases are refunded
 * (a store refund, one in four a chargeback) 30 minutes to 4 hours later, as a game
 * server forwards the store's notification: a `refund` row and the player's row (every
 * event marks its player, as the processor does).
 *
 * Seeded: each segment-minute draws from its own stream, and incidents from theirs, so an
 * incident changes only the rows it touches — rows of sessions that start outside its
 * window stay byte for byte what they are without it.
 */
import type { PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import { regionOf, sessionLengthBucket } from '@gamepulse/proto';
import { RowAccumulator, type RowKind, type Segment } from './history-rows.ts';
import {
  actorEveryMs,
  createRandom,
  largestPrice,
  COUNTRIES,
  resolveIncidents,
  resolveSeasonality,
  seasonalMultiplier,
  type IncidentSpec,
  type IncidentTruth,
  type Random,
  type ResolvedIncident,
  type SeasonalityOptions,
} from '@gamepulse/samples';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Local currency per country: the simulator's catalog. */
const CURRENCY_OF = new Map(COUNTRIES.map((c) => [c.country, c.currency]));
/** USD minor units per local minor unit: the reporting amount (JPY has no minor unit). */
const TO_USD: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, BRL: 0.2, JPY: 0.67 };

/** Events of each kind per player-minute of play (a casual game at one action every ~8 s, as the simulator plays). */
export const HISTORY_RATES = {
  progressionStart: 3.4,
  progressionComplete: 1.9,
  progressionFail: 1.5,
  goldSource: 2.3,
  goldSink: 0.8,
  gemsSink: 0.2,
  design: 1.9,
  featureUse: 0.75,
  social: 0.37,
  ad: 0.4,
  /** Each purchase also brings gems (a `resource` source of 550 gems, item `iap`). */
  purchase: 0.003,
  errorWarning: 0.01,
  errorError: 0.002,
} as const;

export type HistoryRates = { [K in keyof typeof HISTORY_RATES]: number };

/** The row each rate's events go to: event type, action, currency (virtual), item, amount per event. */
const KINDS: ReadonlyArray<{
  key: Exclude<keyof HistoryRates, 'purchase'>;
  eventType: string;
  action: string;
  currency: string;
  item: string;
  each: number;
}> = [
  { key: 'progressionStart', eventType: 'progression', action: 'start', currency: '', item: 'LEVEL', each: 0 },
  { key: 'progressionComplete', eventType: 'progression', action: 'complete', currency: '', item: 'LEVEL', each: 0 },
  { key: 'progressionFail', eventType: 'progression', action: 'fail', currency: '', item: 'LEVEL', each: 0 },
  { key: 'goldSource', eventType: 'resource', action: 'source', currency: 'gold', item: 'reward', each: 40 },
  { key: 'goldSink', eventType: 'resource', action: 'sink', currency: 'gold', item: 'booster', each: 120 },
  { key: 'gemsSink', eventType: 'resource', action: 'sink', currency: 'gems', item: 'booster', each: 10 },
  { key: 'design', eventType: 'design', action: '', currency: '', item: 'ui:shop:open', each: 0 },
  { key: 'featureUse', eventType: 'feature_use', action: '', currency: '', item: 'daily_bonus', each: 0 },
  { key: 'social', eventType: 'social', action: 'invite', currency: '', item: '', each: 0 },
  { key: 'ad', eventType: 'ad', action: 'show', currency: '', item: 'rewarded:shop', each: 0 },
  { key: 'errorWarning', eventType: 'error', action: 'warning', currency: '', item: '', each: 0 },
  { key: 'errorError', eventType: 'error', action: 'error', currency: '', item: '', each: 0 },
];

/** Delay between a purchase and its refund: uniform in [30 min, 4 h). */
const REFUND_DELAY_MIN_MS = 30 * MINUTE_MS;
const REFUND_DELAY_SPAN_MS = 210 * MINUTE_MS;
/** The store a platform's purchases go through (RollupRow.item of refund rows). */
const STORE_OF: Record<string, string> = { ios: 'apple', android: 'google' };

/** Gems a purchase brings (the 550-gem pack). */
const GEMS_PER_PURCHASE = 550;
/** Actions per minute of play in the simulator (one every 8 s): what a bad release's errorChance applies to. */
const ACTIONS_PER_MINUTE = 7.5;

export interface SeasonalHistoryOptions {
  /** First window (floored to the minute); a UTC midnight keeps days whole. */
  startMs: number;
  /** Days of minute windows from startMs. */
  days: number;
  /** Same seed, same rows. @default 1 */
  seed?: number | string;
  /** @default ['space-miner'] */
  games?: readonly string[];
  /** @default ['ios', 'android'] */
  platforms?: readonly string[];
  /** Countries (US, DE, FR, GB, BR or JP: their currency pays). @default ['US', 'DE'] */
  countries?: readonly string[];
  /** @default ['1.4.0', '1.4.1'] */
  builds?: readonly string[];
  /** Mean players online per segment (game × platform × country × build) on an average weekday. @default 5 */
  onlinePerSegment?: number;
  /** Players who play in a segment: each session picks one; DAU is how many of them play that day. @default 2_000 */
  playersPerSegment?: number;
  /** Mean session length in minutes (geometric). @default 6 */
  sessionMinutes?: number;
  /** Longest session in minutes. @default 30 */
  maxSessionMinutes?: number;
  /** Events per player-minute by kind. @default HISTORY_RATES */
  rates?: Partial<HistoryRates>;
  /** Share of purchases refunded later (drawn from a stream of their own). @default 0.02 */
  refundShare?: number;
  /** The activity curve (samples' seasonality.ts). `false`: flat. @default {} (the default curve) */
  seasonality?: SeasonalityOptions | false;
  /**
   * Incidents applied to the rows, as the simulator injects them: dau-drop drops that share
   * of the sessions starting in the window; fraud and exploit add their actors' rows
   * (session, purchases, sources or refunds, in a segment drawn for each actor); bad-release moves
   * that share of the window's sessions to the bad build and adds errors at errorChance
   * per action (7.5 actions a minute); sdk-drops moves that share to its build and adds
   * rows of events the SDK dropped (sdk_dropped, GP_EVENT_CURRENCY_INVALID) at dropChance
   * per action; collector-slowdown changes no row. @default []
   */
  incidents?: readonly IncidentSpec[];
  /**
   * Events the SDKs drop on normal traffic (queue full: a device offline too long), as a
   * share of each session-minute's events: rows of event_type sdk_dropped, reason
   * GP_SDK_QUEUE_FULL, drawn from a stream of their own (the other rows do not change).
   * @default 0.002
   */
  sdkDropShare?: number;
}

export interface SeasonalHistory {
  rollups: RollupRowData[];
  players: PlayerWindowData[];
  /** Ground truth of each incident (as the simulator's ledger keeps it). */
  incidents: IncidentTruth[];
}

/** Poisson-distributed count with mean `lambda` (Knuth's method; normal approximation above 40). */
export function poisson(rng: Random, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 40) {
    const u = 1 - rng.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Levels a player may be at (progression items): a player stays at one, by its pool index. */
const LEVELS = 10;

/** The accumulator's slots: each kind, progression kinds once per level; then session starts. */
function slotTable(): { slots: RowKind[]; kindSlot: (k: number, level: number) => number; sessionStart: number } {
  const slots: RowKind[] = [];
  const first: number[] = [];
  for (const kind of KINDS) {
    first.push(slots.length);
    if (kind.item === 'LEVEL') for (let l = 0; l < LEVELS; l++) slots.push({ ...kind, item: `forest:level${l + 1}` });
    else slots.push(kind);
  }
  const sessionStart = slots.length;
  slots.push({ eventType: 'session_start' });
  return { slots, kindSlot: (k, level) => first[k]! + (KINDS[k]!.item === 'LEVEL' ? level : 0), sessionStart };
}

function segmentsOf(o: {
  games: readonly string[];
  platforms: readonly string[];
  countries: readonly string[];
  builds: readonly string[];
}): Segment[] {
  const out: Segment[] = [];
  for (const gameId of o.games)
    for (const platform of o.platforms)
      for (const country of o.countries) {
        const currency = CURRENCY_OF.get(country);
        if (!currency) throw new RangeError(`country ${country} has no catalog currency; use one of ${[...CURRENCY_OF.keys()].join(', ')}`);
        const { region, subregion } = regionOf(country);
        for (const build of o.builds) out.push({ index: out.length, gameId, platform, country, build, currency, region, subregion });
      }
  return out;
}

/** Normal traffic (and any incidents) as the processor's rows; see the file comment for the model. */
export function seasonalRollupHistory(options: SeasonalHistoryOptions): SeasonalHistory {
  const seed = options.seed ?? 1;
  const startMs = Math.floor(options.startMs / MINUTE_MS) * MINUTE_MS;
  const minutes = Math.round(options.days * 1440);
  const rates: HistoryRates = { ...HISTORY_RATES, ...options.rates };
  const online = options.onlinePerSegment ?? 5;
  const pool = options.playersPerSegment ?? 2_000;
  const meanLength = options.sessionMinutes ?? 6;
  const maxLength = options.maxSessionMinutes ?? 30;
  if (!(meanLength >= 1) || !(maxLength >= 1)) throw new RangeError('sessionMinutes and maxSessionMinutes must be ≥ 1');
  const season = options.seasonality === false ? undefined : resolveSeasonality(options.seasonality ?? {});
  const segments = segmentsOf({
    games: options.games ?? ['space-miner'],
    platforms: options.platforms ?? ['ios', 'android'],
    countries: options.countries ?? ['US', 'DE'],
    builds: options.builds ?? ['1.4.0', '1.4.1'],
  });
  const incidents = resolveIncidents(options.incidents ?? []);
  const truths = new Map<string, { truth: IncidentTruth; players: Set<string> }>();
  for (const i of incidents)
    truths.set(i.id, {
      truth: {
        id: i.id,
        kind: i.kind,
        startMs: i.startMs,
        endMs: i.endMs,
        players: [],
        sessions: 0,
        events: 0,
        ...(i.kind === 'bad-release' || i.kind === 'sdk-drops' ? { build: i.build } : {}),
        ...(i.kind === 'exploit' ? { currency: i.currency } : {}),
      },
      players: new Set(),
    });
  const touched = (i: ResolvedIncident, playerId: string, n: { sessions?: number; events?: number }) => {
    const t = truths.get(i.id)!;
    t.players.add(playerId);
    t.truth.sessions += n.sessions ?? 0;
    t.truth.events += n.events ?? 0;
  };
  const incidentRnd = new Map(incidents.map((i) => [i.id, createRandom(`${seed}/history-incident/${i.id}`)]));
  const dropShare = options.sdkDropShare ?? 0.002;
  const startDayMs = Math.floor(startMs / DAY_MS) * DAY_MS;
  // Geometric session length in minutes, mean `meanLength`, at least 1.
  const stay = meanLength > 1 ? Math.log(1 - 1 / meanLength) : -Infinity;

  const refundShare = options.refundShare ?? 0.02;
  if (!(refundShare >= 0 && refundShare <= 1)) throw new RangeError(`refundShare must be in [0, 1], got ${refundShare}`);
  const endMs = startMs + minutes * MINUTE_MS;
  const table = slotTable();
  const acc = new RowAccumulator(table.slots);
  const out: { rollups: RollupRowData[]; players: PlayerWindowData[] } = { rollups: [], players: [] };
  for (let m = 0; m < minutes; m++) {
    const windowMs = startMs + m * MINUTE_MS;
    const curve = season ? seasonalMultiplier(season, windowMs) : 1;
    for (const seg of segments) {
      const rng = createRandom(`${seed}/history/${seg.index}/${m}`);
      // The SDK's normal drops, from a stream of their own: the other rows are as without them.
      const dropRnd = createRandom(`${seed}/history-sdk-drops/${seg.index}/${m}`);
      const starts = poisson(rng, (online / meanLength) * curve);
      for (let s = 0; s < starts; s++) {
        // The session's content, all from the segment-minute's stream.
        const p = rng.int(0, pool - 1);
        const playerId = `hp-${seed}-${seg.index}-${p}`;
        const firstSeenDayMs = startDayMs - (p % 60) * DAY_MS;
        const length = Math.min(maxLength, stay === -Infinity ? 1 : Math.max(1, Math.ceil(Math.log(1 - rng.next()) / stay)));
        const lengthMs = length * MINUTE_MS - rng.int(0, 59_000);
        const level = p % LEVELS;
        const perMinute = Array.from({ length }, () => ({
          counts: KINDS.map((k) => poisson(rng, rates[k.key])),
          purchases: poisson(rng, rates.purchase),
          prices: [] as number[],
        }));
        for (const pm of perMinute)
          for (let b = 0; b < pm.purchases; b++) pm.prices.push(Math.round(largestPrice(seg.currency) * rng.pick([0.1, 0.5, 1])));
        // Incidents decide from their own streams, after the content is drawn.
        let build = seg.build;
        let badRelease: Extract<ResolvedIncident, { kind: 'bad-release' }> | undefined;
        let sdkDrops: Extract<ResolvedIncident, { kind: 'sdk-drops' }> | undefined;
        let blocked = false;
        for (const i of incidents) {
          if (windowMs < i.startMs || windowMs >= i.endMs) continue;
          const r = incidentRnd.get(i.id)!;
          if (i.kind === 'dau-drop' && !blocked && r.chance(i.share)) {
            blocked = true;
            touched(i, playerId, { sessions: 1 });
          }
          if (i.kind === 'bad-release' && !badRelease && r.chance(i.share)) badRelease = i;
          if (i.kind === 'sdk-drops' && !sdkDrops && !badRelease && r.chance(i.share)) sdkDrops = i;
        }
        if (blocked) continue;
        // Refunds of this session's purchases, from a stream of their own (the rows above stay as they are without refunds).
        const refundRnd = perMinute.some((pm) => pm.purchases > 0)
          ? createRandom(`${seed}/history-refund/${seg.index}/${m}/${s}`)
          : undefined;
        if (badRelease) {
          build = badRelease.build;
          touched(badRelease, playerId, { sessions: 1 });
        }
        if (sdkDrops) {
          build = sdkDrops.build;
          touched(sdkDrops, playerId, { sessions: 1 });
        }
        for (const [j, pm] of perMinute.entries()) {
          const w = windowMs + j * MINUTE_MS;
          let events = 0;
          if (j === 0) {
            acc.slot(w, seg, build, table.sessionStart, 1, 0);
            events++;
          }
          for (let k = 0; k < KINDS.length; k++) {
            const n = pm.counts[k]!;
            acc.slot(w, seg, build, table.kindSlot(k, level), n, n * KINDS[k]!.each);
            events += n;
          }
          let revenue = 0;
          for (const price of pm.prices) {
            const reporting = Math.round(price * TO_USD[seg.currency]!);
            acc.rollup(w, seg, build, { eventType: 'purchase', currency: seg.currency, item: 'gem_pack' }, 1, price, reporting);
            acc.rollup(w, seg, build, { eventType: 'resource', action: 'source', currency: 'gems', item: 'iap' }, 1, GEMS_PER_PURCHASE);
            revenue += reporting;
            events += 2;
            if (refundRnd && refundRnd.chance(refundShare)) {
              const reason = refundRnd.chance(0.25) ? 'chargeback' : 'refund';
              const at = w + REFUND_DELAY_MIN_MS + Math.floor((refundRnd.next() * REFUND_DELAY_SPAN_MS) / MINUTE_MS) * MINUTE_MS;
              if (at < endMs) {
                const refund = { eventType: 'refund', action: reason, currency: seg.currency, item: STORE_OF[seg.platform] ?? 'web' };
                // The usual build: the refund comes from the game server, not the session's app.
                acc.rollup(at, seg, seg.build, refund, 1, price, reporting);
                acc.player(at, seg, seg.build, playerId, firstSeenDayMs, { events: 1, purchases: 0, sessions: 0, revenue: 0 });
              }
            }
          }
          // The normal drops scale with the session's own events, not with what an incident adds.
          const normalDrops = poisson(dropRnd, events * dropShare);
          if (badRelease) {
            const r = incidentRnd.get(badRelease.id)!;
            const errors = poisson(r, badRelease.errorChance * ACTIONS_PER_MINUTE);
            let critical = 0;
            for (let e = 0; e < errors; e++) if (r.chance(badRelease.criticalShare)) critical++;
            acc.rollup(w, seg, build, { eventType: 'error', action: 'critical' }, critical);
            acc.rollup(w, seg, build, { eventType: 'error', action: 'error' }, errors - critical);
            touched(badRelease, playerId, { events: errors });
            events += errors;
          }
          if (j === length - 1) {
            acc.rollup(w, seg, build, { eventType: 'session_end', item: sessionLengthBucket(lengthMs) }, 1, lengthMs);
            events++;
          }
          if (sdkDrops) {
            const dropped = poisson(incidentRnd.get(sdkDrops.id)!, sdkDrops.dropChance * ACTIONS_PER_MINUTE);
            acc.rollup(w, seg, build, { eventType: 'sdk_dropped', action: 'GP_EVENT_CURRENCY_INVALID' }, dropped);
            touched(sdkDrops, playerId, { events: dropped });
          }
          acc.rollup(w, seg, build, { eventType: 'sdk_dropped', action: 'GP_SDK_QUEUE_FULL' }, normalDrops);
          acc.player(w, seg, build, playerId, firstSeenDayMs, { events, purchases: pm.prices.length, sessions: j === 0 ? 1 : 0, revenue });
        }
      }
    }
    acc.flush(windowMs + MINUTE_MS, out);
  }
  acc.flush(Number.POSITIVE_INFINITY, out);

  // Fraud, exploit and refund-burst actors: their own rows, in a segment drawn for each.
  for (const i of incidents) {
    if (i.kind !== 'fraud' && i.kind !== 'exploit' && i.kind !== 'refund-burst') continue;
    const r = incidentRnd.get(i.id)!;
    for (let n = 0; n < i.players; n++) {
      const seg = r.pick(segments);
      const playerId = `player-${seed}-${i.kind}${i.id.slice(0, i.id.indexOf(':'))}-${n}`;
      const acts = actorRows(i, seg, playerId, startDayMs, new RowAccumulator(table.slots), out);
      touched(i, playerId, { sessions: 1, events: acts });
    }
  }
  return {
    ...out,
    incidents: [...truths.values()].map(({ truth, players }) => ({ ...truth, players: [...players].sort() })),
  };
}

/**
 * One fraud, exploit or refund-burst actor's rows, as the simulator's actor plays: a
 * session across the window and a purchase, a source or a refund every interval.
 * Returns how many it made.
 */
function actorRows(
  i: Extract<ResolvedIncident, { kind: 'fraud' | 'exploit' | 'refund-burst' }>,
  seg: Segment,
  playerId: string,
  firstSeenDayMs: number,
  acc: RowAccumulator,
  out: { rollups: RollupRowData[]; players: PlayerWindowData[] },
): number {
  const everyMs = actorEveryMs(i);
  const amount =
    i.kind === 'fraud' ? i.amountFactor * largestPrice(seg.currency) : i.kind === 'refund-burst' ? largestPrice(seg.currency) : i.amount;
  const windowOf = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  const none = { events: 1, purchases: 0, sessions: 0, revenue: 0 };
  acc.rollup(windowOf(i.startMs), seg, seg.build, { eventType: 'session_start' }, 1);
  acc.player(windowOf(i.startMs), seg, seg.build, playerId, firstSeenDayMs, { ...none, sessions: 1 });
  let count = 0;
  for (let t = i.startMs; t < i.endMs; t += everyMs) {
    const w = windowOf(t);
    if (i.kind === 'fraud') {
      const reporting = Math.round(amount * TO_USD[seg.currency]!);
      acc.rollup(w, seg, seg.build, { eventType: 'purchase', currency: seg.currency, item: 'gem_pack' }, 1, amount, reporting);
      acc.player(w, seg, seg.build, playerId, firstSeenDayMs, { ...none, purchases: 1, revenue: reporting });
    } else if (i.kind === 'refund-burst') {
      const reporting = Math.round(amount * TO_USD[seg.currency]!);
      const refund = { eventType: 'refund', action: i.reason, currency: seg.currency, item: 'google' };
      acc.rollup(w, seg, seg.build, refund, 1, amount, reporting);
      acc.player(w, seg, seg.build, playerId, firstSeenDayMs, none);
    } else {
      acc.rollup(w, seg, seg.build, { eventType: 'resource', action: 'source', currency: i.currency, item: 'reward' }, 1, amount);
      acc.player(w, seg, seg.build, playerId, firstSeenDayMs, none);
    }
    count++;
  }
  const lengthMs = i.endMs - i.startMs;
  acc.rollup(windowOf(i.endMs - 1), seg, seg.build, { eventType: 'session_end', item: sessionLengthBucket(lengthMs) }, 1, lengthMs);
  acc.player(windowOf(i.endMs - 1), seg, seg.build, playerId, firstSeenDayMs, none);
  acc.flush(Number.POSITIVE_INFINITY, out);
  return count;
}
