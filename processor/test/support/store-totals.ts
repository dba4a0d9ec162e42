/** The ground truth's numbers (support/traffic.ts `Totals`), asked of a store in SQL. */
import type { Store } from '@gamepulse/store';
import { sorted, type Totals } from './traffic.ts';

const num = (v: unknown) => Number(v);
const day = (ms: unknown) => new Date(Number(ms)).toISOString().slice(0, 10);
const iso = (ms: unknown) => new Date(Number(ms)).toISOString();

export async function storeTotals(store: Store): Promise<Totals> {
  const pairs = async (q: string, key: (r: Record<string, unknown>) => string) =>
    sorted(Object.fromEntries((await store.sql(q)).map((r) => [key(r), num(r.n)])));
  const scalar = async (q: string) => num((await store.sql(q))[0]?.n ?? 0);
  const cohorts = await store.sql(
    'SELECT player_id, min(first_seen_day) AS lo, max(first_seen_day) AS hi FROM player_windows GROUP BY player_id ORDER BY player_id',
  );
  return {
    eventsByType: await pairs('SELECT event_type, sum(events) AS n FROM rollups GROUP BY 1', (r) => String(r.event_type)),
    eventsByWindow: await pairs('SELECT window_start, sum(events) AS n FROM rollups GROUP BY 1', (r) => iso(r.window_start)),
    revenueByCurrency: await pairs("SELECT currency, sum(amount) AS n FROM rollups WHERE event_type = 'purchase' GROUP BY 1", (r) =>
      String(r.currency),
    ),
    resourceByCurrencyFlow: await pairs(
      "SELECT currency, action, sum(amount) AS n FROM rollups WHERE event_type = 'resource' GROUP BY 1, 2",
      (r) => `${String(r.currency)}/${String(r.action)}`,
    ),
    progressionByLevel: await pairs(
      "SELECT item, action, sum(events) AS n FROM rollups WHERE event_type = 'progression' GROUP BY 1, 2",
      (r) => `${String(r.item)}/${String(r.action)}`,
    ),
    sessions: await scalar("SELECT sum(events) AS n FROM rollups WHERE event_type = 'session_start'"),
    sessionLengthMs: await scalar("SELECT sum(amount) AS n FROM rollups WHERE event_type = 'session_end'"),
    uniquePlayersByWindow: await pairs('SELECT window_start, count(DISTINCT player_id) AS n FROM player_windows GROUP BY 1', (r) =>
      iso(r.window_start),
    ),
    eventsByCountry: await pairs('SELECT country, sum(events) AS n FROM rollups GROUP BY 1', (r) => String(r.country)),
    eventsByBuild: await pairs('SELECT build, sum(events) AS n FROM rollups GROUP BY 1', (r) => String(r.build)),
    eventsByVariant: await pairs('SELECT variant, sum(events) AS n FROM rollups GROUP BY 1', (r) => String(r.variant)),
    playerEventsByVariant: await pairs('SELECT variant, sum(events) AS n FROM player_windows GROUP BY 1', (r) => String(r.variant)),
    revenueByVariant: await pairs(
      "SELECT variant, currency, sum(amount) AS n FROM rollups WHERE event_type = 'purchase' GROUP BY 1, 2",
      (r) => `${String(r.variant)}/${String(r.currency)}`,
    ),
    playersByVariant: await pairs('SELECT variant, count(DISTINCT player_id) AS n FROM player_windows GROUP BY 1', (r) =>
      String(r.variant),
    ),
    cohortByPlayer: Object.fromEntries(cohorts.map((r) => [String(r.player_id), r.lo === r.hi ? day(r.lo) : 'MIXED'])),
  };
}
