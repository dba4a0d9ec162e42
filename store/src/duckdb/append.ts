/**
 * Row appenders for one commit. DuckDB's Appender writes through the connection's
 * open transaction, so rows appended between BEGIN and COMMIT vanish on ROLLBACK
 * (proved in commit.test.ts); it is ~10× faster than multi-row INSERTs with parameters.
 * Column order follows the CREATE TABLE statements in schema.ts.
 */
import { DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { DeadLetterData, PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import type { StateEntry } from '../contracts.ts';
import type { ColumnarTable } from './columnar-append.ts';
import { bytes, dayOrNull, double, int, intNumber, str, timeMs, timestampMicros } from './values.ts';
import { PLAYER_DAYS_INSERT } from './player-days.ts';

/**
 * Runs `fill` against a fresh appender on `table` and flushes it. If `fill` throws,
 * the buffered rows are discarded first: closing would flush them, and after the
 * ROLLBACK that follows they would land outside any transaction.
 */
export async function withAppender(
  conn: DuckDBConnection,
  table: string,
  fill: (appender: DuckDBAppender) => void,
  schema?: string,
  catalog?: string,
): Promise<void> {
  const appender = await conn.createAppender(table, schema, catalog);
  try {
    fill(appender);
    appender.closeSync();
  } catch (err) {
    discard(appender);
    throw err;
  }
}

function discard(appender: DuckDBAppender): void {
  try {
    appender.clear();
    appender.closeSync();
  } catch {
    // Already closed by the failed flush: nothing left to discard.
  }
}

/**
 * Rollup rows, staged as columns (columnar-append.ts). `value` is a DOUBLE in the table;
 * `events` and `amount` are integers below 2^53, exact in the staging doubles.
 */
export const ROLLUPS: ColumnarTable<RollupRowData> = {
  stage: 'rollups_stage',
  strings: [
    (r) => str(r.gameId),
    (r) => str(r.build),
    (r) => str(r.platform),
    (r) => str(r.country),
    (r) => str(r.eventType),
    (r) => str(r.action),
    (r) => str(r.currency),
    (r) => str(r.item),
    (r) => str(r.variant),
    (r) => str(r.region),
    (r) => str(r.subregion),
    (r) => str(r.reportingCurrency),
  ],
  numbers: [
    (r) => timeMs(r.windowStartMs, 'rollup.windowStartMs'),
    (r) => intNumber(r.events, 'rollup.events'),
    (r) => intNumber(r.amount, 'rollup.amount'),
    (r) => double(r.value, 'rollup.value'),
    (r) => intNumber(r.lateEvents, 'rollup.lateEvents'),
    (r) => intNumber(r.revenueReportingMinor, 'rollup.revenueReportingMinor'),
  ],
  insert: `INSERT INTO rollups
      (window_start, game_id, build, platform, country, event_type, action, currency, item, variant, events, amount, value,
       region, subregion, late_events, reporting_currency, revenue_reporting_minor)
    SELECT epoch_ms(CAST(n0 AS BIGINT)), $1[s0], $1[s1], $1[s2], $1[s3], $1[s4], $1[s5], $1[s6], $1[s7], $1[s8],
           CAST(n1 AS BIGINT), CAST(n2 AS BIGINT), n3,
           $1[s9], $1[s10], CAST(n4 AS BIGINT), $1[s11], CAST(n5 AS BIGINT)
    FROM rollups_stage`,
};

/** Player-window rows, staged as columns; `first_seen_day` is days since 1970 or null. */
export const PLAYERS: ColumnarTable<PlayerWindowData> = {
  stage: 'players_stage',
  strings: [
    (p) => str(p.gameId),
    (p) => str(p.build),
    (p) => str(p.platform),
    (p) => str(p.country),
    (p) => str(p.playerId),
    (p) => str(p.variant),
    (p) => str(p.region),
    (p) => str(p.subregion),
  ],
  numbers: [
    (p) => timeMs(p.windowStartMs, 'player.windowStartMs'),
    (p) => dayOrNull(p.firstSeenDayMs, 'player.firstSeenDayMs'),
    (p) => intNumber(p.events, 'player.events'),
    (p) => intNumber(p.purchases, 'player.purchases'),
    (p) => intNumber(p.sessions, 'player.sessions'),
    (p) => intNumber(p.gapSessions ?? 0, 'player.gapSessions'),
    (p) => intNumber(p.activeMs ?? 0, 'player.activeMs'),
    (p) => intNumber(p.maxProgress ?? 0, 'player.maxProgress'),
    (p) => intNumber(p.revenueReportingMinor, 'player.revenueReportingMinor'),
  ],
  insert: `INSERT INTO player_windows
      (window_start, game_id, build, platform, country, player_id, first_seen_day, events, purchases, sessions, variant,
       gap_sessions, active_ms, max_progress, region, subregion, revenue_reporting_minor)
    SELECT epoch_ms(CAST(n0 AS BIGINT)), $1[s0], $1[s1], $1[s2], $1[s3], $1[s4], DATE '1970-01-01' + CAST(n1 AS INTEGER),
           CAST(n2 AS BIGINT), CAST(n3 AS BIGINT), CAST(n4 AS BIGINT), $1[s5],
           CAST(n5 AS BIGINT), CAST(n6 AS BIGINT), CAST(n7 AS BIGINT), $1[s6], $1[s7], CAST(n8 AS BIGINT)
    FROM players_stage`,
  // The same rows rolled up to the day (player-days.ts).
  alsoInsert: [PLAYER_DAYS_INSERT],
};

export function appendDeadLetters(a: DuckDBAppender, rows: readonly DeadLetterData[]): void {
  for (const d of rows) {
    a.appendTimestamp(new DuckDBTimestampValue(timestampMicros(d.receivedAtMs, 'deadLetter.receivedAtMs')));
    a.appendVarchar(str(d.code));
    a.appendVarchar(str(d.message));
    a.appendVarchar(str(d.keyId));
    a.appendVarchar(str(d.source));
    a.appendBlob(bytes(d.raw));
    a.endRow();
  }
}

/** Stages state entries; `value` null marks a delete. */
export function appendStateStage(a: DuckDBAppender, consumer: string, entries: Iterable<StateEntry>): void {
  for (const e of entries) {
    a.appendVarchar(consumer);
    a.appendInteger(Number(int(e.partition, 'state.partition')));
    a.appendVarchar(e.namespace);
    a.appendVarchar(e.key);
    if (e.value === undefined) a.appendNull();
    else a.appendBlob(e.value);
    a.endRow();
  }
}
