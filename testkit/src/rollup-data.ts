/**
 * Random rollup and player rows with the semantics the processor produces (see
 * druid/README.md, "Rollup semantics"), for tests, benchmarks and the console demo.
 * Test-only (no product package has them): the ground truth in tests is computed from these
 * rows in plain TypeScript, independently of the SQL under test.
 */
import { EVENT_TYPE, PAYLOAD_KEYS, sessionLengthBucket, type PlayerWindowData, type RollupRowData } from '@gamepulse/proto';
import type { RollupCommit } from '@gamepulse/store';
import { seededRandom, type Random } from './random.ts';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export const GAMES = ['space-miner', 'word-quest'];
export const BUILDS = ['1.0.0', '1.1.0'];
export const PLATFORMS = ['ios', 'android', 'web'];
export const COUNTRIES = ['DE', 'US', 'BR', 'JP'];
export const CURRENCIES = ['USD', 'EUR', 'JPY'];
export const VIRTUAL = ['gold', 'gems'];
export const LEVELS = ['w1', 'w1:l1', 'w1:l2', 'w2:l1:boss', 'w2:l2'];
export const VARIANTS = ['onboarding:a', 'onboarding:b', 'shop_layout:grid'];
export const EVENT_TYPES = PAYLOAD_KEYS.map((k) => EVENT_TYPE[k]);

export interface DataShape {
  /** First window start (floored to the minute by the generator). */
  fromMs: number;
  /** Minutes of windows from `fromMs`. */
  minutes: number;
  players: number;
}

function dims(rng: Random) {
  return {
    gameId: rng.pick(GAMES),
    build: rng.pick(BUILDS),
    platform: rng.pick(PLATFORMS),
    country: rng.pick(COUNTRIES),
  };
}

/** One random rollup delta, shaped like the processor's for its event type. */
export function randomRollup(rng: Random, shape: DataShape): RollupRowData {
  const windowStartMs = Math.floor(shape.fromMs / MINUTE_MS) * MINUTE_MS + rng.int(0, shape.minutes - 1) * MINUTE_MS;
  const eventType = rng.pick(EVENT_TYPES);
  const events = rng.int(1, 20);
  const row: RollupRowData = { windowStartMs, ...dims(rng), eventType, events };
  switch (eventType) {
    case 'progression':
      row.action = rng.pick(['start', 'complete', 'fail']);
      row.item = rng.pick(LEVELS);
      break;
    case 'purchase':
      row.currency = rng.pick(CURRENCIES);
      row.item = rng.pick(['gem_pack', 'starter', 'vip']);
      row.amount = events * rng.int(99, 9999);
      break;
    case 'refund':
      // Reason as the action, the store as the item (processor rollup-fields.ts).
      row.action = rng.pick(['refund', 'chargeback', 'revoked']);
      row.currency = rng.pick(CURRENCIES);
      row.item = rng.pick(['apple', 'google', 'web']);
      row.amount = events * rng.int(99, 9999);
      break;
    case 'resource':
      row.action = rng.pick(['source', 'sink']);
      row.currency = rng.pick(VIRTUAL);
      row.item = rng.pick(['quest', 'shop', 'upgrade']);
      row.amount = rng.int(1, 5000);
      break;
    case 'session_end':
      row.amount = events * rng.int(10_000, 1_800_000);
      // The session-length sketch's bucket of the rows' mean length (one row per bucket, as the processor writes them).
      row.item = sessionLengthBucket(row.amount / events);
      break;
    case 'design':
      row.item = rng.pick(['ui:tap', 'fps']);
      row.value = rng.int(0, 1000) / 8;
      break;
    case 'experiment_exposure':
      row.variant = rng.pick(VARIANTS);
      break;
  }
  // The acting player's assignment, stamped on every row of an assigned player (druid/README.md, "A/B readout").
  if (eventType !== 'experiment_exposure' && rng.next() < 0.3) row.variant = rng.pick(VARIANTS);
  return row;
}

export function randomPlayerWindow(rng: Random, shape: DataShape): PlayerWindowData {
  const windowStartMs = Math.floor(shape.fromMs / MINUTE_MS) * MINUTE_MS + rng.int(0, shape.minutes - 1) * MINUTE_MS;
  const events = rng.int(1, 30);
  return {
    windowStartMs,
    ...dims(rng),
    playerId: `p${rng.int(1, shape.players)}`,
    firstSeenDayMs: Math.floor(windowStartMs / DAY_MS) * DAY_MS - rng.int(0, 30) * DAY_MS,
    events,
    purchases: rng.int(0, 2),
    sessions: rng.int(0, 1),
    // Derived, not drawn, so the random sequence (and every test built on it) stays as it was.
    gapSessions: events % 3 === 0 ? 1 : 0,
    activeMs: (events - 1) * 41_000,
    maxProgress: events % 4 === 0 ? 1_000_000 + ((windowStartMs / MINUTE_MS) % 10) * 1_000 : 0,
  };
}

export function randomRollups(rng: Random, shape: DataShape, n: number): RollupRowData[] {
  return Array.from({ length: n }, () => randomRollup(rng, shape));
}

export function randomPlayerWindows(rng: Random, shape: DataShape, n: number): PlayerWindowData[] {
  return Array.from({ length: n }, () => randomPlayerWindow(rng, shape));
}

/**
 * A commit that touches every table — `rows` random rollups and as many player rows, a
 * dead letter, positions of `events` partitions 0 and 1 at `offset`, and two state
 * entries (`install-<seed>` on partition 0, `install-shared` on partition 1, value
 * `[seed & 255, 1]`) — so a failed commit must undo each of them.
 */
export function sampleCommit(seed: number, offset: number, o: { consumer?: string; rows?: number; shape?: DataShape } = {}): RollupCommit {
  const rng = seededRandom(seed);
  const shape = o.shape ?? { fromMs: Date.UTC(2025, 0, 15, 12, 0), minutes: 30, players: 50 };
  const rows = o.rows ?? 20;
  return {
    consumer: o.consumer ?? 'processor',
    rollups: randomRollups(rng, shape, rows),
    players: randomPlayerWindows(rng, shape, rows),
    deadLetters: [
      { code: 'GP_BAD', message: 'undecodable', keyId: 'k1', receivedAtMs: shape.fromMs, raw: new Uint8Array([1, 2]), source: 'processor' },
    ],
    positions: [
      { topic: 'events', partition: 0, offset },
      { topic: 'events', partition: 1, offset },
    ],
    state: [
      { partition: 0, namespace: 'dedup', key: `install-${seed}`, value: new Uint8Array([seed & 255]) },
      { partition: 1, namespace: 'dedup', key: 'install-shared', value: new Uint8Array([seed & 255, 1]) },
    ],
  };
}
