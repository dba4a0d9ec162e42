import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import { seededRandom, randomPlayerWindows, randomRollups } from '@gamepulse/testkit';
import { openDuckDbStore, type DuckDbStore } from './duckdb-store.ts';
import { dictionaryInsertSql, StringDictionary } from './columnar-append.ts';
import { PLAYERS, ROLLUPS } from './append.ts';
import { STEPS } from './player-steps.ts';

const T0 = Date.UTC(2025, 0, 15, 12, 0);

/** A row as the table gives it back, in the proto's field names; unset strings and counts read as '' and 0. */
const rollupKey = (r: RollupRowData) =>
  JSON.stringify([
    r.windowStartMs,
    r.gameId ?? '',
    r.build ?? '',
    r.platform ?? '',
    r.country ?? '',
    r.eventType ?? '',
    r.action ?? '',
    r.currency ?? '',
    r.item ?? '',
    r.variant ?? '',
    r.events ?? 0,
    r.amount ?? 0,
    r.value ?? 0,
  ]);
const playerKey = (p: PlayerWindowData) =>
  JSON.stringify([
    p.windowStartMs,
    p.gameId ?? '',
    p.build ?? '',
    p.platform ?? '',
    p.country ?? '',
    p.playerId ?? '',
    p.firstSeenDayMs || null,
    p.events ?? 0,
    p.purchases ?? 0,
    p.sessions ?? 0,
    p.variant ?? '',
  ]);

describe('druid/duckdb/columnar-append', () => {
  let store: DuckDbStore;
  beforeEach(async () => {
    store = await openDuckDbStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('codes strings from 1 in first-seen order', () => {
    const d = new StringDictionary();
    expect([d.code('b'), d.code('a'), d.code('b'), d.code('')]).toEqual([1, 2, 1, 3]);
    expect(d.values).toEqual(['b', 'a', '']);
  });

  it('stores every row exactly as given, across chunk boundaries, with odd strings, big numbers and unknown cohorts', async () => {
    const rng = seededRandom(11);
    const shape = { fromMs: T0, minutes: 90, players: 3000 };
    // 5,000 rows: three data chunks of 2,048 and a partial one.
    const rollups = randomRollups(rng, shape, 5000);
    rollups.push(
      { windowStartMs: T0, gameId: 'g', eventType: 'design', item: 'ünï:cødé:😀', events: 1, value: -0.5 },
      { windowStartMs: T0, gameId: "it's", eventType: 'purchase', currency: 'USD', events: 2 ** 40, amount: 2 ** 53 - 1 },
      { windowStartMs: T0, gameId: '', eventType: '' },
    );
    const players = randomPlayerWindows(rng, shape, 5000);
    players.push(
      { windowStartMs: T0, gameId: 'g', playerId: 'p-no-cohort', events: 1 },
      { windowStartMs: T0, gameId: 'g', playerId: 'p\u0000nul', firstSeenDayMs: Date.UTC(2024, 1, 29), events: 3, variant: 'x:y' },
    );
    await store.commit({ consumer: 'processor', rollups, players, positions: [], state: [], deadLetters: [] });

    const storedRollups = await store.sql(
      `SELECT epoch_ms(window_start) AS w, game_id, build, platform, country, event_type, action, currency, item, variant, events, amount, value FROM rollups`,
    );
    const gotRollups = storedRollups
      .map((r) =>
        JSON.stringify([
          r.w,
          r.game_id,
          r.build,
          r.platform,
          r.country,
          r.event_type,
          r.action,
          r.currency,
          r.item,
          r.variant,
          r.events,
          r.amount,
          r.value,
        ]),
      )
      .sort();
    expect(gotRollups).toEqual(rollups.map(rollupKey).sort());

    const storedPlayers = await store.sql(
      `SELECT epoch_ms(window_start) AS w, game_id, build, platform, country, player_id, epoch_ms(first_seen_day) AS d, events, purchases, sessions, variant FROM player_windows`,
    );
    const gotPlayers = storedPlayers
      .map((p) =>
        JSON.stringify([p.w, p.game_id, p.build, p.platform, p.country, p.player_id, p.d, p.events, p.purchases, p.sessions, p.variant]),
      )
      .sort();
    expect(gotPlayers).toEqual(players.map(playerKey).sort());
  });

  it('a second commit starts from an empty stage: nothing of the first is inserted twice', async () => {
    const row = { windowStartMs: T0, gameId: 'g', eventType: 'ad', events: 1 };
    for (let i = 0; i < 3; i++)
      await store.commit({ consumer: 'processor', rollups: [row], players: [], positions: [], state: [], deadLetters: [] });
    expect(await store.sql('SELECT count(*) AS n, sum(events) AS e FROM rollups')).toEqual([{ n: 3, e: 3 }]);
  });
});

describe('store/duckdb/columnar-append dictionaryInsertSql', () => {
  it('reads every code from the joined dictionary row, never from the list parameter', () => {
    for (const table of [ROLLUPS, PLAYERS, STEPS]) {
      const sql = dictionaryInsertSql(table);
      expect(sql, table.stage).not.toContain('$1[');
      expect(sql.match(/dict\.l\[s\d+\]/g)?.length, table.stage).toBe(table.strings.length);
      expect(sql, table.stage).toContain(`FROM ${table.stage}, (SELECT $1 AS l) AS dict`);
    }
  });

  it('refuses an insert that does not read its stage', () => {
    expect(() => dictionaryInsertSql({ stage: 'x_stage', insert: 'INSERT INTO x SELECT $1[s0] FROM y_stage' })).toThrow(/x_stage/);
  });
});
