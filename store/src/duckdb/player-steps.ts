/**
 * `player_steps`: per-player step facts (`PlayerStep` in topics.proto) for ordered
 * player funnels — per (window, dimensions, player, variant, event type, action, item)
 * the earliest event time (`first_ms`, merged by MIN) and the event count (merged by
 * SUM). Rows are deltas like those of `rollups` and `player_windows`; they are written
 * in the same transaction as the rest of a commit (commit.ts) and erased with the
 * player (erase.ts).
 */
import type { PlayerStepData } from '@gamepulse/proto';
import type { ColumnarTable } from './columnar-append.ts';
import { intNumber, str, timeMs } from './values.ts';

/** Schema migration 7 (schema.ts). */
export const PLAYER_STEPS_MIGRATION = {
  version: 7,
  description: 'player_steps: first time per player, step key and window (player funnels)',
  statements: [
    `CREATE TABLE player_steps (
      window_start TIMESTAMP NOT NULL,
      game_id VARCHAR NOT NULL, build VARCHAR NOT NULL, platform VARCHAR NOT NULL, country VARCHAR NOT NULL,
      player_id VARCHAR NOT NULL,
      event_type VARCHAR NOT NULL, action VARCHAR NOT NULL, item VARCHAR NOT NULL,
      variant VARCHAR NOT NULL,
      first_ms BIGINT NOT NULL, events BIGINT NOT NULL
    )`,
    // The audit says what a deletion removed from each table; rows audited before carry 0.
    `ALTER TABLE deletion_audit ADD COLUMN step_rows_deleted BIGINT DEFAULT 0`,
    `ALTER TABLE deletion_audit ALTER COLUMN step_rows_deleted SET NOT NULL`,
  ],
};

/** Step rows, staged as columns (columnar-append.ts); times and counts are integers below 2^53. */
export const STEPS: ColumnarTable<PlayerStepData> = {
  stage: 'steps_stage',
  strings: [
    (r) => str(r.gameId),
    (r) => str(r.build),
    (r) => str(r.platform),
    (r) => str(r.country),
    (r) => str(r.playerId),
    (r) => str(r.eventType),
    (r) => str(r.action),
    (r) => str(r.item),
    (r) => str(r.variant),
  ],
  numbers: [
    (r) => timeMs(r.windowStartMs, 'step.windowStartMs'),
    (r) => intNumber(r.firstMs, 'step.firstMs'),
    (r) => intNumber(r.events, 'step.events'),
  ],
  insert: `INSERT INTO player_steps
    SELECT epoch_ms(CAST(n0 AS BIGINT)), $1[s0], $1[s1], $1[s2], $1[s3], $1[s4], $1[s5], $1[s6], $1[s7], $1[s8],
           CAST(n1 AS BIGINT), CAST(n2 AS BIGINT)
    FROM steps_stage`,
};
