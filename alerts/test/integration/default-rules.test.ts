/**
 * The shipped rules (config/alert-rules.yml) against weeks of processor rows with daily
 * and weekly seasonality (testkit's seasonalRollupHistory: Poisson noise, the
 * simulator's seasonal curve), on a DuckDB store:
 *
 * - normal traffic: no series breaches any rule at any evaluation over 7 days (the 7
 *   before are history for the baselines) — stronger than "no alert fired", which would
 *   also need the breach to last `for`;
 * - incidents laid over the same traffic (the simulator's kinds): each fires the rules
 *   meant for it within a time stated from the rule (settle + window + for + two
 *   evaluation intervals), no other rule fires, each resolves within settle + window +
 *   keep_firing_for + two intervals (+ the incident's own tail) after the incident ends,
 *   and a real Alertmanager (v0.35.0) routes each alert to this test's webhook receiver
 *   exactly once firing and once resolved, with the rule's and the series' labels.
 *
 * Time is simulated: the engine is driven minute by minute with `evaluate(now)`; the
 * waits are on Alertmanager's notifications, never sleeps.
 */
import type { IncidentSpec, IncidentTruth } from '@gamepulse/samples';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { freePort, seasonalRollupHistory, until } from '@gamepulse/testkit';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, type AlertmanagerHandle } from '../../../scripts/engines/alertmanager.ts';
import {
  AlertEngine,
  createAlertmanagerSink,
  evaluateRule,
  historyStartMs,
  loadRulesFile,
  type AlertRule,
  type RuleFile,
} from '../../src/index.ts';
import { WebhookReceiver, routeAllTo } from './webhook-receiver.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
const RULES: RuleFile = loadRulesFile(join(import.meta.dirname, '..', '..', '..', 'config', 'alert-rules.yml'));
const rule = (name: string): AlertRule => RULES.rules.find((r) => r.name === name)!;

/**
 * The largest purchases any one player made in any `windowMs` (minute-aligned, sliding a
 * minute at a time: every window a rule can read) and the largest spend in any
 * `spendWindowMs`, straight from the history's player rows.
 */
function perPlayerMaxima(
  players: ReturnType<typeof seasonalRollupHistory>['players'],
  windowMs: number,
  spendWindowMs: number,
): { purchases: number; spendMinor: number } {
  const byPlayer = new Map<string, Array<{ ms: number; n: number; spend: number }>>();
  for (const p of players) {
    if (!p.purchases) continue;
    const k = `${p.gameId}\u0000${p.playerId}`;
    const list = byPlayer.get(k) ?? [];
    list.push({ ms: p.windowStartMs!, n: p.purchases, spend: p.revenueReportingMinor ?? 0 });
    byPlayer.set(k, list);
  }
  let purchases = 0;
  let spendMinor = 0;
  for (const rows of byPlayer.values()) {
    rows.sort((a, b) => a.ms - b.ms);
    // A window's sum is largest when it starts at one of the player's purchase minutes.
    for (const [i, first] of rows.entries()) {
      let n = 0;
      let spend = 0;
      for (let j = i; j < rows.length && rows[j]!.ms < first.ms + Math.max(windowMs, spendWindowMs); j++) {
        if (rows[j]!.ms < first.ms + windowMs) n += rows[j]!.n;
        if (rows[j]!.ms < first.ms + spendWindowMs) spend += rows[j]!.spend;
      }
      purchases = Math.max(purchases, n);
      spendMinor = Math.max(spendMinor, spend);
    }
  }
  return { purchases, spendMinor };
}

async function storeOf(h: ReturnType<typeof seasonalRollupHistory>, startMs: number, days: number): Promise<DuckDbStore> {
  const store = await openDuckDbStore({ path: ':memory:' });
  for (let d = 0; d < days; d++) {
    const [lo, hi] = [startMs + d * DAY, startMs + (d + 1) * DAY];
    const inDay = (r: { windowStartMs?: number | null }) => r.windowStartMs! >= lo && r.windowStartMs! < hi;
    await store.commit({
      consumer: 'history',
      rollups: h.rollups.filter(inDay),
      players: h.players.filter(inDay),
      positions: [],
      state: [],
      deadLetters: [],
    });
  }
  return store;
}

describe('alerts/integration/default-rules: normal traffic with daily and weekly seasonality', () => {
  const START = Date.UTC(2026, 9, 5); // a Monday
  const DAYS = 14;
  const STEP_MS = 30 * MIN;
  let store: DuckDbStore;
  let history: ReturnType<typeof seasonalRollupHistory>;

  beforeAll(async () => {
    history = seasonalRollupHistory({ startMs: START, days: DAYS, seed: 'no-false-alarms-1' });
    store = await storeOf(history, START, DAYS);
  }, 300_000);
  afterAll(async () => store?.close());

  it(`no rule breaches on any series over 7 days, evaluated every ${STEP_MS / MIN} minutes`, async () => {
    const breaches: string[] = [];
    const judged: Record<string, number> = Object.fromEntries(RULES.rules.map((r) => [r.name, 0]));
    let evaluations = 0;
    const first = await historyStartMs(store);
    expect(first).toBe(START);
    for (let at = START + 7 * DAY; at < START + DAYS * DAY; at += STEP_MS) {
      for (const r of RULES.rules) {
        const ev = await evaluateRule(r, at, { store, historyStartMs: first });
        evaluations++;
        for (const s of ev.series) {
          if (s.baseline !== undefined || r.condition.kind === 'threshold') judged[r.name]!++;
          if (s.breach) breaches.push(`${new Date(at).toISOString()} ${r.name} ${JSON.stringify(s)}`);
        }
      }
    }
    console.error(
      `[default-rules] normal traffic: 7 simulated days, ${evaluations} rule evaluations, ${breaches.length} breaches; series judged per rule ${JSON.stringify(judged)}`,
    );
    // Every seasonal rule judged series (a rule that never has a baseline proves nothing).
    // RevenueCollapse is judged only where the baseline reaches its 5000 floor, which this
    // history's revenue seldom does; the history has no critical errors, so the build
    // rule has nothing to judge. SdkDeliveryFailuresRising judges every build with 300
    // tracked events in 15 minutes against the history's normal drops (0.2 %, queue full).
    for (const r of RULES.rules) if (r.condition.kind === 'seasonal') expect(judged[r.name], r.name).toBeGreaterThan(0);
    expect(judged.SdkDeliveryFailuresRising).toBeGreaterThan(0);
    expect(breaches).toEqual([]);
  }, 900_000);

  it('the per-player purchase rules sit well above what any normal player does in any window of 14 days', () => {
    // The rules read only the tail past their thresholds, so on normal traffic they judge
    // no series at all; the margin is shown here instead, on every window a rule can read.
    const velocity = rule('PlayerPurchaseVelocity');
    const spend = rule('PlayerSpendOutlier');
    const max = perPlayerMaxima(history.players, velocity.query.windowMs, spend.query.windowMs);
    const bound = (r: AlertRule) => (r.condition.kind === 'threshold' ? r.condition.above! : NaN);
    console.error(
      `[default-rules] normal traffic, 14 days, ${new Set(history.players.filter((p) => p.purchases).map((p) => p.playerId)).size} payers: ` +
        `most purchases by one player in any ${velocity.query.windowMs / MIN} min ${max.purchases} (PlayerPurchaseVelocity above ${bound(velocity)}), ` +
        `most spend by one player in any ${spend.query.windowMs / MIN} min ${max.spendMinor} (PlayerSpendOutlier above ${bound(spend)})`,
    );
    // Not vacuous: normal players do buy more than once in a window …
    expect(max.purchases).toBeGreaterThan(1);
    expect(max.spendMinor).toBeGreaterThan(0);
    // … and stay at a third (purchases) and a fifth (spend) of the thresholds or below.
    expect(max.purchases * 3).toBeLessThanOrEqual(bound(velocity));
    expect(max.spendMinor * 5).toBeLessThanOrEqual(bound(spend));
  });
});

interface Case {
  spec: IncidentSpec;
  /** Rules that must fire, and the labels their alert carries besides alertname/severity/team/family. */
  expected: Record<string, Record<string, string>>;
  /** Rules of `expected` that fire once per player the incident touched (and for no one else), labelled `player`. */
  perPlayer?: string[];
  /** A tighter fire budget than the rule's window allows, where the incident crosses the threshold at once. */
  fireBudgetMs?: Record<string, number>;
  /** Rules that may also fire (consequences of the same incident). */
  allowed: string[];
  /** Minutes of the incident's own tail after it ends (sessions still on the bad build, players coming back). */
  tailMin: number;
}

describe('alerts/integration/default-rules: incidents fire the rules meant for them, and only those', () => {
  const START = Date.UTC(2026, 9, 5);
  const DAYS = 9;
  const at = (day: number, hour: number) => START + day * DAY + hour * 3_600_000;
  const CASES: Case[] = [
    {
      spec: { kind: 'dau-drop', startMs: at(7, 14), durationMs: 40 * MIN },
      expected: {
        OnlinePlayersDrop: { game: 'space-miner' },
        EventsPerMinuteDrop: { game: 'space-miner' },
        SessionStartsDrop: { game: 'space-miner' },
      },
      allowed: ['RevenueCollapse'],
      tailMin: 10,
    },
    {
      spec: { kind: 'fraud', startMs: at(7, 19), durationMs: 20 * MIN },
      expected: {
        PurchaseBurst: { game: 'space-miner' },
        PlayerPurchaseVelocity: { game: 'space-miner' },
        PlayerSpendOutlier: { game: 'space-miner' },
      },
      perPlayer: ['PlayerPurchaseVelocity', 'PlayerSpendOutlier'],
      // Each fraud player buys 12 times a minute at 10× the largest price (≥ 12 × 9,990
      // minor units): past both thresholds in the burst's first minute, so firing takes
      // settle + 1 minute + for + two intervals, not the spend rule's hour-long window.
      fireBudgetMs: {
        PlayerPurchaseVelocity: 2 * MIN + MIN + 2 * MIN + 2 * MIN,
        PlayerSpendOutlier: 2 * MIN + MIN + 2 * MIN + 2 * MIN,
      },
      allowed: ['CurrencyEarnedSpike', 'CurrencySourceSinkImbalance'],
      tailMin: 0,
    },
    {
      spec: { kind: 'exploit', startMs: at(8, 10), durationMs: 20 * MIN },
      expected: { CurrencyEarnedSpike: { game: 'space-miner', currency: 'gems' } },
      allowed: ['CurrencySourceSinkImbalance'],
      tailMin: 0,
    },
    {
      spec: { kind: 'bad-release', startMs: at(8, 20), durationMs: 40 * MIN },
      expected: { BuildErrorsPerSessionHigh: { game: 'space-miner', build: '1.4.0-bad' } },
      allowed: [],
      tailMin: 30,
    },
    {
      spec: { kind: 'sdk-drops', startMs: at(7, 10), durationMs: 40 * MIN },
      expected: { SdkDeliveryFailuresRising: { game: 'space-miner', build: '1.5.0-drops' } },
      allowed: [],
      tailMin: 30,
    },
    {
      // After the exploit has left CurrencySourceSinkImbalance's 6-hour window, before the bad release.
      spec: { kind: 'refund-burst', startMs: at(8, 17), durationMs: 20 * MIN },
      expected: { RefundBurst: { game: 'space-miner' } },
      allowed: [],
      tailMin: 0,
    },
  ];
  const receiver = new WebhookReceiver();
  let am: AlertmanagerHandle;
  let store: DuckDbStore;
  let truths: IncidentTruth[];

  beforeAll(async () => {
    await receiver.start();
    am = await startAlertmanager({
      port: await freePort(),
      // Grouped by every label: one notification per alert.
      configYaml: routeAllTo(receiver.url, { groupBy: "['...']", repeatInterval: '24h' }),
    });
    const h = seasonalRollupHistory({ startMs: START, days: DAYS, seed: 'incidents-1', incidents: CASES.map((c) => c.spec) });
    truths = h.incidents;
    store = await storeOf(h, START, DAYS);
  }, 600_000);
  afterAll(async () => {
    await am?.stop();
    await receiver.stop();
    await store?.close();
  });

  /** When a rule fires at the latest, counted from the incident's start: its window must fill with the incident, then `for`. */
  const fireBudgetMs = (r: AlertRule, c: Case) =>
    c.fireBudgetMs?.[r.name] ?? r.query.settleMs + r.query.windowMs + r.forMs + 2 * r.intervalMs;
  /** The label sets a rule's alerts carry on a case: one, or one per player of the incident. */
  const expectedLabels = (name: string, c: Case, truth: IncidentTruth): Array<Record<string, string>> =>
    c.perPlayer?.includes(name) ? truth.players.map((player) => ({ ...c.expected[name]!, player })) : [c.expected[name]!];
  /** Whether a notification is about exactly this alert (group_by '...': its common labels are the alert's). */
  const about = (m: { commonLabels: Record<string, string> }, labels: Record<string, string>) =>
    Object.keys(labels).length === Object.keys(m.commonLabels).length && Object.entries(labels).every(([k, v]) => m.commonLabels[k] === v);
  const resolveBudgetMs = (r: AlertRule, c: Case) =>
    r.query.settleMs + r.query.windowMs + r.keepFiringForMs + 2 * r.intervalMs + c.tailMin * MIN;

  for (const [index, c] of CASES.entries()) {
    it(`${c.spec.kind}: ${Object.keys(c.expected).join(', ')} fire in time, resolve, and reach Alertmanager once each way`, async () => {
      const truth = truths.find((t) => t.id === `${index}:${c.spec.kind}`)!;
      const engine = new AlertEngine({
        store,
        rules: RULES,
        sinks: [createAlertmanagerSink({ urls: am.url })],
        consoleUrl: 'http://console.test',
      });
      const endMs = c.spec.startMs + c.spec.durationMs;
      const seen = receiver.messages.length;
      const mine = () => receiver.messages.slice(seen);
      // The latest firing and resolution of each rule (over its series), and the series that fired.
      const fired = new Map<string, number>();
      const resolved = new Map<string, number>();
      const firedSeries = new Map<string, Set<string>>();
      const last = endMs + 90 * MIN;
      for (let now = c.spec.startMs - 10 * MIN; now <= last; now += MIN) {
        const report = await engine.evaluate(now);
        expect(report.rulesFailed).toBe(0);
        for (const e of report.fired) {
          expect([...Object.keys(c.expected), ...c.allowed], `${e.alertname} fired on ${c.spec.kind}`).toContain(e.alertname);
          fired.set(e.alertname, now);
          firedSeries.set(e.alertname, (firedSeries.get(e.alertname) ?? new Set()).add(JSON.stringify(e.labels)));
          // Alertmanager notifies the firing alert before the engine moves on: one notification, waited on.
          await until(
            () => receiver.messages.some((m) => m.status === 'firing' && about(m, e.labels)),
            `${e.alertname} firing notification`,
            { timeoutMs: 30_000, everyMs: 20 },
          );
        }
        for (const e of report.resolved) {
          resolved.set(e.alertname, now);
          await until(
            () => receiver.messages.some((m) => m.status === 'resolved' && about(m, e.labels)),
            `${e.alertname} resolved notification`,
            { timeoutMs: 30_000, everyMs: 20 },
          );
        }
      }
      const delays = Object.fromEntries(
        [...fired].map(([name, t]) => [
          name,
          { fireMin: (t - c.spec.startMs) / MIN, resolveMin: resolved.has(name) ? (resolved.get(name)! - endMs) / MIN : null },
        ]),
      );
      console.error(`[default-rules] ${c.spec.kind}: ${JSON.stringify(delays)}`);
      for (const name of Object.keys(c.expected)) {
        const r = rule(name);
        expect(fired.get(name), `${name} fired`).toBeDefined();
        expect(fired.get(name)! - c.spec.startMs, `${name} fired late`).toBeLessThanOrEqual(fireBudgetMs(r, c));
        expect(resolved.get(name), `${name} resolved`).toBeDefined();
        expect(resolved.get(name)! - endMs, `${name} resolved late`).toBeLessThanOrEqual(resolveBudgetMs(r, c));
        const all = expectedLabels(name, c, truth).map((labels) => ({ alertname: name, severity: r.severity, ...r.labels, ...labels }));
        // Exactly these series fired: per player, the incident's players and nobody else.
        expect([...firedSeries.get(name)!].map((l) => JSON.parse(l) as unknown).sort(byJson), `${name} series`).toEqual(all.sort(byJson));
        for (const labels of all) {
          const notes = mine().filter((m) => m.commonLabels.alertname === name && about(m, labels));
          expect(
            notes.map((m) => m.status),
            `${name} notifications ${JSON.stringify(labels)}`,
          ).toEqual(['firing', 'resolved']);
          expect(notes[0]!.alerts).toHaveLength(1);
          expect(notes[0]!.alerts[0]!.labels).toEqual(labels);
          expect(notes[0]!.alerts[0]!.generatorURL).toMatch(/^http:\/\/console\.test\/\?game=space-miner/);
        }
      }
      // What was meant to fire resolved once the incident was over (an allowed consequence
      // with a long window, e.g. the 6-hour source/sink ratio after an exploit, may still fire).
      expect(engine.active().filter((a) => a.state === 'firing' && a.alertname in c.expected)).toEqual([]);
    }, 900_000);
  }
});
