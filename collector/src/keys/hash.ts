/**
 * How key secrets are stored: never in plain text.
 *
 * - Ingest keys: HMAC-SHA256(deployment salt, secret), hex. Ingest keys are checked on
 *   every batch, so the hash must cost microseconds; they are long random strings
 *   (`scripts/keys.ts` makes 32 random bytes), so a fast keyed hash is enough: a leaked
 *   keys file does not reveal them, and without the salt a precomputed table is useless.
 * - Admin keys: scrypt (RFC 7914; N=2^15, r=8, p=1, ~32 MiB, tens of ms), checked on
 *   rare admin calls only, with the per-key salt in the stored string:
 *   `scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>`.
 */
import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export function ingestKeyHash(salt: Uint8Array, secret: string): string {
  return createHmac('sha256', salt).update(secret).digest('hex');
}

export const SCRYPT_DEFAULTS = { N: 1 << 15, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, keyLength, options, (err, out) => (err ? reject(err) : resolve(out))));
}

function maxmem(N: number, r: number): number {
  // scrypt needs 128 * N * r bytes; leave headroom over OpenSSL's 32 MiB default.
  return 256 * N * r;
}

export async function adminKeyHash(secret: string, params: { N: number; r: number; p: number } = SCRYPT_DEFAULTS): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, SCRYPT_DEFAULTS.keyLength, { ...params, maxmem: maxmem(params.N, params.r) });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export interface ScryptHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** Parses the stored form; undefined when malformed or with parameters out of sane bounds. */
export function parseScrypt(stored: string): ScryptHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const hash = Buffer.from(parts[5]!, 'base64url');
  // N a power of two between 2^10 and 2^20; r*p bounded: a hostile file must not make
  // one verification take minutes.
  const okN = Number.isInteger(N) && N >= 1024 && N <= 1 << 20 && (N & (N - 1)) === 0;
  if (!okN || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16 || salt.length < 8 || hash.length < 16)
    return undefined;
  return { N, r, p, salt, hash };
}

export async function verifyScrypt(secret: string, stored: ScryptHash): Promise<boolean> {
  const out = await scryptAsync(secret, stored.salt, stored.hash.length, {
    N: stored.N,
    r: stored.r,
    p: stored.p,
    maxmem: maxmem(stored.N, stored.r),
  });
  return timingSafeEqual(out, stored.hash);
}
