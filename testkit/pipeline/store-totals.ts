/**
 * What the end-to-end tests compare with the simulator's ledger: totals through the
 * query API while the pipeline runs, and every ledger total in SQL on the DuckDB file
 * once its writer stopped.
 */
import { openDuckDbStore } from '@gamepulse/store';
import { runKpi } from '@gamepulse/kpi';
import type { LedgerTotals } from '@gamepulse/samples';
import { expect } from 'vitest';
import { sleep } from '../src/wait.ts';

type Rows = Array<Record<string, string | number | null>>;
const toMap = (rows: Rows, key: (r: Rows[number]) => string, value: string) =>
  Object.fromEntries(rows.map((r) => [key(r), Number(r[value])]));
const dropZeros = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== 0));

/** Sum of a Prometheus counter on a /metrics URL (0 when unreachable). */
export async function metricSum(url: string, name: string, labelFilter = ''): Promise<number> {
  const text = await fetch(url).then(
    (r) => r.text(),
    () => '',
  );
  let n = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(name) && (line[name.length] === ' ' || line[name.length] === '{') && line.includes(labelFilter))
      n += Number(line.split(' ').pop());
  return n;
}

/** Total events in the store through the query API, or undefined when it does not answer. */
export async function totalInStore(queryPort: number): Promise<number | undefined> {
  const url = `http://127.0.0.1:${queryPort}/v1/kpis/events_by_type?granularity=all&from=0&to=${Date.now() + 86_400_000}`;
  try {
    const res = await fetch(url);
    if (!res.ok) return undefined;
    const body = (await res.json()) as { rows: Array<{ events: number }> };
    return body.rows.reduce((n, r) => n + Number(r.events), 0);
  } catch {
    return undefined;
  }
}

/** Polls until the store holds `expected` events (or the deadline), then holds still for `settleMs`: an over-count would show. */
export async function waitForTotal(
  queryPort: number,
  expected: number,
  timeoutMs = 180_000,
  settleMs = 2_000,
): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  let seen: number | undefined;
  while (Date.now() < deadline) {
    seen = await totalInStore(queryPort);
    if (seen !== undefined && seen >= expected) break;
    await sleep(250);
  }
  if (seen !== expected) return seen;
  await sleep(settleMs);
  return totalInStore(queryPort);
}

export interface StoreExpectations {
  /** Dead letters the store must hold, by code (e.g. re-sends older than the dedup window). @default none */
  deadLetters?: Record<string, number>;
}

/**
 * Every ledger total, in SQL, against the DuckDB file (its writer must be stopped). The
 * rows of events the SDKs dropped (event_type sdk_dropped, kpi delivery) are no tracked
 * events: the totals over all event types leave them out.
 */
export async function expectStoreEqualsLedger(storePath: string, expected: LedgerTotals, also: StoreExpectations = {}): Promise<void> {
  const store = await openDuckDbStore({ path: storePath });
  try {
    const q = (sql: string) => store.sql(sql) as Promise<Rows>;
    const byType = await q(`SELECT event_type, SUM(events) AS n FROM rollups WHERE event_type <> 'sdk_dropped' GROUP BY 1`);
    expect(toMap(byType, (r) => String(r.event_type), 'n')).toEqual(expected.eventsByType);

    const byWindow = await q(
      `SELECT epoch_ms(window_start) AS w, SUM(events) AS n FROM rollups WHERE event_type <> 'sdk_dropped' GROUP BY 1`,
    );
    expect(toMap(byWindow, (r) => String(r.w), 'n')).toEqual(expected.eventsByWindow);

    const revenue = await q(`SELECT currency, SUM(amount) AS n FROM rollups WHERE event_type = 'purchase' GROUP BY 1`);
    expect(toMap(revenue, (r) => String(r.currency), 'n')).toEqual(expected.revenueByCurrency);

    const resource = await q(`SELECT action, currency, SUM(amount) AS n FROM rollups WHERE event_type = 'resource' GROUP BY 1, 2`);
    expect(toMap(resource, (r) => `${r.action}:${r.currency}`, 'n')).toEqual(expected.resourceByFlowCurrency);

    const progression = await q(`SELECT action, item, SUM(events) AS n FROM rollups WHERE event_type = 'progression' GROUP BY 1, 2`);
    expect(toMap(progression, (r) => `${r.action}:${r.item}`, 'n')).toEqual(expected.progressionByActionItem);

    const [sessions] = await q(
      `SELECT SUM(CASE WHEN event_type = 'session_start' THEN events ELSE 0 END) AS started,
              SUM(CASE WHEN event_type = 'session_end' THEN amount ELSE 0 END) AS length_ms FROM rollups`,
    );
    expect(Number(sessions!.started)).toBe(expected.sessionsStarted);
    expect(Number(sessions!.length_ms)).toBe(expected.sessionLengthMs);

    const players = await q(`SELECT epoch_ms(window_start) AS w, COUNT(DISTINCT player_id) AS n FROM player_windows GROUP BY 1`);
    expect(dropZeros(toMap(players, (r) => String(r.w), 'n'))).toEqual(expected.playersByWindow);
    const [allPlayers] = await q(`SELECT COUNT(DISTINCT player_id) AS n FROM player_windows`);
    expect(Number(allPlayers!.n)).toBe(expected.players);

    const dead = await q(`SELECT code, COUNT(*) AS n FROM dead_letters GROUP BY 1`);
    expect(toMap(dead, (r) => String(r.code), 'n')).toEqual(dropZeros(also.deadLetters ?? {}));

    const perPlayer = await q(`SELECT player_id, SUM(events) AS n FROM player_windows GROUP BY 1`);
    expect(toMap(perPlayer, (r) => String(r.player_id), 'n')).toEqual(expected.eventsByPlayer);

    // A/B: every row carries its player's assignment as of the event (druid/README.md, "A/B readout").
    const byVariant = await q(`SELECT variant, SUM(events) AS n FROM rollups WHERE event_type <> 'sdk_dropped' GROUP BY 1`);
    expect(toMap(byVariant, (r) => String(r.variant), 'n')).toEqual(expected.eventsByVariant);
    const playerByVariant = await q(`SELECT variant, SUM(events) AS n FROM player_windows GROUP BY 1`);
    expect(toMap(playerByVariant, (r) => String(r.variant), 'n')).toEqual(expected.playerEventsByVariant);
    const revenueByVariant = await q(`SELECT variant, currency, SUM(amount) AS n FROM rollups WHERE event_type = 'purchase' GROUP BY 1, 2`);
    expect(toMap(revenueByVariant, (r) => `${r.variant}/${r.currency}`, 'n')).toEqual(expected.revenueByVariantCurrency);
    await expectAbReadout(store, expected);
  } finally {
    await store.close();
  }
}

type KpiStore = Parameters<typeof runKpi>[0];

/**
 * ab_readout, ab_test and revenue by variant (the KPI library's SQL on DuckDB) against the
 * ledger's independent truths, for every experiment the players were exposed to:
 * exposures, exposed players, payers and per-player sessions and purchases per variant
 * (a player counts for each variant in their assignment set); revenue per assignment set
 * and currency.
 */
export async function expectAbReadout(store: KpiStore, expected: LedgerTotals): Promise<void> {
  const range = { fromMs: 0, toMs: Math.floor(Date.now() / 86_400_000 + 2) * 86_400_000 };
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const experiments = [...new Set(Object.keys(expected.exposuresByVariant).map((v) => v.split(':')[0]!))].sort();
  expect(experiments.length).toBeGreaterThan(0);
  for (const experiment of experiments) {
    const ab = await runKpi(store, 'ab_readout', { ...range, experiment });
    const variants = Object.keys(expected.exposuresByVariant)
      .filter((v) => v.startsWith(`${experiment}:`))
      .sort();
    expect(ab.rows).toEqual(
      variants.map((v) => {
        const players = expected.playersByVariant[v]!;
        const payers = expected.payersByVariant[v] ?? 0;
        return {
          variant: v,
          exposures: expected.exposuresByVariant[v],
          players,
          payers,
          conversion: ratio(payers, players),
          sessions_per_player: ratio(expected.sessionsByVariant[v] ?? 0, players),
          purchases_per_player: ratio(expected.purchasesByVariant[v] ?? 0, players),
        };
      }),
    );
    const test = await runKpi(store, 'ab_test', { ...range, experiment });
    expect(test.rows.map((r) => [r.variant, r.players, r.conversion_sum, r.sessions_sum, r.sessions_sum_squares])).toEqual(
      variants.map((v) => [
        v,
        expected.playersByVariant[v],
        expected.payersByVariant[v] ?? 0,
        expected.sessionsByVariant[v] ?? 0,
        expected.sessionsSumSquaresByVariant[v] ?? 0,
      ]),
    );
  }
  const revenue = await runKpi(store, 'revenue', { ...range, granularity: 'all', by: ['variant'] });
  expect(Object.fromEntries(revenue.rows.map((r) => [`${r.variant}/${r.currency}`, Number(r.amount_minor)]))).toEqual(
    expected.revenueByVariantCurrency,
  );
}
