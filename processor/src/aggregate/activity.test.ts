import { IngestedBatch, type EventData, type IngestedBatchData, type PlayerWindowData } from '@gamepulse/proto';
import type { StateEntry } from '@gamepulse/store';
import { describe, expect, it } from 'vitest';
import { RollupAccumulator } from './accumulator.ts';
import { ACTIVITY_NAMESPACE, createActivityTable, MAX_INSTALLS_PER_PLAYER, touchActivity, type ActivityStep } from './activity.ts';
import { createAssignmentTable } from './assignment.ts';
import { createFirstSeenTable } from './first-seen.ts';
import { foldBatch, type PlayerTables } from './fold-batch.ts';
import { progressRank } from './progress-rank.ts';

const T0 = Date.UTC(2025, 2, 10, 12);
const MIN = 60_000;
const GAP = 30 * MIN;

function step(): ActivityStep {
  return { gapSessions: 0, activeMs: 0 };
}

describe('processor/src/aggregate/activity', () => {
  it('opens a session at an install’s first event and after more than the gap; adds the time between events within it', () => {
    const t = createActivityTable(0, GAP);
    const at = (install: string, ms: number) => ({ ...touchActivity(t, 'p1', install, T0 + ms, step()) });
    expect(at('i1', 0)).toEqual({ gapSessions: 1, activeMs: 0 });
    expect(at('i1', 5 * MIN)).toEqual({ gapSessions: 0, activeMs: 5 * MIN });
    expect(at('i1', 5 * MIN + GAP)).toEqual({ gapSessions: 0, activeMs: GAP }); // exactly the gap: still the same session
    expect(at('i1', 5 * MIN + 2 * GAP + 1)).toEqual({ gapSessions: 1, activeMs: 0 });
    // Another device of the same player: its own sessions.
    expect(at('i2', 5 * MIN + 2 * GAP + 2)).toEqual({ gapSessions: 1, activeMs: 0 });
    expect(at('i1', 5 * MIN + 2 * GAP + 3)).toEqual({ gapSessions: 0, activeMs: 2 });
  });

  it('an event older than the install’s latest adds nothing, opens nothing and does not move the latest time', () => {
    const t = createActivityTable(0, GAP);
    touchActivity(t, 'p1', 'i1', T0 + 10 * MIN, step());
    expect(touchActivity(t, 'p1', 'i1', T0, step())).toEqual({ gapSessions: 0, activeMs: 0 });
    expect(touchActivity(t, 'p1', 'i1', T0 + 11 * MIN, step())).toEqual({ gapSessions: 0, activeMs: MIN });
    expect(touchActivity(t, 'p1', 'i1', T0 + 11 * MIN, step())).toEqual({ gapSessions: 0, activeMs: 0 }); // same time: 0 ms
  });

  it('keeps at most MAX_INSTALLS_PER_PLAYER installs, dropping the least recently active', () => {
    const t = createActivityTable(0, GAP);
    for (let i = 0; i <= MAX_INSTALLS_PER_PLAYER; i++) touchActivity(t, 'p1', `i${i}`, T0 + i, step());
    expect(t.get('p1')!.size).toBe(MAX_INSTALLS_PER_PLAYER);
    expect(t.get('p1')!.has('i0')).toBe(false);
    // i0 is forgotten: its next event opens a session even within the gap.
    expect(touchActivity(t, 'p1', 'i0', T0 + 100, step()).gapSessions).toBe(1);
  });

  it('round-trips its state entries (UTF-8 install ids, exact ms) and rejects an unknown format', () => {
    const t = createActivityTable(3, GAP);
    touchActivity(t, 'p1', 'install-ü-1', 1_741_608_000_123, step());
    touchActivity(t, 'p1', 'i2', 8_000_000_000_000, step());
    const entries = t.takeDirty();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ partition: 3, namespace: ACTIVITY_NAMESPACE, key: 'p1' });
    const back = createActivityTable(3, GAP);
    back.restore(entries);
    expect([...back.get('p1')!]).toEqual([
      ['install-ü-1', 1_741_608_000_123],
      ['i2', 8_000_000_000_000],
    ]);
    expect(() => createActivityTable(3).restore([{ ...entries[0]!, value: new Uint8Array([9, 0]) }])).toThrow(/unknown format/);
  });
});

describe('processor/src/aggregate/progress-rank', () => {
  it('ranks completed progressions by the trailing numbers of their tiers; other events 0', () => {
    const done = (tier1: string, tier2?: string, tier3?: string, status = 2): EventData => ({
      progression: { status, tier1, tier2, tier3 },
    });
    expect(progressRank(done('world2', 'level13'))).toBe(2_013_000);
    expect(progressRank(done('forest', 'level7'))).toBe(7_000);
    expect(progressRank(done('level_12'))).toBe(12_000_000);
    expect(progressRank(done('w1', 'l3', 'p2'))).toBe(1_003_002);
    expect(progressRank(done('w1', '', 'p2'))).toBe(1_000_000); // tiers after an empty one do not count
    expect(progressRank(done('w1', 'l3', undefined, 1))).toBe(0); // a start
    expect(progressRank(done('w1', 'l3', undefined, 3))).toBe(0); // a fail
    expect(progressRank({ purchase: { amountMinor: 1 } })).toBe(0);
  });
});

/** Folding through a restart (state written, read back by a new owner) gives the same rows as one uninterrupted fold. */
describe('processor/src/aggregate/fold-batch: gap sessions across a restart', () => {
  const tables = (entries: StateEntry[] = []): PlayerTables => {
    const t = { firstSeen: createFirstSeenTable(0), assignments: createAssignmentTable(0), activity: createActivityTable(0, GAP) };
    for (const table of Object.values(t)) table.restore(entries);
    return t;
  };
  const ev = (ms: number, installId: string, payload: Partial<EventData>): EventData => ({
    eventId: `e${ms}${installId}`,
    installId,
    playerId: 'p1',
    clientTsMs: T0 + ms,
    ...payload,
  });
  const batch = (seq: number, events: EventData[]): IngestedBatchData =>
    IngestedBatch.decode(
      IngestedBatch.encode({
        installId: events[0]!.installId!,
        batchSequence: seq,
        receivedAtMs: T0,
        context: { gameId: 'g', build: '1', platform: 'web', country: 'DE' },
        events,
      }).finish(),
    );
  const batches = [
    batch(1, [ev(0, 'i1', { sessionStart: {} }), ev(2 * MIN, 'i1', { progression: { status: 2, tier1: 'w1', tier2: 'l2' } })]),
    batch(2, [ev(3 * MIN, 'i2', { sessionStart: {} })]), // a second device of p1
    batch(3, [ev(10 * MIN, 'i1', { progression: { status: 2, tier1: 'w1', tier2: 'l3' } })]),
    // restart here in the second run
    batch(4, [ev(12 * MIN, 'i1', { purchase: { currency: 'USD', amountMinor: 99 } }), ev(50 * MIN, 'i1', { sessionStart: {} })]),
    batch(5, [ev(20 * MIN, 'i2', {}), ev(19 * MIN, 'i2', {})]), // out of order within i2
  ];
  const totals = (rows: PlayerWindowData[]) => ({
    gapSessions: rows.reduce((n, r) => n + (r.gapSessions ?? 0), 0),
    activeMs: rows.reduce((n, r) => n + (r.activeMs ?? 0), 0),
    maxProgress: Math.max(...rows.map((r) => r.maxProgress ?? 0)),
  });

  it('counts the same sessions, active time and furthest progress with and without a restart', () => {
    const once = new RollupAccumulator();
    const t = tables();
    for (const b of batches) foldBatch(b, once, t, T0);
    const uninterrupted = once.drain().players;

    const before = new RollupAccumulator();
    const first = tables();
    for (const b of batches.slice(0, 3)) foldBatch(b, before, first, T0);
    const committed = [...first.firstSeen.takeDirty(), ...first.assignments.takeDirty(), ...first.activity.takeDirty()];
    const after = new RollupAccumulator();
    const second = tables(committed);
    for (const b of batches.slice(3)) foldBatch(b, after, second, T0);
    const restarted = [...before.drain().players, ...after.drain().players];

    // i1: opens at 0, +2 min, +8 min, +2 min, then 38 min later a new session; i2: opens at 3 min, +17 min, then 19 min is older.
    expect(totals(uninterrupted)).toEqual({ gapSessions: 3, activeMs: 12 * MIN + 17 * MIN, maxProgress: 1_003_000 });
    expect(totals(restarted)).toEqual(totals(uninterrupted));
  });
});
