/**
 * feature_adoption on DuckDB with hand-built step facts and player rows: adoption is
 * distinct players who used the feature / active players, not uses / players.
 */
import { regionOf, type PlayerStepData, type PlayerWindowData } from '@gamepulse/proto';
import { openDuckDbStore } from '@gamepulse/store';
import { describe, expect, it } from 'vitest';
import { runKpi } from './run-kpi.ts';

const W = Date.UTC(2025, 6, 1, 10, 0);
const M = 60_000;

describe('kpi/feature_adoption (DuckDB, worked by hand)', () => {
  it('counts each adopter once however often and in however many windows they use the feature', async () => {
    const s = await openDuckDbStore({ path: ':memory:' });
    try {
      const dims = (minute: number, country = 'DE') => ({ windowStartMs: W + minute * M, gameId: 'g', platform: 'ios', country });
      const player = (minute: number, playerId: string, country?: string): PlayerWindowData => ({
        ...dims(minute, country),
        ...regionOf(country ?? 'DE'),
        playerId,
        events: 1,
      });
      const step = (minute: number, playerId: string, item: string, events: number, country?: string): PlayerStepData => ({
        ...dims(minute, country),
        playerId,
        eventType: 'feature_use',
        item,
        firstMs: W + minute * M,
        events,
      });
      await s.commit({
        consumer: 't',
        rollups: [],
        players: [player(0, 'a'), player(1, 'a'), player(0, 'b'), player(2, 'c'), player(3, 'd', 'US')],
        steps: [
          // a: chat 3 times in one window and twice in another; b: chat once; d (US): chat once
          step(0, 'a', 'chat', 3),
          step(1, 'a', 'chat', 2),
          step(0, 'b', 'chat', 1),
          step(3, 'd', 'chat', 1, 'US'),
          step(0, 'b', 'leaderboard', 1),
          // not a feature_use: never counted
          { ...step(2, 'c', 'chat', 9), eventType: 'ad' },
        ],
        positions: [],
        state: [],
        deadLetters: [],
      });
      const p = { fromMs: W, toMs: W + 10 * M, granularity: 'all' as const };
      const all = await runKpi(s, 'feature_adoption', p);
      expect(all.columns).toEqual(['feature', 'uses', 'players', 'uses_per_player', 'adopters', 'adoption']);
      expect(all.rows).toEqual([
        { feature: 'chat', uses: 7, players: 4, uses_per_player: 7 / 4, adopters: 3, adoption: 3 / 4 },
        { feature: 'leaderboard', uses: 1, players: 4, uses_per_player: 1 / 4, adopters: 1, adoption: 1 / 4 },
      ]);
      // Region of the step facts follows from the country, like the player rows' stamp.
      const byRegion = await runKpi(s, 'feature_adoption', { ...p, by: ['region'] });
      expect(byRegion.rows.map((r) => [r.region, r.feature, r.adopters, r.players])).toEqual([
        ['Americas', 'chat', 1, 1],
        ['Europe', 'chat', 2, 3],
        ['Europe', 'leaderboard', 1, 3],
      ]);
      const europe = await runKpi(s, 'feature_adoption', { ...p, region: 'Europe', granularity: 'minute' });
      expect(europe.rows.map((r) => [r.bucket_start_ms, r.feature, r.uses, r.adopters, r.players])).toEqual([
        [W, 'chat', 4, 2, 2],
        [W, 'leaderboard', 1, 1, 2],
        [W + M, 'chat', 2, 1, 1],
      ]);
    } finally {
      await s.close();
    }
  });
});
