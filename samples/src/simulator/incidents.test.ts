import { describe, expect, it } from 'vitest';
import type { GameClient, InstallProfile } from './game-client.ts';
import { largestPrice, resolveIncidents, type IncidentSpec } from './incidents.ts';
import { Ledger } from './ledger.ts';
import type { SimClock } from './sim-clock.ts';
import { createSimulator } from './simulator.ts';

/** One SDK call, with the install it came from and the start of the session it belongs to. */
interface Call {
  installId: string;
  playerId: string;
  build: string;
  type: string;
  ts: number;
  /** Start time of the install's session this call is part of. */
  sessionStartMs: number;
  action?: string;
  currency?: string;
  amount?: number;
}

function recordingClient(calls: Call[], p: InstallProfile, clock: SimClock): GameClient {
  let sessionStartMs = Number.NaN;
  const push = (type: string, extra: Partial<Call> = {}) =>
    void calls.push({ installId: p.installId, playerId: p.playerId, build: p.build, type, ts: clock.now(), sessionStartMs, ...extra });
  const r = (type: string) => () => push(type);
  return {
    session: {
      start: () => {
        sessionStartMs = clock.now();
        push('session_start');
      },
      end: r('session_end'),
    },
    progression: { start: r('progression'), complete: r('progression'), fail: r('progression') },
    purchase: (x) => push('purchase', { currency: x.currency, amount: x.amountMinor }),
    refund: (x) => push('refund', { action: x.reason, currency: x.currency, amount: x.amountMinor }),
    resource: {
      source: (currency, amount) => push('resource', { action: 'source', currency, amount }),
      sink: (currency, amount) => push('resource', { action: 'sink', currency, amount }),
    },
    design: r('design'),
    ad: r('ad'),
    social: r('social'),
    featureUsed: r('feature_use'),
    error: (severity) => push('error', { action: severity }),
    experiment: { exposure: r('experiment_exposure') },
    flush: async () => {},
    shutdown: async () => {},
  };
}

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 2); // a Monday
const WINDOW = { startMs: START + 10 * HOUR, durationMs: 3 * HOUR };
const END = WINDOW.startMs + WINDOW.durationMs;
const inWindow = (ms: number) => ms >= WINDOW.startMs && ms < END;

async function simulate(incidents?: IncidentSpec[]) {
  const calls: Call[] = [];
  const ledger = new Ledger();
  const stats = await createSimulator({
    players: 150,
    seed: 21,
    days: 1,
    startMs: START,
    ledger,
    ...(incidents ? { incidents } : {}),
    createClient: (p, clock) => recordingClient(calls, p, clock),
  }).run();
  return { calls, ledger, stats };
}

/** Calls by player, in each player's order, as comparable strings. */
function byPlayer(calls: readonly Call[], keep: (c: Call) => boolean = () => true): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const c of calls) {
    if (!keep(c)) continue;
    let list = m.get(c.playerId);
    if (!list) m.set(c.playerId, (list = []));
    list.push(`${c.ts} ${c.type} ${c.action ?? ''} ${c.currency ?? ''} ${c.amount ?? ''}`);
  }
  return m;
}

const baseline = simulate();

describe('samples/simulator incidents', () => {
  it('resolves defaults and refuses bad values', () => {
    const [drop, fraud, exploit, bad, slow] = resolveIncidents([
      { kind: 'dau-drop', ...WINDOW },
      { kind: 'fraud', ...WINDOW },
      { kind: 'exploit', ...WINDOW },
      { kind: 'bad-release', ...WINDOW },
      { kind: 'collector-slowdown', ...WINDOW },
    ]);
    expect(drop).toMatchObject({ id: '0:dau-drop', share: 0.8, endMs: END });
    expect(fraud).toMatchObject({ players: 3, purchaseEveryMs: 5_000, amountFactor: 10 });
    expect(exploit).toMatchObject({ players: 3, currency: 'gems', sourceEveryMs: 2_000, amount: 10_000 });
    expect(bad).toMatchObject({ build: '1.4.0-bad', share: 0.5, errorChance: 0.5, criticalShare: 0.25 });
    expect(slow).toMatchObject({ id: '4:collector-slowdown', delayMs: 2_000 });
    expect(() => resolveIncidents([{ kind: 'dau-drop', ...WINDOW, share: 1.5 }])).toThrow(/share/);
    expect(() => resolveIncidents([{ kind: 'fraud', ...WINDOW, durationMs: 0 }])).toThrow(/durationMs/);
    expect(() => resolveIncidents([{ kind: 'fraud', ...WINDOW, players: 0 }])).toThrow(/players/);
    expect(() => resolveIncidents([{ kind: 'meteor', ...WINDOW } as unknown as IncidentSpec])).toThrow(/kind/);
  });

  it('dau-drop: most sessions starting in the window do not happen; every other session is as without it', async () => {
    const base = await baseline;
    const run = await simulate([{ kind: 'dau-drop', ...WINDOW }]);
    const starts = (calls: Call[]) => calls.filter((c) => c.type === 'session_start' && inWindow(c.ts)).length;
    const before = starts(base.calls);
    const during = starts(run.calls);
    expect(before).toBeGreaterThan(25);
    // Share 0.8 blocked: about a fifth are left.
    expect(during).toBeLessThan(before * 0.4);
    const outside = (c: Call) => !inWindow(c.sessionStartMs);
    expect(byPlayer(run.calls, outside)).toEqual(byPlayer(base.calls, outside));
    // Sessions that did start in the window are the baseline's own, unchanged.
    const baseInside = byPlayer(base.calls, (c) => inWindow(c.sessionStartMs));
    for (const [player, list] of byPlayer(run.calls, (c) => inWindow(c.sessionStartMs)))
      for (const line of list) expect(baseInside.get(player)).toContain(line);
    // Distinct players seen in the window fall.
    const seen = (calls: Call[]) => new Set(calls.filter((c) => inWindow(c.ts)).map((c) => c.playerId)).size;
    expect(seen(run.calls)).toBeLessThan(seen(base.calls));
    const [truth] = run.ledger.incidents();
    expect(truth).toMatchObject({ id: '0:dau-drop', kind: 'dau-drop', startMs: WINDOW.startMs, endMs: END, sessions: before - during });
    expect(truth!.players.length).toBeGreaterThan(0);
    expect(run.ledger.totals().events).toBe(run.calls.length);
    expect(run.stats.sessions).toBe(run.calls.filter((c) => c.type === 'session_start').length);
  });

  it('fraud: a few extra players buy every 5 s at 10× the largest price, only in the window', async () => {
    const base = await baseline;
    const run = await simulate([{ kind: 'fraud', ...WINDOW }]);
    const [truth] = run.ledger.incidents();
    expect(truth!.players).toHaveLength(3);
    const actors = new Set(truth!.players);
    const normal = (c: Call) => !actors.has(c.playerId);
    expect(byPlayer(run.calls, normal)).toEqual(byPlayer(base.calls, () => true));
    const buys = run.calls.filter((c) => actors.has(c.playerId) && c.type === 'purchase');
    expect(buys).toHaveLength(3 * (WINDOW.durationMs / 5_000));
    for (const b of buys) {
      expect(inWindow(b.ts)).toBe(true);
      expect(b.amount).toBe(10 * largestPrice(b.currency as Parameters<typeof largestPrice>[0]));
    }
    expect(new Set(run.calls.filter((c) => actors.has(c.playerId)).map((c) => c.type))).toEqual(
      new Set(['session_start', 'purchase', 'session_end']),
    );
    expect(truth).toMatchObject({ kind: 'fraud', sessions: 3, events: buys.length });
    expect(run.ledger.totals().events).toBe(run.calls.length);
  });

  it('refund-burst: a few extra players have a chargeback every 5 s, only in the window; nobody else changes', async () => {
    const base = await baseline;
    const run = await simulate([{ kind: 'refund-burst', ...WINDOW }]);
    const [truth] = run.ledger.incidents();
    const actors = new Set(truth!.players);
    expect(actors.size).toBe(3);
    expect(byPlayer(run.calls, (c) => !actors.has(c.playerId))).toEqual(byPlayer(base.calls, () => true));
    const refunds = run.calls.filter((c) => actors.has(c.playerId) && c.type === 'refund');
    expect(refunds).toHaveLength(3 * (WINDOW.durationMs / 5_000));
    for (const r of refunds) {
      expect(inWindow(r.ts)).toBe(true);
      expect(r.action).toBe('chargeback');
      expect(r.amount).toBe(largestPrice(r.currency as Parameters<typeof largestPrice>[0]));
    }
    expect(truth).toMatchObject({ kind: 'refund-burst', sessions: 3, events: refunds.length });
    expect(run.ledger.totals().events).toBe(run.calls.length);
  });

  it("normal traffic: about 2 % of purchases are refunded at the player's next session, none without purchases", async () => {
    const base = await baseline;
    const buys = base.calls.filter((c) => c.type === 'purchase').length;
    const refunds = base.calls.filter((c) => c.type === 'refund');
    // Hash-picked 2 % of the purchases, less those whose player never came back: at most all of them.
    expect(refunds.length).toBeLessThanOrEqual(Math.ceil(0.02 * buys + 4 * Math.sqrt(0.02 * buys) + 1));
    for (const r of refunds) {
      expect(['refund', 'chargeback']).toContain(r.action);
      // Sent right after the player's session_start, never before the player's first purchase.
      const mine = base.calls.filter((c) => c.playerId === r.playerId);
      const i = mine.indexOf(r);
      expect(mine.slice(0, i).some((c) => c.type === 'purchase' && c.amount === r.amount)).toBe(true);
    }
  });

  it('exploit: a few extra players earn gems at a huge rate; nobody else changes, so net flow explodes', async () => {
    const base = await baseline;
    const run = await simulate([{ kind: 'exploit', ...WINDOW }]);
    const [truth] = run.ledger.incidents();
    expect(truth).toMatchObject({ kind: 'exploit', currency: 'gems', sessions: 3 });
    const actors = new Set(truth!.players);
    expect(actors.size).toBe(3);
    expect(byPlayer(run.calls, (c) => !actors.has(c.playerId))).toEqual(byPlayer(base.calls, () => true));
    const netGems = (calls: Call[]) =>
      calls
        .filter((c) => c.type === 'resource' && c.currency === 'gems' && inWindow(c.ts))
        .reduce((n, c) => n + (c.action === 'source' ? c.amount! : -c.amount!), 0);
    const sources = run.calls.filter((c) => actors.has(c.playerId) && c.type === 'resource');
    expect(sources).toHaveLength(3 * (WINDOW.durationMs / 2_000));
    expect(sources.every((c) => c.action === 'source' && c.currency === 'gems' && c.amount === 10_000 && inWindow(c.ts))).toBe(true);
    expect(netGems(run.calls) - netGems(base.calls)).toBe(sources.length * 10_000);
    expect(truth!.events).toBe(sources.length);
  });

  it('bad-release: sessions on the new build report errors at a high rate; play itself is as without it', async () => {
    const base = await baseline;
    const run = await simulate([{ kind: 'bad-release', ...WINDOW }]);
    const onBad = run.calls.filter((c) => c.build === '1.4.0-bad');
    expect(onBad.length).toBeGreaterThan(0);
    expect(onBad.every((c) => inWindow(c.sessionStartMs) && c.installId.endsWith('-1.4.0-bad'))).toBe(true);
    const perSession = (calls: Call[]) =>
      calls.filter((c) => c.type === 'error').length / calls.filter((c) => c.type === 'session_start').length;
    const usual = run.calls.filter((c) => c.build !== '1.4.0-bad');
    expect(perSession(onBad)).toBeGreaterThan(5);
    expect(perSession(usual)).toBeLessThan(0.5);
    expect(new Set(onBad.filter((c) => c.type === 'error').map((c) => c.action))).toEqual(new Set(['error', 'critical']));
    // Apart from error reports, every player's play is the baseline's, in and out of the window.
    const play = (c: Call) => c.type !== 'error';
    expect(byPlayer(run.calls, play)).toEqual(byPlayer(base.calls, play));
    const outside = (c: Call) => !inWindow(c.sessionStartMs);
    expect(byPlayer(run.calls, outside)).toEqual(byPlayer(base.calls, outside));
    const [truth] = run.ledger.incidents();
    expect(truth).toMatchObject({
      kind: 'bad-release',
      build: '1.4.0-bad',
      sessions: onBad.filter((c) => c.type === 'session_start').length,
      events: onBad.filter((c) => c.type === 'error' && c.action !== 'warning').length,
    });
    expect(truth!.players).toEqual([...new Set(onBad.map((c) => c.playerId))].sort());
    expect(run.ledger.totals().events).toBe(run.calls.length);
  });

  it('sdk-drops: sessions on the drops build also track invalid purchases (the SDK drops them); play itself is as without it', async () => {
    const base = await baseline;
    const run = await simulate([{ kind: 'sdk-drops', ...WINDOW }]);
    const onBuild = run.calls.filter((c) => c.build === '1.5.0-drops');
    expect(onBuild.length).toBeGreaterThan(0);
    expect(onBuild.every((c) => inWindow(c.sessionStartMs) && c.installId.endsWith('-1.5.0-drops'))).toBe(true);
    // The broken instrumentation: purchases in a lower-case currency, which the SDK refuses.
    const invalid = (c: Call) => c.type === 'purchase' && c.currency === 'usd';
    const dropped = onBuild.filter(invalid);
    const actions = onBuild.filter((c) => !invalid(c) && c.type !== 'session_start' && c.type !== 'session_end').length;
    expect(dropped.length / actions).toBeGreaterThan(0.25);
    expect(run.calls.filter((c) => c.build !== '1.5.0-drops').some(invalid)).toBe(false);
    // Apart from the dropped calls and error reports (they follow the build), every player's play is the baseline's.
    const play = (c: Call) => !invalid(c) && c.type !== 'error';
    expect(byPlayer(run.calls, play)).toEqual(byPlayer(base.calls, play));
    const [truth] = run.ledger.incidents();
    expect(truth).toMatchObject({
      kind: 'sdk-drops',
      build: '1.5.0-drops',
      sessions: onBuild.filter((c) => c.type === 'session_start').length,
      events: dropped.length,
    });
    // The ledger records tracked events only: the dropped ones are not among them.
    expect(run.ledger.totals().events).toBe(run.calls.length - dropped.length);
  });

  it('collector-slowdown is recorded in the ledger and leaves the traffic alone', async () => {
    const base = await baseline;
    const run = await simulate([{ kind: 'collector-slowdown', ...WINDOW }]);
    expect(run.calls).toEqual(base.calls);
    expect(run.ledger.incidents()).toEqual([
      { id: '0:collector-slowdown', kind: 'collector-slowdown', startMs: WINDOW.startMs, endMs: END, players: [], sessions: 0, events: 0 },
    ]);
  });
});
