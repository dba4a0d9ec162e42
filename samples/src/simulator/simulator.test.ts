import { describe, expect, it } from 'vitest';
import type { GameClient } from './game-client.ts';
import { Ledger } from './ledger.ts';
import { createVirtualClock, type SimClock } from './sim-clock.ts';
import { createSimulator } from './simulator.ts';
import { CONCURRENT_EXPERIMENTS, STARTER_OFFER, type ExperimentVariant } from './catalog.ts';
import { assignVariant } from './player.ts';

/** Records what the simulator asks of the SDK, keyed by the rollup event type. */
function recordingClient(calls: Array<{ type: string; ts: number }>, clock: SimClock): GameClient {
  const r = (type: string) => () => void calls.push({ type, ts: clock.now() });
  return {
    session: { start: r('session_start'), end: r('session_end') },
    progression: { start: r('progression'), complete: r('progression'), fail: r('progression') },
    purchase: r('purchase'),
    refund: r('refund'),
    resource: { source: r('resource'), sink: r('resource') },
    design: r('design'),
    ad: r('ad'),
    social: r('social'),
    featureUsed: r('feature_use'),
    error: r('error'),
    experiment: { exposure: r('experiment_exposure') },
    flush: async () => {},
    shutdown: async () => {},
  };
}

async function simulate(seed: number) {
  const calls: Array<{ type: string; ts: number }> = [];
  const ledger = new Ledger();
  const stats = await createSimulator({
    players: 40,
    seed,
    days: 2,
    startMs: Date.UTC(2026, 10, 1),
    ledger,
    createClient: (_p, clock) => recordingClient(calls, clock),
  }).run();
  return { calls, totals: ledger.totals(), stats };
}

describe('samples/simulator', () => {
  it('mirrors every SDK call into the ledger', async () => {
    const { calls, totals, stats } = await simulate(7);
    expect(calls.length).toBeGreaterThan(500);
    expect(totals.events).toBe(calls.length);
    expect(stats.eventsTracked).toBe(calls.length);
    const byType: Record<string, number> = {};
    for (const c of calls) byType[c.type] = (byType[c.type] ?? 0) + 1;
    expect(totals.eventsByType).toEqual(byType);
    expect(totals.sessionsStarted).toBe(byType.session_start);
    expect(stats.sessions).toBe(byType.session_start);
    expect(stats.playersFinished).toBe(40);
    expect(Object.values(totals.eventsByWindow).reduce((a, b) => a + b, 0)).toBe(calls.length);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const a = await simulate(3);
    const b = await simulate(3);
    const c = await simulate(4);
    expect(a.totals).toEqual(b.totals);
    expect(a.calls.map((x) => x.ts)).toEqual(b.calls.map((x) => x.ts));
    expect(c.totals.events).not.toBe(a.totals.events);
  });

  it('sessionMedianMs and actionGapMs shape sessions: one-minute sessions of ~100 actions for a live-traffic load', async () => {
    /** Per player: first and last event time of its single session, and its events. */
    async function sessions(extra: { sessionMedianMs?: number; actionGapMs?: number }) {
      const byPlayer = new Map<string, Array<{ type: string; ts: number }>>();
      await createSimulator({
        players: 60,
        seed: 5,
        startMs: Date.UTC(2026, 10, 1),
        staggerMs: 60_000,
        maxSessionsPerPlayer: 1,
        ...extra,
        createClient: (p, clock) => {
          const calls: Array<{ type: string; ts: number }> = [];
          byPlayer.set(p.playerId, calls);
          return recordingClient(calls, clock);
        },
      }).run();
      const lengths = [...byPlayer.values()].map((c) => c.at(-1)!.ts - c[0]!.ts).sort((a, b) => a - b);
      const events = [...byPlayer.values()].map((c) => c.length).sort((a, b) => a - b);
      return { medianLengthMs: lengths[lengths.length >> 1]!, medianEvents: events[events.length >> 1]! };
    }
    const usual = await sessions({});
    const live = await sessions({ sessionMedianMs: 60_000, actionGapMs: 600 });
    expect(usual.medianLengthMs).toBeGreaterThan(3 * 60_000); // around the 6-minute default
    expect(live.medianLengthMs).toBeGreaterThan(30_000);
    expect(live.medianLengthMs).toBeLessThan(2 * 60_000);
    expect(live.medianEvents).toBeGreaterThan(50);
    expect(live.medianEvents).toBeLessThan(200);
  });

  it('produces every part of the taxonomy the game uses', async () => {
    const { totals } = await simulate(11);
    for (const t of ['session_start', 'session_end', 'progression', 'resource', 'design', 'feature_use', 'experiment_exposure'])
      expect(totals.eventsByType[t], t).toBeGreaterThan(0);
    expect(Object.keys(totals.progressionByActionItem).some((k) => k.startsWith('fail:'))).toBe(true);
  });
});

describe('samples/simulator churn models', () => {
  const DAY = 86_400_000;
  async function churnRun(seed: number, extra: { churnRate?: number; churnDeclineDays?: number }) {
    const sessions = new Map<string, number[]>();
    const sim = createSimulator({
      players: 60,
      seed,
      days: 35,
      startMs: Date.UTC(2026, 10, 1),
      maxSessionsPerPlayer: 100_000,
      actionGapMs: 120_000,
      ...extra,
      createClient: (p, clock) => {
        const calls: Array<{ type: string; ts: number }> = [];
        const c = recordingClient(calls, clock);
        return {
          ...c,
          session: {
            start: () => void sessions.set(p.playerId, [...(sessions.get(p.playerId) ?? []), clock.now()]),
            end: () => undefined,
          },
        };
      },
    });
    await sim.run();
    return { outcomes: sim.players(), sessions };
  }

  it('churnRate draws churners that decline then stop, and steady players that play to the end at a regular rhythm', async () => {
    const { outcomes, sessions } = await churnRun(21, { churnRate: 0.5 });
    const churners = outcomes.filter((o) => o.churned);
    expect(outcomes).toHaveLength(60);
    expect(churners.length).toBeGreaterThan(15);
    expect(churners.length).toBeLessThan(45);
    const end = Date.UTC(2026, 10, 1) + 35 * DAY;
    for (const o of outcomes) {
      const s = sessions.get(o.playerId)!;
      expect(o.sessions).toBe(s.length);
      expect(o.lastSessionMs).toBe(s.at(-1));
      if (!o.churned) {
        expect(o.declineStartMs).toBeUndefined();
        // Steady: still playing in the last two days, and every week within ±50 % of its mean.
        expect(o.lastSessionMs).toBeGreaterThan(end - 2 * DAY);
        const weeks = [0, 1, 2, 3, 4].map((w) => s.filter((t) => t >= s[0]! + w * 7 * DAY && t < s[0]! + (w + 1) * 7 * DAY).length);
        const mean = weeks.reduce((a, b) => a + b, 0) / weeks.length;
        for (const w of weeks.slice(0, 4)) expect(Math.abs(w - mean)).toBeLessThanOrEqual(mean * 0.5);
      } else {
        expect(o.stopMs! - o.declineStartMs!).toBe(14 * DAY);
        expect(o.lastSessionMs).toBeLessThan(o.stopMs!);
        expect(o.declineStartMs).toBeGreaterThanOrEqual(o.firstSessionMs - DAY);
      }
    }
  });

  it('is deterministic per seed; without churnRate players churn per session and report no decline', async () => {
    const a = await churnRun(4, { churnRate: 0.3 });
    const b = await churnRun(4, { churnRate: 0.3 });
    expect(a.outcomes).toEqual(b.outcomes);
    const legacy = await churnRun(4, {});
    expect(legacy.outcomes.every((o) => o.declineStartMs === undefined && o.stopMs === undefined)).toBe(true);
    expect(legacy.outcomes.filter((o) => o.churned).length).toBeGreaterThan(50);
    expect(() => createSimulator({ churnRate: 1.5, createClient: () => recordingClient([], createVirtualClock(0)) })).toThrow(RangeError);
  });
});

describe('samples/simulator/ledger (A/B truths)', () => {
  it('attributes every event to the assignments as of it: each player is exposed once to each of two experiments', async () => {
    const { totals } = await simulate(5);
    const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
    const of = (experiment: string, m: Record<string, number>) =>
      sum(Object.fromEntries(Object.entries(m).filter(([k]) => k.startsWith(`${experiment}:`))));
    expect(new Set(Object.keys(totals.exposuresByVariant).map((k) => k.split(':')[0]))).toEqual(new Set(['onboarding', 'shop_layout']));
    expect(sum(totals.exposuresByVariant)).toBe(totals.eventsByType.experiment_exposure);
    // once per player and experiment: exposed players per variant = exposures per variant
    for (const [v, n] of Object.entries(totals.exposuresByVariant)) expect(totals.playersByVariant[v], v).toBe(n);
    const players = of('shop_layout', totals.exposuresByVariant);
    expect(of('onboarding', totals.exposuresByVariant)).toBe(players);
    expect(sum(totals.eventsByVariant)).toBe(totals.events);
    expect(sum(totals.playerEventsByVariant)).toBe(totals.events);
    expect(sum(totals.eventsByPlayer)).toBe(totals.events);
    // player rows carry both experiments' variants, sorted by experiment (shop_layout alone: its exposure, tracked first)
    const sets = Object.keys(totals.playerEventsByVariant).filter((k) => k !== '');
    expect(sets.filter((k) => !/^(onboarding:\w+,)?shop_layout:\w+$/.test(k))).toEqual([]);
    expect(sets.some((k) => k.includes(','))).toBe(true);
    // the first session_start precedes the exposures: each exposed player has one under ''
    expect(totals.sessionsByVariant['']).toBe(players);
    for (const e of ['onboarding', 'shop_layout']) {
      expect((totals.sessionsByVariant[''] ?? 0) + of(e, totals.sessionsByVariant), e).toBe(totals.sessionsStarted);
      expect((totals.purchasesByVariant[''] ?? 0) + of(e, totals.purchasesByVariant), e).toBe(totals.eventsByType.purchase ?? 0);
    }
    const revenue: Record<string, number> = {};
    for (const [k, amount] of Object.entries(totals.revenueByVariantCurrency))
      revenue[k.split('/')[1]!] = (revenue[k.split('/')[1]!] ?? 0) + amount;
    expect(revenue).toEqual(totals.revenueByCurrency);
    // Σ sessions² ≥ Σ sessions (each player's count is a whole number)
    for (const [v, n] of Object.entries(totals.sessionsByVariant)) expect(totals.sessionsSumSquaresByVariant[v]).toBeGreaterThanOrEqual(n);
  });
});

describe('samples/simulator (experiments)', () => {
  it('assigns each experiment independently of the others, by its weights', () => {
    const ids = Array.from({ length: 8000 }, (_, i) => `player-${i % 4}-${Math.floor(i / 4)}`);
    const [shop, onboarding] = CONCURRENT_EXPERIMENTS as [(typeof CONCURRENT_EXPERIMENTS)[0], (typeof CONCURRENT_EXPERIMENTS)[0]];
    const cells: Record<string, number> = {};
    for (const id of ids) {
      const key = `${assignVariant(shop, id).name}/${assignVariant(onboarding, id).name}`;
      cells[key] = (cells[key] ?? 0) + 1;
    }
    // Four cells of a quarter each (σ ≈ 0.005): a player's variant in one says nothing of the other.
    expect(Object.keys(cells).sort()).toEqual(['control/classic', 'control/guided', 'grid/classic', 'grid/guided']);
    for (const n of Object.values(cells)) expect(Math.abs(n / ids.length - 0.25)).toBeLessThan(0.02);
    // Consecutive players do not alternate: runs of the same variant as often as chance has them.
    const changes = ids.slice(1).filter((id, i) => assignVariant(shop, id).name !== assignVariant(shop, ids[i]!).name).length;
    expect(Math.abs(changes / ids.length - 0.5)).toBeLessThan(0.03);
    const skewed = {
      name: 'split',
      variants: [
        { name: 'a', weight: 45 },
        { name: 'b', weight: 55 },
      ],
    };
    const b = ids.filter((id) => assignVariant(skewed, id).name === 'b').length;
    expect(Math.abs(b / ids.length - 0.55)).toBeLessThan(0.02);
  });

  it('starterOffer with one offer per player: each converts once at most, at payer chance × (1 + lift)', async () => {
    async function conversion(variants: readonly ExperimentVariant[], payerShare: number) {
      const ledger = new Ledger();
      const calls: Array<{ type: string; ts: number }> = [];
      await createSimulator({
        players: 3000,
        seed: 'starter',
        startMs: Date.UTC(2026, 10, 1),
        maxSessionsPerPlayer: 2,
        sessionMedianMs: 30_000,
        payerShare,
        purchaseOffersPerPlayer: 1,
        starterOffer: true,
        experiments: [{ name: 'offer', variants }],
        ledger,
        createClient: (_p, clock) => recordingClient(calls, clock),
      }).run();
      const t = ledger.totals();
      // One offer each: purchases = payers, and every one is the starter bundle's gems.
      expect(t.eventsByType.purchase).toBe((t.payersByVariant['offer:control'] ?? 0) + (t.payersByVariant['offer:lifted'] ?? 0));
      expect(t.resourceByFlowCurrency['source:gems']).toBe(STARTER_OFFER.gems * (t.eventsByType.purchase ?? 0));
      return (v: string) => (t.payersByVariant[`offer:${v}`] ?? 0) / t.playersByVariant[`offer:${v}`]!;
    }
    // σ of a rate over ~1500 players ≈ 0.013.
    const everyonePays = await conversion([{ name: 'control' }, { name: 'lifted', purchaseLift: 0.2 }], 1);
    expect(Math.abs(everyonePays('control') - 0.55)).toBeLessThan(0.04);
    expect(Math.abs(everyonePays('lifted') - 0.66)).toBeLessThan(0.04);
    const nobodyPays = await conversion([{ name: 'control' }], 0);
    expect(nobodyPays('control')).toBeLessThan(0.02);
    const mk = (o: object) => () => createSimulator({ ...o, createClient: () => recordingClient([], createVirtualClock(0)) });
    expect(mk({ payerShare: 1.5 })).toThrow(RangeError);
    expect(mk({ purchaseOffersPerPlayer: -1 })).toThrow(RangeError);
  });
});

describe('samples/simulator/sim-clock', () => {
  it('fires virtual timers in time order while sleeping, and not before', async () => {
    const clock = createVirtualClock(1000);
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 500);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 100);
    const h = clock.setTimeout(() => fired.push(['x', clock.now()]), 200);
    clock.clearTimeout(h);
    await clock.sleep(99);
    expect(fired).toEqual([]);
    await clock.sleep(1000);
    expect(fired).toEqual([
      ['a', 1100],
      ['b', 1500],
    ]);
    expect(clock.now()).toBe(2099);
  });
});

describe('samples/simulator/sim-clock settle', () => {
  it('moves virtual time while waiting, so timers set on the clock come due', async () => {
    const clock = createVirtualClock(0);
    const work = new Promise<string>((resolve) => clock.setTimeout(() => resolve('retried'), 50));
    await expect(clock.settle(work)).resolves.toBe('retried');
    expect(clock.now()).toBeGreaterThanOrEqual(50);
  });

  it('does not move time for work that is already done', async () => {
    const clock = createVirtualClock(100);
    await clock.settle(Promise.resolve(1));
    expect(clock.now()).toBe(100);
  });
});
