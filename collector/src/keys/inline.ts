/**
 * Inline ingest keys from the configuration (`keys`, `GAMEPULSE_COLLECTOR_KEYS`): the
 * secret a game embeds in its build, mapped to the game it may write for and a key id.
 * Meant for development and simple deployments; production keeps keys hashed in a keys
 * file (keys-file.ts). The key id, not the secret, is what lands on the log and in
 * metrics, so rotating or revoking a leaked key is traceable without spreading it.
 *
 * Form, one entry per key: `<secret>=<gameId>` or `<secret>=<gameId>:<keyId>`.
 * Without a key id, one is derived from the secret (a short SHA-256 prefix), stable
 * across restarts and replicas. Secrets are hashed as soon as the ring is built
 * (key-ring.ts): the process keeps no plain secret after start.
 */
import { createHash } from 'node:crypto';
import { NAME_PATTERN, LIMITS } from '@gamepulse/proto';

export interface InlineKey {
  secret: string;
  keyId: string;
  gameId: string;
}

export type KeyParseResult = { ok: true; keys: InlineKey[] } | { ok: false; problems: string[] };

function derivedKeyId(gameId: string, secret: string): string {
  return `${gameId}-${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;
}

export function validName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= LIMITS.nameMaxChars && NAME_PATTERN.test(value);
}

/** Parses the configured entries; reports every bad entry at once (without echoing secrets). */
export function parseKeys(entries: readonly string[]): KeyParseResult {
  const keys: InlineKey[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    const eq = entry.lastIndexOf('=');
    const secret = eq > 0 ? entry.slice(0, eq) : '';
    const [gameId = '', keyId, ...rest] = eq > 0 ? entry.slice(eq + 1).split(':') : [];
    if (!secret || !validName(gameId) || rest.length > 0 || (keyId !== undefined && !validName(keyId))) {
      problems.push(`keys[${i}]: expected "<secret>=<gameId>" or "<secret>=<gameId>:<keyId>"`);
      return;
    }
    if (seen.has(secret)) {
      problems.push(`keys[${i}]: duplicate secret (for game ${gameId})`);
      return;
    }
    seen.add(secret);
    keys.push({ secret, gameId, keyId: keyId ?? derivedKeyId(gameId, secret) });
  });
  return problems.length ? { ok: false, problems } : { ok: true, keys };
}
