/**
 * Per-player step facts (`PlayerStep`, player funnels) from the fold: one row per
 * (window, dimensions, player, assignment, step key) with the earliest event time and the
 * count; deltas across drains; and both sinks carrying them in the partition's commit.
 */
import { decodeRollupsRecord, IngestedBatch, jsonToStep, type EventData, type IngestedBatchData, type StepJson } from '@gamepulse/proto';
import { describe, expect, it } from 'vitest';
import { rollupsTopicRecords } from '../sink/kafka-sink.ts';
import { toRollupCommit } from '../sink/store-sink.ts';
import type { PartitionCommit } from '../sink/types.ts';
import { RollupAccumulator } from './accumulator.ts';
import { createAssignmentTable } from './assignment.ts';
import { createFirstSeenTable } from './first-seen.ts';
import { createActivityTable } from './activity.ts';
import { foldBatch, type PlayerTables } from './fold-batch.ts';

const T0 = Date.UTC(2025, 2, 10, 12, 0);
const tables = (): PlayerTables => ({
  firstSeen: createFirstSeenTable(0),
  assignments: createAssignmentTable(0),
  activity: createActivityTable(0),
});
const ev = (ms: number, payload: Partial<EventData>, extra: Partial<EventData> = {}): EventData => ({
  eventId: `e${ms}`,
  installId: 'i1',
  playerId: 'p1',
  clientTsMs: T0 + ms,
  ...payload,
  ...extra,
});
const batch = (events: EventData[], seq = 1): IngestedBatchData =>
  IngestedBatch.decode(
    IngestedBatch.encode({
      installId: 'i1',
      batchSequence: seq,
      receivedAtMs: T0 + 600_000,
      context: { gameId: 'g', build: '1.0', platform: 'web', country: 'DE' },
      events,
    }).finish(),
  );
const dims = { gameId: 'g', build: '1.0', platform: 'web', country: 'DE' };
const byKey = (s: {
  windowStartMs?: number | null;
  playerId?: string | null;
  eventType?: string | null;
  action?: string | null;
  item?: string | null;
  variant?: string | null;
}) => [s.windowStartMs, s.playerId, s.eventType, s.action, s.item, s.variant].join('|');

describe('processor/src/aggregate step facts', () => {
  it('keeps the earliest time and the count per window, player, step key and assignment', () => {
    const acc = new RollupAccumulator();
    foldBatch(
      batch([
        ev(30_000, { progression: { status: 2, tier1: 'forest', tier2: 'level1' } }),
        ev(5_000, { progression: { status: 2, tier1: 'forest', tier2: 'level1' } }), // earlier, sent later
        ev(5_000, { progression: { status: 1, tier1: 'forest', tier2: 'level2' } }),
        ev(61_000, { progression: { status: 2, tier1: 'forest', tier2: 'level1' } }), // next window
        ev(62_000, { purchase: { currency: 'USD', amountMinor: 99, itemType: 'gems' } }, { playerId: 'p2' }),
        ev(63_000, { experimentExposure: { experiment: 'shop', variant: 'grid' } }, { playerId: 'p2' }),
        ev(64_000, { purchase: { currency: 'USD', amountMinor: 99, itemType: 'gems' } }, { playerId: 'p2' }),
      ]),
      acc,
      tables(),
      T0,
    );
    expect(acc.pendingRows).toBe(7 + 3); // rollup rows + player windows
    expect(acc.pendingStepRows).toBe(6);
    const { steps } = acc.drain();
    const w0 = T0;
    const w1 = T0 + 60_000;
    const row = (
      windowStartMs: number,
      playerId: string,
      eventType: string,
      action: string,
      item: string,
      variant: string,
      firstMs: number,
      events: number,
    ) => ({
      windowStartMs,
      ...dims,
      playerId,
      eventType,
      action,
      item,
      variant,
      firstMs,
      events,
    });
    expect([...steps].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      [
        row(w0, 'p1', 'progression', 'complete', 'forest:level1', '', T0 + 5_000, 2),
        row(w0, 'p1', 'progression', 'start', 'forest:level2', '', T0 + 5_000, 1),
        row(w1, 'p1', 'progression', 'complete', 'forest:level1', '', T0 + 61_000, 1),
        row(w1, 'p2', 'purchase', '', 'gems', '', T0 + 62_000, 1),
        // the exposure carries the assignment it sets, as its rollup row does
        row(w1, 'p2', 'experiment_exposure', '', '', 'shop:grid', T0 + 63_000, 1),
        row(w1, 'p2', 'purchase', '', 'gems', 'shop:grid', T0 + 64_000, 1),
      ].sort((a, b) => byKey(a).localeCompare(byKey(b))),
    );
    expect(acc.pendingRows).toBe(0);
    expect(acc.pendingStepRows).toBe(0);
    expect(acc.drain().steps).toEqual([]);
  });

  it('a player with many step keys in one window: each key once, earliest time and count exact', () => {
    // 40 keys of one player and window, sent in three rounds; the second round (round 1) is the earliest.
    const levels = Array.from({ length: 40 }, (_, i) => `level${i}`);
    const events = [2, 1, 3].flatMap((round) =>
      levels.map((level, i) => ev(round * 10_000 + i, { progression: { status: 2, tier1: 'forest', tier2: level } })),
    );
    const acc = new RollupAccumulator();
    foldBatch(batch(events), acc, tables(), T0);
    const { steps } = acc.drain();
    expect(steps).toHaveLength(40);
    expect(new Set(steps.map(byKey)).size).toBe(40);
    for (const [i, level] of levels.entries())
      expect(steps.find((s) => s.item === `forest:${level}`)).toMatchObject({ firstMs: T0 + 10_000 + i, events: 3 });
  });

  it('starts from empty after a drain: a late event of a drained window is a new delta row', () => {
    const acc = new RollupAccumulator();
    const t = tables();
    foldBatch(batch([ev(10_000, { featureUse: { feature: 'daily_bonus' } })]), acc, t, T0);
    expect(acc.drain().steps).toMatchObject([{ eventType: 'feature_use', item: 'daily_bonus', firstMs: T0 + 10_000, events: 1 }]);
    foldBatch(batch([ev(2_000, { featureUse: { feature: 'daily_bonus' } })], 2), acc, t, T0);
    expect(acc.drain().steps).toMatchObject([{ windowStartMs: T0, firstMs: T0 + 2_000, events: 1 }]);
    foldBatch(batch([ev(3_000, { ad: { action: 1, adType: 'rewarded' } })], 3), acc, t, T0);
    acc.discard();
    expect(acc.drain().steps).toEqual([]);
  });

  it('goes into both sinks: the store commit and the rollups topic (kind "step")', () => {
    const acc = new RollupAccumulator();
    foldBatch(batch([ev(1_000, { sessionStart: {} }), ev(2_000, { social: { action: 'invite' } })]), acc, tables(), T0);
    const drained = acc.drain();
    const part: PartitionCommit = {
      topic: 'ev',
      partition: 0,
      fromOffset: 0,
      nextOffset: 1,
      rollups: drained.rollups,
      players: drained.players,
      steps: drained.steps,
      deadLetters: [],
      state: [],
      events: drained.events,
    };
    expect(toRollupCommit('processor', [part, { ...part, partition: 1 }]).steps).toHaveLength(4);
    const records = rollupsTopicRecords(part).map((r) => decodeRollupsRecord(r.value));
    expect(records.map((r) => r.kind)).toEqual(['rollup', 'rollup', 'player', 'step', 'step']);
    const steps = records.filter((r): r is StepJson => r.kind === 'step').map(jsonToStep);
    expect(steps.map((s) => [s.eventType, s.action, s.firstMs])).toEqual([
      ['session_start', '', T0 + 1_000],
      ['social', 'invite', T0 + 2_000],
    ]);
  });
});
