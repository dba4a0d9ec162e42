import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@gamepulse/service';
import { adminKeyHash, ingestKeyHash } from './hash.ts';
import { createKeyRing } from './key-ring.ts';
import { watchKeysFile } from './key-store.ts';
import { parseKeysFile } from './keys-file.ts';
import { parseSignature, signBody, verifySignature } from './signature.ts';

const SALT = '00112233445566778899aabbccddeeff';
const salt = Buffer.from(SALT, 'hex');
const T0 = Date.UTC(2026, 10, 1);
const silent = createLogger({ service: 'test', write: () => {} });
const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

function file(ingestKeys: unknown[], adminKeys: unknown[] = []): string {
  return JSON.stringify({ version: 1, salt: SALT, ingestKeys, adminKeys });
}

function parsed(text: string) {
  const r = parseKeysFile(text);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.data;
}

describe('collector/keys', () => {
  it('stores ingest keys as salted HMAC-SHA256; the ring finds them by hash and never holds the secret', () => {
    const data = parsed(file([{ keyId: 'k1', gameId: 'demo', hash: ingestKeyHash(salt, 'secret-1') }]));
    const ring = createKeyRing([], data);
    expect(ring.authenticate('secret-1', T0)).toEqual({ ok: true, key: { keyId: 'k1', gameId: 'demo' } });
    expect(ring.authenticate('secret-2', T0)).toMatchObject({ ok: false, code: 'GP_AUTH_KEY_INVALID' });
    expect(ring.authenticate(undefined, T0)).toMatchObject({ ok: false, code: 'GP_AUTH_KEY_MISSING' });
    expect(ring.authenticate('x'.repeat(10_000), T0)).toMatchObject({ ok: false, code: 'GP_AUTH_KEY_INVALID' });
    expect(JSON.stringify(data)).not.toContain('secret-1');
  });

  it('rotation: old and new key both work until the old one’s notAfter, then only the new one; revoked keys stop at once', () => {
    const ring = createKeyRing(
      [],
      parsed(
        file([
          { keyId: 'old', gameId: 'demo', hash: ingestKeyHash(salt, 'old-secret'), notAfter: new Date(T0 + 3_600_000).toISOString() },
          { keyId: 'new', gameId: 'demo', hash: ingestKeyHash(salt, 'new-secret'), notBefore: T0 - 1 },
          { keyId: 'gone', gameId: 'demo', hash: ingestKeyHash(salt, 'leaked'), revoked: true },
        ]),
      ),
    );
    expect(ring.authenticate('old-secret', T0).ok).toBe(true);
    expect(ring.authenticate('new-secret', T0).ok).toBe(true);
    expect(ring.authenticate('old-secret', T0 + 3_600_000)).toMatchObject({ ok: false, code: 'GP_AUTH_KEY_EXPIRED' });
    expect(ring.authenticate('new-secret', T0 + 3_600_000).ok).toBe(true);
    expect(ring.authenticate('new-secret', T0 - 2)).toMatchObject({ ok: false, code: 'GP_AUTH_KEY_EXPIRED' });
    expect(ring.authenticate('leaked', T0)).toMatchObject({ ok: false, code: 'GP_AUTH_KEY_REVOKED' });
    expect(ring.size).toBe(2);
  });

  it('inline keys stay when the file is replaced; replacing drops removed keys', () => {
    const ring = createKeyRing(
      [{ secret: 'dev', gameId: 'demo', keyId: 'dev' }],
      parsed(file([{ keyId: 'a', gameId: 'demo', hash: ingestKeyHash(salt, 'a-secret') }])),
    );
    expect(ring.authenticate('a-secret', T0).ok).toBe(true);
    ring.replace(parsed(file([])));
    expect(ring.authenticate('a-secret', T0).ok).toBe(false);
    expect(ring.authenticate('dev', T0).ok).toBe(true);
    expect(ring.has('dev')).toBe(true);
  });

  it('admin keys: scrypt-verified "<keyId>.<secret>" tokens, per-game, expiring; wrong secrets refused', async () => {
    const hash = await adminKeyHash('s3cret', FAST_SCRYPT);
    const ring = createKeyRing([], parsed(file([], [{ keyId: 'ops', games: ['demo', 'other'], hash, notAfter: T0 + 1000 }])));
    expect(await ring.verifyAdmin('ops.s3cret', T0)).toEqual({ ok: true, admin: { keyId: 'ops', games: ['demo', 'other'] } });
    expect(await ring.verifyAdmin('ops.s3cret', T0)).toMatchObject({ ok: true }); // cached
    expect(await ring.verifyAdmin('ops.wrong', T0)).toMatchObject({ ok: false, code: 'GP_AUTH_ADMIN_INVALID' });
    expect(await ring.verifyAdmin('nobody.s3cret', T0)).toMatchObject({ ok: false, code: 'GP_AUTH_ADMIN_INVALID' });
    expect(await ring.verifyAdmin('ops.s3cret', T0 + 1000)).toMatchObject({ ok: false, code: 'GP_AUTH_ADMIN_INVALID' });
    expect(await ring.verifyAdmin(undefined, T0)).toMatchObject({ ok: false, code: 'GP_AUTH_CREDENTIALS_MISSING' });
  });

  it('the file parser reports every problem without echoing secrets', () => {
    const r = parseKeysFile(
      JSON.stringify({
        salt: 'abc',
        ingestKeys: [
          { keyId: 'bad id!', gameId: 'demo', hash: 'nothex', signingSecrets: ['short'] },
          { keyId: 'k', gameId: 'demo', hash: 'a'.repeat(64), typo: 1 },
        ],
        adminKeys: [{ keyId: 'a.b', games: [], hash: 'scrypt$1$1$1$x$y' }],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.join('\n')).toMatch(/salt/);
    expect(r.problems.join('\n')).toMatch(/ingestKeys\[0\]: invalid keyId, hash .*signingSecrets/);
    expect(r.problems.join('\n')).toMatch(/unknown field "typo"/);
    expect(r.problems.join('\n')).toMatch(/adminKeys\[0\]: invalid keyId .*games .*hash/);
    expect(r.problems.join('\n')).not.toContain('short');
    expect(parseKeysFile('{').ok).toBe(false);
  });

  it('re-reads the file when it is replaced (revocation without restart) and keeps the keys in force when the new file is invalid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gp-keys-'));
    const path = join(dir, 'keys.json');
    const write = async (text: string) => {
      await writeFile(`${path}.tmp`, text);
      await rename(`${path}.tmp`, path); // atomic replace, as scripts/keys.ts does
    };
    try {
      await write(file([{ keyId: 'k', gameId: 'demo', hash: ingestKeyHash(salt, 'k-secret') }]));
      const ring = createKeyRing([], parsed(file([])));
      const reloads: boolean[] = [];
      const store = watchKeysFile({ ring, file: path, pollIntervalMs: 60_000, logger: silent, onReload: (ok) => reloads.push(ok) });
      await store.check();
      expect(ring.authenticate('k-secret', T0).ok).toBe(true);

      await write(file([{ keyId: 'k', gameId: 'demo', hash: ingestKeyHash(salt, 'k-secret'), revoked: true }]));
      // fs.watch usually fires first; check() makes the test independent of it.
      await store.check();
      expect(ring.authenticate('k-secret', T0)).toMatchObject({ ok: false, code: 'GP_AUTH_KEY_REVOKED' });

      await write('{ not json');
      await store.check();
      expect(ring.authenticate('k-secret', T0)).toMatchObject({ code: 'GP_AUTH_KEY_REVOKED' }); // unchanged
      expect(reloads).toContain(false);
      store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('body signatures', () => {
    const key = { keyId: 's', gameId: 'demo', signatureRequired: true, signingSecrets: [Buffer.from('signing-secret-0123456789')] };
    const body = new TextEncoder().encode('batch bytes');
    const nowMs = T0;
    const t = Math.floor(nowMs / 1000);

    it('accepts t=<s>,v1=<hex HMAC-SHA256(secret, t.body)> within the window', () => {
      const header = signBody('signing-secret-0123456789', t, body);
      expect(parseSignature(header)).toMatchObject({ timestampS: t });
      expect(verifySignature(key, header, body, nowMs, 300)).toEqual({ ok: true });
      // Rotation on the sender side: two v1 values, one matches.
      const two = `${header},v1=${'0'.repeat(64)}`;
      expect(verifySignature(key, two, body, nowMs, 300)).toEqual({ ok: true });
    });

    it('refuses missing (when required), wrong, tampered and stale signatures with distinct codes', () => {
      expect(verifySignature(key, undefined, body, nowMs, 300)).toMatchObject({ code: 'GP_AUTH_SIGNATURE_MISSING' });
      expect(verifySignature({ ...key, signatureRequired: false }, undefined, body, nowMs, 300)).toEqual({ ok: true });
      expect(verifySignature(key, signBody('another-secret-0123456789', t, body), body, nowMs, 300)).toMatchObject({
        code: 'GP_AUTH_SIGNATURE_INVALID',
      });
      expect(
        verifySignature(key, signBody('signing-secret-0123456789', t, body), new TextEncoder().encode('batch bytez'), nowMs, 300),
      ).toMatchObject({
        code: 'GP_AUTH_SIGNATURE_INVALID',
      });
      expect(verifySignature(key, signBody('signing-secret-0123456789', t - 301, body), body, nowMs, 300)).toMatchObject({
        code: 'GP_AUTH_SIGNATURE_EXPIRED',
      });
      expect(verifySignature(key, 'garbage', body, nowMs, 300)).toMatchObject({ code: 'GP_AUTH_SIGNATURE_INVALID' });
    });
  });
});
