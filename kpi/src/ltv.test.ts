/**
 * ltv on DuckDB with hand-built player rows whose answers are worked out by hand, and
 * equal to the reference (reference/ltv.ts): the cohort is the earliest known
 * first-seen day over the player's rows on every device (before the range too, whatever
 * the slice), per game; revenue accumulates by UTC day from the cohort day; day N is NULL until it ends.
 */
import type { PlayerWindowData } from '@gamepulse/proto';
import { describe, expect, it } from 'vitest';
import { openDuckDbStore } from '@gamepulse/store';
import { runKpi } from './run-kpi.ts';
import type { RefPlayer } from './reference/reference-kpis.ts';
import { ltvReference } from './reference/ltv.ts';

const D0 = Date.UTC(2025, 5, 1);
const D = 86_400_000;

const row = (
  day: number,
  playerId: string,
  firstSeenDay: number | null,
  revenue: number,
  o: Partial<PlayerWindowData> = {},
): PlayerWindowData => ({
  windowStartMs: D0 + day * D + 3_600_000,
  gameId: 'g',
  platform: 'ios',
  playerId,
  firstSeenDayMs: firstSeenDay === null ? 0 : D0 + firstSeenDay * D,
  events: 1,
  purchases: revenue > 0 ? 1 : 0,
  revenueReportingMinor: revenue,
  ...o,
});

const ROWS: PlayerWindowData[] = [
  row(0, 'a', 0, 100),
  // a's second device first saw a on day 2: a's cohort stays day 0
  row(2, 'a', 2, 50, { platform: 'android' }),
  row(8, 'a', 2, 25, { platform: 'android' }),
  row(0, 'b', 0, 0),
  row(1, 'b', 0, 10),
  row(1, 'c', 1, 7),
  // c's revenue after day 30 of its cohort never counts
  row(40, 'c', 1, 1000),
  // d played on another device before the range: not new on day 1, in no cohort
  row(-3, 'd', -3, 0, { platform: 'android' }),
  row(1, 'd', 1, 500),
  // e's first row has no known first-seen day: the known one (day 1) is its cohort
  row(0, 'e', null, 3),
  row(1, 'e', 1, 4),
  // the same player id in another game is another player, of that game's cohort
  row(1, 'a', 1, 9, { gameId: 'h' }),
];

function refPlayers(rows: readonly PlayerWindowData[]): RefPlayer[] {
  return rows.map((x) => ({
    windowStartMs: x.windowStartMs!,
    gameId: x.gameId!,
    build: '',
    platform: x.platform ?? '',
    country: '',
    variant: '',
    playerId: x.playerId!,
    firstSeenDayMs: x.firstSeenDayMs ?? 0,
    events: 1,
    purchases: x.purchases ?? 0,
    sessions: 0,
    revenueReportingMinor: x.revenueReportingMinor ?? 0,
  }));
}

const ltvRow = (cohortDay: number, players: number, revenue: Array<number | null>) => {
  const out: Record<string, number | null> = { cohort_day_ms: D0 + cohortDay * D, cohort_players: players };
  [0, 1, 7, 14, 30].forEach((n, i) => {
    out[`revenue_d${n}_minor`] = revenue[i]!;
    out[`ltv_d${n}_minor`] = revenue[i] === null ? null : revenue[i]! / players;
  });
  return out;
};

describe('kpi/ltv (DuckDB, worked by hand)', () => {
  it('cohort = earliest known first-seen day across devices and before the range, per game; cumulative revenue by day N; NULL until day N ends', async () => {
    const s = await openDuckDbStore({ path: ':memory:' });
    try {
      await s.commit({ consumer: 't', rollups: [], players: ROWS, positions: [], state: [], deadLetters: [] });
      const nowMs = D0 + 9 * D;
      const r = await runKpi(s, 'ltv', { fromMs: D0, toMs: D0 + 2 * D }, { nowMs: () => nowMs });
      expect(r.rows).toEqual([
        // a (100 on day 0, 50 on day 2, 25 on day 8) and b (10 on day 1)
        ltvRow(0, 2, [100, 110, 160, null, null]),
        // c (7), e (4 on day 1: its day-0 row is before its cohort), and game h's a (9)
        ltvRow(1, 3, [20, 20, 20, null, null]),
      ]);
      expect(r.rows).toEqual(ltvReference(r.params, { rollups: [], players: refPlayers(ROWS), playerVariant: true }));
      expect(r.columns.slice(0, 4)).toEqual(['cohort_day_ms', 'cohort_players', 'revenue_d0_minor', 'ltv_d0_minor']);

      // Filters: one game; a platform slice keeps the player's cohort (across devices) and counts the slice's revenue.
      const later = D0 + 60 * D;
      const game = await runKpi(s, 'ltv', { game: 'h', fromMs: D0, toMs: D0 + 2 * D }, { nowMs: () => later });
      expect(game.rows).toEqual([ltvRow(1, 1, [9, 9, 9, 9, 9])]);
      const ios = await runKpi(s, 'ltv', { platform: 'ios', fromMs: D0, toMs: D0 + 3 * D }, { nowMs: () => later });
      expect(ios.rows).toEqual([ltvRow(0, 2, [100, 110, 110, 110, 110]), ltvRow(1, 3, [20, 20, 20, 20, 20])]);
      // a's android device first saw a on day 2, but a is of cohort day 0; d (android before the range) is in none.
      const android = await runKpi(s, 'ltv', { platform: 'android', fromMs: D0, toMs: D0 + 3 * D }, { nowMs: () => later });
      expect(android.rows).toEqual([ltvRow(0, 1, [0, 0, 50, 75, 75])]);
      for (const q of [game, ios, android])
        expect(q.rows).toEqual(ltvReference(q.params, { rollups: [], players: refPlayers(ROWS), playerVariant: true }));
    } finally {
      await s.close();
    }
  });
});
