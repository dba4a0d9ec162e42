/**
 * Simulated traffic for the Druid suite: the samples' player simulator drives a
 * recording game client (no SDK, no network) that keeps every tracked event with its
 * simulated time. Several waves of players start on different days, so there are
 * several install cohorts, and play for up to five weeks, so D30 has data.
 */
import { createSimulator, type GameClient, type InstallProfile, type SimClock, type SimulatorOptions } from '@gamepulse/samples';

export const DAY_MS = 86_400_000;

/** One tracked event, as the game reported it (the fields a rollup needs). */
export interface SimEvent {
  tsMs: number;
  playerId: string;
  /** The device the event came from (a player may play on several). */
  installId: string;
  gameId: string;
  build: string;
  platform: string;
  country: string;
  /** snake_case, as in rollups */
  type: string;
  action: string;
  currency: string;
  item: string;
  amount: number;
  value: number;
  /** experiment_exposure only: 'experiment:variant' */
  exposure: string;
}

export interface Wave {
  gameId: string;
  /** Day (from `startMs`) the wave's players install. */
  day: number;
  players: number;
}

export interface TrafficOptions {
  /** UTC midnight of day 0. */
  startMs: number;
  /** Simulated days in total. */
  days: number;
  waves: readonly Wave[];
  seed: string;
  maxSessionsPerPlayer: number;
  /** Mean pause between actions in a session (simulated ms): larger = fewer events. */
  actionGapMs?: number;
  /** Passed to the simulator (SimulatorOptions). */
  multiDeviceShare?: number;
  experiments?: SimulatorOptions['experiments'];
}

export function recordingClient(profile: InstallProfile, clock: SimClock, gameId: string, out: SimEvent[]): GameClient {
  const push = (type: string, f: Partial<SimEvent> = {}) =>
    out.push({
      tsMs: clock.now(),
      playerId: profile.playerId,
      installId: profile.installId,
      gameId,
      build: profile.build,
      platform: profile.platform,
      country: profile.country,
      type,
      action: '',
      currency: '',
      item: '',
      amount: 0,
      value: 0,
      exposure: '',
      ...f,
    });
  const tiers = (t1: string, t2?: string, t3?: string) => [t1, t2, t3].filter((t) => t).join(':');
  return {
    session: {
      start: () => push('session_start'),
      // The simulator reports the length to its ledger; the SDK computes it from the session clock.
      end: () => push('session_end'),
    },
    progression: {
      start: (a, b, c) => push('progression', { action: 'start', item: tiers(a, b, c) }),
      complete: (a, b, c) => push('progression', { action: 'complete', item: tiers(a, b, c) }),
      fail: (a, b, c) => push('progression', { action: 'fail', item: tiers(a, b, c) }),
    },
    purchase: (p) => push('purchase', { currency: p.currency, amount: p.amountMinor, item: p.itemType }),
    // item: the store (RollupRow.item of refund events), action: the reason.
    refund: (r) => push('refund', { action: r.reason, currency: r.currency, amount: r.amountMinor, item: r.store ?? '' }),
    resource: {
      source: (currency, amount, itemType) => push('resource', { action: 'source', currency, amount, item: itemType }),
      sink: (currency, amount, itemType) => push('resource', { action: 'sink', currency, amount, item: itemType }),
    },
    design: (eventId, value) => push('design', { item: eventId, value: value ?? 0 }),
    // item: 'ad_type:placement', or the ad type without a placement (RollupRow.item of ad events).
    ad: (a) => push('ad', { action: a.action, item: a.placement ? `${a.adType}:${a.placement}` : a.adType }),
    social: (action) => push('social', { action }),
    featureUsed: (feature) => push('feature_use', { item: feature }),
    error: (severity) => push('error', { action: severity }),
    experiment: { exposure: (experiment, variant) => push('experiment_exposure', { exposure: `${experiment}:${variant}` }) },
    flush: async () => undefined,
    shutdown: async () => undefined,
  };
}

/** Every event of every wave, sorted by time (then player, for a stable order). */
export async function simulateTraffic(o: TrafficOptions): Promise<SimEvent[]> {
  const events: SimEvent[] = [];
  for (const [i, wave] of o.waves.entries()) {
    const simulator = createSimulator({
      players: wave.players,
      seed: `${o.seed}-w${i}`,
      mode: 'virtual',
      startMs: o.startMs + wave.day * DAY_MS,
      days: o.days - wave.day,
      maxSessionsPerPlayer: o.maxSessionsPerPlayer,
      ...(o.actionGapMs !== undefined ? { actionGapMs: o.actionGapMs } : {}),
      ...(o.multiDeviceShare !== undefined ? { multiDeviceShare: o.multiDeviceShare } : {}),
      ...(o.experiments !== undefined ? { experiments: o.experiments } : {}),
      createClient: (profile, clock) => recordingClient(profile, clock, wave.gameId, events),
    });
    await simulator.run();
  }
  // session_end carries the session length: the time since the player's session_start.
  const open = new Map<string, number>();
  events.sort((a, b) => a.tsMs - b.tsMs || (a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0));
  for (const e of events) {
    if (e.type === 'session_start') open.set(e.installId, e.tsMs);
    if (e.type === 'session_end') e.amount = e.tsMs - (open.get(e.installId) ?? e.tsMs);
  }
  return events;
}
