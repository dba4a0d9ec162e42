/**
 * Real-engine test: starts real Apache Druid (jars from Maven Central, see
 * scripts/engines/druid/DRUID.md) and checks ingestion and Druid SQL end to end.
 * No mocks: a native batch task ingests inline JSON through the overlord's task API, and
 * every expected number is computed here from the same raw rows.
 *
 * The first run fetches ~200 MiB of jars (about 25 s here); later runs start in ~20 s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DruidCluster, druidSql, startDruid } from '../../../scripts/engines/druid/index.ts';
import { waitForDruid, waitForSegmentsLoaded, waitForTask } from '../../ingestion/druid-signals.ts';

interface RawEvent {
  ts: string;
  game: string;
  event: string;
  player_id: string;
  coins: number;
}

/** A small play session log: 12 events, 5 players, 2 games, over 3 hours of one day. */
const EVENTS: RawEvent[] = [
  { ts: '2026-01-01T00:05:00Z', game: 'g1', event: 'session_start', player_id: 'p1', coins: 0 },
  { ts: '2026-01-01T00:10:00Z', game: 'g1', event: 'purchase', player_id: 'p1', coins: 100 },
  { ts: '2026-01-01T00:20:00Z', game: 'g1', event: 'purchase', player_id: 'p2', coins: 50 },
  { ts: '2026-01-01T00:40:00Z', game: 'g1', event: 'session_start', player_id: 'p2', coins: 0 },
  { ts: '2026-01-01T00:50:00Z', game: 'g2', event: 'session_start', player_id: 'p3', coins: 0 },
  { ts: '2026-01-01T01:05:00Z', game: 'g2', event: 'purchase', player_id: 'p3', coins: 25 },
  { ts: '2026-01-01T01:15:00Z', game: 'g1', event: 'purchase', player_id: 'p4', coins: 70 },
  { ts: '2026-01-01T01:30:00Z', game: 'g2', event: 'purchase', player_id: 'p5', coins: 30 },
  { ts: '2026-01-01T01:45:00Z', game: 'g2', event: 'purchase', player_id: 'p3', coins: 25 },
  { ts: '2026-01-01T02:00:00Z', game: 'g1', event: 'session_start', player_id: 'p1', coins: 0 },
  { ts: '2026-01-01T02:10:00Z', game: 'g1', event: 'purchase', player_id: 'p1', coins: 10 },
  { ts: '2026-01-01T02:20:00Z', game: 'g2', event: 'session_start', player_id: 'p5', coins: 0 },
];

/** Unique per run, so a reused dev cluster never mixes runs. */
const DATASOURCE = `gp_engine_test_${Date.now()}`;
const say = (l: string) => console.error(l);
/**
 * Waits follow Druid's own signals (druid-signals.ts: task status, the coordinator's
 * load status, the broker's answers) and log what is outstanding; the bound only
 * catches a real failure, below the test timeout so the error names the stage.
 */
const WAIT = { timeoutMs: 600_000, log: say };
/** Explicit, so the file does not depend on the root config's integration timeouts. */
const TEST_TIMEOUT_MS = 900_000;

/**
 * Native batch (`index_parallel`) from an `inline` input source. Rolled up to the hour
 * per (game, event): player_id is not a dimension, it only feeds the HLL sketch, so the
 * distinct count must come from the sketch and not from grouping.
 */
function batchTask(dataSource: string, rows: RawEvent[]) {
  return {
    type: 'index_parallel',
    spec: {
      dataSchema: {
        dataSource,
        timestampSpec: { column: 'ts', format: 'iso' },
        dimensionsSpec: { dimensions: ['game', 'event'] },
        metricsSpec: [
          { type: 'count', name: 'event_count' },
          { type: 'longSum', name: 'coins', fieldName: 'coins' },
          { type: 'HLLSketchBuild', name: 'players', fieldName: 'player_id', lgK: 12, tgtHllType: 'HLL_4' },
        ],
        granularitySpec: {
          type: 'uniform',
          segmentGranularity: 'DAY',
          queryGranularity: 'HOUR',
          rollup: true,
          intervals: ['2026-01-01/2026-01-02'],
        },
      },
      ioConfig: {
        type: 'index_parallel',
        inputSource: { type: 'inline', data: rows.map((r) => JSON.stringify(r)).join('\n') },
        inputFormat: { type: 'json' },
        appendToExisting: false,
      },
      tuningConfig: {
        type: 'index_parallel',
        maxNumConcurrentSubTasks: 1,
        partitionsSpec: { type: 'dynamic' },
        // The task reports SUCCESS only once a historical serves the segment.
        awaitSegmentAvailabilityTimeoutMillis: 120_000,
      },
    },
  };
}

function sum(rows: RawEvent[]): { events: number; coins: number; players: number } {
  return { events: rows.length, coins: rows.reduce((s, r) => s + r.coins, 0), players: new Set(rows.map((r) => r.player_id)).size };
}

/** Number of rows after ingestion-time rollup: distinct (hour, game, event). */
function rolledUpRows(rows: RawEvent[]): number {
  return new Set(rows.map((r) => `${r.ts.slice(0, 13)}|${r.game}|${r.event}`)).size;
}

async function http<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${res.status}: ${text.slice(0, 1000)}`);
  return JSON.parse(text) as T;
}

describe('druid/test/integration/druid-engine: real Apache Druid', () => {
  let cluster: DruidCluster;

  beforeAll(async () => {
    cluster = await startDruid({ log: say });
  }, 600_000);

  afterAll(async () => {
    if (!cluster) return;
    // Mark the test's segments unused, so a reused dev cluster does not keep serving them.
    await fetch(`${cluster.coordinatorUrl}/druid/coordinator/v1/datasources/${DATASOURCE}`, { method: 'DELETE' }).catch(() => undefined);
    if (cluster.startedHere) await cluster.stop();
  }, 180_000);

  it(
    'runs a native batch task with an inline input source to SUCCESS through the overlord',
    async () => {
      const { task } = await http<{ task: string }>(`${cluster.overlordUrl}/druid/indexer/v1/task`, {
        method: 'POST',
        body: JSON.stringify(batchTask(DATASOURCE, EVENTS)),
      });
      expect(task).toMatch(/^index_parallel_/);

      try {
        await waitForTask(cluster.overlordUrl, task, WAIT);
      } catch (err) {
        // Druid 33's indexer runs tasks as threads and writes their lines into its own log
        // (per-task log files on indexers came in Druid 34), so the task log is there.
        const indexerLog = readFileSync(join(cluster.dataDir, 'log', 'indexer.log'), 'utf8');
        const lines = indexerLog.split('\n').filter((l) => l.includes(task) || l.includes('Exception'));
        expect.fail(`${err instanceof Error ? err.message : String(err)}\n${lines.slice(-40).join('\n')}`);
      }

      // One DAY segment, served by the historical (not only published): the coordinator
      // says nothing is left to load, then the broker's view agrees.
      await waitForSegmentsLoaded(cluster.coordinatorUrl, [DATASOURCE], WAIT);
      const segments = await waitForDruid(
        `the broker to list ${DATASOURCE}'s segment as available`,
        async () => {
          const rows = await druidSql<{ n: number }>(
            cluster.brokerUrl,
            `SELECT COUNT(*) AS "n" FROM sys.segments WHERE "datasource" = '${DATASOURCE}' AND "is_available" = 1`,
          );
          const n = rows[0]?.n ?? 0;
          return n > 0 ? { done: true, value: n } : { done: false, outstanding: 'no available segment in sys.segments' };
        },
        WAIT,
      );
      expect(segments).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'answers Druid SQL with the exact totals of the raw rows',
    async () => {
      const expected = sum(EVENTS);
      expect(expected).toEqual({ events: 12, coins: 310, players: 5 });
      // The broker's SQL schema learns a new datasource on its next metadata refresh.
      const [totals] = await waitForDruid(
        `${DATASOURCE} to appear in the broker's SQL`,
        async () => {
          const rows = await druidSql<Record<string, number>>(
            cluster.brokerUrl,
            `SELECT COUNT(*) AS "stored_rows", SUM("event_count") AS "events", SUM("coins") AS "coins", APPROX_COUNT_DISTINCT_DS_HLL("players") AS "players" FROM "${DATASOURCE}"`,
          );
          return (rows[0]?.events ?? 0) > 0 ? { done: true, value: rows } : { done: false, outstanding: 'no rows yet' };
        },
        WAIT,
      );
      expect(totals).toEqual({
        stored_rows: rolledUpRows(EVENTS),
        events: expected.events,
        coins: expected.coins,
        players: expected.players,
      });
      expect(totals!.stored_rows).toBe(8);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'groups by game with exact sums and HLL distinct players per group',
    async () => {
      const rows = await druidSql<Record<string, string | number>>(
        cluster.brokerUrl,
        `SELECT "game", SUM("event_count") AS "events", SUM("coins") AS "coins", APPROX_COUNT_DISTINCT_DS_HLL("players") AS "players"
       FROM "${DATASOURCE}" GROUP BY "game" ORDER BY "game"`,
      );
      const games = [...new Set(EVENTS.map((e) => e.game))].sort();
      expect(rows).toEqual(games.map((game) => ({ game, ...sum(EVENTS.filter((e) => e.game === game)) })));
      expect(rows.map((r) => r.players)).toEqual([3, 2]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'filters on __time at the hour granularity the rows were rolled up to',
    async () => {
      const rows = await druidSql<Record<string, number>>(
        cluster.brokerUrl,
        `SELECT SUM("event_count") AS "events", SUM("coins") AS "coins", APPROX_COUNT_DISTINCT_DS_HLL("players") AS "players"
       FROM "${DATASOURCE}"
       WHERE "__time" >= TIMESTAMP '2026-01-01 01:00:00' AND "__time" < TIMESTAMP '2026-01-01 02:00:00' AND "event" = 'purchase'`,
      );
      const hour = EVENTS.filter((e) => e.ts.startsWith('2026-01-01T01') && e.event === 'purchase');
      expect(rows).toEqual([sum(hour)]);
      expect(rows[0]).toEqual({ events: 4, coins: 150, players: 3 });
    },
    TEST_TIMEOUT_MS,
  );
});
