/**
 * Privacy end to end (pipeline-e2e and kafka-pipeline-e2e, after the exactly-once
 * scenario): deletion requests through the collector's HTTP endpoint (`POST
 * /v1/privacy/deletion`, the game's ingest key: source "sdk") → deletions topic → the
 * deletions consumer of the DuckDB writer (processor in embedded mode, loader in Kafka
 * mode). Afterwards, exactly: the players' player_windows and player_steps rows are gone, one audit row per
 * request says what was deleted, every other player's rows are as before and equal to
 * the simulator's ledger, rollups are untouched; embedded mode also erased the
 * processor's per-player state. A deleted player who plays on is not blocked.
 */
import { openDuckDbStore } from '@gamepulse/store';
import { DEFAULT_PARTITIONS, partitionForKey } from '@gamepulse/log';
import type { LedgerTotals } from '@gamepulse/samples';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import { expect } from 'vitest';
import { until } from '@gamepulse/testkit';
import { metricSum, waitForTotal, type Pipeline } from '@gamepulse/testkit/pipeline';

type Rows = Array<Record<string, string | number | null>>;

interface PlayerSnapshot {
  rows: Map<string, number>;
  events: Map<string, number>;
  /** player_steps rows per player (player funnels). */
  steps: Map<string, number>;
  state: Map<string, number>;
}

async function snapshot(storePath: string): Promise<PlayerSnapshot> {
  const store = await openDuckDbStore({ path: storePath });
  try {
    const players = (await store.sql('SELECT player_id, count(*) AS n, sum(events) AS e FROM player_windows GROUP BY 1')) as Rows;
    const state = (await store.sql(
      "SELECT key, count(*) AS n FROM processor_state WHERE namespace IN ('player', 'variant', 'activity') GROUP BY 1",
    )) as Rows;
    const steps = (await store.sql('SELECT player_id, count(*) AS n FROM player_steps GROUP BY 1')) as Rows;
    return {
      rows: new Map(players.map((r) => [String(r.player_id), Number(r.n)])),
      events: new Map(players.map((r) => [String(r.player_id), Number(r.e)])),
      steps: new Map(steps.map((r) => [String(r.player_id), Number(r.n)])),
      state: new Map(state.map((r) => [String(r.key), Number(r.n)])),
    };
  } finally {
    await store.close();
  }
}

export interface DeletionScenarioOptions {
  pipeline: Pipeline;
  expected: LedgerTotals;
  /** The ingest key of game 'demo'. */
  key: string;
}

/** Call with the store writer stopped; it is restarted, and stopped again at the end. */
export async function checkPlayerDeletion({ pipeline, expected, key }: DeletionScenarioOptions): Promise<void> {
  const embedded = pipeline.kind === 'embedded';
  const before = await snapshot(pipeline.storePath);
  // The three most active players (ties by id), and one the store never saw.
  const victims = Object.entries(expected.eventsByPlayer)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, 3)
    .map(([id]) => id);
  const targets = [...victims, 'never-played'];
  for (const v of victims) expect(before.rows.get(v), v).toBeGreaterThan(0);

  await pipeline.restartStoreWriter();
  const requestIds = new Map<string, string>();
  for (const playerId of targets) {
    const res = await fetch(`http://127.0.0.1:${pipeline.ports.http}/v1/privacy/deletion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gamepulse-key': key },
      body: JSON.stringify({ playerId }),
    });
    expect(res.status, await res.clone().text()).toBe(202);
    requestIds.set(playerId, ((await res.json()) as { requestId: string }).requestId);
  }
  const metrics = `http://127.0.0.1:${pipeline.ports.query}/metrics`;
  await until(
    async () => (await metricSum(metrics, 'gamepulse_deletions_requests_total', 'result="applied"')) >= targets.length,
    `${targets.length} deletion requests applied`,
    { timeoutMs: 120_000, everyMs: 250 },
  );

  // Not blocked: the first victim plays on after the request (the game must stop sending),
  // from a new install on the events partition of its old one (the simulator names
  // installs sim-<seed>-<n> for player-<seed>-<n>), where its per-player state lived.
  const partitionOf = (installId: string) => partitionForKey(installId, DEFAULT_PARTITIONS.events);
  const home = partitionOf(victims[0]!.replace(/^player-/, 'sim-'));
  let i = 0;
  while (partitionOf(`after-deletion-${i}`) !== home) i++;
  const installId = `after-deletion-${i}`;
  const after = createNodeGamepulse({
    gameKey: key,
    gameId: 'demo',
    endpoint: `http://127.0.0.1:${pipeline.ports.http}`,
    transport: 'http',
    installId,
    playerId: victims[0]!,
    platform: 'web',
    build: 'e2e',
    country: 'DE',
  });
  after.session.start();
  after.purchase({ currency: 'EUR', amountMinor: 199, itemType: 'gems', itemId: 'gems_100' });
  after.session.end();
  await after.flush();
  await after.shutdown();
  expect(await waitForTotal(pipeline.ports.query, expected.events + 3)).toBe(expected.events + 3);

  expect(await pipeline.stopStoreWriter()).toBe(0);
  const store = await openDuckDbStore({ path: pipeline.storePath });
  try {
    const audit = (await store.sql(
      'SELECT request_id, game_id, player_id, source, processed_by, player_rows_deleted, state_entries_deleted, step_rows_deleted FROM deletion_audit ORDER BY player_id',
    )) as Rows;
    expect(audit).toEqual(
      [...targets].sort().map((p) => ({
        request_id: requestIds.get(p)!,
        game_id: 'demo',
        player_id: p,
        source: 'sdk',
        processed_by: embedded ? 'processor.deletions' : 'rollups-loader.deletions',
        player_rows_deleted: before.rows.get(p) ?? 0,
        // Kafka mode: the processors' state lives in their changelog, not in this store.
        state_entries_deleted: embedded ? (before.state.get(p) ?? 0) : 0,
        step_rows_deleted: before.steps.get(p) ?? 0,
      })),
    );
    for (const v of victims) expect(before.steps.get(v) ?? 0, `step rows of ${v} before`).toBeGreaterThan(0);
    // Step facts count every event once: per player, what the ledger says; the victims: only the 3 later events.
    const steps = (await store.sql('SELECT player_id, sum(events) AS e FROM player_steps GROUP BY 1')) as Rows;
    expect(Object.fromEntries(steps.map((r) => [String(r.player_id), Number(r.e)]))).toEqual({
      ...Object.fromEntries(Object.entries(expected.eventsByPlayer).filter(([p]) => !victims.includes(p))),
      [victims[0]!]: 3,
    });
    for (const v of victims) expect(before.state.get(v) ?? 0, `state of ${v} before`).toBe(embedded ? 3 : 0); // first-seen + assignment + install activity

    // Every other player exactly as before, and as the ledger says; the victims: only what came after.
    const now = (await store.sql('SELECT player_id, count(*) AS n, sum(events) AS e FROM player_windows GROUP BY 1')) as Rows;
    const others = now.filter((r) => !victims.includes(String(r.player_id)));
    expect(Object.fromEntries(others.map((r) => [String(r.player_id), Number(r.e)]))).toEqual(
      Object.fromEntries(Object.entries(expected.eventsByPlayer).filter(([p]) => !victims.includes(p))),
    );
    for (const r of others) expect(Number(r.n), String(r.player_id)).toBe(before.rows.get(String(r.player_id)));
    const victimRows = (await store.sql(
      `SELECT player_id, sum(events) AS e, sum(purchases) AS purchases, min(first_seen_day) AS cohort, string_agg(DISTINCT variant, ',') AS variants
       FROM player_windows WHERE player_id IN (${victims.map((v) => `'${v}'`).join(', ')}) GROUP BY 1`,
    )) as Rows;
    const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    expect(victimRows).toEqual([
      embedded
        ? // its per-player state was erased too: a new cohort (today), no assignment
          { player_id: victims[0]!, e: 3, purchases: 1, cohort: today, variants: '' }
        : expect.objectContaining({ player_id: victims[0]!, e: 3, purchases: 1 }),
    ]);
    if (embedded) {
      const state = (await store.sql(
        `SELECT key, namespace FROM processor_state WHERE namespace IN ('player', 'variant', 'activity') AND key IN (${victims.map((v) => `'${v}'`).join(', ')}) ORDER BY namespace`,
      )) as Rows;
      // Written again by the later events: first-seen and the install's activity; no assignment.
      expect(state).toEqual([
        { key: victims[0]!, namespace: 'activity' },
        { key: victims[0]!, namespace: 'player' },
      ]);
      const [kept] = (await store.sql(
        "SELECT count(*) AS n FROM processor_state WHERE namespace IN ('player', 'variant', 'activity')",
      )) as Rows;
      const erased = victims.reduce((n, v) => n + (before.state.get(v) ?? 0), 0);
      expect(Number(kept!.n)).toBe([...before.state.values()].reduce((a, b) => a + b, 0) - erased + 2);
    }
    // Rollups carry no player ids and are not touched: the ledger's totals plus the 3 later events.
    const [r] = (await store.sql('SELECT sum(events) AS n FROM rollups')) as Rows;
    expect(Number(r!.n)).toBe(expected.events + 3);
  } finally {
    await store.close();
  }
}
