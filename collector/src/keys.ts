/**
 * Ingest keys: the secret a game embeds in its build, mapped to the game it may write
 * for and a key id. The key id, not the secret, is what lands on the log and in
 * metrics, so rotating or revoking a leaked key is traceable without spreading it.
 *
 * Configuration form, one entry per key: `<secret>=<gameId>` or `<secret>=<gameId>:<keyId>`.
 * Without a key id, one is derived from the secret (a short SHA-256 prefix), stable
 * across restarts and replicas.
 */
import { createHash } from 'node:crypto';
import { NAME_PATTERN, LIMITS } from '@gamepulse/proto';

export interface IngestKey {
  keyId: string;
  gameId: string;
}

/** Secret → key. A Map so that a secret like "__proto__" is just a string. */
export type KeyRing = ReadonlyMap<string, IngestKey>;

export type KeyParseResult = { ok: true; keys: KeyRing } | { ok: false; problems: string[] };

function derivedKeyId(gameId: string, secret: string): string {
  return `${gameId}-${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;
}

function validName(value: string): boolean {
  return value.length > 0 && value.length <= LIMITS.nameMaxChars && NAME_PATTERN.test(value);
}

/** Parses the configured entries; reports every bad entry at once (without echoing secrets). */
export function parseKeys(entries: readonly string[]): KeyParseResult {
  const keys = new Map<string, IngestKey>();
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    const eq = entry.lastIndexOf('=');
    const secret = eq > 0 ? entry.slice(0, eq) : '';
    const [gameId = '', keyId, ...rest] = eq > 0 ? entry.slice(eq + 1).split(':') : [];
    if (!secret || !validName(gameId) || rest.length > 0 || (keyId !== undefined && !validName(keyId))) {
      problems.push(`keys[${i}]: expected "<secret>=<gameId>" or "<secret>=<gameId>:<keyId>"`);
      return;
    }
    if (keys.has(secret)) {
      problems.push(`keys[${i}]: duplicate secret (for game ${gameId})`);
      return;
    }
    keys.set(secret, { gameId, keyId: keyId ?? derivedKeyId(gameId, secret) });
  });
  return problems.length ? { ok: false, problems } : { ok: true, keys };
}
