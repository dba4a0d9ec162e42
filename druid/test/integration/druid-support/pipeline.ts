/**
 * The moving parts of the Druid suite (and the bench): the rollups topic written in
 * Kafka transactions, Druid's supervisors reading it, and DuckDB loaded from the same
 * topic through a read_committed consumer.
 */
import type { KafkaLog } from '@gamepulse/log';
import {
  decodeRollupsRecord,
  encodeRollupsRecord,
  jsonToPlayer,
  jsonToRollup,
  jsonToStep,
  rollupsRecordKey,
  type RollupsTopicRow,
} from '@gamepulse/proto';
import type { DuckDbStore } from '@gamepulse/store';
import { waitForDruid, type DruidWaitOptions } from '../../../ingestion/druid-signals.ts';

/** Rows per transaction: like a processor commit. */
const TX_ROWS = 20_000;

export interface ProduceResult {
  committed: { rollup: number; player: number; step: number };
  /** Rows written in a transaction that was then aborted: they must never be counted. */
  aborted: number;
}

/**
 * Writes `rows` in transactions of TX_ROWS, and in the middle one transaction of
 * `abortedRows` that is aborted (what a processor crash between append and commit
 * leaves behind). Druid's `isolation.level: read_committed` must skip it.
 */
export async function produceRollups(
  log: KafkaLog,
  topic: string,
  rows: readonly RollupsTopicRow[],
  abortedRows: readonly RollupsTopicRow[] = [],
): Promise<ProduceResult> {
  const tx = await log.transactionalProducer({ transactionalId: `${topic}-writer` });
  const committed = { rollup: 0, player: 0, step: 0 };
  try {
    for (let i = 0; i < rows.length; i += TX_ROWS) {
      const chunk = rows.slice(i, i + TX_ROWS);
      await tx.begin();
      const res = await tx.append(
        topic,
        chunk.map((row) => ({ key: rollupsRecordKey(row), value: encodeRollupsRecord(row) })),
      );
      if (!res.ok) throw new Error(`append to ${topic} failed: ${res.code} ${res.message}`);
      await tx.commit();
      for (const r of chunk) committed[r.kind]++;
      if (i === 0 && abortedRows.length > 0) {
        await tx.begin();
        const bad = await tx.append(
          topic,
          abortedRows.map((row) => ({ key: rollupsRecordKey(row), value: encodeRollupsRecord(row) })),
        );
        if (!bad.ok) throw new Error(`append to ${topic} failed: ${bad.code} ${bad.message}`);
        await tx.abort();
      }
    }
  } finally {
    await tx.close();
  }
  return { committed, aborted: abortedRows.length };
}

/**
 * Loads the topic into DuckDB the way the rollups-topic loader does
 * (loader/src/rollups): a read_committed consumer, each batch's rows — player rows with
 * their `variant`, through the appender into player_windows.variant — committed with
 * its next offset in one store transaction.
 */
export async function loadTopicIntoDuckDb(
  log: KafkaLog,
  topic: string,
  store: DuckDbStore,
  expectedRows: number,
  timeoutMs = 600_000,
): Promise<number> {
  const consumer = log.consumer({ groupId: `${topic}-duckdb`, topics: [topic], maxBatchRecords: 20_000 });
  let seen = 0;
  let failure: unknown;
  try {
    await consumer.run({
      onBatch: async (batch) => {
        try {
          const rows = batch.records.map((r) => decodeRollupsRecord(r.value));
          await store.commit({
            consumer: 'druid-it-loader',
            rollups: rows.filter((r) => r.kind === 'rollup').map(jsonToRollup),
            players: rows.filter((r) => r.kind === 'player').map(jsonToPlayer),
            steps: rows.filter((r) => r.kind === 'step').map(jsonToStep),
            positions: [{ topic, partition: batch.partition, offset: batch.nextOffset }],
            state: [],
            deadLetters: [],
          });
          seen += rows.length;
        } catch (err) {
          failure ??= err;
        }
      },
    });
    // Until every committed row is loaded (or a batch failed: rethrown below).
    await waitForDruid(
      `DuckDB to load ${expectedRows} rows of ${topic}`,
      async () =>
        failure !== undefined || seen >= expectedRows ? { done: true, value: seen } : { done: false, outstanding: `loaded ${seen}` },
      { timeoutMs, pollMs: 200 },
    );
    // A settle, not a wait: anything beyond the committed rows (an aborted transaction's)
    // would arrive right behind them; the count is compared exactly by the caller.
    await new Promise((r) => setTimeout(r, 1_000));
  } finally {
    await consumer.stop();
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows, unchanged, what onBatch caught (an Error from the store or decoder)
  if (failure) throw failure;
  return seen;
}

export async function druidSqlRows(brokerUrl: string, query: string): Promise<Array<Record<string, number>>> {
  const res = await fetch(`${brokerUrl}/druid/v2/sql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, resultFormat: 'object' }),
  });
  if (!res.ok) throw new Error(`druid SQL ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as Array<Record<string, number>>;
}

/**
 * Waits until each datasource holds at least `expected` input rows (SUM of the
 * `input_rows` count metric: rows Druid read, before its rollup), as the broker answers
 * it; progress is logged as it grows. More would mean an aborted transaction was read or
 * a row twice: callers check equality once the supervisors say they read everything
 * (waitForSupervisorsCaughtUp).
 */
export async function waitForIngestion(
  brokerUrl: string,
  expected: Record<string, number>,
  timeoutMs: number,
  log: (l: string) => void = () => {},
): Promise<Record<string, number>> {
  return waitForDruid(
    `Druid to ingest ${JSON.stringify(expected)}`,
    async () => {
      const counts: Record<string, number> = {};
      for (const ds of Object.keys(expected)) {
        try {
          const [row] = await druidSqlRows(brokerUrl, `SELECT SUM(input_rows) AS "n" FROM "${ds}"`);
          counts[ds] = row?.n ?? 0;
        } catch {
          counts[ds] = 0; // not created yet: the broker learns a datasource once it has a segment
        }
      }
      return Object.entries(expected).every(([ds, n]) => (counts[ds] ?? 0) >= n)
        ? { done: true, value: counts }
        : { done: false, outstanding: `ingested ${JSON.stringify(counts)}` };
    },
    { timeoutMs, log, progressEveryMs: 30_000 },
  );
}

/** Columns the KPI library reads, per datasource role. */
export const KPI_COLUMNS = {
  rollups: [
    'game_id',
    'build',
    'platform',
    'country',
    'event_type',
    'action',
    'currency',
    'item',
    'variant',
    'events',
    'amount',
    'region',
    'subregion',
    'late_events',
    'revenue_reporting_minor',
    'reporting_currency',
  ],
  players: [
    'game_id',
    'build',
    'platform',
    'country',
    'first_seen_day',
    'variant',
    'player_id',
    'purchases',
    'sessions',
    'region',
    'subregion',
    'gap_sessions',
    'active_ms',
    'max_progress',
    'revenue_reporting_minor',
  ],
  steps: ['game_id', 'build', 'platform', 'country', 'event_type', 'action', 'item', 'variant', 'player_id', 'first_ms'],
} as const;

/**
 * Waits until the broker's SQL schema lists `columns` for each datasource. The broker
 * builds a datasource's columns from segment metadata it refreshes periodically
 * (PT5S here); right after ingestion — and while segments hand off from the indexer to
 * the historical — a query can be planned against a partial column list and fail with
 * "Column … not found".
 */
export async function waitForColumns(
  brokerUrl: string,
  wanted: Record<string, readonly string[]>,
  o: DruidWaitOptions = { timeoutMs: 600_000 },
): Promise<void> {
  await waitForDruid(
    `the broker's SQL schema to list the KPI columns of ${Object.keys(wanted).join(', ')}`,
    async () => {
      const missing: string[] = [];
      for (const [ds, columns] of Object.entries(wanted)) {
        const rows = (await druidSqlRows(
          brokerUrl,
          `SELECT COLUMN_NAME AS "c" FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '${ds}'`,
        )) as unknown as Array<{ c: string }>;
        const have = new Set(rows.map((r) => r.c));
        for (const c of columns) if (!have.has(c)) missing.push(`${ds}.${c}`);
      }
      return missing.length === 0 ? { done: true, value: undefined } : { done: false, outstanding: `missing ${missing.join(', ')}` };
    },
    { pollMs: 500, ...o },
  );
}

/**
 * Shuts down tasks left by earlier runs of the Druid suites (a run killed before its
 * afterAll): Druid restores them from its metadata store on every start, and each
 * holds an indexer slot until its completionTimeout. Only datasources named like the
 * suites' own (`druid_it_`, `druid_pl_`, `bench_`) and not `keep` are touched.
 */
export async function shutdownStaleTestTasks(overlordUrl: string, keep: readonly string[]): Promise<number> {
  let n = 0;
  for (const state of ['running', 'pending', 'waiting']) {
    const res = await fetch(`${overlordUrl}/druid/indexer/v1/tasks?state=${state}`);
    const tasks = res.ok ? ((await res.json()) as Array<{ id: string; dataSource?: string }>) : [];
    for (const t of tasks) {
      const ds = t.dataSource ?? '';
      if (!/^(druid_it_|druid_pl_|bench_)/.test(ds) || keep.includes(ds)) continue;
      await fetch(`${overlordUrl}/druid/indexer/v1/task/${encodeURIComponent(t.id)}/shutdown`, { method: 'POST' });
      n++;
    }
  }
  return n;
}
