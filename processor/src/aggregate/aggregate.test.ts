import { IngestedBatch, type EventData, type IngestedBatchData } from '@gamepulse/proto';
import { describe, expect, it } from 'vitest';
import { RollupAccumulator } from './accumulator.ts';
import { dimsOf } from './dims.ts';
import { createReportingConverter } from '../fx/reporting-currency.ts';
import { parseFxRates } from '../fx/fx-rates.ts';
import { createAssignmentTable, VARIANT_NAMESPACE, withExposure } from './assignment.ts';
import { createFirstSeenTable } from './first-seen.ts';
import { createActivityTable } from './activity.ts';
import { foldBatch, type PlayerTables } from './fold-batch.ts';
import { rollupFields, rollupFieldsInto } from './rollup-fields.ts';

const T0 = Date.UTC(2025, 2, 10, 23, 59); // one minute before midnight UTC
const tables = (partition = 0): PlayerTables => ({
  firstSeen: createFirstSeenTable(partition),
  assignments: createAssignmentTable(partition),
  activity: createActivityTable(partition),
});
const ev = (sec: number, payload: Partial<EventData>, extra: Partial<EventData> = {}): EventData => ({
  eventId: `e${sec}`,
  installId: 'i1',
  playerId: 'p1',
  clientTsMs: T0 + sec * 1000,
  ...payload,
  ...extra,
});

/** Decoded from the wire, as the processor sees it (absent int64s are Longs there). */
function wire(b: IngestedBatchData) {
  return IngestedBatch.decode(IngestedBatch.encode(b).finish());
}

describe('processor/src/aggregate/rollup-fields', () => {
  it('maps every payload to its event type, sub-dimensions and measures', () => {
    const cases: Array<[Partial<EventData>, Partial<ReturnType<typeof rollupFields>>]> = [
      [{ sessionStart: {} }, { eventType: 'session_start' }],
      // item: the session-length sketch bucket, ⌈ln(61 000) / ln(1.02 / 0.98)⌉ = 276
      [{ sessionEnd: { lengthMs: 61_000 } }, { eventType: 'session_end', amount: 61_000, item: '276' }],
      [{ sessionEnd: {} }, { eventType: 'session_end', amount: 0, item: '' }],
      [{ progression: { status: 1, tier1: 'w1' } }, { eventType: 'progression', action: 'start', item: 'w1' }],
      [
        { progression: { status: 2, tier1: 'w1', tier2: 'l3', tier3: 'p2' } },
        { eventType: 'progression', action: 'complete', item: 'w1:l3:p2' },
      ],
      [{ progression: { status: 3, tier1: 'w1', tier2: '', tier3: 'p2' } }, { eventType: 'progression', action: 'fail', item: 'w1' }],
      [
        { progression: { status: 3, tier1: 'forest', tier2: 'level1' } },
        { eventType: 'progression', action: 'fail', item: 'forest:level1' },
      ],
      [{ progression: { status: 1, tier2: 'l1' } }, { eventType: 'progression', action: 'start', item: '' }],
      [
        { purchase: { currency: 'EUR', amountMinor: 499, itemType: 'gem_pack' } },
        { eventType: 'purchase', currency: 'EUR', amount: 499, item: 'gem_pack' },
      ],
      [
        { resource: { flow: 1, currency: 'gold', amount: 50, itemType: 'reward' } },
        { eventType: 'resource', action: 'source', currency: 'gold', amount: 50, item: 'reward' },
      ],
      [
        { resource: { flow: 2, currency: 'gold', amount: 20, itemType: 'shop' } },
        { eventType: 'resource', action: 'sink', currency: 'gold', amount: 20, item: 'shop' },
      ],
      [{ design: { eventId: 'ui:settings:open', value: 2.5 } }, { eventType: 'design', item: 'ui:settings:open', value: 2.5 }],
      [{ ad: { action: 3, adType: 'rewarded' } }, { eventType: 'ad', action: 'failed_show', item: 'rewarded' }],
      [{ ad: { action: 1, adType: 'banner' } }, { eventType: 'ad', action: 'show', item: 'banner' }],
      [
        { ad: { action: 4, adType: 'rewarded', placement: 'shop', network: 'n' } },
        { eventType: 'ad', action: 'reward_received', item: 'rewarded:shop' },
      ],
      [{ social: { action: 'invite' } }, { eventType: 'social', action: 'invite' }],
      [{ featureUse: { feature: 'daily_bonus' } }, { eventType: 'feature_use', item: 'daily_bonus' }],
      [{ experimentExposure: { experiment: 'onb', variant: 'b' } }, { eventType: 'experiment_exposure', variant: 'onb:b' }],
      [{ error: { severity: 5 } }, { eventType: 'error', action: 'critical' }],
      [
        { refund: { currency: 'EUR', amountMinor: 499, transactionId: 't1', store: 'apple', reason: 2, itemType: 'gem_pack' } },
        { eventType: 'refund', action: 'chargeback', currency: 'EUR', amount: 499, item: 'apple' },
      ],
      [
        { refund: { currency: 'USD', amountMinor: 99, transactionId: 't2', reason: 3 } },
        { eventType: 'refund', action: 'revoked', currency: 'USD', amount: 99 },
      ],
      [{ error: { severity: 3 } }, { eventType: 'error', action: 'warning' }],
      // measures the store could not hold count as 0 (the collector rejects them first)
      [{ design: { eventId: 'd', value: Number.NaN } }, { eventType: 'design', item: 'd' }],
      [{ purchase: { currency: 'USD', amountMinor: 2 ** 60 } }, { eventType: 'purchase', currency: 'USD' }],
      [{}, { eventType: 'unknown' }],
    ];
    const blank = { action: '', currency: '', item: '', variant: '', amount: 0, value: 0, reportingMinor: 0, reportingCurrency: '' };
    // One reused object, as the fold does: nothing of the previous event may remain.
    const reused = rollupFields(ev(0, { purchase: { currency: 'EUR', amountMinor: 5, itemType: 'x' } }));
    for (const [payload, expected] of [...cases, ...cases.slice().reverse()]) {
      // through the wire, so absent fields are what decoding gives
      const decoded = wire({ installId: 'i', batchSequence: 1, events: [ev(0, payload)] }).events[0]!;
      expect(rollupFields(decoded), JSON.stringify(payload)).toEqual({ ...blank, ...expected });
      expect(rollupFieldsInto(reused, decoded), `reused: ${JSON.stringify(payload)}`).toEqual({ ...blank, ...expected });
    }
  });

  it("takes dimensions from the event's context field by field, else the batch's", () => {
    const batch = { gameId: 'g', build: '1.0', platform: 'ios', country: 'BR' };
    expect(dimsOf(undefined, batch)).toMatchObject(batch);
    expect(dimsOf({ build: '2.0' }, batch)).toMatchObject({ gameId: 'g', build: '2.0', platform: 'ios', country: 'BR' });
    expect(dimsOf({ country: 'FR', gameId: 'h' }, batch)).toMatchObject({ gameId: 'h', build: '1.0', country: 'FR' });
    expect(dimsOf({}, undefined)).toMatchObject({ gameId: '', build: '', platform: '', country: '', region: '', subregion: '' });
    expect(dimsOf({ country: 'JP' }, batch)).toMatchObject({ country: 'JP', region: 'Asia', subregion: 'Eastern Asia' });
    expect(dimsOf(undefined, batch)).toMatchObject({ region: 'Americas', subregion: 'South America' });
  });
});

describe('processor/src/aggregate/fold-batch', () => {
  it('turns a hand-built batch into the expected rows and player windows', () => {
    const batch: IngestedBatchData = {
      installId: 'i1',
      batchSequence: 1,
      receivedAtMs: T0 + 200_000,
      context: { gameId: 'g', build: '1.0', platform: 'web', country: 'DE' },
      events: [
        ev(0, { sessionStart: {} }),
        ev(10, { purchase: { currency: 'USD', amountMinor: 199, itemType: 'gem_pack' } }),
        ev(20, { purchase: { currency: 'USD', amountMinor: 299, itemType: 'gem_pack' } }),
        ev(59.999, { resource: { flow: 1, currency: 'gold', amount: 5, itemType: 'reward' } }), // last ms of 23:59
        ev(60, { resource: { flow: 1, currency: 'gold', amount: 7, itemType: 'reward' } }), // first ms of 00:00, next day
        ev(61, { design: { eventId: 'd:x', value: 1.25 } }),
        ev(62, { design: { eventId: 'd:x', value: 2 } }, { context: { country: 'FR' } }),
        ev(63, { sessionEnd: { lengthMs: 63_000 } }, { playerId: '' }), // unidentified: the install id
        ev(0, { featureUse: { feature: 'chat' } }, { clientTsMs: 0 }), // invalid time: receive time stands in
      ],
    };
    const acc = new RollupAccumulator();
    const t = tables();
    const firstSeen = t.firstSeen;
    const result = foldBatch(wire(batch), acc, t, T0 + 300_000);
    expect(result).toEqual({ events: 9, timeFallbacks: 1, lateEvents: 0, futureClamped: 0 });
    expect(acc.pendingEvents).toBe(9);

    const w0 = T0;
    const w1 = T0 + 60_000;
    const w3 = T0 + 180_000; // receive time T0+200s
    // DE and FR: both Western Europe (M49), stamped from the country.
    const dims = { gameId: 'g', build: '1.0', platform: 'web', country: 'DE', region: 'Europe', subregion: 'Western Europe' };
    const row = (w: number, eventType: string, o: Record<string, unknown>) => ({
      windowStartMs: w,
      ...dims,
      eventType,
      action: '',
      currency: '',
      item: '',
      variant: '',
      events: 1,
      amount: 0,
      value: 0,
      lateEvents: 0,
      revenueReportingMinor: 0,
      reportingCurrency: '',
      ...o,
    });
    const { rollups, players, events } = acc.drain();
    expect(events).toBe(9);
    const key = (r: { windowStartMs?: number | null; eventType?: string | null; country?: string | null; action?: string | null }) =>
      `${r.windowStartMs}|${r.eventType}|${r.country}|${r.action}`;
    expect([...rollups].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [
        row(w0, 'session_start', {}),
        row(w0, 'purchase', {
          currency: 'USD',
          item: 'gem_pack',
          events: 2,
          amount: 498,
          revenueReportingMinor: 498,
          reportingCurrency: 'USD',
        }),
        row(w0, 'resource', { action: 'source', currency: 'gold', item: 'reward', amount: 5 }),
        row(w1, 'resource', { action: 'source', currency: 'gold', item: 'reward', amount: 7 }),
        row(w1, 'design', { item: 'd:x', value: 1.25 }),
        row(w1, 'design', { item: 'd:x', value: 2, country: 'FR' }),
        row(w1, 'session_end', { amount: 63_000, item: '277' }),
        row(w3, 'feature_use', { item: 'chat' }),
      ].sort((a, b) => key(a).localeCompare(key(b))),
    );

    const day0 = Date.UTC(2025, 2, 10);
    const gap = (gapSessions: number, activeMs: number) => ({ gapSessions, activeMs, maxProgress: 0 });
    const pkey = (p: { windowStartMs?: number | null; playerId?: string | null; country?: string | null }) =>
      `${p.windowStartMs}|${p.playerId}|${p.country}`;
    expect([...players].sort((a, b) => pkey(a).localeCompare(pkey(b)))).toEqual(
      [
        // Gap sessions: p1's install opens one at its first event; each later event adds the
        // time since the install's previous one (ms): 10 000 + 10 000 + 39 999 here …
        {
          windowStartMs: w0,
          ...dims,
          playerId: 'p1',
          firstSeenDayMs: day0,
          events: 4,
          purchases: 2,
          sessions: 1,
          variant: '',
          revenueReportingMinor: 498,
          ...gap(1, 59_999),
        },
        // … 1 + 1 000 …
        {
          windowStartMs: w1,
          ...dims,
          playerId: 'p1',
          firstSeenDayMs: day0,
          events: 2,
          purchases: 0,
          sessions: 0,
          variant: '',
          revenueReportingMinor: 0,
          ...gap(0, 1_001),
        },
        {
          windowStartMs: w1,
          ...dims,
          country: 'FR',
          playerId: 'p1',
          firstSeenDayMs: day0,
          events: 1,
          purchases: 0,
          sessions: 0,
          variant: '',
          revenueReportingMinor: 0,
          ...gap(0, 1_000),
        },
        // the install id's first event is the one past midnight: its cohort is the next day
        {
          windowStartMs: w1,
          ...dims,
          playerId: 'i1',
          firstSeenDayMs: day0 + 86_400_000,
          events: 1,
          purchases: 0,
          sessions: 0,
          variant: '',
          revenueReportingMinor: 0,
          ...gap(1, 0), // another player (the install id): its own session
        },
        // … and 138 000 for the event at the receive time (T0 + 200 s), within the 30-minute gap
        {
          windowStartMs: w3,
          ...dims,
          playerId: 'p1',
          firstSeenDayMs: day0,
          events: 1,
          purchases: 0,
          sessions: 0,
          variant: '',
          revenueReportingMinor: 0,
          ...gap(0, 138_000),
        },
      ].sort((a, b) => pkey(a).localeCompare(pkey(b))),
    );
    expect(acc.pendingRows).toBe(0);
    // first-seen state: one entry per new player, then nothing until another new player
    expect(
      firstSeen
        .takeDirty()
        .map((e) => e.key)
        .sort(),
    ).toEqual(['i1', 'p1']);
    foldBatch(wire({ ...batch, batchSequence: 2 }), acc, t, T0 + 300_000);
    expect(firstSeen.dirtyCount).toBe(0);
  });

  it('sums rows with equal keys across batches instead of adding rows', () => {
    const acc = new RollupAccumulator();
    const t = tables();
    const b = (seq: number): IngestedBatchData => ({
      installId: 'i1',
      batchSequence: seq,
      context: { gameId: 'g' },
      events: [ev(1, { purchase: { currency: 'USD', amountMinor: 100, itemType: 'x' } })],
    });
    for (let s = 1; s <= 3; s++) foldBatch(wire(b(s)), acc, t, T0);
    const { rollups, players } = acc.drain();
    expect(rollups).toHaveLength(1);
    expect(rollups[0]).toMatchObject({ events: 3, amount: 300 });
    expect(players).toEqual([expect.objectContaining({ events: 3, purchases: 3 })]);
  });
});

describe('processor/src/aggregate/assignment (variant stamping)', () => {
  const dims = { gameId: 'g', build: '1.0', platform: 'web', country: 'DE' };
  const batch = (seq: number, events: EventData[], installId = 'i1'): IngestedBatchData => ({
    installId,
    batchSequence: seq,
    context: dims,
    events,
  });
  const exposure = (sec: number, experiment: string, variant: string, extra: Partial<EventData> = {}) =>
    ev(sec, { experimentExposure: { experiment, variant } }, extra);
  const purchase = (sec: number, amountMinor: number, extra: Partial<EventData> = {}) =>
    ev(sec, { purchase: { currency: 'EUR', amountMinor, itemType: 'gems' } }, extra);
  const sorted = (xs: string[]) => [...xs].sort();
  /** Rows as `variant|eventType|events|amount` and `variant|player|events|purchases|sessions`, sorted. */
  function shape(acc: RollupAccumulator) {
    const { rollups, players } = acc.drain();
    return {
      rollups: rollups.map((r) => `${r.windowStartMs! - T0}|${r.variant}|${r.eventType}|${r.events}|${r.amount}`).sort(),
      players: players.map((p) => `${p.windowStartMs! - T0}|${p.variant}|${p.playerId}|${p.events}|${p.purchases}|${p.sessions}`).sort(),
    };
  }

  it('stamps nothing before the first exposure, and the assignment on every row from the exposure on', () => {
    const acc = new RollupAccumulator();
    const t = tables();
    // one window (T0 .. T0+59s): a session start and a purchase before the exposure, a purchase after it
    foldBatch(
      wire(batch(1, [ev(1, { sessionStart: {} }), purchase(2, 100), exposure(3, 'shop_layout', 'grid'), purchase(4, 250)])),
      acc,
      t,
      T0,
    );
    expect(shape(acc)).toEqual({
      rollups: sorted([
        '0||purchase|1|100',
        '0||session_start|1|0',
        '0|shop_layout:grid|experiment_exposure|1|0',
        '0|shop_layout:grid|purchase|1|250',
      ]),
      // the window of the exposure has one player row before it and one after it
      players: sorted(['0||p1|2|1|1', '0|shop_layout:grid|p1|2|1|0']),
    });
    expect(t.assignments.takeDirty()).toEqual([
      { partition: 0, namespace: VARIANT_NAMESPACE, key: 'p1', value: new TextEncoder().encode('shop_layout:grid') },
    ]);
    // a later batch (next window): still assigned, no state written again
    foldBatch(wire(batch(2, [ev(70, { sessionStart: {} }), exposure(71, 'shop_layout', 'grid'), purchase(72, 5)])), acc, t, T0);
    expect(shape(acc)).toEqual({
      rollups: sorted([
        '60000|shop_layout:grid|experiment_exposure|1|0',
        '60000|shop_layout:grid|purchase|1|5',
        '60000|shop_layout:grid|session_start|1|0',
      ]),
      players: sorted(['60000|shop_layout:grid|p1|3|1|1']),
    });
    expect(t.assignments.dirtyCount).toBe(0);
  });

  it('keeps one variant per experiment: a set, sorted by experiment, a re-exposure replacing its experiment only', () => {
    const acc = new RollupAccumulator();
    const t = tables();
    foldBatch(
      wire(
        batch(1, [
          exposure(1, 'shop_layout', 'grid'),
          purchase(2, 10),
          ev(3, { sessionStart: {} }, { playerId: 'p2' }), // another player of the install: not assigned
          exposure(4, 'onboarding', 'a'),
          purchase(5, 20),
          purchase(6, 30, { playerId: 'p2' }),
          exposure(7, 'onboarding', 'b'), // replaces onboarding:a, keeps shop_layout:grid
          purchase(8, 40),
        ]),
      ),
      acc,
      t,
      T0,
    );
    expect(shape(acc)).toEqual({
      rollups: sorted([
        '0||purchase|1|30',
        '0||session_start|1|0',
        // an exposure's own row: the one experiment:variant it exposes
        '0|shop_layout:grid|experiment_exposure|1|0',
        '0|onboarding:a|experiment_exposure|1|0',
        '0|onboarding:b|experiment_exposure|1|0',
        // every other row: the set as of the event
        '0|shop_layout:grid|purchase|1|10',
        '0|onboarding:a,shop_layout:grid|purchase|1|20',
        '0|onboarding:b,shop_layout:grid|purchase|1|40',
      ]),
      // player rows carry the set, the exposure's included
      players: sorted([
        '0||p2|2|1|1',
        '0|shop_layout:grid|p1|2|1|0',
        '0|onboarding:a,shop_layout:grid|p1|2|1|0',
        '0|onboarding:b,shop_layout:grid|p1|2|1|0',
      ]),
    });
    // one entry per key and commit: the latest set
    expect(t.assignments.takeDirty().map((e) => [e.key, new TextDecoder().decode(e.value)])).toEqual([
      ['p1', 'onboarding:b,shop_layout:grid'],
    ]);
  });

  it('withExposure: sorted by experiment, replaces per experiment, keeps a one-element value from before sets', () => {
    expect(withExposure('', 'shop_layout:grid')).toBe('shop_layout:grid');
    expect(withExposure('shop_layout:grid', 'onboarding:guided')).toBe('onboarding:guided,shop_layout:grid');
    expect(withExposure('onboarding:guided,shop_layout:grid', 'shop_layout:control')).toBe('onboarding:guided,shop_layout:control');
    expect(withExposure('onboarding:guided,shop_layout:grid', 'zeta:1')).toBe('onboarding:guided,shop_layout:grid,zeta:1');
    expect(withExposure('a:1', 'a:1')).toBe('a:1');
    // a ',' in a name cannot split the element
    expect(withExposure('a:1', 'b:x,y')).toBe('a:1,b:x;y');
  });

  it('restores the assignment from the checkpoint (it moves with the partition) and forgets it on request', () => {
    const before = tables(3);
    foldBatch(wire(batch(1, [exposure(1, 'shop_layout', 'grid')])), new RollupAccumulator(), before, T0);
    const committed = [...before.assignments.takeDirty(), ...before.firstSeen.takeDirty()];
    const after = tables(3);
    after.assignments.restore(committed);
    after.firstSeen.restore(committed);
    const elsewhere = tables(4);
    elsewhere.assignments.restore(committed); // another partition's entries are not its own
    expect(elsewhere.assignments.size).toBe(0);
    const acc = new RollupAccumulator();
    foldBatch(wire(batch(2, [purchase(90, 7)])), acc, after, T0);
    expect(shape(acc)).toEqual({
      rollups: sorted(['60000|shop_layout:grid|purchase|1|7']),
      players: sorted(['60000|shop_layout:grid|p1|1|1|0']),
    });
    // a deletion request erased the player in the store: dropped without writing anything
    expect(after.assignments.forget('p1')).toBe(true);
    expect(after.assignments.dirtyCount).toBe(0);
    foldBatch(wire(batch(3, [purchase(130, 9)])), acc, after, T0);
    expect(shape(acc).rollups).toEqual(['120000||purchase|1|9']);
  });
});

describe('processor/src/aggregate/fold-batch (reporting currency)', () => {
  it("converts each purchase with its day's rate into the game's reporting currency, on rollup and player rows; an unknown currency counts as 0", () => {
    const acc = new RollupAccumulator();
    const t = tables();
    const reporting = createReportingConverter({
      currency: 'EUR',
      rates: parseFxRates({ rates: { '2025-03-10': { USD: 1.25, JPY: 160 } } }),
    });
    const buy = (sec: number, currency: string, amountMinor: number) => ev(sec, { purchase: { currency, amountMinor, itemType: 'gems' } });
    const result = foldBatch(
      wire({
        installId: 'i1',
        batchSequence: 1,
        context: { gameId: 'g' },
        // 99 US cents → 79.2 → 79 EUR cents; 101 → 80.8 → 81 (rounded per event: 160 US cents alone would be 128)
        events: [buy(1, 'USD', 99), buy(2, 'USD', 101), buy(3, 'JPY', 160), buy(4, 'EUR', 7), buy(5, 'XXX', 500)],
      }),
      acc,
      t,
      T0,
      undefined,
      reporting,
    );
    expect(result.unknownCurrencies).toEqual({ XXX: 1 });
    const { rollups, players } = acc.drain();
    const byCurrency = Object.fromEntries(
      rollups.map((r) => [r.currency ?? '', [r.amount, r.revenueReportingMinor, r.reportingCurrency] as const]),
    );
    expect(byCurrency).toEqual({ USD: [200, 160, 'EUR'], JPY: [160, 100, 'EUR'], EUR: [7, 7, 'EUR'], XXX: [500, 0, 'EUR'] });
    expect(players.map((p) => [p.purchases, p.revenueReportingMinor])).toEqual([[5, 267]]);
  });

  it("converts a refund like a purchase on its rollup row, and leaves the player's revenue gross", () => {
    const acc = new RollupAccumulator();
    const reporting = createReportingConverter({ currency: 'EUR', rates: parseFxRates({ rates: { '2025-03-10': { USD: 1.25 } } }) });
    foldBatch(
      wire({
        installId: 'i1',
        batchSequence: 1,
        context: { gameId: 'g' },
        events: [
          ev(1, { purchase: { currency: 'USD', amountMinor: 500, itemType: 'gems', transactionId: 't1' } }),
          ev(2, { refund: { currency: 'USD', amountMinor: 500, transactionId: 't1', store: 'google', reason: 2 } }),
        ],
      }),
      acc,
      tables(),
      T0,
      undefined,
      reporting,
    );
    const { rollups, players } = acc.drain();
    const refund = rollups.find((r) => r.eventType === 'refund');
    expect(refund).toMatchObject({
      action: 'chargeback',
      currency: 'USD',
      item: 'google',
      events: 1,
      amount: 500,
      revenueReportingMinor: 400,
      reportingCurrency: 'EUR',
    });
    expect(rollups.find((r) => r.eventType === 'purchase')).toMatchObject({ amount: 500, revenueReportingMinor: 400 });
    // Revenue KPIs and the player tables stay gross: the refund is neither a purchase nor negative revenue.
    expect(players.map((p) => [p.events, p.purchases, p.revenueReportingMinor])).toEqual([[2, 1, 400]]);
  });
});
