/**
 * The player KPIs on hand-made rows whose answer is known: a player on two devices whose
 * rows disagree on first_seen_day (the processor keeps it per input partition), read
 * through a real DuckDB store.
 */
import type { PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import { sessionLengthBucket } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKpi } from './run-kpi.ts';

const DAY = 86_400_000;
const D0 = Date.UTC(2025, 5, 2);
const NOW = D0 + 20 * DAY;

const row = (day: number, minute: number, playerId: string, o: Partial<PlayerWindowData> = {}): PlayerWindowData => ({
  windowStartMs: D0 + day * DAY + minute * 60_000,
  gameId: 'g',
  build: '1',
  platform: 'ios',
  country: 'DE',
  playerId,
  firstSeenDayMs: D0,
  events: 1,
  purchases: 0,
  sessions: 0,
  variant: '',
  ...o,
});

let store: DuckDbStore;

beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  const players: PlayerWindowData[] = [
    // p1: phone from day 0; tablet (another partition: its first_seen_day says day 2) on days 2 and 9.
    row(0, 10, 'p1', { sessions: 1, gapSessions: 1, maxProgress: 1_002_000, variant: '' }),
    row(0, 11, 'p1', { activeMs: 60_000, variant: 'shop:grid' }),
    row(2, 0, 'p1', { platform: 'android', firstSeenDayMs: D0 + 2 * DAY, gapSessions: 1, purchases: 1 }),
    row(9, 0, 'p1', { platform: 'android', firstSeenDayMs: D0 + 2 * DAY, gapSessions: 1, maxProgress: 1_005_000, variant: 'shop:grid' }),
    // p2: day 1 only, then day 3.
    row(1, 5, 'p2', { firstSeenDayMs: D0 + DAY, sessions: 1, gapSessions: 1 }),
    row(3, 5, 'p2', { firstSeenDayMs: D0 + DAY, gapSessions: 1 }),
  ];
  const end = (lengthMs: number, events: number): RollupRowData => ({
    windowStartMs: D0 + 10 * 60_000,
    gameId: 'g',
    build: '1',
    platform: 'ios',
    country: 'DE',
    eventType: 'session_end',
    item: sessionLengthBucket(lengthMs),
    events,
    amount: lengthMs * events,
  });
  await store.commit({
    consumer: 't',
    rollups: [{ ...end(0, 2), eventType: 'session_start', item: '' }, end(60_000, 5), end(600_000, 4), end(3_600_000, 1)],
    players,
    positions: [],
    state: [],
    deadLetters: [],
  });
});
afterAll(async () => store.close());

describe('kpi/src/definitions: player KPIs across devices', () => {
  it('retention: the cohort is the first day over every device; classic and rolling', async () => {
    const r = await runKpi(store, 'retention', { fromMs: D0, toMs: D0 + 2 * DAY, days: [1, 2, 5] }, { nowMs: () => NOW });
    expect(r.rows).toEqual([
      // p1 (cohort day 0, not the tablet's day 2): back on day 2 and 9 → classic d2, rolling d1, d2, d5.
      {
        cohort_day_ms: D0,
        cohort_players: 1,
        d1_players: 0,
        d1_rate: 0,
        d1_rolling_players: 1,
        d1_rolling_rate: 1,
        d2_players: 1,
        d2_rate: 1,
        d2_rolling_players: 1,
        d2_rolling_rate: 1,
        d5_players: 0,
        d5_rate: 0,
        d5_rolling_players: 1,
        d5_rolling_rate: 1,
      },
      // p2 (cohort day 1): back on day 3 = d2.
      {
        cohort_day_ms: D0 + DAY,
        cohort_players: 1,
        d1_players: 0,
        d1_rate: 0,
        d1_rolling_players: 1,
        d1_rolling_rate: 1,
        d2_players: 1,
        d2_rate: 1,
        d2_rolling_players: 1,
        d2_rolling_rate: 1,
        d5_players: 0,
        d5_rate: 0,
        d5_rolling_players: 0,
        d5_rolling_rate: 0,
      },
    ]);
    // by platform: p1 joined its cohort on ios; its android days do not retain it on ios.
    const byPlatform = await runKpi(store, 'retention', { fromMs: D0, toMs: D0 + DAY, days: [2], by: ['platform'] }, { nowMs: () => NOW });
    expect(byPlatform.rows).toEqual([
      {
        cohort_day_ms: D0,
        platform: 'ios',
        cohort_players: 1,
        d2_players: 0,
        d2_rate: 0,
        d2_rolling_players: 0,
        d2_rolling_rate: 0,
      },
    ]);
  });

  it('player_lifecycle: one row per player over every device, paged', async () => {
    const r = await runKpi(store, 'player_lifecycle', { fromMs: D0, toMs: NOW, limit: 1 }, { nowMs: () => NOW });
    expect(r.rows).toEqual([
      {
        game_id: 'g',
        player_id: 'p1',
        first_seen_day_ms: D0,
        last_seen_ms: D0 + 9 * DAY,
        days_active: 3,
        sdk_sessions: 1,
        gap_sessions: 3,
        purchases: 1,
        first_purchase_day_ms: D0 + 2 * DAY,
        max_progress: 1_005_000,
        variant: 'shop:grid',
      },
    ]);
    const page2 = await runKpi(store, 'player_lifecycle', { fromMs: D0, toMs: NOW, limit: 1, offset: 1 }, { nowMs: () => NOW });
    expect(page2.rows.map((x) => [x.player_id, x.first_seen_day_ms, x.days_active, x.first_purchase_day_ms, x.variant])).toEqual([
      ['p2', D0 + DAY, 2, null, ''],
    ]);
  });

  it('session_stats: gap sessions per player-day and sketch quantiles within 2 %', async () => {
    const r = await runKpi(store, 'session_stats', { fromMs: D0, toMs: NOW, granularity: 'all' }, { nowMs: () => NOW });
    const s = r.rows[0]!;
    expect(s).toMatchObject({ sdk_sessions: 2, sdk_ended: 10, gap_sessions: 5, gap_total_length_ms: 60_000, players: 2, player_days: 5 });
    expect(s.sessions_per_dau).toBe(2 / 5);
    // lengths: 5 × 1 min, 4 × 10 min, 1 × 1 h → median (5th) 1 min, p90 (9th) 10 min
    expect(Math.abs((s.median_length_ms as number) - 60_000) / 60_000).toBeLessThanOrEqual(0.02);
    expect(Math.abs((s.p90_length_ms as number) - 600_000) / 600_000).toBeLessThanOrEqual(0.02);
  });
});
