import { IngestedBatch, type EventData, type IngestedBatchData } from '@gamepulse/proto';
import { describe, expect, it } from 'vitest';
import { RollupAccumulator } from './accumulator.ts';
import { createActivityTable } from './activity.ts';
import { createAssignmentTable } from './assignment.ts';
import { createFirstSeenTable } from './first-seen.ts';
import { foldBatch } from './fold-batch.ts';
import { foldBatchPlain } from './fold-batch-plain.ts';

const T0 = Date.UTC(2026, 11, 8, 10, 0);
const ev = (sec: number): EventData => ({
  eventId: `e${sec}`,
  installId: 'i1',
  playerId: 'p1',
  clientTsMs: T0 + sec * 1000,
  sessionStart: {},
});
const wire = (b: IngestedBatchData) => IngestedBatch.decode(IngestedBatch.encode(b).finish());
const tables = () => ({ firstSeen: createFirstSeenTable(0), assignments: createAssignmentTable(0), activity: createActivityTable(0) });
const batch = (events: EventData[], sdkHealth?: IngestedBatchData['sdkHealth']): IngestedBatchData =>
  wire({
    installId: 'i1',
    batchSequence: 1,
    context: { gameId: 'g', build: '1.2.0', platform: 'web', country: 'DE' },
    events,
    receivedAtMs: T0 + 300_000,
    ...(sdkHealth ? { sdkHealth } : {}),
  });

const dropRows = (acc: RollupAccumulator) =>
  acc
    .drain()
    .rollups.filter((r) => r.eventType === 'sdk_dropped')
    .map((r) => ({
      windowStartMs: r.windowStartMs,
      build: r.build,
      platform: r.platform,
      action: r.action,
      events: r.events,
      variant: r.variant,
    }))
    .sort((a, b) => String(a.action).localeCompare(String(b.action)));

describe('processor/src/aggregate/sdk-health', () => {
  for (const [name, fold] of [
    ['foldBatch', (b: IngestedBatchData, acc: RollupAccumulator) => foldBatch(b, acc, tables(), T0 + 301_000)],
    ['foldBatchPlain', (b: IngestedBatchData, acc: RollupAccumulator) => foldBatchPlain(b, acc, tables(), T0 + 301_000)],
  ] as const) {
    it(`${name}: reported drops become sdk_dropped rows by reason, in the window of the batch's newest event`, () => {
      const acc = new RollupAccumulator();
      fold(
        batch([ev(5), ev(70), ev(30)], { droppedByReason: { GP_SDK_QUEUE_FULL: 4, GP_SDK_CONSENT_DENIED: 1, 'x-unknown': 2 }, queued: 9 }),
        acc,
      );
      expect(acc.pendingEvents).toBe(3); // drops are not log events
      const dims = { windowStartMs: T0 + 60_000, build: '1.2.0', platform: 'web', variant: '' };
      expect(dropRows(acc)).toEqual([
        { ...dims, action: 'GP_SDK_CONSENT_DENIED', events: 1 },
        { ...dims, action: 'GP_SDK_QUEUE_FULL', events: 4 },
        { ...dims, action: 'other', events: 2 },
      ]);
    });

    it(`${name}: a batch of only drops uses its receive time; unusable counts and no health add nothing`, () => {
      const acc = new RollupAccumulator();
      fold(batch([], { droppedByReason: { GP_SDK_SHUTDOWN: 3, GP_SDK_QUEUE_FULL: -1 as unknown as number } }), acc);
      fold(batch([ev(1)]), acc);
      expect(dropRows(acc)).toEqual([
        { windowStartMs: T0 + 300_000, build: '1.2.0', platform: 'web', variant: '', action: 'GP_SDK_SHUTDOWN', events: 3 },
      ]);
    });
  }

  it('sums the drops of several batches into one row per window and reason', () => {
    const acc = new RollupAccumulator();
    const t = tables();
    foldBatch(batch([ev(1)], { droppedByReason: { GP_SDK_QUEUE_FULL: 2 } }), acc, t, T0);
    foldBatch(batch([ev(2)], { droppedByReason: { GP_SDK_QUEUE_FULL: 5 } }), acc, t, T0);
    expect(dropRows(acc)).toEqual([
      { windowStartMs: T0, build: '1.2.0', platform: 'web', variant: '', action: 'GP_SDK_QUEUE_FULL', events: 7 },
    ]);
  });
});
