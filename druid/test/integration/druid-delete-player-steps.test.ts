/**
 * Real-engine test of druid/ingestion/delete-player.ts on the player-steps datasource
 * (player funnels): step rows ingested with the supervisor spec's own schema (native
 * batch, inline rollups-topic JSON rows of kind "step"), then one player of one game is
 * deleted. Afterwards, exactly: the player's step rows are gone, and every other
 * (game, player)'s rows, MIN(first_ms), SUM(events) and input_rows are as before — the
 * reindex keeps first_ms a MIN (a sum there would add the times of merged rows).
 */
import type { StepJson } from '@gamepulse/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDruid, type DruidCluster } from '../../../scripts/engines/druid/index.ts';
import { deletePlayer, runTask } from '../../ingestion/delete-player.ts';
import { waitForDruid, waitForSegmentsLoaded } from '../../ingestion/druid-signals.ts';
import { readSpecFile } from '../../ingestion/specs.ts';
import { druidSqlRows } from './druid-support/pipeline.ts';

const RUN = `druid_it_delsteps_${Date.now().toString(36)}`;
const DATASOURCE = `${RUN}_player_steps`;
const DAY_MS = 86_400_000;
const DAY0 = Date.UTC(2026, 1, 2);
const say = (l: string) => console.error(l);
const WAIT = { timeoutMs: 600_000, log: say };
const TEST_TIMEOUT_MS = 900_000;

function step(game: string, player: string, day: number, minute: number, eventType: string, firstSec: number, events = 1): StepJson {
  const window = DAY0 + day * DAY_MS + minute * 60_000;
  return {
    kind: 'step',
    window_start: window,
    game_id: game,
    build: '1.0',
    platform: 'web',
    country: 'DE',
    player_id: player,
    event_type: eventType,
    action: '',
    item: '',
    variant: '',
    first_ms: window + firstSec * 1000,
    events,
  };
}

const ROWS: StepJson[] = [
  // the one to delete: g1/p1 on days 0 and 1
  step('g1', 'p1', 0, 10, 'session_start', 1),
  step('g1', 'p1', 0, 11, 'purchase', 30, 2),
  step('g1', 'p1', 1, 5, 'session_start', 2),
  // the same player id in another game: kept
  step('g2', 'p1', 0, 10, 'session_start', 3),
  // another player of g1 sharing day 0 (its chunk is rewritten), with a late delta of one key
  step('g1', 'p2', 0, 10, 'session_start', 40),
  step('g1', 'p2', 0, 10, 'session_start', 7),
  step('g1', 'p2', 0, 12, 'purchase', 5),
];

function batchTask(): Record<string, unknown> {
  const dataSchema = { ...readSpecFile('steps').spec.dataSchema, dataSource: DATASOURCE } as Record<string, unknown>;
  const granularitySpec = {
    ...(dataSchema.granularitySpec as object),
    intervals: [`${new Date(DAY0).toISOString()}/${new Date(DAY0 + 2 * DAY_MS).toISOString()}`],
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

type PerKey = Record<string, { rows: number; first_ms: number; events: number; input_rows: number }>;

/** Per (game, player, event type): stored rows, MIN(first_ms), SUM(events), input rows — as Druid answers them. */
async function perKey(brokerUrl: string): Promise<PerKey> {
  const rows = (await druidSqlRows(
    brokerUrl,
    `SELECT game_id || '/' || player_id || '/' || event_type AS "k", COUNT(*) AS "rows", MIN(first_ms) AS "first_ms", SUM(events) AS "events", SUM(input_rows) AS "input_rows" FROM "${DATASOURCE}" GROUP BY 1`,
  )) as unknown as Array<{ k: string; rows: number; first_ms: number; events: number; input_rows: number }>;
  return Object.fromEntries(rows.map(({ k, ...v }) => [k, v]));
}

/** The same from ROWS, by code of its own: one stored row per (minute, key) after rollup. */
function expected(keep: (r: StepJson) => boolean): PerKey {
  const out: PerKey = {};
  const stored = new Set<string>();
  for (const r of ROWS.filter(keep)) {
    const k = `${r.game_id}/${r.player_id}/${r.event_type}`;
    const e = (out[k] ??= { rows: 0, first_ms: Number.MAX_SAFE_INTEGER, events: 0, input_rows: 0 });
    if (!stored.has(`${k}@${r.window_start}`)) e.rows += 1;
    stored.add(`${k}@${r.window_start}`);
    e.first_ms = Math.min(e.first_ms, r.first_ms);
    e.events += r.events;
    e.input_rows += 1;
  }
  return out;
}

describe('druid/test/integration/druid-delete-player-steps: delete-player.ts on the player-steps datasource', () => {
  let druid: DruidCluster;

  beforeAll(async () => {
    druid = await startDruid({ log: say });
    await runTask(druid.overlordUrl, batchTask(), WAIT);
    await waitForSegmentsLoaded(druid.coordinatorUrl, [DATASOURCE], WAIT);
    const all = expected(() => true);
    const answered = await waitForDruid(
      `the broker to answer for every key of ${DATASOURCE}`,
      async () => {
        const got = await perKey(druid.brokerUrl).catch((): PerKey => ({}));
        return Object.keys(got).length === Object.keys(all).length
          ? { done: true, value: got }
          : { done: false, outstanding: `keys: ${Object.keys(got).join(', ')}` };
      },
      { ...WAIT, pollMs: 500 },
    );
    expect(answered).toEqual(all);
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    if (!druid) return;
    await fetch(`${druid.coordinatorUrl}/druid/coordinator/v1/datasources/${DATASOURCE}`, { method: 'DELETE' }).catch(() => undefined);
    if (druid.startedHere) await druid.stop();
  }, 180_000);

  it(
    "removes the player's step rows of that game and keeps every other row, first_ms still a MIN",
    async () => {
      const results = await deletePlayer({
        gameId: 'g1',
        playerId: 'p1',
        overlordUrl: druid.overlordUrl,
        brokerUrl: druid.brokerUrl,
        datasources: { steps: DATASOURCE },
        roles: ['steps'],
        pollMs: 500,
        taskTimeoutMs: WAIT.timeoutMs,
        log: say,
      });
      const day = (d: number) => `${new Date(DAY0 + d * DAY_MS).toISOString()}/${new Date(DAY0 + (d + 1) * DAY_MS).toISOString()}`;
      expect(results.map((r) => ({ role: r.role, rowsBefore: r.rowsBefore, intervals: r.intervals, rowsAfter: r.rowsAfter }))).toEqual([
        { role: 'steps', rowsBefore: 3, intervals: [day(0), day(1)], rowsAfter: 0 },
      ]);
      const kept = expected((r) => !(r.game_id === 'g1' && r.player_id === 'p1'));
      expect(Object.keys(kept).sort()).toEqual(['g1/p2/purchase', 'g1/p2/session_start', 'g2/p1/session_start']);
      expect(await perKey(druid.brokerUrl)).toEqual(kept);
    },
    TEST_TIMEOUT_MS,
  );
});
