/**
 * player_funnel on DuckDB against the reference computed from raw events
 * (reference/funnels.ts): random raw events of a few dozen players → step facts as the
 * processor writes them (here by a small stand-in: per window, dimensions, player,
 * step key and assignment the earliest time and the count, spread over several commits
 * so the store merges deltas) → the KPI; every row must equal the reference exactly.
 */
import type { PlayerStepData } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { DAY_MS, MINUTE_MS, seededRandom } from '@gamepulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefData, RefEvent } from './reference/reference-kpis.ts';
import { REFERENCE_KPIS } from './reference/reference-kpis.ts';
import { runKpi } from './run-kpi.ts';
import type { KpiParams } from './types.ts';

const DAY0 = Date.UTC(2025, 2, 10);
const NOW = DAY0 + 3 * DAY_MS;
const H = 3_600_000;

let store: DuckDbStore;
let data: RefData;

/** Players who mostly move through a session → levels → bonus → purchase, with noise, repeats and ties. */
function randomEvents(): RefEvent[] {
  const rng = seededRandom('player-funnel');
  const events: RefEvent[] = [];
  for (let p = 0; p < 80; p++) {
    const base = {
      playerId: `p${p}`,
      installId: `i${p}`,
      gameId: p % 3 === 0 ? 'word-quest' : 'space-miner',
      build: rng.pick(['1.0.0', '1.1.0']),
      platform: rng.pick(['ios', 'android']),
      country: rng.pick(['DE', 'US']),
      currency: '',
      amount: 0,
      value: 0,
      exposure: '',
    };
    let t = DAY0 + rng.int(0, 2 * DAY_MS);
    const push = (type: string, action = '', item = '', exposure = '') =>
      events.push({ ...base, tsMs: t, type, action, item, exposure, ...(rng.next() < 0.1 ? { platform: 'web' } : {}) });
    const steps = rng.int(3, 40);
    for (let i = 0; i < steps; i++) {
      // Gaps from 0 ms (a tie with the previous event) to hours: conversions inside and outside windows.
      t += rng.pick([0, 1, 400, 20_000, 59_999, 5 * MINUTE_MS, 2 * H, 20 * H]);
      const r = rng.next();
      if (r < 0.15) push('session_start');
      else if (r < 0.2) push('experiment_exposure', '', '', rng.pick(['shop_layout:grid', 'shop_layout:control']));
      else if (r < 0.55) push('progression', rng.pick(['start', 'complete', 'complete', 'fail']), `forest:level${rng.int(1, 4)}`);
      else if (r < 0.7) push('feature_use', '', rng.pick(['daily_bonus', 'lucky_wheel']));
      else if (r < 0.8) push('purchase', '', rng.pick(['gems_small', 'gems_large']));
      else push('ad', rng.pick(['show', 'rewarded']), 'rewarded');
    }
  }
  return events.sort((a, b) => a.tsMs - b.tsMs);
}

/** Each event's assignment: the player's latest exposure up to it (the exposure itself included), '' before. */
function assignments(events: readonly RefEvent[]): Map<RefEvent, string> {
  const current = new Map<string, string>();
  const out = new Map<RefEvent, string>();
  for (const e of events) {
    if (e.type === 'experiment_exposure') current.set(e.playerId, e.exposure);
    out.set(e, current.get(e.playerId) ?? '');
  }
  return out;
}

/** The processor's step facts, from the format's definition: earliest time and count per key. */
function stepFacts(events: readonly RefEvent[], variantOf: Map<RefEvent, string>): PlayerStepData[] {
  const rows = new Map<string, PlayerStepData & { firstMs: number; events: number }>();
  for (const e of events) {
    const variant = variantOf.get(e)!;
    const windowStartMs = Math.floor(e.tsMs / MINUTE_MS) * MINUTE_MS;
    const key = [windowStartMs, e.gameId, e.build, e.platform, e.country, e.playerId, e.type, e.action, e.item, variant].join('|');
    const row = rows.get(key);
    if (row) {
      row.firstMs = Math.min(row.firstMs, e.tsMs);
      row.events += 1;
    } else {
      rows.set(key, {
        windowStartMs,
        gameId: e.gameId,
        build: e.build,
        platform: e.platform,
        country: e.country,
        playerId: e.playerId,
        eventType: e.type,
        action: e.action,
        item: e.item,
        variant,
        firstMs: e.tsMs,
        events: 1,
      });
    }
  }
  return [...rows.values()];
}

beforeAll(async () => {
  const events = randomEvents();
  data = { rollups: [], players: [], events, playerVariant: true };
  store = await openDuckDbStore({ path: ':memory:' });
  const variantOf = assignments(events);
  // Every third event's facts in its own commit: keys repeat across commits as deltas,
  // and the earliest time of a key is not always in the first commit holding it.
  for (let i = 0; i < 3; i++) {
    await store.commit({
      consumer: 'test',
      rollups: [],
      players: [],
      steps: stepFacts(
        events.filter((_, j) => j % 3 === (i + 1) % 3),
        variantOf,
      ),
      positions: [],
      state: [],
      deadLetters: [],
    });
  }
});
afterAll(() => store.close());

const CASES: Array<[string, KpiParams]> = [
  ['defaults over the whole data', { fromMs: DAY0, toMs: NOW }],
  [
    'session → level complete → bonus → purchase, 1 day',
    { fromMs: DAY0, toMs: NOW, steps: ['session_start', 'progression:complete', 'feature_use::daily_bonus', 'purchase'] },
  ],
  ['progression preset, 12 h', { fromMs: DAY0, toMs: NOW, steps: ['progression:complete:forest:level{1..4}'], windowMs: 12 * H }],
  ['a window of one minute', { fromMs: DAY0, toMs: NOW, steps: ['progression', 'progression:complete', 'purchase'], windowMs: MINUTE_MS }],
  [
    'range off bucket edges, one game',
    { game: 'space-miner', fromMs: DAY0 + 5 * H + 17 * MINUTE_MS, toMs: DAY0 + 40 * H + 3 * MINUTE_MS, steps: ['ad', 'purchase'] },
  ],
  [
    'platform and country',
    { platform: 'ios', country: 'US', fromMs: DAY0, toMs: NOW, steps: ['session_start', 'progression:start', 'ad:rewarded'] },
  ],
  [
    'one variant',
    { variant: 'shop_layout:grid', fromMs: DAY0, toMs: NOW, steps: ['progression:start', 'progression:complete', 'purchase'] },
  ],
  ['same step twice (a repeat never comes first: first occurrences)', { fromMs: DAY0, toMs: NOW, steps: ['purchase', 'purchase'] }],
  ['no data in range', { fromMs: DAY0 - DAY_MS, toMs: DAY0, steps: ['session_start', 'purchase'] }],
];

describe('kpi/player_funnel (DuckDB vs raw events)', () => {
  it('stores the facts of every event, merged across commits', async () => {
    const [row] = await store.sql('SELECT count(DISTINCT player_id) AS players, sum(events) AS events FROM player_steps');
    expect(row).toEqual({ players: 80, events: data.events!.length });
  });

  for (const [label, params] of CASES) {
    it(label, async () => {
      const result = await runKpi(store, 'player_funnel', params, { nowMs: () => NOW });
      expect(result.columns).toEqual([
        'step',
        'step_key',
        'players',
        'conversion_from_previous',
        'conversion_from_first',
        'median_ms_from_previous',
      ]);
      expect(result.rows).toEqual(REFERENCE_KPIS.player_funnel!(result.params, data));
    });
  }

  it('found players through whole funnels (the comparisons are not all empty)', async () => {
    const r = await runKpi(store, 'player_funnel', CASES[1]![1], { nowMs: () => NOW });
    expect(r.rows.map((x) => x.players)).toEqual([...r.rows.map((x) => x.players)].sort((a, b) => Number(b) - Number(a)));
    expect(r.rows.at(-1)!.players).toBeGreaterThan(0);
    expect(r.rows[1]!.median_ms_from_previous).toBeGreaterThan(0);
  });

  it('refuses a funnel of one step, of nine, or a bad window', async () => {
    for (const params of [
      { steps: ['purchase'] },
      { steps: Array.from({ length: 9 }, () => 'ad') },
      { steps: ['Bad Type', 'ad'] },
      { windowMs: 0 },
    ]) {
      await expect(runKpi(store, 'player_funnel', params, { nowMs: () => NOW })).rejects.toMatchObject({ code: 'GP_QUERY_BAD_PARAM' });
    }
  });
});
