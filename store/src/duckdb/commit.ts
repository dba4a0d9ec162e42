/**
 * The body of one `RollupSink.commit`: everything in one DuckDB transaction — the
 * exactly-once boundary of the embedded pipeline. Rows, dead letters, input positions
 * and processor state become visible together or not at all, so a crash at any moment
 * leaves the store at the previous commit, and the writer restarts from the positions
 * that match the rows it sees.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { AnalyticsError, isAnalyticsError } from '../errors.ts';
import type { Position, RollupCommit, StateEntry } from '../contracts.ts';
import { appendDeadLetters, appendStateStage, PLAYERS, ROLLUPS, withAppender } from './append.ts';
import { appendColumnar } from './columnar-append.ts';
import { STEPS } from './player-steps.ts';
import { int, textCell } from './values.ts';

/** What a commit wrote, for metrics. */
export interface CommitCounts {
  rollups: number;
  players: number;
  steps: number;
  deadLetters: number;
  positions: number;
  state: number;
}

const positionKey = (topic: string, partition: number) => `${partition}\u0000${topic}`;
const stateKey = (e: StateEntry) => `${e.partition}\u0000${e.namespace}\u0000${e.key}`;

/** Checks positions before the transaction starts; a topic-partition listed twice is a writer bug. */
export function checkPositions(positions: readonly Position[]): void {
  const seen = new Set<string>();
  for (const p of positions) {
    int(p.partition, 'position.partition');
    int(p.offset, 'position.offset');
    const key = positionKey(p.topic, p.partition);
    if (seen.has(key)) {
      throw new AnalyticsError('GP_STORE_BAD_ROW', `position for ${p.topic}/${p.partition} listed twice in one commit`, {
        context: { topic: p.topic, partition: p.partition },
      });
    }
    seen.add(key);
  }
}

/** Later entries for the same key win: they are later updates of the same piece of state. */
function latestState(entries: readonly StateEntry[]): StateEntry[] {
  const byKey = new Map<string, StateEntry>();
  for (const e of entries) byKey.set(stateKey(e), e);
  return [...byKey.values()];
}

/**
 * Refuses positions that go backwards. Only a stale writer (one that lost its
 * partitions but still commits) produces them, and accepting its rows would count the
 * same input twice. Equal offsets are fine: a commit of state alone.
 */
export async function checkNoRegression(conn: DuckDBConnection, consumer: string, positions: readonly Position[]): Promise<void> {
  if (positions.length === 0) return;
  const reader = await conn.runAndReadAll('SELECT topic, "partition", next_offset FROM positions WHERE consumer = $1', [consumer]);
  const stored = new Map<string, number>();
  for (const [topic, partition, offset] of reader.getRowsJS()) {
    stored.set(positionKey(textCell(topic, 'topic'), Number(partition)), Number(offset));
  }
  for (const p of positions) {
    const before = stored.get(positionKey(p.topic, p.partition));
    if (before !== undefined && p.offset < before) {
      throw new AnalyticsError(
        'GP_STORE_POSITION_REGRESSED',
        `${consumer} committed ${p.topic}/${p.partition} at offset ${p.offset}, behind the stored ${before}`,
        { context: { consumer, topic: p.topic, partition: p.partition, offset: p.offset, stored: before } },
      );
    }
  }
}

/**
 * The compare-and-set of `RollupCommit.expectedPositions`: each stored position must
 * equal what the writer started from (no row counts as 0). Inside the transaction, so
 * no other commit can move a position between the check and the write.
 */
export async function checkExpected(conn: DuckDBConnection, consumer: string, expected: readonly Position[]): Promise<void> {
  if (expected.length === 0) return;
  const reader = await conn.runAndReadAll('SELECT topic, "partition", next_offset FROM positions WHERE consumer = $1', [consumer]);
  const stored = new Map<string, number>();
  for (const [topic, partition, offset] of reader.getRowsJS())
    stored.set(positionKey(textCell(topic, 'topic'), Number(partition)), Number(offset));
  for (const e of expected) {
    const now = stored.get(positionKey(e.topic, e.partition)) ?? 0;
    if (now !== e.offset) {
      throw new AnalyticsError(
        'GP_STORE_POSITION_CONFLICT',
        `${consumer} expected ${e.topic}/${e.partition} at offset ${e.offset}, but the store has ${now}: another writer committed it`,
        { context: { consumer, topic: e.topic, partition: e.partition, expected: e.offset, stored: now } },
      );
    }
  }
}

export async function upsertPositions(conn: DuckDBConnection, consumer: string, positions: readonly Position[]): Promise<void> {
  if (positions.length === 0) return;
  const values: Array<string | number> = [];
  const tuples = positions.map((p, i) => {
    values.push(consumer, p.topic, p.partition, p.offset);
    const n = i * 4;
    return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4})`;
  });
  await conn.run(`INSERT OR REPLACE INTO positions VALUES ${tuples.join(', ')}`, values);
}

async function mergeState(conn: DuckDBConnection, consumer: string, entries: readonly StateEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await conn.run('DELETE FROM state_stage');
  await withAppender(conn, 'state_stage', (a) => appendStateStage(a, consumer, entries), 'main', 'temp');
  await conn.run(
    `INSERT OR REPLACE INTO processor_state
     SELECT consumer, "partition", namespace, key, value FROM state_stage WHERE value IS NOT NULL`,
  );
  await conn.run(
    `DELETE FROM processor_state p USING state_stage s
     WHERE s.value IS NULL AND p.consumer = s.consumer AND p."partition" = s."partition"
       AND p.namespace = s.namespace AND p.key = s.key`,
  );
  await conn.run('DELETE FROM state_stage');
}

function isEmpty(c: RollupCommit): boolean {
  return (
    c.rollups.length + c.players.length + (c.steps?.length ?? 0) + c.positions.length + c.state.length + (c.deadLetters?.length ?? 0) === 0
  );
}

/**
 * Writes `commit` in one transaction on `conn`, which must not be used by anything
 * else meanwhile (the store serialises writes). On any failure: ROLLBACK, then throw
 * an AnalyticsError whose `cause` is the engine's error.
 */
export async function writeCommit(conn: DuckDBConnection, commit: RollupCommit): Promise<CommitCounts> {
  const deadLetters = commit.deadLetters ?? [];
  const state = latestState(commit.state);
  const counts: CommitCounts = {
    rollups: commit.rollups.length,
    players: commit.players.length,
    steps: commit.steps?.length ?? 0,
    deadLetters: deadLetters.length,
    positions: commit.positions.length,
    state: state.length,
  };
  if (isEmpty(commit)) return counts;
  checkPositions(commit.positions);
  for (const e of commit.expectedPositions ?? []) int(e.offset, 'expectedPosition.offset');

  await conn.run('BEGIN TRANSACTION');
  try {
    await checkExpected(conn, commit.consumer, commit.expectedPositions ?? []);
    await checkNoRegression(conn, commit.consumer, commit.positions);
    await appendColumnar(conn, ROLLUPS, commit.rollups);
    await appendColumnar(conn, PLAYERS, commit.players);
    await appendColumnar(conn, STEPS, commit.steps ?? []);
    if (deadLetters.length) await withAppender(conn, 'dead_letters', (a) => appendDeadLetters(a, deadLetters));
    await upsertPositions(conn, commit.consumer, commit.positions);
    await mergeState(conn, commit.consumer, state);
    await conn.run('COMMIT');
    return counts;
  } catch (err) {
    // A failed statement aborts DuckDB's transaction; ROLLBACK ends it either way.
    // If ROLLBACK itself fails the connection has no transaction left to end.
    await conn.run('ROLLBACK').catch(() => undefined);
    if (isAnalyticsError(err)) throw err;
    throw new AnalyticsError('GP_STORE_COMMIT_FAILED', `commit by ${commit.consumer} rolled back: ${(err as Error).message}`, {
      cause: err,
      context: { consumer: commit.consumer, ...counts },
    });
  }
}
