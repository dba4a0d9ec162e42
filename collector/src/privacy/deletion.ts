/**
 * Player deletion requests (privacy: right to erasure). A request is authorised either
 * by the game's ingest key (the player, through the SDK, deletes itself: source "sdk")
 * or by an admin key of that game (source "admin"), and is recorded durably as a
 * `DeletionRequest` on the deletions topic, keyed `<gameId>:<playerId>` (a compacted
 * topic keeps the latest request per player). Processor and stores act on it; the
 * collector only records it, and answers 202 with the request id once it is durable.
 *
 * Body (JSON): `{ "playerId": "...", "installId": "...", "gameId": "..." }`; installId
 * is optional; gameId only for admin keys of several games (an ingest key implies its
 * game, and a different one is GP_AUTH_GAME_MISMATCH).
 */
import { randomUUID } from 'node:crypto';
import { DeletionRequest, LIMITS } from '@gamepulse/proto';
import type { LogProducer } from '@gamepulse/log';
import { failure, type CollectorFailure } from '../errors.ts';
import type { AdminKey, IngestKey } from '../keys/index.ts';
import { toLogFailure } from '../pipeline/append.ts';

export const DELETION_PATH = '/v1/privacy/deletion';
/** A deletion body is a few ids; anything larger is not one. */
export const DELETION_MAX_BODY_BYTES = 16 * 1024;

export type DeletionAuth = { source: 'sdk'; key: IngestKey } | { source: 'admin'; admin: AdminKey };

export interface DeletionTarget {
  gameId: string;
  playerId: string;
  installId?: string;
}

function id(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= LIMITS.idMaxChars;
}

/** Parses and authorises the body: which player of which game is to be deleted. */
export function parseDeletion(body: Uint8Array, auth: DeletionAuth): { ok: true; target: DeletionTarget } | CollectorFailure {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return failure('GP_DELETION_INVALID', 'body is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return failure('GP_DELETION_INVALID');
  const { playerId, installId, gameId } = json as Record<string, unknown>;
  if (!id(playerId)) return failure('GP_DELETION_INVALID', `playerId is required, 1-${LIMITS.idMaxChars} characters`);
  if (installId !== undefined && installId !== null && installId !== '' && !id(installId))
    return failure('GP_DELETION_INVALID', `installId is at most ${LIMITS.idMaxChars} characters`);
  if (gameId !== undefined && gameId !== null && typeof gameId !== 'string')
    return failure('GP_DELETION_INVALID', 'gameId must be a string');
  let game: string;
  if (auth.source === 'sdk') {
    if (gameId && gameId !== auth.key.gameId) return failure('GP_AUTH_GAME_MISMATCH', "gameId is not the ingest key's game");
    game = auth.key.gameId;
  } else if (gameId) {
    if (!auth.admin.games.includes(gameId))
      return failure('GP_AUTH_ADMIN_INVALID', `admin key ${auth.admin.keyId} may not delete players of game ${gameId}`);
    game = gameId;
  } else if (auth.admin.games.length === 1) game = auth.admin.games[0]!;
  else return failure('GP_DELETION_INVALID', `gameId is required: admin key ${auth.admin.keyId} covers several games`);
  const target: DeletionTarget = { gameId: game, playerId };
  if (typeof installId === 'string' && installId) target.installId = installId;
  return { ok: true, target };
}

/** Appends the request; resolves with its id once durable. */
export async function recordDeletion(
  producer: LogProducer,
  topic: string,
  target: DeletionTarget,
  auth: DeletionAuth,
  nowMs: number,
  retryAfterS: number,
): Promise<{ ok: true; requestId: string } | CollectorFailure> {
  const requestId = randomUUID();
  const value = DeletionRequest.encode({
    gameId: target.gameId,
    playerId: target.playerId,
    installId: target.installId ?? '',
    requestedAtMs: nowMs,
    source: auth.source,
    keyId: auth.source === 'sdk' ? auth.key.keyId : auth.admin.keyId,
    requestId,
  }).finish();
  try {
    const result = await producer.append(topic, [{ key: `${target.gameId}:${target.playerId}`, value, timestampMs: nowMs }]);
    if (!result.ok) return toLogFailure(result, retryAfterS);
  } catch (err) {
    return toLogFailure({ ok: false, code: 'GP_LOG_IO', message: (err as Error).message, retryable: false }, retryAfterS);
  }
  return { ok: true, requestId };
}
