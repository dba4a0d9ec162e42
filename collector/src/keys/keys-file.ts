/**
 * The keys file: ingest and admin keys, stored hashed, re-read on change
 * (key-store.ts). Written by `npx tsx collector/scripts/keys.ts` or by your own tooling.
 *
 * ```json
 * {
 *   "version": 1,
 *   "salt": "<hex, at least 16 bytes: the deployment salt of ingest key hashes>",
 *   "ingestKeys": [
 *     { "keyId": "web-2026-11", "gameId": "demo", "hash": "<hex HMAC-SHA256(salt, secret)>",
 *       "notBefore": "2026-11-01T00:00:00Z", "notAfter": "2026-12-01T00:00:00Z",
 *       "revoked": false, "signatureRequired": false, "signingSecrets": ["..."],
 *       "eventsPerSecond": 20000, "burstEvents": 40000 }
 *   ],
 *   "adminKeys": [
 *     { "keyId": "ops-1", "games": ["demo"], "hash": "scrypt$32768$8$1$<salt>$<hash>", "notAfter": "..." }
 *   ]
 * }
 * ```
 * Times are ISO-8601 strings or Unix ms. Everything but keyId/gameId/hash (ingest) and
 * keyId/games/hash (admin) is optional. `signingSecrets` are the HMAC secrets of
 * server-side senders: unlike keys they cannot be hashed (verifying an HMAC needs the
 * secret), so the file is secret material (mode 0600) either way.
 */
import { parseScrypt, type ScryptHash } from './hash.ts';
import { validName } from './inline.ts';

export interface IngestKeyEntry {
  keyId: string;
  gameId: string;
  /** HMAC-SHA256(salt, secret), lower-case hex. */
  hash: string;
  notBeforeMs?: number;
  notAfterMs?: number;
  revoked: boolean;
  signatureRequired: boolean;
  signingSecrets: Buffer[];
  /** Per-key rate limit overriding the configured default. */
  eventsPerSecond?: number;
  burstEvents?: number;
}

export interface AdminKeyEntry {
  keyId: string;
  games: string[];
  hash: ScryptHash;
  notBeforeMs?: number;
  notAfterMs?: number;
  revoked: boolean;
}

export interface KeysFileData {
  salt: Buffer;
  ingestKeys: IngestKeyEntry[];
  adminKeys: AdminKeyEntry[];
}

export type KeysFileResult = { ok: true; data: KeysFileData } | { ok: false; problems: string[] };

const HEX64 = /^[0-9a-f]{64}$/;
const KNOWN_INGEST = new Set([
  'keyId',
  'gameId',
  'hash',
  'notBefore',
  'notAfter',
  'revoked',
  'signatureRequired',
  'signingSecrets',
  'eventsPerSecond',
  'burstEvents',
  'note',
]);
const KNOWN_ADMIN = new Set(['keyId', 'games', 'hash', 'notBefore', 'notAfter', 'revoked', 'note']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function time(v: unknown): number | undefined | null {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

function positive(v: unknown): number | undefined | null {
  if (v === undefined) return undefined;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}

/** Parses the file's text; every problem is reported at once, without echoing secrets. */
export function parseKeysFile(text: string): KeysFileResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`not JSON: ${(err as Error).message}`] };
  }
  if (!isObject(raw)) return { ok: false, problems: ['expected a JSON object'] };
  const problems: string[] = [];
  if (raw.version !== undefined && raw.version !== 1) problems.push(`version: ${JSON.stringify(raw.version)} is not supported (1)`);
  const salt =
    typeof raw.salt === 'string' && /^[0-9a-fA-F]+$/.test(raw.salt) && raw.salt.length % 2 === 0 ? Buffer.from(raw.salt, 'hex') : undefined;
  if (!salt || salt.length < 16) problems.push('salt: expected at least 16 bytes as hex');

  const ingestKeys: IngestKeyEntry[] = [];
  const hashes = new Set<string>();
  const ingestList = raw.ingestKeys ?? [];
  if (!Array.isArray(ingestList)) problems.push('ingestKeys: expected a list');
  else
    ingestList.forEach((e: unknown, i) => {
      const at = `ingestKeys[${i}]`;
      if (!isObject(e)) return void problems.push(`${at}: expected an object`);
      for (const k of Object.keys(e)) if (!KNOWN_INGEST.has(k)) problems.push(`${at}: unknown field "${k}"`);
      const hash = typeof e.hash === 'string' ? e.hash.toLowerCase() : '';
      const [notBeforeMs, notAfterMs] = [time(e.notBefore), time(e.notAfter)];
      const [eventsPerSecond, burstEvents] = [positive(e.eventsPerSecond), positive(e.burstEvents)];
      const secrets = e.signingSecrets ?? [];
      const bad = [
        !validName(e.keyId) && 'keyId',
        !validName(e.gameId) && 'gameId',
        !HEX64.test(hash) && 'hash (64 hex characters)',
        notBeforeMs === null && 'notBefore',
        notAfterMs === null && 'notAfter',
        e.revoked !== undefined && typeof e.revoked !== 'boolean' && 'revoked',
        e.signatureRequired !== undefined && typeof e.signatureRequired !== 'boolean' && 'signatureRequired',
        (!Array.isArray(secrets) || secrets.some((s) => typeof s !== 'string' || s.length < 16)) &&
          'signingSecrets (strings of at least 16 characters)',
        eventsPerSecond === null && 'eventsPerSecond',
        burstEvents === null && 'burstEvents',
      ].filter(Boolean);
      if (bad.length) return void problems.push(`${at}: invalid ${bad.join(', ')}`);
      if (e.signatureRequired === true && (secrets as string[]).length === 0)
        return void problems.push(`${at}: signatureRequired needs signingSecrets`);
      if (hashes.has(hash)) return void problems.push(`${at}: duplicate hash (the same secret twice)`);
      hashes.add(hash);
      const entry: IngestKeyEntry = {
        keyId: e.keyId as string,
        gameId: e.gameId as string,
        hash,
        revoked: e.revoked === true,
        signatureRequired: e.signatureRequired === true,
        signingSecrets: (secrets as string[]).map((s) => Buffer.from(s, 'utf8')),
      };
      if (notBeforeMs != null) entry.notBeforeMs = notBeforeMs;
      if (notAfterMs != null) entry.notAfterMs = notAfterMs;
      if (eventsPerSecond != null) entry.eventsPerSecond = eventsPerSecond;
      if (burstEvents != null) entry.burstEvents = burstEvents;
      ingestKeys.push(entry);
    });

  const adminKeys: AdminKeyEntry[] = [];
  const adminIds = new Set<string>();
  const adminList = raw.adminKeys ?? [];
  if (!Array.isArray(adminList)) problems.push('adminKeys: expected a list');
  else
    adminList.forEach((e: unknown, i) => {
      const at = `adminKeys[${i}]`;
      if (!isObject(e)) return void problems.push(`${at}: expected an object`);
      for (const k of Object.keys(e)) if (!KNOWN_ADMIN.has(k)) problems.push(`${at}: unknown field "${k}"`);
      const hash = typeof e.hash === 'string' ? parseScrypt(e.hash) : undefined;
      const [notBeforeMs, notAfterMs] = [time(e.notBefore), time(e.notAfter)];
      const games = e.games;
      const bad = [
        // Admin tokens are "<keyId>.<secret>": a dot in the id would be ambiguous.
        (!validName(e.keyId) || e.keyId.includes('.')) && 'keyId (no ".")',
        (!Array.isArray(games) || games.length === 0 || !games.every(validName)) && 'games (a non-empty list of game ids)',
        !hash && 'hash (scrypt$N$r$p$salt$hash)',
        notBeforeMs === null && 'notBefore',
        notAfterMs === null && 'notAfter',
        e.revoked !== undefined && typeof e.revoked !== 'boolean' && 'revoked',
      ].filter(Boolean);
      if (bad.length) return void problems.push(`${at}: invalid ${bad.join(', ')}`);
      if (adminIds.has(e.keyId as string)) return void problems.push(`${at}: duplicate keyId ${e.keyId as string}`);
      adminIds.add(e.keyId as string);
      const entry: AdminKeyEntry = { keyId: e.keyId as string, games: games as string[], hash: hash!, revoked: e.revoked === true };
      if (notBeforeMs != null) entry.notBeforeMs = notBeforeMs;
      if (notAfterMs != null) entry.notAfterMs = notAfterMs;
      adminKeys.push(entry);
    });

  if (problems.length || !salt) return { ok: false, problems };
  return { ok: true, data: { salt, ingestKeys, adminKeys } };
}
