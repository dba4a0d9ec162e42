/**
 * Deletes one player's rows from the Druid player datasources (privacy: right to
 * erasure). Druid segments are immutable, so a deletion is a rewrite: for each player
 * datasource (`gamepulse_players`, `gamepulse_player_days`, `gamepulse_player_steps`;
 * rollups hold no player ids)
 *
 *   1. find the time chunks holding the player's rows (Druid SQL on the broker, then the
 *      published segments overlapping those days in `sys.segments`);
 *   2. submit a native batch REINDEX of exactly those chunks: input source `druid` (the
 *      datasource itself), a transform filter `not(game_id = g AND player_id = p)`,
 *      `appendToExisting: false` + `dropExisting: true` (an emptied chunk gets a
 *      tombstone), metrics re-aggregated from their rolled-up columns (a `count` becomes
 *      a `longSum` of itself); wait for SUCCESS (the overlord's task status) — the task
 *      returns once the new segments are served, so queries stop seeing the player; when
 *      its report says it stopped waiting for that (`segmentAvailabilityConfirmed`
 *      false, on a slow cluster), wait for the coordinator's load status instead;
 *   3. mark the replaced segment versions unused and run a `kill` task on the chunks, so
 *      the old rows leave deep storage and the metadata store too (overshadowed segments
 *      would otherwise stay there until someone kills them);
 *   4. check with SQL that no row of the player is left.
 *
 *   npx tsx druid/ingestion/delete-player.ts --game space-miner --player p-123
 *        [--datasources gamepulse_players,gamepulse_player_days,gamepulse_player_steps] [--overlord URL] [--broker URL]
 *        [--no-kill] [--concurrent-locks] [--dry-run]
 *
 * Environment: GAMEPULSE_DRUID_OVERLORD (http://127.0.0.1:18081), GAMEPULSE_DRUID_COORDINATOR
 * (default: the overlord's URL, one process in the single-server layout), GAMEPULSE_DRUID_URL
 * (the broker, http://127.0.0.1:18082), GAMEPULSE_DRUID_PLAYERS / GAMEPULSE_DRUID_PLAYER_DAYS /
 * GAMEPULSE_DRUID_PLAYER_STEPS.
 *
 * Limits (druid/README.md, "Privacy: deleting a player"): rows still in a realtime task
 * (not yet handed off) are not in published segments and cannot be rewritten yet — the
 * result says `realtimeRows`, run it again after the task's `taskDuration`. A chunk a
 * Kafka task still appends to (today) is locked by it: the reindex waits for the lock
 * unless both sides use concurrent locks (`--concurrent-locks` here, and
 * `"context": {"useConcurrentLocks": true}` in the supervisor specs).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { openDruidStore } from '../src/engine/index.ts';
import { segmentAvailabilityConfirmed, waitForSegmentsLoaded, waitForTask } from './druid-signals.ts';
import { overlordUrlOf } from './submit.ts';
import { readSpecFile, type DatasourceRole } from './specs.ts';

/** The datasources with player ids: the only ones a deletion rewrites. */
export const PLAYER_ROLES: readonly DatasourceRole[] = ['players', 'playerDays', 'steps'];

export interface DeletePlayerOptions {
  gameId: string;
  playerId: string;
  /** @default GAMEPULSE_DRUID_OVERLORD or http://127.0.0.1:18081 */
  overlordUrl?: string;
  /** Druid SQL. @default GAMEPULSE_DRUID_URL or http://127.0.0.1:18082 */
  brokerUrl?: string;
  /** Load status of the new segments. @default GAMEPULSE_DRUID_COORDINATOR, else the overlord's URL */
  coordinatorUrl?: string;
  /** Datasource name per player role. @default GAMEPULSE_DRUID_PLAYERS / _PLAYER_DAYS / _PLAYER_STEPS, else the spec files' names */
  datasources?: Partial<Record<DatasourceRole, string>>;
  /** Which player datasources. @default all three */
  roles?: readonly DatasourceRole[];
  /** Kill the replaced segment versions after the reindex. @default true */
  kill?: boolean;
  /** `useConcurrentLocks` in the reindex task's context. @default false */
  concurrentLocks?: boolean;
  /** Find and print what would be rewritten; submit nothing. @default false */
  dryRun?: boolean;
  /** Bound of each wait (a task, the new segments' load); only a task or segment that never completes reaches it. @default 900_000 */
  taskTimeoutMs?: number;
  /** Between polls of Druid's status APIs. @default 1_000 */
  pollMs?: number;
  /** @default console.log */
  log?: (line: string) => void;
}

export interface DeletePlayerResult {
  role: DatasourceRole;
  datasource: string;
  /** Stored rows of the player before (after Druid's rollup). */
  rowsBefore: number;
  /** Time chunks rewritten (ISO intervals). */
  intervals: string[];
  /** Segment versions replaced (and killed unless `kill: false`). */
  replacedSegments: string[];
  reindexTask?: string;
  killTask?: string;
  /** Rows of the player Druid still answers after the rewrite (0 unless some were realtime). */
  rowsAfter: number;
  /** The player had rows in segments not yet handed off: run again after the task's duration. */
  realtimeRows: boolean;
}

interface Segment {
  segment_id: string;
  start: string;
  end: string;
  is_realtime: number;
}

type Json = Record<string, unknown>;

async function http<T>(url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok)
    throw Object.assign(new Error(`${body === undefined ? 'GET' : 'POST'} ${url} → HTTP ${res.status}: ${text.slice(0, 1000)}`), {
      status: res.status,
    });
  return (text ? JSON.parse(text) : undefined) as T;
}

function datasourceOf(role: DatasourceRole, o: DeletePlayerOptions): string {
  const env = {
    rollups: undefined,
    players: process.env.GAMEPULSE_DRUID_PLAYERS,
    playerDays: process.env.GAMEPULSE_DRUID_PLAYER_DAYS,
    steps: process.env.GAMEPULSE_DRUID_PLAYER_STEPS,
  }[role];
  return o.datasources?.[role] ?? env ?? readSpecFile(role).spec.dataSchema.dataSource;
}

/** A metric over already rolled-up rows: sums of its own column (a count becomes a sum of counts). */
function reaggregated(metric: Json): Json {
  const name = String(metric.name);
  switch (metric.type) {
    case 'count':
      return { type: 'longSum', name, fieldName: name };
    case 'longSum':
    case 'doubleSum':
    case 'longMin':
    case 'longMax':
    case 'doubleMin':
    case 'doubleMax':
      return { type: metric.type, name, fieldName: name };
    default:
      throw new Error(`metric ${name} (${String(metric.type)}): no re-aggregation known for reindexing`);
  }
}

/** The reindex task of `intervals` of one player datasource, without the player's rows. */
export function reindexTask(
  role: DatasourceRole,
  datasource: string,
  intervals: readonly string[],
  gameId: string,
  playerId: string,
  o: { concurrentLocks?: boolean } = {},
): Json {
  const spec = readSpecFile(role).spec.dataSchema as unknown as { dimensionsSpec: Json; metricsSpec: Json[]; granularitySpec: Json };
  const hull = `${intervals.map((i) => i.split('/')[0]!).sort()[0]}/${intervals
    .map((i) => i.split('/')[1]!)
    .sort()
    .at(-1)}`;
  const equals = (column: string, value: string) => ({ type: 'equals', column, matchValueType: 'STRING', matchValue: value });
  return {
    type: 'index_parallel',
    spec: {
      dataSchema: {
        dataSource: datasource,
        timestampSpec: { column: '__time', format: 'millis' },
        dimensionsSpec: spec.dimensionsSpec,
        metricsSpec: spec.metricsSpec.map(reaggregated),
        granularitySpec: {
          type: 'uniform',
          segmentGranularity: spec.granularitySpec.segmentGranularity,
          queryGranularity: spec.granularitySpec.queryGranularity,
          rollup: true,
          // Only these chunks are rewritten; rows of other chunks inside the hull are read and thrown away.
          intervals,
        },
        transformSpec: {
          filter: { type: 'not', field: { type: 'and', fields: [equals('game_id', gameId), equals('player_id', playerId)] } },
        },
      },
      ioConfig: {
        type: 'index_parallel',
        inputSource: { type: 'druid', dataSource: datasource, interval: hull },
        appendToExisting: false,
        // A chunk left empty gets a tombstone: its old segments are dropped too.
        dropExisting: true,
      },
      tuningConfig: {
        type: 'index_parallel',
        partitionsSpec: { type: 'dynamic' },
        maxNumConcurrentSubTasks: 1,
        // SUCCESS only once the new segments are served: the player is gone from queries.
        awaitSegmentAvailabilityTimeoutMillis: 300_000,
      },
    },
    ...(o.concurrentLocks ? { context: { useConcurrentLocks: true } } : {}),
  };
}

/**
 * Submits a task and waits for SUCCESS by the overlord's task status (progress to
 * `o.log`; a FAILED task throws with Druid's message). A 5xx on submit is retried twice: Druid's
 * Derby metadata store answers 500 "A lock could not be obtained" when two task
 * submissions audit at once (seen in tests submitting two tasks together).
 */
export async function runTask(
  overlord: string,
  task: Json,
  o: Pick<DeletePlayerOptions, 'taskTimeoutMs' | 'pollMs' | 'log'> = {},
): Promise<string> {
  let id: string | undefined;
  for (let attempt = 1; id === undefined; attempt++) {
    try {
      id = (await http<{ task: string }>(`${overlord}/druid/indexer/v1/task`, task)).task;
    } catch (err) {
      if (attempt >= 3 || !((err as { status?: number }).status! >= 500)) throw err;
      await new Promise((r) => setTimeout(r, 2_000 * attempt));
    }
  }
  await waitForTask(overlord, id, waitOptions(o));
  return id;
}

function waitOptions(o: Pick<DeletePlayerOptions, 'taskTimeoutMs' | 'pollMs' | 'log'>) {
  return { timeoutMs: o.taskTimeoutMs ?? 900_000, pollMs: o.pollMs ?? 1_000, ...(o.log ? { log: o.log } : {}) };
}

/** Marks segment versions unused: the overlord's API (Druid ≥ 31), else the coordinator's older one. */
async function markUnused(overlord: string, datasource: string, segmentIds: readonly string[]): Promise<void> {
  const body = { segmentIds };
  try {
    await http(`${overlord}/druid/indexer/v1/datasources/${encodeURIComponent(datasource)}/markUnused`, body);
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
    await http(`${overlord}/druid/coordinator/v1/datasources/${encodeURIComponent(datasource)}/markUnused`, body);
  }
}

async function deleteFrom(role: DatasourceRole, o: DeletePlayerOptions, overlord: string): Promise<DeletePlayerResult> {
  const log = o.log ?? ((l: string) => console.log(l));
  const datasource = datasourceOf(role, o);
  const druid = openDruidStore({ url: o.brokerUrl ?? process.env.GAMEPULSE_DRUID_URL ?? 'http://127.0.0.1:18082' });
  const q = `FROM "${datasource}" WHERE game_id = ? AND player_id = ?`;
  const days = await druid.sql(`SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR(__time, 'P1D')) AS "day", COUNT(*) AS "n" ${q} GROUP BY 1`, [
    o.gameId,
    o.playerId,
  ]);
  const rowsBefore = days.reduce((n, d) => n + Number(d.n), 0);
  const result: DeletePlayerResult = {
    role,
    datasource,
    rowsBefore,
    intervals: [],
    replacedSegments: [],
    rowsAfter: rowsBefore,
    realtimeRows: false,
  };
  if (rowsBefore === 0) {
    log(`[delete-player] ${datasource}: no rows of the player`);
    return result;
  }
  const dayStarts = days.map((d) => Number(d.day));
  const segments = (await druid.sql(
    `SELECT "segment_id", "start", "end", "is_realtime" FROM sys.segments WHERE "datasource" = ? AND ("is_published" = 1 OR "is_realtime" = 1) AND "is_overshadowed" = 0`,
    [datasource],
  )) as unknown as Segment[];
  const touching = segments.filter((s) => dayStarts.some((d) => Date.parse(s.start) < d + 86_400_000 && Date.parse(s.end) > d));
  result.realtimeRows = touching.some((s) => Number(s.is_realtime) === 1);
  const published = touching.filter((s) => Number(s.is_realtime) !== 1);
  result.replacedSegments = published.map((s) => s.segment_id).sort();
  result.intervals = [...new Set(published.map((s) => `${s.start}/${s.end}`))].sort();
  log(
    `[delete-player] ${datasource}: ${rowsBefore} row(s) in ${result.intervals.length} chunk(s) ${result.intervals.join(', ')}${result.realtimeRows ? ' (+ rows not handed off yet)' : ''}`,
  );
  if (o.dryRun || result.intervals.length === 0) return result;

  result.reindexTask = await runTask(overlord, reindexTask(role, datasource, result.intervals, o.gameId, o.playerId, o), o);
  log(`[delete-player] ${datasource}: reindexed by ${result.reindexTask}`);
  if (!(await segmentAvailabilityConfirmed(overlord, result.reindexTask))) {
    // The task stopped waiting for its segments to be served (a slow cluster): until
    // they are, queries may still see the old versions, so wait for the coordinator.
    log(`[delete-player] ${datasource}: the task did not see its segments served; waiting for the coordinator's load status`);
    await waitForSegmentsLoaded(o.coordinatorUrl ?? process.env.GAMEPULSE_DRUID_COORDINATOR ?? overlord, [datasource], waitOptions(o));
  }
  if (o.kill ?? true) {
    await markUnused(overlord, datasource, result.replacedSegments);
    const hull = `${result.intervals[0]!.split('/')[0]}/${result.intervals
      .map((i) => i.split('/')[1]!)
      .sort()
      .at(-1)}`;
    result.killTask = await runTask(overlord, { type: 'kill', dataSource: datasource, interval: hull }, o);
    log(`[delete-player] ${datasource}: ${result.replacedSegments.length} replaced segment(s) killed by ${result.killTask}`);
  }
  const [after] = await druid.sql(`SELECT COUNT(*) AS "n" ${q}`, [o.gameId, o.playerId]);
  result.rowsAfter = Number(after?.n ?? 0);
  return result;
}

/** Rewrites the player datasources without the player; one result per datasource. */
export async function deletePlayer(o: DeletePlayerOptions): Promise<DeletePlayerResult[]> {
  if (!o.gameId || !o.playerId) throw new Error('deletePlayer: gameId and playerId are required');
  const overlord = overlordUrlOf(o);
  return Promise.all((o.roles ?? PLAYER_ROLES).map((role) => deleteFrom(role, o, overlord)));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      game: { type: 'string' },
      player: { type: 'string' },
      overlord: { type: 'string' },
      broker: { type: 'string' },
      datasources: { type: 'string' },
      'no-kill': { type: 'boolean', default: false },
      'concurrent-locks': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  if (!values.game || !values.player) {
    console.error(
      'usage: npx tsx druid/ingestion/delete-player.ts --game <gameId> --player <playerId> [--datasources players,player_days,player_steps] [--overlord URL] [--broker URL] [--no-kill] [--concurrent-locks] [--dry-run]',
    );
    process.exit(2);
  }
  const names = values.datasources?.split(',').map((s) => s.trim());
  const results = await deletePlayer({
    gameId: values.game,
    playerId: values.player,
    ...(values.overlord ? { overlordUrl: values.overlord } : {}),
    ...(values.broker ? { brokerUrl: values.broker } : {}),
    // Names in PLAYER_ROLES order; the roles named are the ones rewritten.
    ...(names
      ? {
          datasources: Object.fromEntries(names.map((n, i) => [PLAYER_ROLES[i]!, n])),
          roles: PLAYER_ROLES.slice(0, names.length),
        }
      : {}),
    kill: !values['no-kill'],
    concurrentLocks: values['concurrent-locks'],
    dryRun: values['dry-run'],
  });
  console.log(JSON.stringify(results, null, 2));
  if (results.some((r) => r.realtimeRows || (!values['dry-run'] && r.rowsAfter > 0))) {
    console.error("[delete-player] some rows of the player remain (not handed off yet): run again after the supervisors' taskDuration");
    process.exit(3);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
