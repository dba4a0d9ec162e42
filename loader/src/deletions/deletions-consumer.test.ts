/**
 * The deletions consumer on the real embedded log and a DuckDB store: each batch of
 * requests is applied once — rows and state erased, audited, position stored in the
 * same transaction — poison is dead-lettered, a restart resumes after what was applied,
 * and a coordination that is not ready yet (or a failed erase) retries the whole batch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedLog, type EmbeddedLog } from '@gamepulse/log';
import { DeletionRequest, type DeletionRequestData } from '@gamepulse/proto';
import { createLogger } from '@gamepulse/service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { until } from '@gamepulse/testkit';
import { coverThenErase } from '../rollups/deletion-coverage.ts';
import { createDeletionsConsumer, decodeDeletions, type CoordinateErase, type DeletionsConsumer } from './deletions-consumer.ts';
import { waitForOffsets } from './coverage.ts';

const TOPIC = 'gp.deletions.v1';
const W = Date.UTC(2025, 0, 15, 12, 0);
const NOW = W + 86_400_000;
const quiet = createLogger({ service: 'test', write: () => undefined });
const request = (requestId: string, playerId: string, gameId = 'g1'): DeletionRequestData => ({
  requestId,
  gameId,
  playerId,
  installId: `i-${playerId}`,
  requestedAtMs: W + 1000,
  source: 'admin',
  keyId: 'admin-1',
});
const record = (r: DeletionRequestData) => ({ key: `${r.gameId}:${r.playerId}`, value: DeletionRequest.encode(r).finish() });

let dir: string;
let log: EmbeddedLog;
let store: DuckDbStore;
const consumers: DeletionsConsumer[] = [];
const count = async (sql: string) => Number((await store.sql(sql))[0]!.n);

function consumer(coordinate?: CoordinateErase): DeletionsConsumer {
  const c = createDeletionsConsumer({
    log,
    sink: store,
    topic: TOPIC,
    groupId: 'processor.deletions',
    state: { consumer: 'processor', namespaces: ['player', 'variant'] },
    ...(coordinate ? { coordinate } : {}),
    nowMs: () => NOW,
    maxWaitMs: 20,
    logger: quiet,
  });
  consumers.push(c);
  return c;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gp-deletions-'));
  log = await openEmbeddedLog({ dir, fsync: false, consumerRetryBackoffMs: 10 });
  await log.ensureTopics([{ name: TOPIC, partitions: 1 }]);
  store = await openDuckDbStore({ path: ':memory:' });
  await store.commit({
    consumer: 'processor',
    rollups: [],
    players: ['p1', 'p1', 'p2', 'p3'].map((playerId, i) => ({ windowStartMs: W + i * 60_000, gameId: 'g1', playerId, events: 1 })),
    positions: [],
    state: ['p1', 'p2', 'p3'].map((key) => ({ partition: 0, namespace: 'player', key, value: new Uint8Array([1]) })),
    deadLetters: [],
  });
});

afterEach(async () => {
  await Promise.all(consumers.splice(0).map((c) => c.stop()));
  await store.close();
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('druid/privacy/deletions-consumer', () => {
  it('applies each request once with its position, dead-letters poison, and resumes after a restart', async () => {
    await log
      .producer()
      .append(TOPIC, [
        record(request('r1', 'p1')),
        { key: 'junk', value: new Uint8Array([0xff, 0xff]) },
        record(request('r2', 'nobody')),
        record({ ...request('r3', ''), playerId: '' }),
      ]);
    const first = consumer();
    await first.start();
    await until(() => first.stats().applied === 2 && first.stats().deadLetters === 2, 'the first batch');
    expect(
      await store.sql(
        'SELECT request_id, game_id, player_id, install_id, source, key_id, requested_at, processed_at, processed_by, player_rows_deleted, state_entries_deleted FROM deletion_audit ORDER BY request_id',
      ),
    ).toEqual([
      {
        request_id: 'r1',
        game_id: 'g1',
        player_id: 'p1',
        install_id: 'i-p1',
        source: 'admin',
        key_id: 'admin-1',
        requested_at: W + 1000,
        processed_at: NOW,
        processed_by: 'processor.deletions',
        player_rows_deleted: 2,
        state_entries_deleted: 1,
      },
      {
        request_id: 'r2',
        game_id: 'g1',
        player_id: 'nobody',
        install_id: 'i-nobody',
        source: 'admin',
        key_id: 'admin-1',
        requested_at: W + 1000,
        processed_at: NOW,
        processed_by: 'processor.deletions',
        player_rows_deleted: 0,
        state_entries_deleted: 0,
      },
    ]);
    expect(await store.sql('SELECT code, source FROM dead_letters ORDER BY code')).toEqual([
      { code: 'GP_DELETION_RECORD_INVALID', source: 'deletions' },
      { code: 'GP_DELETION_RECORD_UNDECODABLE', source: 'deletions' },
    ]);
    expect(await store.sql('SELECT player_id, count(*) AS n FROM player_windows GROUP BY 1 ORDER BY 1')).toEqual([
      { player_id: 'p2', n: 1 },
      { player_id: 'p3', n: 1 },
    ]);
    expect((await store.loadCheckpoint('processor.deletions')).positions).toEqual([{ topic: TOPIC, partition: 0, offset: 4 }]);
    await first.stop();

    // A new consumer resumes from the stored position: nothing is applied twice.
    await log.producer().append(TOPIC, [record(request('r4', 'p2'))]);
    const second = consumer();
    await second.start();
    await until(() => second.stats().applied === 1, 'the new request');
    expect(await count('SELECT count(*) AS n FROM deletion_audit')).toBe(3);
    expect(await count("SELECT count(*) AS n FROM player_windows WHERE player_id = 'p2'")).toBe(0);
    expect(await store.sql("SELECT key FROM processor_state WHERE consumer = 'processor' ORDER BY key")).toEqual([{ key: 'p3' }]);
  });

  it('retries the whole batch while the coordination is not ready or the erase fails, and applies it once', async () => {
    await log.producer().append(TOPIC, [record(request('r1', 'p1')), record(request('r2', 'p3'))]);
    let attempts = 0;
    const c = consumer(async (requests, erase) => {
      attempts += 1;
      expect(requests.map((r) => r.requestId)).toEqual(['r1', 'r2']);
      if (attempts === 1) throw new Error('the writer has not caught up yet');
      // the erase's transaction fails and rolls back (here: the store refuses a bad value)
      if (attempts === 2)
        return store.erasePlayers({
          consumer: 'processor.deletions',
          deletions: [...requests],
          positions: [{ topic: TOPIC, partition: 0, offset: 2 }],
          deadLetters: [],
          processedAtMs: -1,
        });
      return erase();
    });
    await c.start();
    await until(() => c.stats().applied === 2, 'the batch');
    expect(attempts).toBe(3);
    expect(c.stats()).toMatchObject({ commits: 1, commitFailures: 2 });
    expect(await count('SELECT count(*) AS n FROM deletion_audit')).toBe(2);
  });

  it('decodes requests from where the stored position is, and names a request without id by its place', () => {
    const rec = (offset: number, r: DeletionRequestData) => ({
      topic: TOPIC,
      partition: 0,
      offset,
      key: 'k',
      value: DeletionRequest.encode(r).finish(),
      timestampMs: 5,
    });
    const { requests, deadLetters } = decodeDeletions(
      {
        topic: TOPIC,
        partition: 0,
        records: [rec(7, request('old', 'p1')), rec(8, { gameId: 'g', playerId: 'p' })],
        nextOffset: 9,
        highWatermark: 9,
      },
      8,
    );
    expect(deadLetters).toEqual([]);
    expect(requests).toEqual([
      { requestId: `${TOPIC}/0@8`, gameId: 'g', playerId: 'p', installId: '', source: '', keyId: '', requestedAtMs: 5 },
    ]);
  });
});

describe('druid/privacy/coverage and druid/loader/deletion-coverage', () => {
  it('waits until every partition reached its target; a partition with nothing to cover is met at once', async () => {
    let reached = new Map([[0, 3]]);
    const waiting = waitForOffsets(
      [
        { topic: 't', partition: 0, offset: 5 },
        { topic: 't', partition: 1, offset: 0 },
      ],
      async () => reached,
      { what: 'x', pollMs: 1 },
    );
    let done = false;
    void waiting.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    reached = new Map([[0, 5]]);
    await waiting;
    await expect(
      waitForOffsets([{ topic: 't', partition: 0, offset: 1 }], async () => new Map(), { what: 'the reader', timeoutMs: 5, pollMs: 1 }),
    ).rejects.toThrow(/the reader did not reach/);
    const ac = new AbortController();
    ac.abort();
    await expect(
      waitForOffsets([{ topic: 't', partition: 0, offset: 1 }], async () => new Map(), { what: 'x', signal: ac.signal }),
    ).rejects.toThrow(/stopped/);
  });

  it('Kafka mode: erases only after the processors committed the events topic and then the loader stored the rollups topic', async () => {
    const steps: string[] = [];
    let committed = 2;
    let loaded = 0;
    const fakeLog = {
      endOffsets: async (topic: string) => (steps.push(`end ${topic}`), [{ topic, partition: 0, offset: topic === 'events' ? 3 : 10 }]),
      committed: async () => [{ topic: 'events', partition: 0, offset: committed++ }],
    } as unknown as Parameters<typeof coverThenErase>[0]['log'];
    const loader = { stats: () => ({ positions: [{ partition: 0, offset: (loaded += 5), highWatermark: 10 }] }) } as unknown as Parameters<
      typeof coverThenErase
    >[0]['loader'];
    const coordinate = coverThenErase({
      log: fakeLog,
      loader,
      topics: { events: 'events', rollups: 'rollups' },
      processorGroupId: 'processor',
      pollMs: 1,
    });
    const out = await coordinate([], async () => (steps.push('erase'), []), new AbortController().signal);
    expect(out).toEqual([]);
    expect(steps).toEqual(['end events', 'end rollups', 'erase']);
    expect(committed).toBe(4); // read until it reached 3
    expect(loaded).toBe(10);
  });
});
