import { IngestedBatch, type EventData, type IngestedBatchData } from '@gamepulse/proto';
import { describe, expect, it } from 'vitest';
import { RollupAccumulator } from './accumulator.ts';
import { dimsOf } from './dims.ts';
import { createFirstSeenTable } from './first-seen.ts';
import { foldBatch } from './fold-batch.ts';
import { rollupFields } from './rollup-fields.ts';

const T0 = Date.UTC(2025, 2, 10, 23, 59); // one minute before midnight UTC
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
      [{ sessionEnd: { lengthMs: 61_000 } }, { eventType: 'session_end', amount: 61_000 }],
      [{ progression: { status: 1, tier1: 'w1' } }, { eventType: 'progression', action: 'start', item: 'w1' }],
      [{ progression: { status: 2, tier1: 'w1', tier2: 'l3', tier3: 'p2' } }, { eventType: 'progression', action: 'complete', item: 'w1:l3:p2' }],
      [{ progression: { status: 3, tier1: 'w1', tier2: '', tier3: 'p2' } }, { eventType: 'progression', action: 'fail', item: 'w1' }],
      [{ purchase: { currency: 'EUR', amountMinor: 499, itemType: 'gem_pack' } }, { eventType: 'purchase', currency: 'EUR', amount: 499, item: 'gem_pack' }],
      [{ resource: { flow: 1, currency: 'gold', amount: 50, itemType: 'reward' } }, { eventType: 'resource', action: 'source', currency: 'gold', amount: 50, item: 'reward' }],
      [{ resource: { flow: 2, currency: 'gold', amount: 20, itemType: 'shop' } }, { eventType: 'resource', action: 'sink', currency: 'gold', amount: 20, item: 'shop' }],
      [{ design: { eventId: 'ui:settings:open', value: 2.5 } }, { eventType: 'design', item: 'ui:settings:open', value: 2.5 }],
      [{ ad: { action: 3, adType: 'rewarded' } }, { eventType: 'ad', action: 'failed_show', item: 'rewarded' }],
      [{ ad: { action: 1, adType: 'banner' } }, { eventType: 'ad', action: 'show', item: 'banner' }],
      [{ social: { action: 'invite' } }, { eventType: 'social', action: 'invite' }],
      [{ featureUse: { feature: 'daily_bonus' } }, { eventType: 'feature_use', item: 'daily_bonus' }],
      [{ experimentExposure: { experiment: 'onb', variant: 'b' } }, { eventType: 'experiment_exposure', variant: 'onb:b' }],
      [{ error: { severity: 5 } }, { eventType: 'error', action: 'critical' }],
      [{ error: { severity: 3 } }, { eventType: 'error', action: 'warning' }],
      // measures the store could not hold count as 0 (the collector rejects them first)
      [{ design: { eventId: 'd', value: Number.NaN } }, { eventType: 'design', item: 'd' }],
      [{ purchase: { currency: 'USD', amountMinor: 2 ** 60 } }, { eventType: 'purchase', currency: 'USD' }],
      [{}, { eventType: 'unknown' }],
    ];
    const blank = { action: '', currency: '', item: '', variant: '', amount: 0, value: 0 };
    for (const [payload, expected] of cases) {
      // through the wire, so absent fields are what decoding gives
      const decoded = wire({ installId: 'i', batchSequence: 1, events: [ev(0, payload)] }).events[0]!;
      expect(rollupFields(decoded), JSON.stringify(payload)).toEqual({ ...blank, ...expected });
    }
  });

  it('takes dimensions from the event\'s context field by field, else the batch\'s', () => {
    const batch = { gameId: 'g', build: '1.0', platform: 'ios', country: 'BR' };
    expect(dimsOf(undefined, batch)).toMatchObject(batch);
    expect(dimsOf({ build: '2.0' }, batch)).toMatchObject({ gameId: 'g', build: '2.0', platform: 'ios', country: 'BR' });
    expect(dimsOf({ country: 'FR', gameId: 'h' }, batch)).toMatchObject({ gameId: 'h', build: '1.0', country: 'FR' });
    expect(dimsOf({}, undefined)).toMatchObject({ gameId: '', build: '', platform: '', country: '' });
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
    const firstSeen = createFirstSeenTable(0);
    const result = foldBatch(wire(batch), acc, firstSeen, T0 + 300_000);
    expect(result).toEqual({ events: 9, timeFallbacks: 1 });
    expect(acc.pendingEvents).toBe(9);

    const w0 = T0;
    const w1 = T0 + 60_000;
    const w3 = T0 + 180_000; // receive time T0+200s
    const dims = { gameId: 'g', build: '1.0', platform: 'web', country: 'DE' };
    const row = (w: number, eventType: string, o: Record<string, unknown>) => ({
      windowStartMs: w, ...dims, eventType, action: '', currency: '', item: '', variant: '', events: 1, amount: 0, value: 0, ...o,
    });
    const { rollups, players, events } = acc.drain();
    expect(events).toBe(9);
    const key = (r: { windowStartMs?: number | null; eventType?: string | null; country?: string | null; action?: string | null }) => `${r.windowStartMs}|${r.eventType}|${r.country}|${r.action}`;
    expect([...rollups].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [
        row(w0, 'session_start', {}),
        row(w0, 'purchase', { currency: 'USD', item: 'gem_pack', events: 2, amount: 498 }),
        row(w0, 'resource', { action: 'source', currency: 'gold', item: 'reward', amount: 5 }),
        row(w1, 'resource', { action: 'source', currency: 'gold', item: 'reward', amount: 7 }),
        row(w1, 'design', { item: 'd:x', value: 1.25 }),
        row(w1, 'design', { item: 'd:x', value: 2, country: 'FR' }),
        row(w1, 'session_end', { amount: 63_000 }),
        row(w3, 'feature_use', { item: 'chat' }),
      ].sort((a, b) => key(a).localeCompare(key(b))),
    );

    const day0 = Date.UTC(2025, 2, 10);
    const pkey = (p: { windowStartMs?: number | null; playerId?: string | null; country?: string | null }) => `${p.windowStartMs}|${p.playerId}|${p.country}`;
    expect([...players].sort((a, b) => pkey(a).localeCompare(pkey(b)))).toEqual(
      [
        { windowStartMs: w0, ...dims, playerId: 'p1', firstSeenDayMs: day0, events: 4, purchases: 2, sessions: 1 },
        { windowStartMs: w1, ...dims, playerId: 'p1', firstSeenDayMs: day0, events: 2, purchases: 0, sessions: 0 },
        { windowStartMs: w1, ...dims, country: 'FR', playerId: 'p1', firstSeenDayMs: day0, events: 1, purchases: 0, sessions: 0 },
        // the install id's first event is the one past midnight: its cohort is the next day
        { windowStartMs: w1, ...dims, playerId: 'i1', firstSeenDayMs: day0 + 86_400_000, events: 1, purchases: 0, sessions: 0 },
        { windowStartMs: w3, ...dims, playerId: 'p1', firstSeenDayMs: day0, events: 1, purchases: 0, sessions: 0 },
      ].sort((a, b) => pkey(a).localeCompare(pkey(b))),
    );
    expect(acc.pendingRows).toBe(0);
    // first-seen state: one entry per new player, then nothing until another new player
    expect(firstSeen.takeDirty().map((e) => e.key).sort()).toEqual(['i1', 'p1']);
    foldBatch(wire({ ...batch, batchSequence: 2 }), acc, firstSeen, T0 + 300_000);
    expect(firstSeen.dirtyCount).toBe(0);
  });

  it('sums rows with equal keys across batches instead of adding rows', () => {
    const acc = new RollupAccumulator();
    const firstSeen = createFirstSeenTable(0);
    const b = (seq: number): IngestedBatchData => ({
      installId: 'i1', batchSequence: seq, context: { gameId: 'g' },
      events: [ev(1, { purchase: { currency: 'USD', amountMinor: 100, itemType: 'x' } })],
    });
    for (let s = 1; s <= 3; s++) foldBatch(wire(b(s)), acc, firstSeen, T0);
    const { rollups, players } = acc.drain();
    expect(rollups).toHaveLength(1);
    expect(rollups[0]).toMatchObject({ events: 3, amount: 300 });
    expect(players).toEqual([expect.objectContaining({ events: 3, purchases: 3 })]);
  });
});
