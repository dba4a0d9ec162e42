/**
 * The engine over a real DuckDB store: rows written as the processor writes them, rules
 * evaluated minute by minute through a drop and a recovery. The expected minutes follow
 * from the rows by arithmetic stated beside each case, not from running the engine.
 */
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CapturingSink,
  DAY,
  MIN,
  eventsDropRules as rulesFile,
  minuteRows,
  seasonalDropRows,
  storeWith,
} from '../../test/support/events-drop.ts';
import { parseRules } from '../rules/load-rules.ts';
import { AlertEngine } from './alert-engine.ts';

/** The incident: game "a" drops from 100 to 20 events a minute for 20 minutes. */
const T0 = Date.UTC(2026, 10, 20, 14, 0);

const stores: DuckDbStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

describe('alert engine on DuckDB: a seasonal drop', () => {
  let store: DuckDbStore;
  beforeAll(async () => {
    // Eight days of 100 events a minute per game, then game a's drop: [T0, T0 + 20 min) at 20 (0 in its last 5 minutes: the series vanishes).
    store = await storeWith(seasonalDropRows(T0));
    stores.push(store);
  });

  it('pends once the window is below half its baseline, fires after `for`, resolves once, delivers', async () => {
    const sink = new CapturingSink();
    const engine = new AlertEngine({ store, rules: rulesFile(), sinks: [sink], consoleUrl: 'http://console.test' });
    const states: string[] = [];
    // Evaluate each minute from T0 to T0 + 45 min. The window ending at E = now − 2 min holds
    // k dropped minutes: 100·(10 − k) + 20·k < 500 ⇔ k ≥ 7 ⇒ first breach at now = T0 + 9 min;
    // firing 3 minutes later (T0 + 12). The window [E − 10, E) first sums to 500 again at
    // E = T0 + 25 (minutes 15–19 at 0, 20–24 at 100) ⇒ resolved at now = T0 + 27; the
    // baselines stay 1000 meanwhile (seasonal: earlier days; trailing: the median of six
    // windows, at most two of them touched by the drop).
    let resolvedAt = 0;
    let firedAt = 0;
    for (let m = 0; m <= 45; m++) {
      const now = T0 + m * MIN;
      const report = await engine.evaluate(now);
      expect(report.rulesFailed).toBe(0);
      const a = engine.active().find((x) => x.labels.game === 'a');
      states.push(a?.state ?? 'inactive');
      if (report.fired.length) firedAt = m;
      if (report.resolved.length) resolvedAt = m;
      // Game b never leaves its baseline.
      expect(engine.active().some((x) => x.labels.game === 'b')).toBe(false);
    }
    expect(states.indexOf('pending')).toBe(9);
    expect(firedAt).toBe(12);
    expect(states.slice(9, 12)).toEqual(['pending', 'pending', 'pending']);
    expect(resolvedAt).toBe(27);
    expect(states.slice(resolvedAt)).toEqual(Array(46 - resolvedAt).fill('inactive'));
    // Delivery: the firing alert in every cycle from T0 + 12 until resolution, then one resolution.
    const sent = sink.batches.flat();
    const firing = sent.filter((x) => x.endsAtMs === undefined);
    const resolved = sent.filter((x) => x.endsAtMs !== undefined);
    expect(firing.length).toBe(resolvedAt - firedAt);
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.labels).toEqual({ alertname: 'EventsDrop', severity: 'page', team: 'liveops', game: 'a' });
    expect(resolved[0]!.startsAtMs).toBe(T0 + 12 * MIN);
    expect(resolved[0]!.endsAtMs).toBe(T0 + resolvedAt * MIN);
    expect(firing[0]!.generatorUrl).toBe('http://console.test/?game=a');
    expect(firing[0]!.annotations.summary).toMatch(/^events in a at \d+, usually 1000$/);
    expect(engine.events().map((e) => e.kind)).toEqual(['resolved', 'fired']);
  });

  it('a delivery that fails is retried: the resolution is sent once the target is back', async () => {
    const sink = new CapturingSink();
    const engine = new AlertEngine({ store, rules: rulesFile(), sinks: [sink] });
    for (let m = 0; m <= 15; m++) await engine.evaluate(T0 + m * MIN);
    sink.fail = true;
    let m = 16;
    while (engine.active().length > 0) await engine.evaluate(T0 + m++ * MIN);
    expect(sink.batches.flat().filter((x) => x.endsAtMs !== undefined)).toHaveLength(0);
    sink.fail = false;
    await engine.evaluate(T0 + m * MIN);
    const resolved = sink.batches.flat().filter((x) => x.endsAtMs !== undefined);
    expect(resolved).toHaveLength(1);
    await engine.evaluate(T0 + (m + 1) * MIN);
    expect(sink.batches.flat().filter((x) => x.endsAtMs !== undefined)).toHaveLength(1);
  });
});

describe('alert engine on DuckDB: series that vanish, history that is missing', () => {
  it('a series with no rows in the window counts as zero events', async () => {
    // Game a sends nothing from T0 on; the window ending at T0 + 10 has no row of it.
    const store = await storeWith(minuteRows(T0 - 8 * DAY, 8 * 1440 + 20, (g, ms) => (g === 'a' && ms >= T0 ? 0 : 100)));
    stores.push(store);
    const engine = new AlertEngine({ store, rules: rulesFile() });
    await engine.evaluate(T0 + 12 * MIN);
    expect(engine.active().map((x) => [x.labels.game, x.state, x.value, x.baseline])).toEqual([['a', 'pending', 0, 1000]]);
  });

  it('no baseline at first start: nothing is judged, nothing fires', async () => {
    // Only the last 12 minutes exist, and they are low: no earlier window has rows.
    const store = await storeWith(minuteRows(T0 - 12 * MIN, 12, () => 5));
    stores.push(store);
    const engine = new AlertEngine({ store, rules: rulesFile() });
    const report = await engine.evaluate(T0);
    expect(report.rulesEvaluated).toBe(1);
    expect(engine.active()).toEqual([]);
  });
});

describe('alert engine on DuckDB: long outages and rises from zero', () => {
  it('a firing alert stays firing through a long outage, after the trailing baseline has caught up', async () => {
    // Game a at 20 events a minute for 2 hours from T0: after an hour the six trailing
    // windows are all inside the outage, and only the seasonal baseline still says "low".
    const store = await storeWith(
      minuteRows(T0 - 8 * DAY, 8 * 1440 + 180, (g, ms) => (g === 'a' && ms >= T0 && ms < T0 + 120 * MIN ? 20 : 100)),
    );
    stores.push(store);
    const engine = new AlertEngine({ store, rules: rulesFile() });
    const firingAt: number[] = [];
    let resolvedAt = 0;
    for (let m = 0; m <= 135; m++) {
      const report = await engine.evaluate(T0 + m * MIN);
      if (engine.active().some((a) => a.state === 'firing')) firingAt.push(m);
      if (report.resolved.length) resolvedAt = m;
    }
    // Firing from T0 + 12 (as in the short drop) without a gap until the window is back
    // at half: at most 6 of its 10 minutes at 20 (100·4 + 20·6 = 520 ≥ 500), so its start
    // E − 10 ≥ T0 + 114 ⇒ E = T0 + 124 ⇒ now = T0 + 126.
    expect(firingAt[0]).toBe(12);
    expect(firingAt).toEqual(Array.from({ length: resolvedAt - 12 }, (_, i) => 12 + i));
    expect(resolvedAt).toBe(126);
  });

  it('a rise is judged against max(baseline, minBaseline): from zero, only a rise past the floor fires', async () => {
    const rise = (floor: number) =>
      parseRules(
        `
version: 1
groups:
  - name: g
    rules:
      - alert: Burst
        kpi: events_by_type
        params: { by: [game] }
        value: events
        condition:
          seasonal: { direction: rise, change: 2, seasonalDays: [1, 2, 3, 7], trailingWindows: 6, minPoints: 2, minBaseline: ${floor} }
        severity: page
        annotations: { summary: s }
`,
        'rise.yml',
      );
    // Game a never has events until T0, then 5 a minute (50 per window); game b has 100 a minute throughout.
    const store = await storeWith(minuteRows(T0 - 8 * DAY, 8 * 1440 + 20, (g, ms) => (g === 'b' ? 100 : ms >= T0 ? 5 : 0)));
    stores.push(store);
    const verdicts = async (floor: number) => {
      const r = rise(floor);
      if (!r.ok) throw new Error(r.problems.join('\n'));
      const engine = new AlertEngine({ store, rules: r.file });
      await engine.evaluate(T0 + 12 * MIN);
      return engine.active().map((a) => [a.labels.game, a.value, a.threshold]);
    };
    // Baseline 0 for a: floor 10 ⇒ threshold 30 < 50 fires; floor 20 ⇒ threshold 60 > 50 does not.
    expect(await verdicts(10)).toEqual([['a', 50, 30]]);
    expect(await verdicts(20)).toEqual([]);
  });
});

describe('alert engine on DuckDB: one alert per player (player_purchases)', () => {
  it('labels each alert with game and player, caps the series at the KPI limit, resolves as the player leaves the tail', async () => {
    const rules = parseRules(
      `
version: 1
groups:
  - name: g
    rules:
      - alert: Velocity
        kpi: player_purchases
        params: { minPurchases: 5, limit: 2 }
        series: [game_id, player_id]
        window: 10m
        settle: 2m
        value: purchases
        condition: { threshold: { above: 4 } }
        for: 1m
        severity: page
        annotations: { summary: '{{ player }} in {{ game }}: {{ value }} purchases' }
        console: '/?game={{ game }}&player={{ player }}'
`,
      'velocity.yml',
    );
    if (!rules.ok) throw new Error(rules.problems.join('\n'));
    // One purchase a minute: x (300 each) and y (200 each) for minutes 0–19 from T0, z (100 each)
    // for minutes 0–4, n (500) once at minute 0.
    const buys: Array<[string, number, number]> = [
      ['x', 20, 300],
      ['y', 20, 200],
      ['z', 5, 100],
      ['n', 1, 500],
    ];
    const players = buys.flatMap(([id, minutes, price]) =>
      Array.from({ length: minutes }, (_, m) => ({
        windowStartMs: T0 + m * MIN,
        gameId: 'a',
        build: '1.0',
        platform: 'ios',
        country: 'DE',
        playerId: id,
        events: 2,
        purchases: 1,
        revenueReportingMinor: price,
      })),
    );
    const store = await openDuckDbStore({ path: ':memory:' });
    stores.push(store);
    await store.commit({ consumer: 'test', rollups: [], players, positions: [], state: [], deadLetters: [] });
    const sink = new CapturingSink();
    const engine = new AlertEngine({ store, rules: rules.file, sinks: [sink], consoleUrl: 'http://console.test' });
    const fired: string[] = [];
    const resolved: string[] = [];
    for (let m = 0; m <= 35; m++) {
      const report = await engine.evaluate(T0 + m * MIN);
      for (const e of report.fired) fired.push(`${m} ${e.labels.player}`);
      for (const e of report.resolved) resolved.push(`${m} ${e.labels.player}`);
    }
    // The window ending at now − 2 min holds min(now − 2, 10) of x's and y's minutes: 5 at
    // now = T0 + 7 (pending), firing a minute later. z also has 5 there, but spends least:
    // the KPI's limit of 2 leaves it out, so it never alerts; n never reaches 5.
    // x and y fall to 4 purchases once the window starts at minute 16: now = T0 + 28.
    expect(fired).toEqual(['8 x', '8 y']);
    expect(resolved).toEqual(['28 x', '28 y']);
    const first = sink.batches.flat()[0]!;
    expect(first.labels).toEqual({ alertname: 'Velocity', severity: 'page', game: 'a', player: 'x' });
    expect(first.annotations.summary).toBe('x in a: 6 purchases');
    expect(first.generatorUrl).toBe('http://console.test/?game=a&player=x');
  });
});
