/**
 * Drives simulated players through real SDK clients. Virtual mode runs a fixed cohort
 * to completion (tests, benchmarks); realtime mode keeps `players` in the game until
 * stopped, replacing those who churn (the `npm start` demo).
 */
import { setMaxListeners } from 'node:events';
import { BUILDS, COUNTRIES, PLATFORMS } from './catalog.ts';
import type { InstallProfile } from './game-client.ts';
import { resolveSimulatorOptions, type ResolvedSimulatorOptions, type SimulatorOptions } from './options.ts';
import { drawTraits, runPlayer } from './player.ts';
import { createRandom, type Random } from './random.ts';
import { createRealtimeClock, createVirtualClock } from './sim-clock.ts';

export interface SimulatorStats {
  playersStarted: number;
  playersFinished: number;
  playersChurned: number;
  sessions: number;
  eventsTracked: number;
}

export interface Simulator {
  /** Resolves when all players finished (virtual) or after `stop()` once every client shut down (realtime). */
  run(): Promise<SimulatorStats>;
  /** Players end their session, flush and shut their clients down; `run()` then resolves. */
  stop(): void;
  stats(): SimulatorStats;
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

export function createSimulator(options: SimulatorOptions): Simulator {
  const o: ResolvedSimulatorOptions = resolveSimulatorOptions(options);
  const stats: SimulatorStats = { playersStarted: 0, playersFinished: 0, playersChurned: 0, sessions: 0, eventsTracked: 0 };
  let stopped = false;
  let next = 0;
  const abort = new AbortController();
  // One listener per sleeping player: as many as there are players, by design.
  setMaxListeners(0, abort.signal);

  async function playOne(index: number): Promise<void> {
    const rnd = createRandom(`${o.seed}/player/${index}`);
    const profile = profileFor(o.seed, index, rnd);
    const traits = drawTraits(rnd, profile.currency, o.sessionMedianMs);
    const realtime = o.mode === 'realtime';
    // Virtual players start at staggered times (by default across the first day).
    const clock = realtime
      ? createRealtimeClock(o.timeScale, abort.signal)
      : createVirtualClock(o.startMs + Math.floor(rnd.next() * o.staggerMs));
    const profiles: InstallProfile[] = [profile];
    // Drawn only when enabled: with the default 0 a player's random stream is unchanged.
    if (o.multiDeviceShare > 0 && rnd.chance(o.multiDeviceShare)) profiles.push(secondDevice(profile, rnd));
    const devices = profiles.map((p) => ({ profile: p, client: o.createClient(p, clock) }));
    stats.playersStarted++;
    try {
      const result = await runPlayer(devices, traits, clock, o.ledger, rnd, {
        experiments: o.experiments,
        untilMs: realtime ? Number.POSITIVE_INFINITY : o.startMs + o.days * 86_400_000,
        maxSessions: realtime ? Number.POSITIVE_INFINITY : o.maxSessionsPerPlayer,
        actionGapMs: o.actionGapMs,
        ...(o.idleGapMs !== undefined ? { idleGapMs: o.idleGapMs } : {}),
        shouldStop: () => stopped,
        onTracked: () => void stats.eventsTracked++,
        onSessionStarted: () => void stats.sessions++,
      });
      if (result.churned) stats.playersChurned++;
    } finally {
      for (const d of devices) await clock.settle(d.client.shutdown());
      stats.playersFinished++;
    }
  }

  async function worker(): Promise<void> {
    while (!stopped) {
      if (o.mode === 'virtual' && next >= o.players) return;
      await playOne(next++);
    }
  }

  return {
    async run() {
      const lanes = o.mode === 'virtual' ? Math.min(o.concurrency, o.players) : o.players;
      await Promise.all(Array.from({ length: lanes }, () => worker()));
      return { ...stats };
    },
    stop() {
      stopped = true;
      abort.abort();
    },
    stats: () => ({ ...stats }),
  };
}
