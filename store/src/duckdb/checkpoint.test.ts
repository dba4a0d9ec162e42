import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RollupCommit, StateEntry } from '../contracts.ts';
import { openDuckDbStore } from './duckdb-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'gp-duckdb-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (...b: number[]) => new Uint8Array(b);

function commit(consumer: string, parts: Partial<RollupCommit>): RollupCommit {
  return { consumer, rollups: [], players: [], positions: [], state: [], deadLetters: [], ...parts };
}

describe('druid/duckdb/checkpoint', () => {
  it('round-trips positions and state through a file, across close and reopen', async () => {
    const path = join(dir, 'roundtrip.duckdb');
    const state: StateEntry[] = [
      { partition: 0, namespace: 'dedup', key: 'a', value: bytes(1, 2, 3) },
      { partition: 3, namespace: 'player', key: 'p1', value: bytes(255, 0) },
      { partition: 3, namespace: 'dedup', key: 'b', value: new Uint8Array(0) },
    ];
    const positions = [
      { topic: 'events', partition: 0, offset: 10 },
      { topic: 'events', partition: 3, offset: 2 ** 40 },
    ];
    const first = await openDuckDbStore({ path });
    await first.commit(commit('processor', { positions, state }));
    await first.close();

    const second = await openDuckDbStore({ path });
    const cp = await second.loadCheckpoint('processor');
    expect(cp.positions).toEqual(positions);
    expect(cp.state).toEqual([state[0], state[2], state[1]]); // ordered by partition, namespace, key
    expect(await second.loadCheckpoint('processor', [3])).toEqual({ positions: [positions[1]], state: [state[2], state[1]] });
    expect(await second.loadCheckpoint('processor', [])).toEqual({ positions: [], state: [] });
    expect(await second.loadCheckpoint('someone-else')).toEqual({ positions: [], state: [] });
    await second.close();
  });

  it('upserts state, deletes it when the value is undefined, and lets the last entry for a key win', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    await store.commit(
      commit('processor', {
        state: [
          { partition: 1, namespace: 'dedup', key: 'x', value: bytes(1) },
          { partition: 1, namespace: 'dedup', key: 'y', value: bytes(2) },
          { partition: 2, namespace: 'dedup', key: 'x', value: bytes(3) },
        ],
      }),
    );
    await store.commit(
      commit('processor', {
        state: [
          { partition: 1, namespace: 'dedup', key: 'x', value: bytes(9, 9) }, // update
          { partition: 1, namespace: 'dedup', key: 'y', value: undefined }, // delete
          { partition: 2, namespace: 'dedup', key: 'gone', value: undefined }, // delete of nothing: fine
          { partition: 2, namespace: 'dedup', key: 'z', value: bytes(4) },
          { partition: 2, namespace: 'dedup', key: 'z', value: undefined }, // same commit: last wins
          { partition: 2, namespace: 'dedup', key: 'w', value: undefined },
          { partition: 2, namespace: 'dedup', key: 'w', value: bytes(5) },
        ],
      }),
    );
    expect((await store.loadCheckpoint('processor')).state).toEqual([
      { partition: 1, namespace: 'dedup', key: 'x', value: bytes(9, 9) },
      { partition: 2, namespace: 'dedup', key: 'w', value: bytes(5) },
      { partition: 2, namespace: 'dedup', key: 'x', value: bytes(3) },
    ]);
    await store.close();
  });

  it('keeps consumers apart: the same partition and key under two consumers are two entries', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    await store.commit(
      commit('a', {
        positions: [{ topic: 't', partition: 0, offset: 5 }],
        state: [{ partition: 0, namespace: 'n', key: 'k', value: bytes(1) }],
      }),
    );
    await store.commit(
      commit('b', {
        positions: [{ topic: 't', partition: 0, offset: 1 }],
        state: [{ partition: 0, namespace: 'n', key: 'k', value: undefined }],
      }),
    );
    expect(await store.loadCheckpoint('a')).toEqual({
      positions: [{ topic: 't', partition: 0, offset: 5 }],
      state: [{ partition: 0, namespace: 'n', key: 'k', value: bytes(1) }],
    });
    expect((await store.loadCheckpoint('b')).positions).toEqual([{ topic: 't', partition: 0, offset: 1 }]);
    await store.close();
  });

  it('writes 10k state entries in one commit', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    const state = Array.from({ length: 10_000 }, (_, i) => ({ partition: i % 8, namespace: 'dedup', key: `i${i}`, value: bytes(i & 255) }));
    await store.commit(commit('processor', { state }));
    await store.commit(commit('processor', { state: state.slice(0, 5000).map((e) => ({ ...e, value: undefined })) }));
    const cp = await store.loadCheckpoint('processor');
    expect(cp.state.length).toBe(5000);
    expect(new Set(cp.state.map((s) => s.key))).toEqual(new Set(state.slice(5000).map((s) => s.key)));
    await store.close();
  });
});
