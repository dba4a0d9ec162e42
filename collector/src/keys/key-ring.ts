/**
 * The keys in force: ingest keys (inline from the configuration and from the keys
 * file) looked up by their salted hash, and admin keys verified with scrypt. `replace`
 * swaps in a re-read keys file atomically, so revocation and rotation take effect on
 * the next request without a restart.
 *
 * Validity: a key is accepted while `notBefore <= now < notAfter` and not revoked.
 * Rotation = add the new key, give the old one a `notAfter` at the end of the overlap
 * period: both work until then, then only the new one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { failure, type CollectorFailure } from '../errors.ts';
import { ingestKeyHash, verifyScrypt } from './hash.ts';
import type { AdminKeyEntry, IngestKeyEntry, KeysFileData } from './keys-file.ts';
import type { InlineKey } from './inline.ts';

/** What a request authenticated as. The key id, never the secret, travels on. */
export interface IngestKey {
  keyId: string;
  gameId: string;
  /** The key may only be used with a valid body signature (HTTP). */
  signatureRequired?: boolean;
  /** HMAC secrets accepted for `x-gamepulse-signature` (several during a rotation). */
  signingSecrets?: readonly Buffer[];
  eventsPerSecond?: number;
  burstEvents?: number;
}

export interface AdminKey {
  keyId: string;
  games: readonly string[];
}

export type AuthResult = { ok: true; key: IngestKey } | CollectorFailure;
export type AdminAuthResult = { ok: true; admin: AdminKey } | CollectorFailure;

/** Longest key header looked at; anything longer is not one of ours (and is not hashed). */
const MAX_SECRET_CHARS = 512;
/** Verified admin tokens are remembered this long, so an admin script does not pay scrypt per call. */
const ADMIN_CACHE_TTL_MS = 60_000;
const ADMIN_CACHE_MAX = 1_000;
/** scrypt runs on libuv's pool (4 threads): never let admin checks take all of it. */
const ADMIN_MAX_CONCURRENT_VERIFICATIONS = 2;

export interface KeyRing {
  /** Ingest keys in force (inline + file). */
  readonly size: number;
  authenticate(secret: string | undefined, nowMs: number): AuthResult;
  /** `authorization: Bearer <keyId>.<secret>` → the admin key, or a refusal. */
  verifyAdmin(token: string | undefined, nowMs: number): Promise<AdminAuthResult>;
  /** True when `secret` is a configured ingest key (e.g. to warn about the dev key). */
  has(secret: string): boolean;
  /** Swaps in a new keys file (undefined: none); inline keys stay. */
  replace(file: KeysFileData | undefined): void;
}

function validity(entry: { notBeforeMs?: number; notAfterMs?: number }, nowMs: number): boolean {
  return (entry.notBeforeMs === undefined || nowMs >= entry.notBeforeMs) && (entry.notAfterMs === undefined || nowMs < entry.notAfterMs);
}

function toKey(e: IngestKeyEntry): IngestKey {
  const key: IngestKey = { keyId: e.keyId, gameId: e.gameId };
  if (e.signatureRequired) key.signatureRequired = true;
  if (e.signingSecrets.length) key.signingSecrets = e.signingSecrets;
  if (e.eventsPerSecond !== undefined) key.eventsPerSecond = e.eventsPerSecond;
  if (e.burstEvents !== undefined) key.burstEvents = e.burstEvents;
  return key;
}

export function createKeyRing(inline: readonly InlineKey[], file?: KeysFileData): KeyRing {
  let salt: Buffer = file?.salt ?? randomBytes(16);
  let byHash = new Map<string, { entry: IngestKeyEntry; key: IngestKey }>();
  let admins = new Map<string, AdminKeyEntry>();
  const adminCache = new Map<string, { admin: AdminKey; untilMs: number }>();
  let verifying = 0;

  const build = (data: KeysFileData | undefined) => {
    // Inline keys are hashed with the file's salt when there is one (else a random one):
    // from here on the process holds hashes only.
    const nextSalt = data?.salt ?? salt;
    const next = new Map<string, { entry: IngestKeyEntry; key: IngestKey }>();
    for (const k of inline) {
      const entry: IngestKeyEntry = {
        keyId: k.keyId,
        gameId: k.gameId,
        hash: ingestKeyHash(nextSalt, k.secret),
        revoked: false,
        signatureRequired: false,
        signingSecrets: [],
      };
      next.set(entry.hash, { entry, key: toKey(entry) });
    }
    for (const entry of data?.ingestKeys ?? []) next.set(entry.hash, { entry, key: toKey(entry) });
    salt = nextSalt;
    byHash = next;
    admins = new Map((data?.adminKeys ?? []).map((a) => [a.keyId, a]));
    adminCache.clear();
  };
  build(file);

  return {
    get size() {
      let n = 0;
      for (const { entry } of byHash.values()) if (!entry.revoked) n++;
      return n;
    },
    authenticate(secret, nowMs) {
      if (!secret) return failure('GP_AUTH_KEY_MISSING');
      if (secret.length > MAX_SECRET_CHARS) return failure('GP_AUTH_KEY_INVALID');
      const found = byHash.get(ingestKeyHash(salt, secret));
      if (!found) return failure('GP_AUTH_KEY_INVALID');
      if (found.entry.revoked) return failure('GP_AUTH_KEY_REVOKED');
      if (!validity(found.entry, nowMs)) return failure('GP_AUTH_KEY_EXPIRED');
      return { ok: true, key: found.key };
    },
    async verifyAdmin(token, nowMs) {
      if (!token) return failure('GP_AUTH_CREDENTIALS_MISSING');
      const dot = token.lastIndexOf('.');
      const entry = dot > 0 && token.length <= MAX_SECRET_CHARS ? admins.get(token.slice(0, dot)) : undefined;
      if (!entry || entry.revoked || !validity(entry, nowMs)) return failure('GP_AUTH_ADMIN_INVALID');
      const cacheKey = createHash('sha256').update(token).digest('hex');
      const cached = adminCache.get(cacheKey);
      if (cached && cached.untilMs > nowMs && admins.get(entry.keyId) === entry) return { ok: true, admin: cached.admin };
      if (verifying >= ADMIN_MAX_CONCURRENT_VERIFICATIONS)
        return failure('GP_SERVER_OVERLOADED', 'too many admin key verifications in progress; retry', 1);
      verifying++;
      let ok: boolean;
      try {
        ok = await verifyScrypt(token.slice(dot + 1), entry.hash);
      } finally {
        verifying--;
      }
      if (!ok) return failure('GP_AUTH_ADMIN_INVALID');
      const admin: AdminKey = { keyId: entry.keyId, games: entry.games };
      if (adminCache.size >= ADMIN_CACHE_MAX) adminCache.delete(adminCache.keys().next().value!);
      adminCache.set(cacheKey, { admin, untilMs: nowMs + ADMIN_CACHE_TTL_MS });
      return { ok: true, admin };
    },
    has(secret) {
      return byHash.has(ingestKeyHash(salt, secret));
    },
    replace: build,
  };
}
