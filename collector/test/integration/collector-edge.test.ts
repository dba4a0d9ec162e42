/**
 * The production edge over real sockets and the real embedded log: proto3 JSON bodies,
 * the privacy deletion endpoint, keys from a watched keys file (rotation, revocation,
 * expiry, admin keys), body signatures, rate limits and load shedding on HTTP and
 * gRPC, trusted-proxy geo enrichment. Every refusal asserts status and code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { DeletionRequest, IngestedBatch, type BatchAckData } from '@gamepulse/proto';
import { topicNames } from '@gamepulse/log';
import { createLogger } from '@gamepulse/service';
import {
  CollectorClient,
  loadCollectorConfig,
  signBody,
  startCollector,
  type CollectorServiceClient,
  type RunningCollector,
} from '../../src/index.ts';
import { batch, encodeBatch, validEvent } from '../../src/testing/batches.ts';
import { writeKeysFile, type KeysFileSpec } from '../../src/testing/clients.ts';
import { gateLog } from '../../src/testing/gated-log.ts';
import { openTempLog, readTopic, until, type TempLog } from '@gamepulse/testkit';

const TOPICS = topicNames('edge');
const silentLogger = createLogger({ service: 'collector-test', write: () => {} });
const HOUR = 3_600_000;

const KEYS: KeysFileSpec = {
  ingest: [
    { secret: 'game-key-old', keyId: 'web-1', gameId: 'demo', notAfter: Date.now() + HOUR },
    { secret: 'game-key-new', keyId: 'web-2', gameId: 'demo' },
    { secret: 'expired-key', keyId: 'web-0', gameId: 'demo', notAfter: Date.now() - HOUR },
    { secret: 'server-key', keyId: 'srv', gameId: 'demo', signatureRequired: true, signingSecrets: ['hmac-secret-0123456789'] },
    { secret: 'tiny-key', keyId: 'tiny', gameId: 'tiny', eventsPerSecond: 1, burstEvents: 2 },
  ],
  admin: [
    { secret: 'adm1n', keyId: 'ops', games: ['demo'] },
    { secret: 'multi', keyId: 'multi', games: ['demo', 'tiny'] },
  ],
};

function configFor(overrides: Record<string, unknown> = {}) {
  return loadCollectorConfig({ env: {}, overrides: { httpPort: 0, grpcPort: 0, keys: [], topicPrefix: 'edge', ...overrides } });
}

interface ErrorBody {
  error: { code: string; message: string; retryable: boolean };
}

async function expectError(res: Response, httpStatus: number, code: string): Promise<ErrorBody> {
  const body = (await res.json()) as ErrorBody;
  expect({ status: res.status, code: body.error.code }).toEqual({ status: httpStatus, code });
  expect(body.error.retryable).toBe(httpStatus >= 500 || httpStatus === 429);
  return body;
}

function grpcSend(client: CollectorServiceClient, bytes: Uint8Array, key: string): Promise<{ ack?: BatchAckData; err?: ServiceError }> {
  const metadata = new Metadata();
  metadata.set('x-gamepulse-key', key);
  return new Promise((resolve) => client.Send(bytes, metadata, (err, ack) => resolve(err ? { err } : { ack })));
}

describe('collector edge over HTTP and gRPC, real embedded log', () => {
  let temp: TempLog;
  let collector: RunningCollector;
  let base: string;
  let keysFile: string;
  let grpc: CollectorServiceClient;

  beforeAll(async () => {
    temp = await openTempLog();
    keysFile = `${temp.dir}/keys.json`;
    await writeKeysFile(keysFile, KEYS);
    collector = await startCollector({
      config: configFor({ keysFile, rateLimitPlayerBurstEvents: 20, rateLimitPlayerEventsPerS: 1 }),
      log: temp.log,
      logger: silentLogger,
    });
    base = `http://127.0.0.1:${collector.httpPort}`;
    grpc = new CollectorClient(`127.0.0.1:${collector.grpcPort}`, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await collector?.close();
    await temp?.dispose();
  });

  const post = (path: string, body: Uint8Array | string, headers: Record<string, string>) =>
    fetch(`${base}${path}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers });
  const postBatch = (body: Uint8Array, key: string, headers: Record<string, string> = {}) =>
    post('/v1/batch', body, { 'content-type': 'application/x-protobuf', 'x-gamepulse-key': key, ...headers });

  describe('JSON bodies (proto3 JSON mapping)', () => {
    it('accepts camelCase and snake_case with int64 strings and answers JSON', async () => {
      const e = validEvent('json-1', 1, { clientTsMs: Date.now() - 100 });
      const body = JSON.stringify({
        install_id: 'json-1',
        batchSequence: '3',
        context: { build: '1.0' },
        events: [
          { ...e, client_ts_ms: String(e.clientTsMs), clientTsMs: undefined, progression: { status: 'STATUS_COMPLETE', tier1: 'w1' } },
        ],
      });
      const res = await post('/v1/batch', body, { 'content-type': 'application/json', 'x-gamepulse-key': 'game-key-new' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ batchSequence: 3, accepted: 1, rejected: [] });
    });

    it('a wrong type → 400 GP_BODY_JSON_INVALID naming the field; not JSON → 400 too', async () => {
      const res = await post('/v1/batch', JSON.stringify({ installId: 'j', events: [{ sequence: 'x' }] }), {
        'content-type': 'application/json',
        'x-gamepulse-key': 'game-key-new',
      });
      expect((await expectError(res, 400, 'GP_BODY_JSON_INVALID')).error.message).toContain('events[0].sequence');
      await expectError(
        await post('/v1/batch', '{"a":', { 'content-type': 'application/json', 'x-gamepulse-key': 'game-key-new' }),
        400,
        'GP_BODY_JSON_INVALID',
      );
    });
  });

  describe('keys file: rotation, revocation and expiry without restart', () => {
    const body = () => encodeBatch(batch('keys-1', [validEvent('keys-1', 1, { clientTsMs: Date.now() })]));

    it('old and new key both work during the overlap; an expired key → 403 GP_AUTH_KEY_EXPIRED', async () => {
      expect((await postBatch(body(), 'game-key-old')).status).toBe(200);
      expect((await postBatch(body(), 'game-key-new')).status).toBe(200);
      await expectError(await postBatch(body(), 'expired-key'), 403, 'GP_AUTH_KEY_EXPIRED');
    });

    it('revoking in the file → 403 GP_AUTH_KEY_REVOKED on HTTP and gRPC, restored when un-revoked', async () => {
      const revoked = { ...KEYS, ingest: KEYS.ingest!.map((k) => (k.keyId === 'web-1' ? { ...k, revoked: true } : k)) };
      await writeKeysFile(keysFile, revoked);
      await collector.reloadKeys();
      await expectError(await postBatch(body(), 'game-key-old'), 403, 'GP_AUTH_KEY_REVOKED');
      const { err } = await grpcSend(grpc, body(), 'game-key-old');
      expect(err?.code).toBe(status.PERMISSION_DENIED);
      expect(err?.metadata.get('gp-error-code')).toEqual(['GP_AUTH_KEY_REVOKED']);
      await writeKeysFile(keysFile, KEYS);
      await collector.reloadKeys();
      expect((await postBatch(body(), 'game-key-old')).status).toBe(200);
    });

    it('the watcher picks up a change by itself (no reloadKeys call)', async () => {
      await writeKeysFile(keysFile, { ...KEYS, ingest: [...KEYS.ingest!, { secret: 'brand-new', keyId: 'web-3', gameId: 'demo' }] });
      let statusCode = 0;
      await until(
        async () => (statusCode = (await postBatch(body(), 'brand-new')).status) === 200,
        () => `the watcher to accept the new key (last status ${statusCode})`,
        { timeoutMs: 10_000, everyMs: 100 },
      );
      expect(statusCode).toBe(200);
    });
  });

  describe('body signatures (x-gamepulse-signature)', () => {
    const body = encodeBatch(batch('sig-1', [validEvent('sig-1', 1, { clientTsMs: Date.now() })]));
    const now = () => Math.floor(Date.now() / 1000);

    it('a key that requires signatures: missing → 401 GP_AUTH_SIGNATURE_MISSING (before the body is read)', async () => {
      await expectError(await postBatch(body, 'server-key'), 401, 'GP_AUTH_SIGNATURE_MISSING');
    });
    it('wrong secret → 401 GP_AUTH_SIGNATURE_INVALID; outside the replay window → 401 GP_AUTH_SIGNATURE_EXPIRED', async () => {
      await expectError(
        await postBatch(body, 'server-key', { 'x-gamepulse-signature': signBody('not-the-secret-000000', now(), body) }),
        401,
        'GP_AUTH_SIGNATURE_INVALID',
      );
      await expectError(
        await postBatch(body, 'server-key', { 'x-gamepulse-signature': signBody('hmac-secret-0123456789', now() - 600, body) }),
        401,
        'GP_AUTH_SIGNATURE_EXPIRED',
      );
    });
    it('a valid signature → 200; gRPC cannot carry one → UNAUTHENTICATED GP_AUTH_SIGNATURE_MISSING', async () => {
      expect(
        (await postBatch(body, 'server-key', { 'x-gamepulse-signature': signBody('hmac-secret-0123456789', now(), body) })).status,
      ).toBe(200);
      const { err } = await grpcSend(grpc, body, 'server-key');
      expect(err?.code).toBe(status.UNAUTHENTICATED);
      expect(err?.metadata.get('gp-error-code')).toEqual(['GP_AUTH_SIGNATURE_MISSING']);
    });
  });

  describe('rate limits', () => {
    it('per key (keys-file override): 429 GP_RATE_LIMITED_KEY with Retry-After on HTTP, RESOURCE_EXHAUSTED + retry-after on gRPC', async () => {
      const b = (n: number) =>
        encodeBatch(
          batch(
            'rl-1',
            Array.from({ length: n }, (_, i) => validEvent('rl-1', i + 1, { clientTsMs: Date.now() })),
            { context: { gameId: 'tiny' } },
          ),
        );
      expect((await postBatch(b(2), 'tiny-key')).status).toBe(200);
      const res = await postBatch(b(1), 'tiny-key');
      expect(res.headers.get('retry-after')).toBe('1');
      await expectError(res, 429, 'GP_RATE_LIMITED_KEY');
      const { err } = await grpcSend(grpc, b(1), 'tiny-key');
      expect(err?.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(err?.metadata.get('gp-error-code')).toEqual(['GP_RATE_LIMITED_KEY']);
      expect(err?.metadata.get('retry-after')).toEqual(['1']);
    });

    it('per player: 429 GP_RATE_LIMITED_PLAYER once one player passes its burst; other players go on', async () => {
      const b = (id: string, n: number) =>
        encodeBatch(
          batch(
            id,
            Array.from({ length: n }, (_, i) => validEvent(id, i + 1, { clientTsMs: Date.now() })),
          ),
        );
      expect((await postBatch(b('rl-p1', 20), 'game-key-new')).status).toBe(200);
      const res = await postBatch(b('rl-p1', 5), 'game-key-new');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await expectError(res, 429, 'GP_RATE_LIMITED_PLAYER');
      expect((await postBatch(b('rl-p2', 5), 'game-key-new')).status).toBe(200);
    });
  });

  describe('POST /v1/privacy/deletion', () => {
    const del = (body: unknown, headers: Record<string, string>) =>
      post('/v1/privacy/deletion', typeof body === 'string' ? body : JSON.stringify(body), {
        'content-type': 'application/json',
        ...headers,
      });

    it('ingest key (the player deletes itself) → 202 with a request id, durable on the deletions topic keyed game:player', async () => {
      const res = await del({ playerId: 'player-42', installId: 'inst-42' }, { 'x-gamepulse-key': 'game-key-new' });
      expect(res.status).toBe(202);
      const { requestId } = (await res.json()) as { requestId: string };
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const records = await readTopic(temp.log, TOPICS.deletions);
      const rec = records.find((r) => DeletionRequest.decode(r.value).requestId === requestId)!;
      expect(rec.key).toBe('demo:player-42');
      expect(DeletionRequest.toObject(DeletionRequest.decode(rec.value), { longs: Number })).toMatchObject({
        gameId: 'demo',
        playerId: 'player-42',
        installId: 'inst-42',
        source: 'sdk',
        keyId: 'web-2',
        requestId,
      });
    });

    it('admin key (Bearer <keyId>.<secret>) → 202, source admin; multi-game admin names the game', async () => {
      const res = await del({ playerId: 'p-admin' }, { authorization: 'Bearer ops.adm1n' });
      expect(res.status).toBe(202);
      const multi = await del({ playerId: 'p-multi', gameId: 'tiny' }, { authorization: 'Bearer multi.multi' });
      expect(multi.status).toBe(202);
      const decoded = (await readTopic(temp.log, TOPICS.deletions)).map((r) => DeletionRequest.decode(r.value));
      expect(decoded.find((d) => d.playerId === 'p-admin')).toMatchObject({ gameId: 'demo', source: 'admin', keyId: 'ops' });
      expect(decoded.find((d) => d.playerId === 'p-multi')).toMatchObject({ gameId: 'tiny', source: 'admin', keyId: 'multi' });
    });

    const refusals: Array<[string, () => Promise<Response>, number, string]> = [
      ['no credentials', () => del({ playerId: 'p' }, {}), 401, 'GP_AUTH_CREDENTIALS_MISSING'],
      ['unknown admin key', () => del({ playerId: 'p' }, { authorization: 'Bearer ops.wrong' }), 403, 'GP_AUTH_ADMIN_INVALID'],
      [
        'admin key of another game',
        () => del({ playerId: 'p', gameId: 'tiny' }, { authorization: 'Bearer ops.adm1n' }),
        403,
        'GP_AUTH_ADMIN_INVALID',
      ],
      [
        'multi-game admin without gameId',
        () => del({ playerId: 'p' }, { authorization: 'Bearer multi.multi' }),
        400,
        'GP_DELETION_INVALID',
      ],
      [
        'ingest key naming another game',
        () => del({ playerId: 'p', gameId: 'tiny' }, { 'x-gamepulse-key': 'game-key-new' }),
        403,
        'GP_AUTH_GAME_MISMATCH',
      ],
      ['unknown ingest key', () => del({ playerId: 'p' }, { 'x-gamepulse-key': 'nope' }), 403, 'GP_AUTH_KEY_INVALID'],
      ['no playerId', () => del({ installId: 'i' }, { 'x-gamepulse-key': 'game-key-new' }), 400, 'GP_DELETION_INVALID'],
      ['playerId too long', () => del({ playerId: 'p'.repeat(129) }, { 'x-gamepulse-key': 'game-key-new' }), 400, 'GP_DELETION_INVALID'],
      ['not JSON', () => del('{', { 'x-gamepulse-key': 'game-key-new' }), 400, 'GP_DELETION_INVALID'],
      [
        'not a JSON content type',
        () => post('/v1/privacy/deletion', '{}', { 'content-type': 'text/plain', 'x-gamepulse-key': 'game-key-new' }),
        415,
        'GP_BODY_CONTENT_TYPE_UNSUPPORTED',
      ],
      [
        'a body over 16 KiB',
        () => del({ playerId: 'p', pad: 'x'.repeat(20_000) }, { 'x-gamepulse-key': 'game-key-new' }),
        413,
        'GP_BODY_TOO_LARGE',
      ],
      [
        'unsigned for a key that requires signatures',
        () => del({ playerId: 'p' }, { 'x-gamepulse-key': 'server-key' }),
        401,
        'GP_AUTH_SIGNATURE_MISSING',
      ],
    ];
    for (const [name, send, httpStatus, code] of refusals) {
      it(`${name} → ${httpStatus} ${code}`, async () => {
        await expectError(await send(), httpStatus, code);
      });
    }
  });

  describe('enrichment behind a trusted proxy', () => {
    it('country from the X-Forwarded-For client (geoip-lite), platform from the user agent; no IP in the record', async () => {
      const res = await postBatch(
        encodeBatch(batch('geo-1', [validEvent('geo-1', 1, { clientTsMs: Date.now() })], { context: {} })),
        'game-key-new',
        {
          'x-forwarded-for': '81.2.69.142',
          'user-agent': 'Dalvik/2.1.0 (Linux; U; Android 14; Pixel 7 Build/UQ1A.240205.004)',
        },
      );
      expect(res.status).toBe(200);
      const rec = (await readTopic(temp.log, TOPICS.events)).find((r) => r.key === 'geo-1')!;
      expect(IngestedBatch.decode(rec.value).context).toMatchObject({
        gameId: 'demo',
        country: 'GB',
        platform: 'android',
        os: 'Android 14',
      });
      expect(Buffer.from(rec.value).includes(Buffer.from('81.2.69'))).toBe(false);
    });
  });

  it('/metrics carries deletions, key reloads, open streams and in-flight gauges', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/gamepulse_collector_deletion_requests_total\{outcome="accepted",code="OK",source="sdk",service="collector"\} 1/);
    expect(text).toMatch(/gamepulse_collector_keys_reloads_total\{outcome="ok",service="collector"\} [1-9]/);
    expect(text).toMatch(
      /gamepulse_collector_requests_total\{transport="http",outcome="refused",code="GP_RATE_LIMITED_KEY",service="collector"\} 1/,
    );
    expect(text).toContain('gamepulse_collector_inflight_batches');
    expect(text).toContain('gamepulse_collector_batch_bytes_bucket');
  });
});

describe('load shedding over HTTP and gRPC', () => {
  it('too many batches in flight → 503 GP_SERVER_OVERLOADED + Retry-After (HTTP) / UNAVAILABLE + retry-after (gRPC); served again afterwards', async () => {
    const temp = await openTempLog();
    const gated = gateLog(temp.log);
    const collector = await startCollector({
      config: configFor({ keys: ['k=demo:k'], maxInFlightBatches: 1, shedRetryAfterS: 3, geoip: false }),
      log: gated.log,
      logger: silentLogger,
    });
    const grpc = new CollectorClient(`127.0.0.1:${collector.grpcPort}`, credentials.createInsecure());
    try {
      const body = (id: string) => encodeBatch(batch(id, [validEvent(id, 1, { clientTsMs: Date.now() })]));
      const url = `http://127.0.0.1:${collector.httpPort}/v1/batch`;
      const headers = { 'content-type': 'application/x-protobuf', 'x-gamepulse-key': 'k' };
      const first = fetch(url, { method: 'POST', body: new Uint8Array(body('sh-1')), headers });
      await until(() => gated.waiting >= 1, 'an append held at the gate');
      const res = await fetch(url, { method: 'POST', body: new Uint8Array(body('sh-2')), headers });
      expect(res.headers.get('retry-after')).toBe('3');
      await expectError(res, 503, 'GP_SERVER_OVERLOADED');
      const { err } = await grpcSend(grpc, body('sh-3'), 'k');
      expect(err?.code).toBe(status.UNAVAILABLE);
      expect(err?.metadata.get('gp-error-code')).toEqual(['GP_SERVER_OVERLOADED']);
      expect(err?.metadata.get('retry-after')).toEqual(['3']);
      gated.open();
      expect((await first).status).toBe(200);
      expect((await fetch(url, { method: 'POST', body: new Uint8Array(body('sh-4')), headers })).status).toBe(200);
    } finally {
      grpc.close();
      await collector.close();
      await temp.dispose();
    }
  });
});
