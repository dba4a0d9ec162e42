/**
 * `player_steps` in DuckDB: step facts are written in the commit's transaction (and
 * rolled back with it), merge by MIN/SUM at query time, and are erased with the player.
 */
import type { PlayerStepData } from '@gamepulse/proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeletionCommit } from '../contracts.ts';
import { openDuckDbStore, type DuckDbStore } from './duckdb-store.ts';

const W = Date.UTC(2025, 0, 15, 12, 0);
const step = (gameId: string, playerId: string, minute: number, eventType: string, firstMs: number, events = 1): PlayerStepData => ({
  windowStartMs: W + minute * 60_000,
  gameId,
  playerId,
  eventType,
  action: eventType === 'progression' ? 'complete' : '',
  item: eventType === 'progression' ? 'w1:l1' : '',
  firstMs,
  events,
});

let store: DuckDbStore;
beforeEach(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
});
afterEach(() => store.close());

describe('store/duckdb/player-steps', () => {
  it('stores step facts with the commit; deltas of one key merge by MIN(first_ms) and SUM(events)', async () => {
    await store.commit({
      consumer: 'processor',
      rollups: [],
      players: [],
      steps: [step('g1', 'p1', 0, 'progression', W + 5_000, 2), step('g1', 'p1', 1, 'purchase', W + 70_000)],
      positions: [{ topic: 't', partition: 0, offset: 1 }],
      state: [],
      deadLetters: [],
    });
    // a late delta of the same window and key, earlier in it
    await store.commit({
      consumer: 'processor',
      rollups: [],
      players: [],
      steps: [step('g1', 'p1', 0, 'progression', W + 1_000)],
      positions: [{ topic: 't', partition: 0, offset: 2 }],
      state: [],
      deadLetters: [],
    });
    expect(
      await store.sql(
        `SELECT event_type, action, item, epoch_ms(window_start) AS w, MIN(first_ms) AS first_ms, SUM(events) AS events
         FROM player_steps GROUP BY ALL ORDER BY w`,
      ),
    ).toEqual([
      { event_type: 'progression', action: 'complete', item: 'w1:l1', w: W, first_ms: W + 1_000, events: 3 },
      { event_type: 'purchase', action: '', item: '', w: W + 60_000, first_ms: W + 70_000, events: 1 },
    ]);
  });

  it('writes nothing of a commit that fails', async () => {
    await expect(
      store.commit({
        consumer: 'processor',
        rollups: [],
        players: [],
        steps: [step('g1', 'p1', 0, 'purchase', W), step('g1', 'p1', 0, 'ad', 2 ** 60)],
        positions: [{ topic: 't', partition: 0, offset: 1 }],
        state: [],
        deadLetters: [],
      }),
    ).rejects.toMatchObject({ code: 'GP_STORE_BAD_ROW' });
    expect(await store.sql('SELECT count(*) AS n FROM player_steps')).toEqual([{ n: 0 }]);
  });

  it("erases the player's step rows of that game with a deletion, counted in the outcome and the audit", async () => {
    await store.commit({
      consumer: 'processor',
      rollups: [],
      players: [{ windowStartMs: W, gameId: 'g1', playerId: 'p1', events: 1 }],
      steps: [
        step('g1', 'p1', 0, 'purchase', W),
        step('g1', 'p1', 1, 'ad', W + 60_000),
        step('g2', 'p1', 0, 'ad', W),
        step('g1', 'p2', 0, 'ad', W),
      ],
      positions: [],
      state: [],
      deadLetters: [],
    });
    const commit: DeletionCommit = {
      consumer: 'processor.deletions',
      deletions: [{ requestId: 'r1', gameId: 'g1', playerId: 'p1', installId: '', source: 'sdk', keyId: 'k', requestedAtMs: W }],
      positions: [{ topic: 'd', partition: 0, offset: 1 }],
      deadLetters: [],
      processedAtMs: W + 1,
    };
    expect(await store.erasePlayers(commit)).toEqual([{ requestId: 'r1', gameId: 'g1', playerRows: 1, stateEntries: 0, stepRows: 2 }]);
    expect(await store.sql('SELECT game_id, player_id FROM player_steps ORDER BY 1, 2')).toEqual([
      { game_id: 'g1', player_id: 'p2' },
      { game_id: 'g2', player_id: 'p1' },
    ]);
    expect(await store.sql('SELECT player_rows_deleted, step_rows_deleted FROM deletion_audit')).toEqual([
      { player_rows_deleted: 1, step_rows_deleted: 2 },
    ]);
  });
});
