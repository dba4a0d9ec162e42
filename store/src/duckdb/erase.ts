/**
 * The body of one `PlayerEraser.erasePlayers`: a batch of deletion requests applied in
 * ONE DuckDB transaction with the deletions consumer's position past them — so a crash
 * at any moment leaves the requests either wholly applied and audited, or not at all
 * and read again.
 *
 * Per request: the player's rows in `player_windows`, `player_days` and `player_steps` (the tables
 * holding player ids; rollups are aggregates without them) of that game, the processor's per-player
 * state keyed by the player id (first-seen day, experiment assignment — every partition,
 * since a player's installs may hash to several), and one `deletion_audit` row with what
 * was deleted. Counted before deleting, in the same transaction, so the audit is exact.
 * Two requests for the same player in one batch: the first deletes, the second finds 0.
 */
import { DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import { AnalyticsError, isAnalyticsError } from '../errors.ts';
import type { DeletionCommit, DeletionOutcome, PlayerDeletion } from '../contracts.ts';
import { appendDeadLetters, withAppender } from './append.ts';
import { checkExpected, checkNoRegression, checkPositions, upsertPositions } from './commit.ts';
import { int, str, textCell, timestampMicros } from './values.ts';

/** Tables holding player ids, whose rows a deletion removes. */
type PlayerTable = 'player_windows' | 'player_steps' | 'player_days';

/** Deletes the players' rows from `table`; returns how many per (game, player), counted first. */
async function erasePlayerRows(
  conn: DuckDBConnection,
  table: PlayerTable,
  targets: ReadonlyArray<readonly [string, string]>,
): Promise<Map<string, number>> {
  const values: string[] = [];
  const tuples = targets.map(([game, player], i) => {
    values.push(game, player);
    return `($${2 * i + 1}, $${2 * i + 2})`;
  });
  const reader = await conn.runAndReadAll(
    `SELECT d.game_id, d.player_id, count(pw.player_id) AS n
     FROM (VALUES ${tuples.join(', ')}) d(game_id, player_id)
     LEFT JOIN ${table} pw ON pw.game_id = d.game_id AND pw.player_id = d.player_id
     GROUP BY 1, 2`,
    values,
  );
  const out = new Map<string, number>();
  for (const [game, player, n] of reader.getRowsJS())
    out.set(targetKey(textCell(game, 'game_id'), textCell(player, 'player_id')), Number(n));
  await conn.run(
    `DELETE FROM ${table} pw USING (VALUES ${tuples.join(', ')}) d(game_id, player_id)
     WHERE pw.game_id = d.game_id AND pw.player_id = d.player_id`,
    values,
  );
  return out;
}

/** Processor state entries per player id, deleted after counting. */
async function eraseState(
  conn: DuckDBConnection,
  owner: NonNullable<DeletionCommit['state']>,
  players: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (owner.namespaces.length === 0 || players.length === 0) return out;
  const values: string[] = [owner.consumer, ...owner.namespaces];
  const ns = owner.namespaces.map((_, i) => `$${i + 2}`).join(', ');
  const ids = players.map((p, i) => {
    values.push(p);
    return `($${owner.namespaces.length + 2 + i})`;
  });
  const where = `s.consumer = $1 AND s.namespace IN (${ns}) AND s.key = d.player_id`;
  const reader = await conn.runAndReadAll(
    `SELECT d.player_id, count(*) AS n FROM processor_state s, (VALUES ${ids.join(', ')}) d(player_id) WHERE ${where} GROUP BY 1`,
    values,
  );
  for (const [player, n] of reader.getRowsJS()) out.set(textCell(player, 'player_id'), Number(n));
  await conn.run(`DELETE FROM processor_state s USING (VALUES ${ids.join(', ')}) d(player_id) WHERE ${where}`, values);
  return out;
}

const targetKey = (game: string, player: string) => `${game}\u0000${player}`;

function appendAudit(conn: DuckDBConnection, c: DeletionCommit, outcomes: readonly DeletionOutcome[]): Promise<void> {
  return withAppender(conn, 'deletion_audit', (a) => {
    const processedAt = new DuckDBTimestampValue(timestampMicros(c.processedAtMs, 'deletion.processedAtMs'));
    c.deletions.forEach((d, i) => {
      a.appendVarchar(str(d.requestId));
      a.appendVarchar(str(d.gameId));
      a.appendVarchar(str(d.playerId));
      a.appendVarchar(str(d.installId));
      a.appendVarchar(str(d.source));
      a.appendVarchar(str(d.keyId));
      a.appendTimestamp(new DuckDBTimestampValue(timestampMicros(d.requestedAtMs, 'deletion.requestedAtMs')));
      a.appendTimestamp(processedAt);
      a.appendVarchar(c.consumer);
      a.appendBigInt(int(outcomes[i]!.playerRows, 'deletion.playerRows'));
      a.appendBigInt(int(outcomes[i]!.stateEntries, 'deletion.stateEntries'));
      a.appendBigInt(int(outcomes[i]!.stepRows, 'deletion.stepRows'));
      a.endRow();
    });
  });
}

/** Per request, in order: what it deleted (a later duplicate of a (game, player) gets 0). */
function outcomesOf(
  deletions: readonly PlayerDeletion[],
  rows: Map<string, number>,
  steps: Map<string, number>,
  state: Map<string, number>,
): DeletionOutcome[] {
  const seenTarget = new Set<string>();
  const seenPlayer = new Set<string>();
  return deletions.map((d) => {
    const key = targetKey(d.gameId, d.playerId);
    const playerRows = seenTarget.has(key) ? 0 : (rows.get(key) ?? 0);
    const stepRows = seenTarget.has(key) ? 0 : (steps.get(key) ?? 0);
    const stateEntries = seenPlayer.has(d.playerId) ? 0 : (state.get(d.playerId) ?? 0);
    seenTarget.add(key);
    seenPlayer.add(d.playerId);
    return { requestId: d.requestId, gameId: d.gameId, playerRows, stateEntries, stepRows };
  });
}

/**
 * Writes `commit` in one transaction on `conn` (the store's write connection, used by
 * nothing else meanwhile). On any failure: ROLLBACK, then throw an AnalyticsError.
 */
export async function writeDeletions(conn: DuckDBConnection, commit: DeletionCommit): Promise<DeletionOutcome[]> {
  const deadLetters = commit.deadLetters ?? [];
  if (commit.deletions.length + commit.positions.length + deadLetters.length === 0) return [];
  checkPositions(commit.positions);
  for (const e of commit.expectedPositions ?? []) int(e.offset, 'expectedPosition.offset');
  for (const d of commit.deletions) {
    if (!d.playerId || !d.gameId)
      throw new AnalyticsError('GP_STORE_BAD_ROW', `deletion request ${d.requestId} names no game or player`, {
        context: { requestId: d.requestId },
      });
  }
  await conn.run('BEGIN TRANSACTION');
  try {
    await checkExpected(conn, commit.consumer, commit.expectedPositions ?? []);
    await checkNoRegression(conn, commit.consumer, commit.positions);
    let outcomes: DeletionOutcome[] = [];
    if (commit.deletions.length > 0) {
      const targets = [
        ...new Map(commit.deletions.map((d) => [targetKey(d.gameId, d.playerId), [d.gameId, d.playerId] as const])).values(),
      ];
      const rows = await erasePlayerRows(conn, 'player_windows', targets);
      const steps = await erasePlayerRows(conn, 'player_steps', targets);
      // player_days is player_windows rolled up (player-days.ts): erased with it, audited as its rows.
      await erasePlayerRows(conn, 'player_days', targets);
      const state = commit.state
        ? await eraseState(conn, commit.state, [...new Set(commit.deletions.map((d) => d.playerId))])
        : new Map<string, number>();
      outcomes = outcomesOf(commit.deletions, rows, steps, state);
      await appendAudit(conn, commit, outcomes);
    }
    if (deadLetters.length) await withAppender(conn, 'dead_letters', (a) => appendDeadLetters(a, deadLetters));
    await upsertPositions(conn, commit.consumer, commit.positions);
    await conn.run('COMMIT');
    return outcomes;
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    if (isAnalyticsError(err)) throw err;
    throw new AnalyticsError('GP_STORE_COMMIT_FAILED', `deletions by ${commit.consumer} rolled back: ${(err as Error).message}`, {
      cause: err,
      context: { consumer: commit.consumer, deletions: commit.deletions.length },
    });
  }
}
