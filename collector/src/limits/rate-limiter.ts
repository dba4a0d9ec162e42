/**
 * Per-key and per-player event rate limits (429 + Retry-After).
 *
 * - Per key: all installs of a game share its ingest key, so this caps what one game
 *   (or one leaked key) can push through one collector process. A keys-file entry may
 *   override the default (`eventsPerSecond`, `burstEvents`).
 * - Per player: one player (the events' player_id, else the batch's install id) cannot
 *   use up the game's budget; an SDK coming back online with stored batches gets a
 *   burst, then is paced by Retry-After.
 *
 * Memory is bounded: at most `maxPlayers` player buckets; when full, the oldest entry
 * is dropped (that player starts again with a full bucket, the cheap failure mode).
 * Limits apply per collector process: with N cluster workers each worker enforces
 * `limit / N` for keys (connections are spread evenly), players keep the full limit
 * (a client's keep-alive connection stays on one worker).
 */
import { failure, type CollectorFailure } from '../errors.ts';
import type { IngestKey } from '../keys/index.ts';
import { hasTokens, isFull, newBucket, take, type Bucket, type BucketLimit } from './token-bucket.ts';

export interface RateLimitOptions {
  /** Events per second per ingest key; 0 disables. */
  keyEventsPerS: number;
  keyBurstEvents: number;
  /** Events per second per player; 0 disables. */
  playerEventsPerS: number;
  playerBurstEvents: number;
  /** Player buckets kept at most. @default 100_000 */
  maxPlayers?: number;
  /** Divides key limits (cluster workers sharing the load). @default 1 */
  shareOf?: number;
}

export interface RateLimiter {
  /** Before reading a body: refuses when the key has no token left. */
  admitKey(key: IngestKey, nowMs: number): { ok: true } | CollectorFailure;
  /** After decoding: charges the batch's events to the key and to each player. */
  charge(key: IngestKey, events: number, players: ReadonlyMap<string, number>, nowMs: number): { ok: true } | CollectorFailure;
  readonly trackedPlayers: number;
}

function refusal(code: 'GP_RATE_LIMITED_KEY' | 'GP_RATE_LIMITED_PLAYER', retryAfterMs: number): CollectorFailure {
  const s = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return failure(code, undefined, s);
}

export function createRateLimiter(o: RateLimitOptions): RateLimiter {
  const share = Math.max(1, o.shareOf ?? 1);
  const maxPlayers = o.maxPlayers ?? 100_000;
  const keys = new Map<string, Bucket>();
  const players = new Map<string, Bucket>();
  const playerLimit: BucketLimit = { ratePerS: o.playerEventsPerS, burst: Math.max(1, o.playerBurstEvents) };

  const keyLimit = (key: IngestKey): BucketLimit | undefined => {
    const rate = key.eventsPerSecond ?? o.keyEventsPerS;
    if (!rate) return undefined;
    return { ratePerS: rate / share, burst: Math.max(1, (key.burstEvents ?? o.keyBurstEvents) / share) };
  };
  const keyBucket = (key: IngestKey, limit: BucketLimit, nowMs: number): Bucket => {
    let b = keys.get(key.keyId);
    if (!b) keys.set(key.keyId, (b = newBucket(limit, nowMs)));
    return b;
  };

  return {
    get trackedPlayers() {
      return players.size;
    },
    admitKey(key, nowMs) {
      const limit = keyLimit(key);
      if (!limit) return { ok: true };
      const r = hasTokens(keyBucket(key, limit, nowMs), limit, nowMs);
      return r.ok ? r : refusal('GP_RATE_LIMITED_KEY', r.retryAfterMs);
    },
    charge(key, events, batchPlayers, nowMs) {
      const n = Math.max(1, events);
      if (o.playerEventsPerS > 0) {
        // Check every player first, then take: a refused batch costs nobody tokens.
        const buckets: Array<[Bucket, number]> = [];
        for (const [player, count] of batchPlayers) {
          const id = `${key.gameId}\u0000${player}`;
          let b = players.get(id);
          if (!b) {
            if (players.size >= maxPlayers) evict(players, playerLimit, nowMs, maxPlayers);
            players.set(id, (b = newBucket(playerLimit, nowMs)));
          }
          const probe = { ...b };
          const r = take(probe, playerLimit, count, nowMs);
          if (!r.ok) return refusal('GP_RATE_LIMITED_PLAYER', r.retryAfterMs);
          buckets.push([b, count]);
        }
        const limit = keyLimit(key);
        if (limit) {
          const r = take(keyBucket(key, limit, nowMs), limit, n, nowMs);
          if (!r.ok) return refusal('GP_RATE_LIMITED_KEY', r.retryAfterMs);
        }
        for (const [b, count] of buckets) take(b, playerLimit, count, nowMs);
        return { ok: true };
      }
      const limit = keyLimit(key);
      if (!limit) return { ok: true };
      const r = take(keyBucket(key, limit, nowMs), limit, n, nowMs);
      return r.ok ? r : refusal('GP_RATE_LIMITED_KEY', r.retryAfterMs);
    },
  };
}

/** Drops full buckets (no information lost) and, if still at the cap, the oldest ones. */
function evict(map: Map<string, Bucket>, limit: BucketLimit, nowMs: number, max: number): void {
  let scanned = 0;
  for (const [id, b] of map) {
    if (++scanned > 1000) break;
    if (isFull(b, limit, nowMs)) map.delete(id);
  }
  while (map.size >= max) map.delete(map.keys().next().value!);
}
