/**
 * Player deletion in DuckDB: what is deleted (that game's player_windows rows, the
 * processor's per-player state in the given namespaces), what is kept (other players,
 * the same player in another game, rollups, dedup state), the audit, and atomicity with
 * the deletions consumer's position.
 */
import type { PlayerWindowData } from '@gamepulse/proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeletionCommit, PlayerDeletion, StateEntry } from '../contracts.ts';
import { openDuckDbStore, type DuckDbStore } from './duckdb-store.ts';

const W = Date.UTC(2025, 0, 15, 12, 0);
const TOPIC = 'gp.deletions.v1';
const bytes = (s: string) => new TextEncoder().encode(s);
const player = (gameId: string, playerId: string, minute: number, events = 1): PlayerWindowData => ({
  windowStartMs: W + minute * 60_000,
  gameId,
  playerId,
  events,
  variant: 'shop_layout:grid',
});
const entry = (partition: number, namespace: string, key: string): StateEntry => ({
  partition,
  namespace,
  key,
  value: bytes(`${namespace}:${key}`),
});
const request = (requestId: string, gameId: string, playerId: string): PlayerDeletion => ({
  requestId,
  gameId,
  playerId,
  installId: '',
  source: 'sdk',
  keyId: 'k1',
  requestedAtMs: W + 3_600_000,
});

function deletion(parts: Partial<DeletionCommit>): DeletionCommit {
  return {
    consumer: 'processor.deletions',
    deletions: [],
    state: { consumer: 'processor', namespaces: ['player', 'variant'] },
    positions: [],
    deadLetters: [],
    processedAtMs: W + 7_200_000,
    ...parts,
  };
}

let store: DuckDbStore;
const count = async (sql: string) => Number((await store.sql(sql))[0]!.n);

beforeEach(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  await store.commit({
    consumer: 'processor',
    rollups: [
      { windowStartMs: W, gameId: 'g1', eventType: 'purchase', currency: 'EUR', amount: 499, events: 1, variant: 'shop_layout:grid' },
    ],
    // p1 plays g1 in three windows and g2 in one; p2 plays g1
    players: [player('g1', 'p1', 0, 3), player('g1', 'p1', 1), player('g1', 'p1', 2), player('g2', 'p1', 0), player('g1', 'p2', 0, 4)],
    positions: [{ topic: 'gp.events.v1', partition: 0, offset: 10 }],
    state: [
      entry(0, 'player', 'p1'),
      entry(2, 'player', 'p1'),
      entry(0, 'variant', 'p1'),
      entry(0, 'dedup', 'p1'),
      entry(0, 'player', 'p2'),
      entry(0, 'variant', 'p2'),
    ],
    deadLetters: [],
  });
});
afterEach(() => store.close());

describe('druid/duckdb/erase', () => {
  it("deletes the player's rows of that game and its per-player state, audits it, and keeps everything else", async () => {
    const outcomes = await store.erasePlayers(
      deletion({
        deletions: [request('r1', 'g1', 'p1'), request('r2', 'g1', 'nobody')],
        positions: [{ topic: TOPIC, partition: 0, offset: 2 }],
      }),
    );
    expect(outcomes).toEqual([
      { requestId: 'r1', gameId: 'g1', playerRows: 3, stateEntries: 3, stepRows: 0 },
      { requestId: 'r2', gameId: 'g1', playerRows: 0, stateEntries: 0, stepRows: 0 },
    ]);
    expect(await store.sql('SELECT game_id, player_id, sum(events) AS events FROM player_windows GROUP BY 1, 2 ORDER BY 1, 2')).toEqual([
      { game_id: 'g1', player_id: 'p2', events: 4 },
      { game_id: 'g2', player_id: 'p1', events: 1 }, // another game's rows: that game's own request
    ]);
    // per-player state is keyed by player id alone: all of p1's goes; dedup (per install) stays
    expect(await store.sql('SELECT "partition", namespace, key FROM processor_state ORDER BY 1, 2, 3')).toEqual([
      { partition: 0, namespace: 'dedup', key: 'p1' },
      { partition: 0, namespace: 'player', key: 'p2' },
      { partition: 0, namespace: 'variant', key: 'p2' },
    ]);
    expect(await count('SELECT sum(amount) AS n FROM rollups')).toBe(499);
    expect(await store.sql('SELECT * FROM deletion_audit ORDER BY request_id')).toEqual([
      {
        request_id: 'r1',
        game_id: 'g1',
        player_id: 'p1',
        install_id: '',
        source: 'sdk',
        key_id: 'k1',
        requested_at: W + 3_600_000,
        processed_at: W + 7_200_000,
        processed_by: 'processor.deletions',
        player_rows_deleted: 3,
        state_entries_deleted: 3,
        step_rows_deleted: 0,
      },
      {
        request_id: 'r2',
        game_id: 'g1',
        player_id: 'nobody',
        install_id: '',
        source: 'sdk',
        key_id: 'k1',
        requested_at: W + 3_600_000,
        processed_at: W + 7_200_000,
        processed_by: 'processor.deletions',
        player_rows_deleted: 0,
        state_entries_deleted: 0,
        step_rows_deleted: 0,
      },
    ]);
    expect(await store.loadCheckpoint('processor.deletions')).toEqual({
      positions: [{ topic: TOPIC, partition: 0, offset: 2 }],
      state: [],
    });
  });

  it('counts a player asked for twice in one batch once, and touches no state without a state owner (the loader)', async () => {
    const outcomes = await store.erasePlayers(
      deletion({
        consumer: 'rollups-loader.deletions',
        state: undefined,
        deletions: [request('a', 'g1', 'p2'), request('b', 'g1', 'p2')],
        positions: [{ topic: TOPIC, partition: 0, offset: 2 }],
      }),
    );
    expect(outcomes.map((o) => [o.requestId, o.playerRows, o.stateEntries])).toEqual([
      ['a', 1, 0],
      ['b', 0, 0],
    ]);
    expect(await count("SELECT count(*) AS n FROM player_windows WHERE player_id = 'p2'")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM processor_state')).toBe(6);
  });

  it('writes nothing when any part fails: position conflict, regression, a bad value after the deletes ran', async () => {
    await store.erasePlayers(deletion({ positions: [{ topic: TOPIC, partition: 0, offset: 5 }] }));
    const before = {
      rows: await count('SELECT count(*) AS n FROM player_windows'),
      state: await count('SELECT count(*) AS n FROM processor_state'),
    };
    const attempts: Array<[DeletionCommit, string]> = [
      [
        deletion({
          deletions: [request('x', 'g1', 'p1')],
          positions: [{ topic: TOPIC, partition: 0, offset: 6 }],
          expectedPositions: [{ topic: TOPIC, partition: 0, offset: 4 }],
        }),
        'GP_STORE_POSITION_CONFLICT',
      ],
      [
        deletion({ deletions: [request('x', 'g1', 'p1')], positions: [{ topic: TOPIC, partition: 0, offset: 3 }] }),
        'GP_STORE_POSITION_REGRESSED',
      ],
      // the audit's time is validated while appending, after both DELETEs ran
      [
        deletion({ deletions: [request('x', 'g1', 'p1')], positions: [{ topic: TOPIC, partition: 0, offset: 6 }], processedAtMs: -1 }),
        'GP_STORE_BAD_ROW',
      ],
      [deletion({ deletions: [request('x', 'g1', '')], positions: [{ topic: TOPIC, partition: 0, offset: 6 }] }), 'GP_STORE_BAD_ROW'],
    ];
    for (const [c, code] of attempts) await expect(store.erasePlayers(c)).rejects.toMatchObject({ code });
    expect({
      rows: await count('SELECT count(*) AS n FROM player_windows'),
      state: await count('SELECT count(*) AS n FROM processor_state'),
    }).toEqual(before);
    expect(await count('SELECT count(*) AS n FROM deletion_audit')).toBe(0);
    expect((await store.loadCheckpoint('processor.deletions')).positions).toEqual([{ topic: TOPIC, partition: 0, offset: 5 }]);
    // and the store is still usable
    expect(
      await store.erasePlayers(
        deletion({
          deletions: [request('y', 'g1', 'p1')],
          positions: [{ topic: TOPIC, partition: 0, offset: 6 }],
          expectedPositions: [{ topic: TOPIC, partition: 0, offset: 5 }],
        }),
      ),
    ).toEqual([{ requestId: 'y', gameId: 'g1', playerRows: 3, stateEntries: 3, stepRows: 0 }]);
  });

  it('commits dead letters of undecodable requests with the position that skips them', async () => {
    await store.erasePlayers(
      deletion({
        deadLetters: [
          { code: 'GP_DELETION_UNDECODABLE', message: 'bad', keyId: '', receivedAtMs: W, raw: bytes('x'), source: 'deletions' },
        ],
        positions: [{ topic: TOPIC, partition: 0, offset: 1 }],
      }),
    );
    expect(await store.sql('SELECT code, source FROM dead_letters')).toEqual([{ code: 'GP_DELETION_UNDECODABLE', source: 'deletions' }]);
    expect(await count('SELECT count(*) AS n FROM player_windows')).toBe(5);
  });
});
