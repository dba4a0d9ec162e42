/**
 * Real-engine test of druid/ingestion/delete-player.ts on real Apache Druid: both player
 * datasources are ingested with their own supervisor specs' schema (native batch, inline
 * rollups-topic JSON rows), then one player of one game is deleted. Afterwards, exactly:
 * the player's rows are gone from both, the same player id in another game and every
 * other player are as before (rows, summed metrics and the input_rows count, which the
 * reindex re-aggregates), and the replaced segment versions are gone from the metadata
 * store and deep storage. ~1–2 min with Druid running (+ ~25 s to start it). Every wait
 * follows Druid's own signals (task status, coordinator metadata and load status, the
 * broker's sys.segments), logging what is still outstanding.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlayerJson } from '@gamepulse/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDruid, type DruidCluster } from '../../../scripts/engines/druid/index.ts';
import { deletePlayer, runTask, type DeletePlayerResult } from '../../ingestion/delete-player.ts';
import { waitForBrokerToForget, waitForDruid, waitForSegmentsLoaded, waitForSegmentsUnused } from '../../ingestion/druid-signals.ts';
import { readSpecFile, type DatasourceRole } from '../../ingestion/specs.ts';
import { druidSqlRows } from './druid-support/pipeline.ts';

const RUN = `druid_it_del_${Date.now().toString(36)}`;
const DATASOURCES: Record<'players' | 'playerDays', string> = { players: `${RUN}_players`, playerDays: `${RUN}_player_days` };
const DAY_MS = 86_400_000;
const DAY0 = Date.UTC(2026, 1, 2);
const say = (l: string) => console.error(l);
/**
 * Every wait follows Druid's own signals (druid-signals.ts) and logs what is still
 * outstanding; its bound only catches a real failure, and is below the test timeouts
 * so that the error says which stage never completed.
 */
const WAIT = { timeoutMs: 600_000, log: say };
const TEST_TIMEOUT_MS = 900_000;

/** One player row per minute window. */
function row(game: string, player: string, day: number, minute: number, events: number, purchases = 0): PlayerJson {
  return {
    kind: 'player',
    window_start: DAY0 + day * DAY_MS + minute * 60_000,
    game_id: game,
    build: '1.0',
    platform: 'web',
    country: 'DE',
    player_id: player,
    first_seen_day: DAY0,
    events,
    purchases,
    sessions: 1,
    variant: 'shop_layout:grid',
  };
}

const ROWS: PlayerJson[] = [
  // the one to delete: g1/p1 on days 0 and 1
  row('g1', 'p1', 0, 10, 3, 1),
  row('g1', 'p1', 0, 11, 2),
  row('g1', 'p1', 0, 200, 1),
  row('g1', 'p1', 1, 5, 4),
  row('g1', 'p1', 1, 6, 1, 1),
  // the same player id in another game: kept
  row('g2', 'p1', 0, 10, 7),
  // other players of g1: one sharing day 0 (its chunk is rewritten), one on day 2 only (untouched chunk)
  row('g1', 'p2', 0, 10, 5, 2),
  row('g1', 'p2', 0, 11, 1),
  row('g1', 'p2', 2, 1, 2),
  row('g1', 'p3', 2, 30, 6),
  // a second row of the same key (a late delta): Druid rolls the two up; input_rows counts 2
  row('g1', 'p3', 2, 30, 1),
];

/** A native batch task with the supervisor spec's dataSchema (kind filter, transforms, dimensions, metrics, rollup). */
function batchTask(role: DatasourceRole, datasource: string): Record<string, unknown> {
  const dataSchema = { ...readSpecFile(role).spec.dataSchema, dataSource: datasource } as Record<string, unknown>;
  const granularitySpec = {
    ...(dataSchema.granularitySpec as object),
    intervals: [`${new Date(DAY0).toISOString()}/${new Date(DAY0 + 3 * DAY_MS).toISOString()}`],
  };
  return {
    type: 'index_parallel',
    spec: {
      dataSchema: { ...dataSchema, granularitySpec },
      ioConfig: {
        type: 'index_parallel',
        inputSource: { type: 'inline', data: ROWS.map((r) => JSON.stringify(r)).join('\n') },
        inputFormat: { type: 'json' },
        appendToExisting: false,
      },
      tuningConfig: {
        type: 'index_parallel',
        maxNumConcurrentSubTasks: 1,
        partitionsSpec: { type: 'dynamic' },
        awaitSegmentAvailabilityTimeoutMillis: 120_000,
      },
    },
  };
}

/** Per (game, player): stored rows, summed events and purchases, input rows — as Druid answers them. */
async function perPlayer(
  brokerUrl: string,
  datasource: string,
): Promise<Record<string, { rows: number; events: number; purchases: number; input_rows: number }>> {
  const rows = (await druidSqlRows(
    brokerUrl,
    `SELECT game_id || '/' || player_id AS "k", COUNT(*) AS "rows", SUM(events) AS "events", SUM(purchases) AS "purchases", SUM(input_rows) AS "input_rows" FROM "${datasource}" GROUP BY 1`,
  )) as unknown as Array<{ k: string; rows: number; events: number; purchases: number; input_rows: number }>;
  return Object.fromEntries(rows.map(({ k, ...v }) => [k, v]));
}

/** The same from ROWS, by code of its own: rows after rollup to (query grain, dims, player). */
function expectedPerPlayer(grainMs: number, keep: (r: PlayerJson) => boolean) {
  const out: Record<string, { rows: number; events: number; purchases: number; input_rows: number }> = {};
  const keys = new Set<string>();
  for (const r of ROWS.filter(keep)) {
    const k = `${r.game_id}/${r.player_id}`;
    const e = (out[k] ??= { rows: 0, events: 0, purchases: 0, input_rows: 0 });
    const rolled = `${k}@${Math.floor(r.window_start / grainMs)}`;
    if (!keys.has(rolled)) e.rows += 1;
    keys.add(rolled);
    e.events += r.events;
    e.purchases += r.purchases;
    e.input_rows += 1;
  }
  return out;
}

/** Segment versions of a datasource in local deep storage, `<start>_<end>/<version>` (the layout: <ds>/<start>_<end>/<version>/<partition>/). */
function versionsInDeepStorage(dataDir: string, datasource: string): Set<string> {
  const root = join(dataDir, 'deep-storage', datasource);
  const out = new Set<string>();
  if (!existsSync(root)) return out;
  for (const interval of readdirSync(root)) for (const version of readdirSync(join(root, interval))) out.add(`${interval}/${version}`);
  return out;
}

/** `<datasource>_<start>_<end>_<version>[_<partition>]` → `<start>_<end>/<version>`. */
function deepStorageKey(segmentId: string): string {
  const [start, end, version] = segmentId.match(/\d{4}-\d\d-\d\dT[\d:.]+Z/g)!;
  return `${start}_${end}/${version}`;
}

describe('druid/test/integration/druid-delete-player: delete-player.ts on real Druid', () => {
  let druid: DruidCluster;
  let results: DeletePlayerResult[];
  const grain = { players: 60_000, playerDays: DAY_MS } as const;

  beforeAll(async () => {
    druid = await startDruid({ log: say });
    await Promise.all(
      (['players', 'playerDays'] as const).map((role) => runTask(druid.overlordUrl, batchTask(role, DATASOURCES[role]), WAIT)),
    );
    // The tasks wait for their segments to be served, but give up after
    // awaitSegmentAvailabilityTimeoutMillis and still succeed: ask the coordinator.
    await waitForSegmentsLoaded(druid.coordinatorUrl, Object.values(DATASOURCES), WAIT);
    for (const role of ['players', 'playerDays'] as const) {
      // Then the broker: its SQL schema learns a new datasource on its next metadata refresh.
      const answered = await waitForDruid(
        `the broker to answer for all 4 players of ${DATASOURCES[role]}`,
        async () => {
          const got = await perPlayer(druid.brokerUrl, DATASOURCES[role]);
          return Object.keys(got).length === 4
            ? { done: true, value: got }
            : { done: false, outstanding: `players: ${Object.keys(got).join(', ')}` };
        },
        { ...WAIT, pollMs: 500 },
      );
      expect(answered).toEqual(expectedPerPlayer(grain[role], () => true));
    }
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    if (!druid) return;
    for (const ds of Object.values(DATASOURCES))
      await fetch(`${druid.coordinatorUrl}/druid/coordinator/v1/datasources/${ds}`, { method: 'DELETE' }).catch(() => undefined);
    if (druid.startedHere) await druid.stop();
  }, 180_000);

  it(
    "rewrites the chunks holding the player's rows without them, and kills the replaced versions",
    async () => {
      const before = Object.fromEntries(
        (['players', 'playerDays'] as const).map((role) => [role, versionsInDeepStorage(druid.dataDir, DATASOURCES[role])]),
      );
      const t0 = Date.now();
      results = await deletePlayer({
        gameId: 'g1',
        playerId: 'p1',
        overlordUrl: druid.overlordUrl,
        brokerUrl: druid.brokerUrl,
        datasources: DATASOURCES,
        // The player datasources this test ingests (the steps datasource has its own rows: druid-delete-player-steps.test.ts).
        roles: ['players', 'playerDays'],
        pollMs: 500,
        taskTimeoutMs: WAIT.timeoutMs,
        log: say,
      });
      say(`[druid-delete] done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const day = (d: number) => `${new Date(DAY0 + d * DAY_MS).toISOString()}/${new Date(DAY0 + (d + 1) * DAY_MS).toISOString()}`;
      expect(
        results.map((r) => ({
          ...r,
          replacedSegments: r.replacedSegments.length,
          reindexTask: typeof r.reindexTask,
          killTask: typeof r.killTask,
        })),
      ).toEqual([
        // DAY segments: days 0 and 1 rewritten, day 2 (other players only) untouched
        {
          role: 'players',
          datasource: DATASOURCES.players,
          rowsBefore: 5,
          intervals: [day(0), day(1)],
          replacedSegments: 2,
          reindexTask: 'string',
          killTask: 'string',
          rowsAfter: 0,
          realtimeRows: false,
        },
        // MONTH segments: the month; rows rolled up per UTC day
        {
          role: 'playerDays',
          datasource: DATASOURCES.playerDays,
          rowsBefore: 2,
          intervals: ['2026-02-01T00:00:00.000Z/2026-03-01T00:00:00.000Z'],
          replacedSegments: 1,
          reindexTask: 'string',
          killTask: 'string',
          rowsAfter: 0,
          realtimeRows: false,
        },
      ]);
      for (const role of ['players', 'playerDays'] as const) {
        const replacedVersions = new Set(results.find((r) => r.role === role)!.replacedSegments.map(deepStorageKey));
        // The old versions were in deep storage, and are not any more.
        for (const v of replacedVersions) expect(before[role]!.has(v), `${role} ${v} before`).toBe(true);
        const after = versionsInDeepStorage(druid.dataDir, DATASOURCES[role]);
        for (const v of replacedVersions) expect(after.has(v), `${role} ${v} after`).toBe(false);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'leaves every other row exactly as it was: the same id in another game, the other players, their input_rows',
    async () => {
      for (const role of ['players', 'playerDays'] as const) {
        const expected = expectedPerPlayer(grain[role], (r) => !(r.game_id === 'g1' && r.player_id === 'p1'));
        expect(Object.keys(expected).sort()).toEqual(['g1/p2', 'g1/p3', 'g2/p1']);
        expect(await perPlayer(druid.brokerUrl, DATASOURCES[role])).toEqual(expected);
        // Nor is an overshadowed version left: the replaced versions are gone from the
        // metadata store (kill), and the broker no longer lists them nor anything
        // overshadowed (its sys.segments view follows the coordinator's metadata).
        const replaced = results.find((r) => r.role === role)!.replacedSegments;
        await waitForSegmentsUnused(druid.coordinatorUrl, DATASOURCES[role], replaced, { ...WAIT, killed: true });
        const view = await waitForBrokerToForget(druid.brokerUrl, druid.coordinatorUrl, DATASOURCES[role], replaced, WAIT);
        expect(view).toMatchObject({ overshadowed: [], published: [] });
        const [overshadowed] = await druidSqlRows(
          druid.brokerUrl,
          `SELECT COUNT(*) AS "n" FROM sys.segments WHERE "datasource" = '${DATASOURCES[role]}' AND "is_overshadowed" = 1`,
        );
        expect(overshadowed?.n ?? 0).toBe(0); // no row at all when none
      }
      // Again: nothing of the player is found, nothing is rewritten.
      const again = await deletePlayer({
        gameId: 'g1',
        playerId: 'p1',
        overlordUrl: druid.overlordUrl,
        brokerUrl: druid.brokerUrl,
        datasources: DATASOURCES,
        // The player datasources this test ingests (the steps datasource has its own rows: druid-delete-player-steps.test.ts).
        roles: ['players', 'playerDays'],
        log: say,
      });
      expect(again.map((r) => [r.rowsBefore, r.intervals.length, r.reindexTask])).toEqual([
        [0, 0, undefined],
        [0, 0, undefined],
      ]);
    },
    TEST_TIMEOUT_MS,
  );
});
