/**
 * The churn list over HTTP as a live-ops tool pulls it: paged JSON with asOf, limit and
 * offset, and the same rows as a CSV download (format=csv).
 */
import type { PlayerWindowData } from '@gamepulse/proto';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueryApi, type QueryApiServer } from '../../src/index.ts';

const DAY = 86_400_000;
const DAY0 = Date.UTC(2026, 1, 2);
const AS_OF = DAY0 + 28 * DAY;

/** A session of `player` on `day` (+ purchases). */
const session = (player: string, day: number, purchases = 0): PlayerWindowData => ({
  windowStartMs: DAY0 + day * DAY + 36_000_000,
  gameId: 'g',
  build: '1',
  platform: 'ios',
  country: 'DE',
  playerId: player,
  firstSeenDayMs: DAY0,
  events: 3,
  purchases,
  sessions: 1,
});
const daily = (player: string, from: number, to: number, purchaseDay = -1) =>
  Array.from({ length: to - from }, (_, i) => session(player, from + i, from + i === purchaseDay ? 1 : 0));

let store: DuckDbStore;
let api: QueryApiServer;
let base: string;

beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  await store.commit({
    consumer: 'test',
    rollups: [],
    // steady (active); fading (3 sessions in the last week: at risk); "gone, ok" paid and left (lapsed); quiet (no purchase this week: at risk)
    players: [
      ...daily('steady', 0, 28),
      ...daily('fading', 0, 21),
      ...[21, 24, 27].map((d) => session('fading', d)),
      ...daily('gone, ok', 0, 15, 2),
      ...daily('quiet', 0, 28, 9),
    ],
    positions: [],
    state: [],
    deadLetters: [],
  });
  api = await startQueryApi({ port: 0, host: '127.0.0.1', store, nowMs: () => AS_OF + 3 * DAY });
  base = `http://127.0.0.1:${api.port}`;
});
afterAll(async () => {
  await api.close();
  await store.close();
});

describe('api: at_risk_players export', () => {
  it('pages the list in a stable order and exports it as CSV', async () => {
    const asOf = new Date(AS_OF).toISOString();
    const page = async (offset: number) =>
      (
        (await (await fetch(`${base}/v1/kpis/at_risk_players?asOf=${asOf}&limit=2&offset=${offset}`)).json()) as {
          rows: Array<Record<string, unknown>>;
        }
      ).rows;
    const rows = [...(await page(0)), ...(await page(2))];
    expect(rows.map((r) => [r.player_id, r.segment, r.reasons])).toEqual([
      ['quiet', 'at_risk', 'spend_stopped'],
      ['fading', 'at_risk', 'sessions_down'],
      ['gone, ok', 'lapsed', 'no_session_7d'],
    ]);
    const res = await fetch(`${base}/v1/kpis/at_risk_players?asOf=${asOf}&limit=10&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="at_risk_players.csv"');
    expect((await res.text()).split('\r\n')).toEqual([
      'player_id,segment,reasons,last_session_day_ms,sessions_7d,weekly_baseline_sessions,purchases_7d,lifetime_purchases',
      `quiet,at_risk,spend_stopped,${DAY0 + 27 * DAY},7,7,0,1`,
      `fading,at_risk,sessions_down,${DAY0 + 27 * DAY},3,7,0,0`,
      `"gone, ok",lapsed,no_session_7d,${DAY0 + 14 * DAY},0,5,0,1`,
      '',
    ]);
    const bad = await fetch(`${base}/v1/kpis/at_risk_players?format=xml`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('GP_QUERY_BAD_PARAM');
  });
});
