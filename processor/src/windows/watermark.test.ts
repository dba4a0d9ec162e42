import { IngestedBatch, type EventData, type IngestedBatchData } from '@gamepulse/proto';
import { describe, expect, it } from 'vitest';
import { RollupAccumulator } from '../aggregate/accumulator.ts';
import { createAssignmentTable } from '../aggregate/assignment.ts';
import { createFirstSeenTable } from '../aggregate/first-seen.ts';
import { createActivityTable } from '../aggregate/activity.ts';
import { foldBatch, type LateDataTracking, type PlayerTables } from '../aggregate/fold-batch.ts';
import { futureBoundMs, PartitionWatermark, WATERMARK_NAMESPACE } from './watermark.ts';

const T0 = Date.UTC(2025, 5, 1, 12, 0);
const MIN = 60_000;
const players = (): PlayerTables => ({
  firstSeen: createFirstSeenTable(0),
  assignments: createAssignmentTable(0),
  activity: createActivityTable(0),
});
const feature = (tsMs: number): EventData => ({ eventId: `e${tsMs}`, playerId: 'p1', clientTsMs: tsMs, featureUse: { feature: 'chat' } });
const batch = (seq: number, times: number[], receivedAtMs = Math.max(...times)): IngestedBatchData =>
  IngestedBatch.decode(
    IngestedBatch.encode({
      installId: 'i1',
      batchSequence: seq,
      receivedAtMs,
      context: { gameId: 'g', country: 'DE' },
      events: times.map(feature),
    }).finish(),
  );

/** Rollup rows by window: [events, late_events]. */
function byWindow(acc: RollupAccumulator): Record<number, [number, number]> {
  const out: Record<number, [number, number]> = {};
  for (const r of acc.drain().rollups) {
    const w = (r.windowStartMs as number) - T0;
    const [e, l] = out[w] ?? [0, 0];
    out[w] = [e + (r.events as number), l + (r.lateEvents as number)];
  }
  return out;
}

describe('processor/windows/watermark', () => {
  const rule = { allowedLatenessMs: 10 * MIN, maxFutureMs: 5 * MIN };

  it('counts an event behind the watermark in its own window and flags it late; within the lateness it is on time', () => {
    const acc = new RollupAccumulator();
    const late: LateDataTracking = { watermark: new PartitionWatermark(0), rule };
    const t = players();
    // The first batch moves the partition's largest event time to T0 + 30 min.
    expect(foldBatch(batch(1, [T0 + 30 * MIN]), acc, t, T0 + 30 * MIN, late).lateEvents).toBe(0);
    expect(late.watermark.watermarkMs(rule.allowedLatenessMs)).toBe(T0 + 20 * MIN);
    // 25 min: 5 min behind (on time); 20 min exactly at the watermark (on time); 19 min and 2 min: late.
    const r = foldBatch(batch(2, [T0 + 25 * MIN, T0 + 20 * MIN, T0 + 19 * MIN, T0 + 2 * MIN], T0 + 31 * MIN), acc, t, T0 + 31 * MIN, late);
    expect(r).toMatchObject({ events: 4, lateEvents: 2, futureClamped: 0 });
    expect(byWindow(acc)).toEqual({
      [30 * MIN]: [1, 0],
      [25 * MIN]: [1, 0],
      [20 * MIN]: [1, 0],
      [19 * MIN]: [1, 1],
      [2 * MIN]: [1, 1],
    });
  });

  it('advances within a batch: an event older than an earlier one of the same batch by more than the lateness is late', () => {
    const acc = new RollupAccumulator();
    const late: LateDataTracking = { watermark: new PartitionWatermark(0), rule };
    const r = foldBatch(batch(1, [T0 + 60 * MIN, T0, T0 + 55 * MIN]), acc, players(), T0 + 60 * MIN, late);
    expect(r.lateEvents).toBe(1);
    expect(byWindow(acc)).toEqual({ [60 * MIN]: [1, 0], 0: [1, 1], [55 * MIN]: [1, 0] });
  });

  it('clamps an event dated after receive time + maxFutureMs to the receive time: a skewed client opens no future window', () => {
    const acc = new RollupAccumulator();
    const late: LateDataTracking = { watermark: new PartitionWatermark(0), rule };
    const received = T0 + 10 * MIN;
    // A device clock two days ahead, and one 4 min ahead (within the tolerance: kept).
    const skewed = batch(1, [received + 2 * 86_400_000, received + 4 * MIN], received);
    const r = foldBatch(skewed, acc, players(), received + 1000, late);
    expect(r).toMatchObject({ events: 2, futureClamped: 1, lateEvents: 0 });
    expect(byWindow(acc)).toEqual({ [10 * MIN]: [1, 0], [14 * MIN]: [1, 0] });
    // The watermark did not jump two days: an on-time event of the next batch is not late.
    expect(late.watermark.maxEventTimeMs).toBe(received + 4 * MIN);
    expect(foldBatch(batch(2, [received - 5 * MIN], received), acc, players(), received, late).lateEvents).toBe(0);
  });

  it('without a receive time bounds by the log append time; with neither, no bound', () => {
    expect(futureBoundMs(T0, T0 + 1, 5 * MIN)).toEqual({ boundMs: T0 + 5 * MIN, clampToMs: T0 });
    expect(futureBoundMs(0, T0 + 1, 5 * MIN)).toEqual({ boundMs: T0 + 1 + 5 * MIN, clampToMs: T0 + 1 });
    expect(futureBoundMs(0, 0, 5 * MIN).boundMs).toBe(253_402_300_799_999);
  });

  it('is committed state: restored, a replay flags the same events late', () => {
    const run = (wm: PartitionWatermark) => {
      const acc = new RollupAccumulator();
      foldBatch(batch(9, [T0 + 5 * MIN, T0 + 45 * MIN]), acc, players(), T0 + 45 * MIN, { watermark: wm, rule });
      return byWindow(acc);
    };
    const first = new PartitionWatermark(3);
    foldBatch(batch(1, [T0 + 40 * MIN]), new RollupAccumulator(), players(), T0 + 40 * MIN, { watermark: first, rule });
    const entries = first.table.takeDirty();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ partition: 3, namespace: WATERMARK_NAMESPACE });
    const restored = new PartitionWatermark(3);
    restored.table.restore(entries);
    expect(restored.maxEventTimeMs).toBe(T0 + 40 * MIN);
    expect(run(restored)).toEqual({ [5 * MIN]: [1, 1], [45 * MIN]: [1, 0] });
    // Another partition's state is not this one's.
    const other = new PartitionWatermark(4);
    other.table.restore(entries);
    expect(other.maxEventTimeMs).toBe(0);
  });

  it('flags nothing without tracking (callers that fold without a partition)', () => {
    const acc = new RollupAccumulator();
    const r = foldBatch(batch(1, [T0 + 60 * MIN, T0]), acc, players(), T0 + 60 * MIN);
    expect(r).toMatchObject({ lateEvents: 0, futureClamped: 0 });
  });
});
