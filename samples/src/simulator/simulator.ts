/**
 * Drives simulated players through real SDK clients. Virtual mode runs a fixed cohort
 * to completion (tests, benchmarks); realtime mode keeps `players` in the game until
 * stopped, replacing those who churn (the `npm start` demo).
 */
import { setMaxListeners } from 'node:events';
import { BUILDS, COUNTRIES, PLATFORMS } from './catalog.ts';
import type { InstallProfile } from './game-client.ts';
import { actorIds, isActorIncident, runActor, sessionPlanner, type ActorIncident } from './incidents.ts';
import { resolveSimulatorOptions, type ResolvedSimulatorOptions, type SimulatorOptions } from './options.ts';
import { drawTraits, runPlayer, type Lifecycle, type PlayerDevice, type PlayerIncidents } from './player.ts';
import { createRandom, type Random } from './random.ts';
import { seasonalPlayersAt } from './seasonality.ts';
import { createRealtimeClock, createVirtualClock, type SimClock } from './sim-clock.ts';

export interface SimulatorStats {
  playersStarted: number;
  playersFinished: number;
  playersChurned: number;
  sessions: number;
  eventsTracked: number;
}

/** What became of one player: the churn ground truth (SimulatorOptions.churnRate). */
export interface PlayerOutcome {
  playerId: string;
  /** The player's installs (two with a second device). */
  installIds: string[];
  sessions: number;
  /** Start time of the first and the last session (NaN without any). */
  firstSessionMs: number;
  lastSessionMs: number;
  /**
   * The player quit: per-session model, it rolled churn after a session; lifecycle
   * model, it was drawn a churner (it stops at `stopMs`, or played to the end when the
   * simulation ended first, or `maxSessionsPerPlayer` cut it short).
   */
  churned: boolean;
  /** Lifecycle model, churners only: when its session rate starts to fall and it stops paying. */
  declineStartMs?: number;
  /** Lifecycle model, churners only: it starts no session from here on. */
  stopMs?: number;
}

export interface Simulator {
  /** Resolves when all players finished (virtual) or after `stop()` once every client shut down (realtime). */
  run(): Promise<SimulatorStats>;
  /** Players end their session, flush and shut their clients down; `run()` then resolves. */
  stop(): void;
  stats(): SimulatorStats;
  /** Every finished player's outcome, in the order they finished (ground truth for churn). */
  players(): PlayerOutcome[];
}

/**
 * A player's churn fate under the lifecycle model, from its own random stream (a fork:
 * the player's main stream, hence its traffic up to the decline, is untouched).
 */
function drawLifecycle(o: ResolvedSimulatorOptions, rnd: Random, playerStartMs: number): Lifecycle | undefined {
  if (o.churnRate === undefined || o.mode !== 'virtual') return undefined;
  const r = rnd.fork('churn');
  if (!r.chance(o.churnRate)) return 'steady';
  const declineMs = o.churnDeclineDays * 86_400_000;
  const endMs = o.startMs + o.days * 86_400_000;
  const earliest = Math.min(playerStartMs + declineMs, endMs);
  const stopMs = Math.floor(earliest + r.next() * (endMs - earliest));
  return { declineStartMs: stopMs - declineMs, stopMs };
}

function pickCountry(rnd: Random) {
  const total = COUNTRIES.reduce((s, c) => s + c.weight, 0);
  let x = rnd.next() * total;
  for (const c of COUNTRIES) if ((x -= c.weight) < 0) return c;
  return COUNTRIES[0]!;
}

export function profileFor(
  seed: number | string,
  index: number,
  rnd: Random,
): InstallProfile & { currency: (typeof COUNTRIES)[number]['currency'] } {
  const c = pickCountry(rnd);
  return {
    installId: `sim-${seed}-${index}`,
    playerId: `player-${seed}-${index}`,
    platform: rnd.pick(PLATFORMS),
    build: rnd.pick(BUILDS),
    country: c.country,
    locale: c.locale,
    currency: c.currency,
  };
}

/** The same player's second install: its own install id, another platform. */
function secondDevice(first: InstallProfile, rnd: Random): InstallProfile {
  const others = PLATFORMS.filter((p) => p !== first.platform);
  return { ...first, installId: `${first.installId}-d2`, platform: rnd.pick(others) };
}

/** How often a realtime lane above the seasonal target looks again (wall-clock ms). */
const SEASONAL_LANE_CHECK_MS = 10_000;

export function createSimulator(options: SimulatorOptions): Simulator {
  const o: ResolvedSimulatorOptions = resolveSimulatorOptions(options);
  const stats: SimulatorStats = { playersStarted: 0, playersFinished: 0, playersChurned: 0, sessions: 0, eventsTracked: 0 };
  const outcomes: PlayerOutcome[] = [];
  let stopped = false;
  let next = 0;
  const abort = new AbortController();
  // One listener per sleeping player: as many as there are players, by design.
  setMaxListeners(0, abort.signal);
  const actors = o.incidents.filter(isActorIncident);
  for (const i of o.incidents) {
    o.ledger?.recordIncident({
      id: i.id,
      kind: i.kind,
      startMs: i.startMs,
      endMs: i.endMs,
      ...(i.kind === 'bad-release' || i.kind === 'sdk-drops' ? { build: i.build } : {}),
      ...(i.kind === 'exploit' ? { currency: i.currency } : {}),
    });
  }
  // Realtime with seasonality: lanes at or above this many wait (players at the peak: o.players).
  const season = o.mode === 'realtime' ? o.seasonality : undefined;
  const laneTarget = (nowMs: number) => (season ? seasonalPlayersAt(o.players, season, nowMs) : o.players);

  /** What the incidents do to one player's sessions; undefined without session incidents. */
  function playerIncidents(rnd: Random, clock: SimClock, extraDevices: PlayerDevice[]): PlayerIncidents | undefined {
    if (!o.incidents.some((i) => i.kind === 'dau-drop' || i.kind === 'bad-release' || i.kind === 'sdk-drops')) return undefined;
    const byBuild = new Map<string, PlayerDevice>();
    return {
      plan: sessionPlanner(o.incidents, rnd.fork('incidents')),
      rnd: rnd.fork('incident-errors'),
      deviceOn(build, usual) {
        let d = byBuild.get(build);
        if (!d) {
          // Its own install: the usual install's batch sequences stay untouched.
          const profile = { ...usual.profile, installId: `${usual.profile.installId}-${build}`, build };
          d = { profile, client: o.createClient(profile, clock) };
          byBuild.set(build, d);
          extraDevices.push(d);
        }
        return d;
      },
    };
  }

  async function playActor(incident: ActorIncident, n: number): Promise<void> {
    const rnd = createRandom(`${o.seed}/incident/${incident.id}/${n}`);
    const profile = { ...profileFor(o.seed, 0, rnd), ...actorIds(o.seed, incident, n) };
    let clock: SimClock;
    if (o.mode === 'realtime') {
      // The incident's time is the wall clock's: wait for it at life's pace.
      clock = createRealtimeClock(1, abort.signal);
      await clock.sleep(incident.startMs - clock.now());
      if (stopped || clock.now() >= incident.endMs) return;
    } else clock = createVirtualClock(incident.startMs);
    o.ledger?.incidentAffected(incident.id, profile.playerId, { sessions: 1 });
    const client = o.createClient(profile, clock);
    try {
      await runActor(incident, profile, client, clock, o.ledger, {
        shouldStop: () => stopped,
        onTracked: () => void stats.eventsTracked++,
        onSessionStarted: () => void stats.sessions++,
      });
    } finally {
      await clock.settle(client.shutdown());
    }
  }

  async function playOne(index: number, lane: number): Promise<void> {
    const rnd = createRandom(`${o.seed}/player/${index}`);
    const profile = profileFor(o.seed, index, rnd);
    const traits = drawTraits(rnd, profile.currency, o.sessionMedianMs, o.payerShare);
    const realtime = o.mode === 'realtime';
    // Virtual players start at staggered times (by default across the first day).
    const clock = realtime
      ? createRealtimeClock(o.timeScale, abort.signal)
      : createVirtualClock(o.startMs + Math.floor(rnd.next() * o.staggerMs));
    const lifecycle = drawLifecycle(o, rnd, clock.now());
    const profiles: InstallProfile[] = [profile];
    // Drawn only when enabled: with the default 0 a player's random stream is unchanged.
    if (o.multiDeviceShare > 0 && rnd.chance(o.multiDeviceShare)) profiles.push(secondDevice(profile, rnd));
    const devices = profiles.map((p) => ({ profile: p, client: o.createClient(p, clock) }));
    const extraDevices: PlayerDevice[] = [];
    const incidents = playerIncidents(rnd, clock, extraDevices);
    stats.playersStarted++;
    try {
      const result = await runPlayer(devices, traits, clock, o.ledger, rnd, {
        experiments: o.experiments,
        untilMs: realtime ? Number.POSITIVE_INFINITY : o.startMs + o.days * 86_400_000,
        maxSessions: realtime ? Number.POSITIVE_INFINITY : o.maxSessionsPerPlayer,
        actionGapMs: o.actionGapMs,
        purchaseOffers: o.purchaseOffersPerPlayer,
        refundShare: o.refundShare,
        starterOffer: o.starterOffer,
        ...(o.idleGapMs !== undefined ? { idleGapMs: o.idleGapMs } : {}),
        shouldStop: () => stopped || (season !== undefined && lane >= laneTarget(clock.now())),
        onTracked: () => void stats.eventsTracked++,
        onSessionStarted: () => void stats.sessions++,
        ...(lifecycle !== undefined ? { lifecycle } : {}),
        ...(incidents !== undefined ? { incidents } : {}),
        ...(o.mode === 'virtual' && o.seasonality !== undefined ? { seasonality: o.seasonality } : {}),
      });
      if (result.churned) stats.playersChurned++;
      outcomes.push({
        playerId: profile.playerId,
        installIds: profiles.map((p) => p.installId),
        sessions: result.sessions,
        firstSessionMs: result.firstSessionMs,
        lastSessionMs: result.lastSessionMs,
        churned: result.churned,
        ...(typeof lifecycle === 'object' ? lifecycle : {}),
      });
    } finally {
      for (const d of [...devices, ...extraDevices]) await clock.settle(d.client.shutdown());
      stats.playersFinished++;
    }
  }

  async function worker(lane: number): Promise<void> {
    const idle = season ? createRealtimeClock(1, abort.signal) : undefined;
    while (!stopped) {
      if (o.mode === 'virtual' && next >= o.players) return;
      // Realtime with seasonality: a lane above the target waits for the curve to rise.
      if (idle && lane >= laneTarget(idle.now())) {
        await idle.sleep(SEASONAL_LANE_CHECK_MS);
        continue;
      }
      await playOne(next++, lane);
    }
  }

  let running: Promise<SimulatorStats> | undefined;
  return {
    // One run: a second call (after stop()) waits for the same players to finish.
    run() {
      running ??= (async () => {
        const lanes = o.mode === 'virtual' ? Math.min(o.concurrency, o.players) : o.players;
        const actorRuns = actors.flatMap((i) => Array.from({ length: i.players }, (_, n) => playActor(i, n)));
        await Promise.all([...Array.from({ length: lanes }, (_, lane) => worker(lane)), ...actorRuns]);
        return { ...stats };
      })();
      return running;
    },
    stop() {
      stopped = true;
      abort.abort();
    },
    stats: () => ({ ...stats }),
    players: () => outcomes.map((x) => ({ ...x, installIds: [...x.installIds] })),
  };
}
