import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAnalyticsError } from '../errors.ts';
import type { RollupCommit } from '../contracts.ts';
import { randomRollups, sampleCommit, seededRandom } from '@gamepulse/testkit';
import { openDuckDbStore, type DuckDbStore } from './duckdb-store.ts';

const T0 = Date.UTC(2025, 0, 15, 12, 0);
const shape = { fromMs: T0, minutes: 30, players: 500 };

function emptyCommit(consumer = 'processor'): RollupCommit {
  return { consumer, rollups: [], players: [], positions: [], state: [], deadLetters: [] };
}

async function counts(store: DuckDbStore) {
  const [row] = await store.sql(`SELECT
    (SELECT count(*) FROM rollups) AS rollups, (SELECT count(*) FROM player_windows) AS players,
    (SELECT count(*) FROM dead_letters) AS dead_letters, (SELECT count(*) FROM positions) AS positions,
    (SELECT count(*) FROM processor_state) AS state`);
  return row;
}

/** A commit that touches every table, so a failure must undo each of them. */
const fullCommit = (seed: number, offset: number): RollupCommit => sampleCommit(seed, offset, { rows: 3000, shape });

describe('druid/duckdb/commit', () => {
  let store: DuckDbStore;
  beforeEach(async () => {
    store = await openDuckDbStore({ path: ':memory:' });
    await store.commit(fullCommit(1, 100));
  });
  afterEach(() => store.close());

  const expectNothingChanged = async (before: unknown) => {
    expect(await counts(store)).toEqual(before);
    const cp = await store.loadCheckpoint('processor');
    expect(cp.positions).toEqual([
      { topic: 'events', partition: 0, offset: 100 },
      { topic: 'events', partition: 1, offset: 100 },
    ]);
    expect(cp.state.find((s) => s.key === 'install-shared')?.value).toEqual(new Uint8Array([1, 1]));
    expect(cp.state.some((s) => s.key === 'install-2')).toBe(false);
  };

  it('rolls back every table when the engine rejects a row after thousands were appended (CHECK constraint)', async () => {
    const before = await counts(store);
    const bad = fullCommit(2, 200);
    // Appended last (after rollups, players, dead letters): a new partition with a
    // negative offset violates positions' CHECK (next_offset >= 0).
    bad.positions.push({ topic: 'events', partition: 7, offset: -1 });
    const err = await store.commit(bad).catch((e: unknown) => e);
    expect(isAnalyticsError(err, 'GP_STORE_COMMIT_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(/constraint/i);
    await expectNothingChanged(before);
  });

  it('rolls back when a value in the middle of the player rows is invalid (rollups already appended)', async () => {
    const before = await counts(store);
    const bad = fullCommit(3, 200);
    bad.players[1500] = { ...bad.players[1500], events: 1.5 };
    const err = await store.commit(bad).catch((e: unknown) => e);
    expect(isAnalyticsError(err, 'GP_STORE_BAD_ROW')).toBe(true);
    expect((err as Error).message).toContain('player.events');
    await expectNothingChanged(before);
  });

  it('refuses positions that go backwards (a stale writer) and writes nothing of that commit', async () => {
    const before = await counts(store);
    const stale = fullCommit(4, 200);
    stale.positions[1] = { topic: 'events', partition: 1, offset: 99 };
    const err = await store.commit(stale).catch((e: unknown) => e);
    expect(isAnalyticsError(err, 'GP_STORE_POSITION_REGRESSED')).toBe(true);
    expect((err as { context: unknown }).context).toMatchObject({ partition: 1, offset: 99, stored: 100 });
    await expectNothingChanged(before);
  });

  it('conditional commit: refuses when the stored position is not the expected one (another owner moved it), writes when it is', async () => {
    const before = await counts(store);
    const other = fullCommit(6, 200);
    other.expectedPositions = [{ topic: 'events', partition: 0, offset: 50 }];
    const err = await store.commit(other).catch((e: unknown) => e);
    expect(isAnalyticsError(err, 'GP_STORE_POSITION_CONFLICT')).toBe(true);
    expect((err as { context: unknown }).context).toMatchObject({ partition: 0, expected: 50, stored: 100 });
    await expectNothingChanged(before);
    // A partition never committed counts as 0.
    const fresh = {
      ...emptyCommit(),
      positions: [{ topic: 'events', partition: 7, offset: 5 }],
      expectedPositions: [{ topic: 'events', partition: 7, offset: 0 }],
    };
    await store.commit(fresh);
    const ok = fullCommit(7, 200);
    ok.expectedPositions = [
      { topic: 'events', partition: 0, offset: 100 },
      { topic: 'events', partition: 1, offset: 100 },
    ];
    await store.commit(ok);
    expect((await store.loadCheckpoint('processor', [0, 7])).positions.map((p) => p.offset)).toEqual([200, 5]);
  });

  it('refuses a topic-partition listed twice in one commit', async () => {
    const twice = fullCommit(5, 200);
    twice.positions.push({ topic: 'events', partition: 0, offset: 300 });
    await expect(store.commit(twice)).rejects.toMatchObject({ code: 'GP_STORE_BAD_ROW' });
  });

  it('keeps working after a failed commit, with no rows of the failed one leaking into the next', async () => {
    const bad = fullCommit(6, 200);
    bad.rollups[2999] = { ...bad.rollups[2999], windowStartMs: Number.NaN };
    await expect(store.commit(bad)).rejects.toMatchObject({ code: 'GP_STORE_BAD_ROW' });
    const good = { ...emptyCommit(), rollups: [{ windowStartMs: T0, gameId: 'g', eventType: 'ad', events: 5 }] };
    await store.commit(good);
    const after = await counts(store);
    expect(after).toMatchObject({ rollups: 3001, players: 3000, dead_letters: 1 });
  });

  it('allows an equal position (a commit of state alone) and treats an empty commit as a no-op', async () => {
    await store.commit({ ...emptyCommit(), positions: [{ topic: 'events', partition: 0, offset: 100 }] });
    await store.commit(emptyCommit());
    expect((await store.loadCheckpoint('processor', [0])).positions).toEqual([{ topic: 'events', partition: 0, offset: 100 }]);
  });
});

describe('druid/duckdb/commit (additive deltas)', () => {
  it('sums many commits of deltas to the totals of all rows, computed in TypeScript', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    const rng = seededRandom(42);
    const keyOf = (parts: unknown[]) => parts.join('|');
    const expected = new Map<string, { events: number; amount: number; value: number }>();
    for (let i = 0; i < 40; i++) {
      const rows = randomRollups(rng, { fromMs: T0, minutes: 5, players: 10 }, rng.int(0, 400));
      for (const r of rows) {
        const key = keyOf([r.windowStartMs, r.gameId, r.platform, r.eventType, r.action ?? '', r.currency ?? '']);
        const acc = expected.get(key) ?? { events: 0, amount: 0, value: 0 };
        acc.events += r.events ?? 0;
        acc.amount += r.amount ?? 0;
        acc.value += r.value ?? 0;
        expected.set(key, acc);
      }
      await store.commit({ ...emptyCommit('loader'), rollups: rows, positions: [{ topic: 'rollups', partition: 0, offset: i + 1 }] });
    }
    const rows = await store.sql(`SELECT epoch_ms(window_start) AS w, game_id, platform, event_type, action, currency,
        SUM(events) AS events, SUM(amount) AS amount, SUM(value) AS value
      FROM rollups GROUP BY ALL`);
    expect(rows.length).toBe(expected.size);
    for (const row of rows) {
      const key = keyOf([row.w, row.game_id, row.platform, row.event_type, row.action, row.currency]);
      const want = expected.get(key);
      expect(want, key).toBeDefined();
      expect(row.events).toBe(want!.events);
      expect(row.amount).toBe(want!.amount);
      // Values are multiples of 1/8: their sums are exact in binary floating point.
      expect(row.value).toBe(want!.value);
    }
    expect((await store.loadCheckpoint('loader')).positions).toEqual([{ topic: 'rollups', partition: 0, offset: 40 }]);
    await store.close();
  });
});
