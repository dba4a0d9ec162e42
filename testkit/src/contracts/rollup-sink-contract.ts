/**
 * The behaviour every `RollupSink` (store/src/contracts.ts) must have, as a vitest
 * suite — what the processor's and the loaders' exactly-once rests on:
 *
 *   describeRollupSinkContract('duckdb', async () => ({ sink, counts, cleanup }));
 *
 * Who runs it: DuckDB (store/src/duckdb/rollup-sink.contract.test.ts) and the
 * `MemorySink` stand-in (testkit/src/memory-sink.contract.test.ts).
 *
 * Seen only through the interface (`commit`, `loadCheckpoint`) plus `counts()`, the
 * number of rows the sink holds, so "nothing was written" is checked for rows too.
 * Engine-specific failures (a CHECK constraint, a bad value in the middle of the rows)
 * stay in the engine's own tests. Order of the checkpoint's lists is not part of the
 * contract: they are compared sorted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Checkpoint, Position, RollupCommit, RollupSink, StateEntry } from '@gamepulse/store';
import { sampleCommit } from '../rollup-data.ts';

export interface SinkCounts {
  rollups: number;
  players: number;
  deadLetters: number;
}

export interface RollupSinkUnderTest {
  sink: RollupSink;
  /** How many rows the sink holds. */
  counts: () => Promise<SinkCounts>;
  cleanup(): Promise<void>;
}

const T0 = Date.UTC(2025, 0, 15, 12, 0);
const shape = { fromMs: T0, minutes: 30, players: 50 };

function emptyCommit(consumer = 'processor'): RollupCommit {
  return { consumer, rollups: [], players: [], positions: [], state: [], deadLetters: [] };
}

const fullCommit = (seed: number, offset: number, consumer = 'processor') => sampleCommit(seed, offset, { consumer, rows: 20, shape });

const sortPositions = (ps: Position[]) => [...ps].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
const sortState = (es: StateEntry[]) =>
  [...es]
    .map((e) => ({ ...e, value: e.value && Array.from(e.value) }))
    .sort((a, b) => a.partition - b.partition || a.namespace.localeCompare(b.namespace) || a.key.localeCompare(b.key));
const sorted = (cp: Checkpoint) => ({ positions: sortPositions(cp.positions), state: sortState(cp.state) });

export function describeRollupSinkContract(name: string, makeSink: () => Promise<RollupSinkUnderTest>): void {
  describe(`RollupSink contract: ${name}`, () => {
    let current: RollupSinkUnderTest | undefined;
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });
    async function setup(): Promise<RollupSinkUnderTest> {
      current = await makeSink();
      return current;
    }

    it('a new sink has no checkpoint and no rows', async () => {
      const { sink, counts } = await setup();
      expect(await sink.loadCheckpoint('processor')).toEqual({ positions: [], state: [] });
      expect(await counts()).toEqual({ rollups: 0, players: 0, deadLetters: 0 });
    });

    it("a commit's positions and state come back from loadCheckpoint, per consumer and filtered by partition; its rows are held", async () => {
      const { sink, counts } = await setup();
      const c = fullCommit(1, 100);
      await sink.commit(c);
      await sink.commit(fullCommit(2, 7, 'other'));
      expect(sorted(await sink.loadCheckpoint('processor'))).toEqual({ positions: sortPositions(c.positions), state: sortState(c.state) });
      expect(sorted(await sink.loadCheckpoint('processor', [1]))).toEqual({ positions: [c.positions[1]], state: sortState([c.state[1]!]) });
      expect(await sink.loadCheckpoint('processor', [])).toEqual({ positions: [], state: [] });
      expect((await sink.loadCheckpoint('other')).positions.map((p) => p.offset)).toEqual([7, 7]);
      expect(await counts()).toEqual({ rollups: 40, players: 40, deadLetters: 2 });
    });

    it('state: a later commit replaces an entry, an entry without a value deletes it, other entries stay', async () => {
      const { sink } = await setup();
      await sink.commit(fullCommit(1, 100));
      await sink.commit({
        ...emptyCommit(),
        state: [
          { partition: 1, namespace: 'dedup', key: 'install-shared', value: new Uint8Array([9, 9, 9]) },
          { partition: 0, namespace: 'dedup', key: 'install-1', value: undefined },
          { partition: 0, namespace: 'players', key: 'p1', value: new Uint8Array([]) },
        ],
      });
      expect(sorted(await sink.loadCheckpoint('processor')).state).toEqual([
        { partition: 0, namespace: 'players', key: 'p1', value: [] },
        { partition: 1, namespace: 'dedup', key: 'install-shared', value: [9, 9, 9] },
      ]);
    });

    it('refuses positions that go backwards (a stale writer: GP_STORE_POSITION_REGRESSED) and writes nothing of that commit', async () => {
      const { sink, counts } = await setup();
      await sink.commit(fullCommit(1, 100));
      const before = { checkpoint: sorted(await sink.loadCheckpoint('processor')), counts: await counts() };
      const stale = fullCommit(4, 200);
      stale.positions[1] = { topic: 'events', partition: 1, offset: 99 };
      await expect(sink.commit(stale)).rejects.toMatchObject({ code: 'GP_STORE_POSITION_REGRESSED' });
      expect({ checkpoint: sorted(await sink.loadCheckpoint('processor')), counts: await counts() }).toEqual(before);
      // Another consumer's positions are its own.
      await sink.commit({ ...emptyCommit('other'), positions: [{ topic: 'events', partition: 1, offset: 5 }] });
    });

    it('conditional commit: GP_STORE_POSITION_CONFLICT when the stored position is not the expected one, nothing written; a partition never committed counts as 0', async () => {
      const { sink, counts } = await setup();
      await sink.commit(fullCommit(1, 100));
      const before = { checkpoint: sorted(await sink.loadCheckpoint('processor')), counts: await counts() };
      const other = fullCommit(6, 200);
      other.expectedPositions = [{ topic: 'events', partition: 0, offset: 50 }];
      await expect(sink.commit(other)).rejects.toMatchObject({ code: 'GP_STORE_POSITION_CONFLICT' });
      expect({ checkpoint: sorted(await sink.loadCheckpoint('processor')), counts: await counts() }).toEqual(before);
      await sink.commit({
        ...emptyCommit(),
        positions: [{ topic: 'events', partition: 7, offset: 5 }],
        expectedPositions: [{ topic: 'events', partition: 7, offset: 0 }],
      });
      const ok = fullCommit(7, 200);
      ok.expectedPositions = [
        { topic: 'events', partition: 0, offset: 100 },
        { topic: 'events', partition: 1, offset: 100 },
      ];
      await sink.commit(ok);
      expect(sortPositions((await sink.loadCheckpoint('processor', [0, 7])).positions).map((p) => p.offset)).toEqual([200, 5]);
    });

    it('refuses a topic-partition listed twice in one commit (GP_STORE_BAD_ROW), writing nothing', async () => {
      const { sink, counts } = await setup();
      const twice = fullCommit(5, 200);
      twice.positions.push({ topic: 'events', partition: 0, offset: 300 });
      await expect(sink.commit(twice)).rejects.toMatchObject({ code: 'GP_STORE_BAD_ROW' });
      expect(await sink.loadCheckpoint('processor')).toEqual({ positions: [], state: [] });
      expect(await counts()).toEqual({ rollups: 0, players: 0, deadLetters: 0 });
    });

    it('keeps working after a refused commit, with nothing of it leaking into the next', async () => {
      const { sink, counts } = await setup();
      await sink.commit(fullCommit(1, 100));
      const stale = fullCommit(2, 50);
      await expect(sink.commit(stale)).rejects.toMatchObject({ code: 'GP_STORE_POSITION_REGRESSED' });
      await sink.commit({
        ...emptyCommit(),
        rollups: [{ windowStartMs: T0, gameId: 'g', eventType: 'ad', events: 5 }],
        positions: [{ topic: 'events', partition: 0, offset: 101 }],
      });
      expect(await counts()).toEqual({ rollups: 21, players: 20, deadLetters: 1 });
      expect(sortPositions((await sink.loadCheckpoint('processor')).positions).map((p) => p.offset)).toEqual([101, 100]);
      expect(sorted(await sink.loadCheckpoint('processor')).state.map((e) => e.key)).toEqual(['install-1', 'install-shared']);
    });

    it('allows an equal position (a commit of state alone) and treats an empty commit as a no-op, even with expected positions', async () => {
      const { sink, counts } = await setup();
      await sink.commit(fullCommit(1, 100));
      await sink.commit({
        ...emptyCommit(),
        positions: [{ topic: 'events', partition: 0, offset: 100 }],
        state: [{ partition: 0, namespace: 'dedup', key: 'k', value: new Uint8Array([1]) }],
      });
      await sink.commit(emptyCommit());
      await sink.commit({ ...emptyCommit(), expectedPositions: [{ topic: 'events', partition: 0, offset: 1 }] });
      expect(sortPositions((await sink.loadCheckpoint('processor', [0])).positions)).toEqual([
        { topic: 'events', partition: 0, offset: 100 },
      ]);
      expect(await counts()).toEqual({ rollups: 20, players: 20, deadLetters: 1 });
    });
  });
}
