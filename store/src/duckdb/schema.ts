/**
 * The DuckDB schema as numbered migrations. `schema_version` records which ones ran,
 * so a file written by this code can be opened by later code (it applies the rest) and
 * a file written by later code is refused rather than misread.
 *
 * Rows in `rollups` and `player_windows` are additive deltas: the same dimensions may
 * appear in many rows (one per commit, late events) and queries sum them. No index on
 * them: appends stay cheap, and DuckDB's per-row-group min/max (zone maps) on
 * window_start prune time ranges because rows arrive roughly in time order.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { AnalyticsError } from '../errors.ts';
import { PLAYERS, ROLLUPS } from './append.ts';
import { stageTableSql } from './columnar-append.ts';
import { regionMigrationStatements } from './region-migration.ts';
import { PLAYER_STEPS_MIGRATION, STEPS } from './player-steps.ts';
import { PLAYER_DAYS_MIGRATION } from './player-days.ts';

interface Migration {
  version: number;
  description: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'rollups, player windows, positions, processor state, dead letters',
    statements: [
      `CREATE TABLE rollups (
        window_start TIMESTAMP NOT NULL,
        game_id VARCHAR NOT NULL, build VARCHAR NOT NULL, platform VARCHAR NOT NULL, country VARCHAR NOT NULL,
        event_type VARCHAR NOT NULL, action VARCHAR NOT NULL, currency VARCHAR NOT NULL, item VARCHAR NOT NULL,
        variant VARCHAR NOT NULL,
        events BIGINT NOT NULL, amount BIGINT NOT NULL, value DOUBLE NOT NULL
      )`,
      `CREATE TABLE player_windows (
        window_start TIMESTAMP NOT NULL,
        game_id VARCHAR NOT NULL, build VARCHAR NOT NULL, platform VARCHAR NOT NULL, country VARCHAR NOT NULL,
        player_id VARCHAR NOT NULL,
        first_seen_day DATE,
        events BIGINT NOT NULL, purchases BIGINT NOT NULL, sessions BIGINT NOT NULL
      )`,
      // Offsets never go below 0; the CHECKs make a corrupt commit fail inside the
      // transaction instead of being stored.
      `CREATE TABLE positions (
        consumer VARCHAR NOT NULL, topic VARCHAR NOT NULL, "partition" INTEGER NOT NULL CHECK ("partition" >= 0),
        next_offset BIGINT NOT NULL CHECK (next_offset >= 0),
        PRIMARY KEY (consumer, topic, "partition")
      )`,
      `CREATE TABLE processor_state (
        consumer VARCHAR NOT NULL, "partition" INTEGER NOT NULL CHECK ("partition" >= 0),
        namespace VARCHAR NOT NULL, key VARCHAR NOT NULL, value BLOB NOT NULL,
        PRIMARY KEY (consumer, "partition", namespace, key)
      )`,
      `CREATE TABLE dead_letters (
        received_at TIMESTAMP NOT NULL, code VARCHAR NOT NULL, message VARCHAR NOT NULL,
        key_id VARCHAR NOT NULL, source VARCHAR NOT NULL, raw BLOB NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    description: "player_windows.variant: the player's experiment assignment (A/B readout)",
    // DuckDB cannot add a column with a constraint in one statement ("Adding columns
    // with constraints not yet supported"): add it with its default, then constrain it.
    // Rows written before it carry '' — the processor did not stamp them.
    statements: [
      `ALTER TABLE player_windows ADD COLUMN variant VARCHAR DEFAULT ''`,
      `ALTER TABLE player_windows ALTER COLUMN variant SET NOT NULL`,
    ],
  },
  {
    version: 3,
    description: 'deletion_audit: one row per applied player deletion request (privacy)',
    // No key: the row is written in the transaction that moves the deletions consumer's
    // position past the request, so it is written once; a duplicate would be a bug to
    // see, not a reason to stall the consumer on a constraint violation.
    statements: [
      `CREATE TABLE deletion_audit (
        request_id VARCHAR NOT NULL, game_id VARCHAR NOT NULL, player_id VARCHAR NOT NULL, install_id VARCHAR NOT NULL,
        source VARCHAR NOT NULL, key_id VARCHAR NOT NULL,
        requested_at TIMESTAMP NOT NULL, processed_at TIMESTAMP NOT NULL, processed_by VARCHAR NOT NULL,
        player_rows_deleted BIGINT NOT NULL, state_entries_deleted BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 4,
    description: 'player_windows.gap_sessions, active_ms, max_progress: sessions by inactivity gap, furthest progression',
    // Sums (gap_sessions, active_ms) and a max (max_progress), like Druid's metricsSpec.
    // Rows written before carry 0: the processor did not compute them.
    statements: [
      `ALTER TABLE player_windows ADD COLUMN gap_sessions BIGINT DEFAULT 0`,
      `ALTER TABLE player_windows ALTER COLUMN gap_sessions SET NOT NULL`,
      `ALTER TABLE player_windows ADD COLUMN active_ms BIGINT DEFAULT 0`,
      `ALTER TABLE player_windows ALTER COLUMN active_ms SET NOT NULL`,
      `ALTER TABLE player_windows ADD COLUMN max_progress BIGINT DEFAULT 0`,
      `ALTER TABLE player_windows ALTER COLUMN max_progress SET NOT NULL`,
    ],
  },
  {
    version: 5,
    description:
      'revenue in the reporting currency: rollups.revenue_reporting_minor, reporting_currency; player_windows.revenue_reporting_minor',
    // As in version 2: add with the default (rows written before carry 0 / ''), then constrain.
    statements: [
      `ALTER TABLE rollups ADD COLUMN revenue_reporting_minor BIGINT DEFAULT 0`,
      `ALTER TABLE rollups ALTER COLUMN revenue_reporting_minor SET NOT NULL`,
      `ALTER TABLE rollups ADD COLUMN reporting_currency VARCHAR DEFAULT ''`,
      `ALTER TABLE rollups ALTER COLUMN reporting_currency SET NOT NULL`,
      `ALTER TABLE player_windows ADD COLUMN revenue_reporting_minor BIGINT DEFAULT 0`,
      `ALTER TABLE player_windows ALTER COLUMN revenue_reporting_minor SET NOT NULL`,
    ],
  },
  {
    version: 6,
    description: 'rollups and player_windows: region, subregion (M49, from country); rollups.late_events',
    statements: regionMigrationStatements(),
  },
  PLAYER_STEPS_MIGRATION,
  PLAYER_DAYS_MIGRATION,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Connection-local staging tables of a commit: rollup and player rows as coded columns
 * (columnar-append.ts), and processor state entries, appended here (fast) and merged
 * into `processor_state` with two set statements instead of one upsert per entry.
 */
export const STAGING_STATEMENTS = [
  stageTableSql(ROLLUPS),
  stageTableSql(PLAYERS),
  stageTableSql(STEPS),
  `CREATE TEMP TABLE IF NOT EXISTS state_stage (
    consumer VARCHAR, "partition" INTEGER, namespace VARCHAR, key VARCHAR, value BLOB
  )`,
];

/** Creates or upgrades the schema in one transaction; returns the versions applied. */
export async function migrate(conn: DuckDBConnection, nowMs: number): Promise<number[]> {
  await conn.run(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL
  )`);
  const reader = await conn.runAndReadAll('SELECT coalesce(max(version), 0) AS v FROM schema_version');
  const current = Number(reader.getRowsJS()[0]?.[0] ?? 0);
  if (current > SCHEMA_VERSION) {
    throw new AnalyticsError(
      'GP_STORE_SCHEMA_TOO_NEW',
      `database schema version ${current} is newer than this code's ${SCHEMA_VERSION}; upgrade gamepulse`,
      { context: { current, known: SCHEMA_VERSION } },
    );
  }
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  await conn.run('BEGIN TRANSACTION');
  try {
    for (const m of pending) {
      for (const statement of m.statements) await conn.run(statement);
      await conn.run('INSERT INTO schema_version VALUES ($1, $2, make_timestamp($3::BIGINT * 1000))', [m.version, m.description, nowMs]);
    }
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return pending.map((m) => m.version);
}
