import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { createRegistry } from '@gamepulse/service';
import { afterAll, describe, expect, it } from 'vitest';
import type { RollupCommit } from '../contracts.ts';
import { openDuckDbStore } from './duckdb-store.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'gp-duckdb-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function commit(parts: Partial<RollupCommit>): RollupCommit {
  return { consumer: 'processor', rollups: [], players: [], positions: [], state: [], deadLetters: [], ...parts };
}

describe('druid/duckdb/duckdb-store', () => {
  it('returns plain rows: safe BIGINTs as numbers, larger as strings, TIMESTAMP and DATE as epoch ms, BLOB as base64', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    const [row] = await store.sql(
      `SELECT
        42::BIGINT AS small, (2::HUGEINT ** 60)::HUGEINT AS big, -9007199254740991::BIGINT AS min_safe,
        TIMESTAMP '2025-01-15 12:34:56.789' AS ts, DATE '2025-01-15' AS d, '\\x01\\x02'::BLOB AS raw,
        1.5::DOUBLE AS dbl, 12.25::DECIMAL(10,2) AS dec, NULL AS nothing, true AS yes, $1 AS p1, $2 AS p2`,
      ['hello', 7],
    );
    expect(row).toEqual({
      small: 42,
      big: '1152921504606846976',
      min_safe: -9007199254740991,
      ts: Date.UTC(2025, 0, 15, 12, 34, 56, 789),
      d: Date.UTC(2025, 0, 15),
      raw: Buffer.from([1, 2]).toString('base64'),
      dbl: 1.5,
      dec: 12.25,
      nothing: null,
      yes: 1,
      p1: 'hello',
      p2: 7,
    });
    await store.close();
  });

  it('checkpoints the WAL at 256 MiB unless told otherwise (DuckDB reports the setting back)', async () => {
    const byDefault = await openDuckDbStore({ path: ':memory:' });
    const custom = await openDuckDbStore({ path: ':memory:', checkpointThreshold: '1GiB' });
    try {
      expect(await byDefault.sql("SELECT current_setting('checkpoint_threshold') AS v")).toEqual([{ v: '256.0 MiB' }]);
      expect(await custom.sql("SELECT current_setting('checkpoint_threshold') AS v")).toEqual([{ v: '1.0 GiB' }]);
    } finally {
      await byDefault.close();
      await custom.close();
    }
  });

  it('tells change listeners after each commit that wrote rows, and after erasures; never a failed one', async () => {
    let nowMs = 1_000;
    const store = await openDuckDbStore({ path: ':memory:', now: () => nowMs });
    const seen: unknown[] = [];
    const off = store.onChange((c) => seen.push(c));
    store.onChange(() => {
      throw new Error('a broken listener must not fail the commit');
    });
    const w = Date.UTC(2025, 0, 15, 12, 34);
    const rollup = { windowStartMs: w, gameId: 'g', eventType: 'purchase', events: 2 };
    await store.commit(
      commit({
        rollups: [rollup, { ...rollup, windowStartMs: w + 60_000 }],
        players: [{ windowStartMs: w, gameId: 'g', playerId: 'p1', events: 2 }],
      }),
    );
    nowMs = 2_000;
    // Positions only (an idle partition's commit): nothing a reader sees changed.
    await store.commit(commit({ positions: [{ topic: 'events', partition: 0, offset: 5 }] }));
    await expect(
      store.commit(
        commit({
          positions: [{ topic: 'events', partition: 0, offset: 9 }],
          expectedPositions: [{ topic: 'events', partition: 0, offset: 1 }],
          rollups: [rollup],
        }),
      ),
    ).rejects.toThrow();
    expect(seen).toEqual([{ kind: 'commit', consumer: 'processor', rows: 3, maxWindowStartMs: w + 60_000, atMs: 1_000 }]);
    off();
    await store.commit(commit({ rollups: [rollup] }));
    expect(seen).toHaveLength(1);
    await store.close();
  });

  it('stores window starts, first-seen days and dead letters as given', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    const w = Date.UTC(2025, 0, 15, 12, 34);
    await store.commit(
      commit({
        players: [
          { windowStartMs: w, gameId: 'g', playerId: 'p1', firstSeenDayMs: Date.UTC(2025, 0, 3), events: 3 },
          { windowStartMs: w, gameId: 'g', playerId: 'p2', events: 1 },
        ],
        deadLetters: [{ code: 'GP_X', message: 'bad', keyId: 'k', receivedAtMs: w + 5, raw: new Uint8Array([7]), source: 'processor' }],
      }),
    );
    expect(
      await store.sql('SELECT player_id, window_start, first_seen_day, events, purchases FROM player_windows ORDER BY player_id'),
    ).toEqual([
      { player_id: 'p1', window_start: w, first_seen_day: Date.UTC(2025, 0, 3), events: 3, purchases: 0 },
      { player_id: 'p2', window_start: w, first_seen_day: null, events: 1, purchases: 0 },
    ]);
    expect(await store.sql('SELECT * FROM dead_letters')).toEqual([
      { received_at: w + 5, code: 'GP_X', message: 'bad', key_id: 'k', source: 'processor', raw: 'Bw==' },
    ]);
    await store.close();
  });

  it('never lets a query see part of a commit while commits and queries run concurrently', async () => {
    const store = await openDuckDbStore({ path: join(dir, 'concurrent.duckdb'), readConnections: 3 });
    // Invariant of every commit: SUM(events) over all rows == the committed offset.
    let offset = 0;
    const writes: Promise<void>[] = [];
    for (let i = 1; i <= 30; i++) {
      const rows = Array.from({ length: 200 + i }, () => ({ windowStartMs: 0, gameId: 'g', eventType: 'ad', events: 1 }));
      offset += rows.length;
      writes.push(store.commit(commit({ rollups: rows, positions: [{ topic: 'events', partition: 0, offset }] })));
    }
    const reads: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      reads.push(
        store
          .sql(
            `SELECT (SELECT coalesce(SUM(events), 0) FROM rollups) AS events,
                       (SELECT coalesce(max(next_offset), 0) FROM positions) AS offset`,
          )
          .then(([r]) => expect(r!.events).toBe(r!.offset)),
      );
    }
    await Promise.all([...writes, ...reads]);
    expect(await store.sql('SELECT SUM(events) AS n FROM rollups')).toEqual([{ n: offset }]);
    await store.close();
  });

  it('records its schema version, and refuses a file from a newer schema', async () => {
    const path = join(dir, 'version.duckdb');
    const store = await openDuckDbStore({ path, now: () => Date.UTC(2025, 0, 1) });
    expect(await store.sql('SELECT version, applied_at FROM schema_version ORDER BY version')).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, applied_at: Date.UTC(2025, 0, 1) })),
    );
    await store.close();
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    await conn.run(`INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 1}, 'from the future', now()::TIMESTAMP)`);
    conn.closeSync();
    raw.closeSync();
    await expect(openDuckDbStore({ path })).rejects.toMatchObject({ code: 'GP_STORE_SCHEMA_TOO_NEW' });
  });

  it("upgrades a version-1 file: player rows written before migration 2 get variant '', new ones keep theirs", async () => {
    const path = join(dir, 'v1.duckdb');
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    await conn.run(
      'CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
    );
    for (const statement of MIGRATIONS[0]!.statements) await conn.run(statement);
    await conn.run("INSERT INTO schema_version VALUES (1, 'v1', now()::TIMESTAMP)");
    await conn.run("INSERT INTO player_windows VALUES (TIMESTAMP '2025-01-15 12:00:00', 'g', '', '', '', 'old', NULL, 2, 0, 1)");
    conn.closeSync();
    raw.closeSync();

    const store = await openDuckDbStore({ path });
    const w = Date.UTC(2025, 0, 15, 12, 1);
    await store.commit(
      commit({
        players: [
          { windowStartMs: w, gameId: 'g', playerId: 'new', events: 1, variant: 'shop_layout:grid' },
          { windowStartMs: w, gameId: 'g', playerId: 'unset', events: 1 },
        ],
      }),
    );
    expect(await store.sql('SELECT player_id, variant, events, sessions FROM player_windows ORDER BY player_id')).toEqual([
      { player_id: 'new', variant: 'shop_layout:grid', events: 1, sessions: 0 },
      { player_id: 'old', variant: '', events: 2, sessions: 1 },
      { player_id: 'unset', variant: '', events: 1, sessions: 0 },
    ]);
    expect((await store.sql('SELECT version FROM schema_version ORDER BY version')).map((r) => r.version)).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
    // Migration 4: rows from before it carry 0 gap sessions, active time and progress.
    expect(await store.sql("SELECT gap_sessions, active_ms, max_progress FROM player_windows WHERE player_id = 'old'")).toEqual([
      { gap_sessions: 0, active_ms: 0, max_progress: 0 },
    ]);
    expect(
      await store.sql("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'player_windows' AND column_name = 'variant'"),
    ).toEqual([{ is_nullable: 'NO' }]);
    await store.close();
  });

  it('migration 5: reporting-currency columns, 0 and "" on rows written before it, the values of new rows', async () => {
    const path = join(dir, 'v3.duckdb');
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    await conn.run(
      'CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
    );
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) {
      for (const statement of m.statements) await conn.run(statement);
      await conn.run(`INSERT INTO schema_version VALUES (${m.version}, 'old', now()::TIMESTAMP)`);
    }
    await conn.run(
      "INSERT INTO rollups VALUES (TIMESTAMP '2025-01-15 12:00:00', 'g', '', '', '', 'purchase', '', 'EUR', '', '', 1, 99, 0)",
    );
    conn.closeSync();
    raw.closeSync();
    const store = await openDuckDbStore({ path });
    const w = Date.UTC(2025, 0, 15, 12, 1);
    await store.commit(
      commit({
        rollups: [
          {
            windowStartMs: w,
            gameId: 'g',
            eventType: 'purchase',
            currency: 'EUR',
            events: 1,
            amount: 99,
            revenueReportingMinor: 107,
            reportingCurrency: 'USD',
          },
        ],
        players: [{ windowStartMs: w, gameId: 'g', playerId: 'p', events: 1, purchases: 1, revenueReportingMinor: 107 }],
      }),
    );
    expect(await store.sql('SELECT reporting_currency, revenue_reporting_minor FROM rollups ORDER BY window_start')).toEqual([
      { reporting_currency: '', revenue_reporting_minor: 0 },
      { reporting_currency: 'USD', revenue_reporting_minor: 107 },
    ]);
    expect(await store.sql('SELECT revenue_reporting_minor FROM player_windows')).toEqual([{ revenue_reporting_minor: 107 }]);
    await store.close();
  });

  it('reports health, rejects use after close with GP_STORE_CLOSED, and closes twice safely', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    expect(await store.health()).toMatchObject({ ok: true });
    await Promise.all([store.close(), store.close()]);
    expect(await store.health()).toMatchObject({ ok: false });
    await expect(store.sql('SELECT 1')).rejects.toMatchObject({ code: 'GP_STORE_CLOSED' });
    await expect(store.commit(commit({}))).rejects.toMatchObject({ code: 'GP_STORE_CLOSED' });
  });

  it('turns engine errors into GP_STORE_QUERY_FAILED with the cause attached', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    const err = await store.sql('SELECT nope FROM rollups').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'GP_STORE_QUERY_FAILED', retryable: false });
    expect((err as Error).cause).toBeInstanceOf(Error);
    await store.close();
  });

  it('counts committed rows and failures in the metrics registry', async () => {
    const registry = createRegistry('test');
    const store = await openDuckDbStore({ path: ':memory:', registry });
    await store.commit(commit({ rollups: [{ windowStartMs: 0, events: 1 }], positions: [{ topic: 't', partition: 0, offset: 1 }] }));
    await store.commit(commit({ positions: [{ topic: 't', partition: 0, offset: 0 }] })).catch(() => undefined);
    const text = await registry.metrics();
    expect(text).toMatch(/gamepulse_store_committed_rows_total\{table="rollups",service="test"\} 1/);
    expect(text).toMatch(/gamepulse_store_commit_failures_total\{code="GP_STORE_POSITION_REGRESSED",service="test"\} 1/);
    expect(text).toMatch(/gamepulse_store_commit_seconds_count\{[^}]*engine="duckdb"[^}]*\} 1/);
    await store.close();
  });

  it('refuses a second process with GP_STORE_LOCKED while this one holds the file', async () => {
    const path = join(dir, 'locked.duckdb');
    const store = await openDuckDbStore({ path });
    const script = join(dir, 'second-process.mts');
    const storeModule = fileURLToPath(new URL('./index.ts', import.meta.url));
    writeFileSync(
      script,
      `import { openDuckDbStore } from ${JSON.stringify(storeModule)};
       await openDuckDbStore({ path: ${JSON.stringify(path)} }).then(
         () => console.log('opened'),
         (err) => console.log(err.code),
       );`,
    );
    const { stdout } = await promisify(execFile)('npx', ['tsx', script], { encoding: 'utf8' });
    expect(stdout.trim()).toBe('GP_STORE_LOCKED');
    await store.close();
  });
});
