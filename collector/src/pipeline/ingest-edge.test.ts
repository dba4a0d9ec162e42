/**
 * The pipeline's production edges over the real embedded log: rate limits, load
 * shedding, signatures, the event-time rule, enrichment, JSON and auto-detected gzip.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Event, IngestedBatch, validateEvent } from '@gamepulse/proto';
import type { LogProducer } from '@gamepulse/log';
import { ingestKeyHash, parseKeysFile, signBody } from '../keys/index.ts';
import { createLoadShedder, createRateLimiter } from '../limits/index.ts';
import { batch, encodeBatch, TEST_NOW_MS, validEvent } from '../testing/batches.ts';
import { createHarness } from '../testing/harness.ts';
import { readTopic } from '@gamepulse/testkit';
import { createEnricher } from './enrich.ts';

const SALT = 'a1a2a3a4a5a6a7a8a9aaabacadaeafb0';

describe('collector/pipeline/ingestBatch at the edges', () => {
  it('per-key and per-player rate limits → 429 with Retry-After, nothing written', async () => {
    const h = await createHarness({
      deps: { rateLimiter: createRateLimiter({ keyEventsPerS: 10, keyBurstEvents: 6, playerEventsPerS: 1, playerBurstEvents: 3 }) },
    });
    try {
      const send = (id: string, n: number) =>
        h.send(
          encodeBatch(
            batch(
              id,
              Array.from({ length: n }, (_, i) => validEvent(id, i + 1)),
            ),
          ),
        );
      expect(await send('p1', 3)).toMatchObject({ ok: true });
      expect(await send('p1', 1)).toMatchObject({
        ok: false,
        code: 'GP_RATE_LIMITED_PLAYER',
        retryAfterS: 1,
        retryable: true,
        batchSequence: 1,
      });
      expect(await send('p2', 3)).toMatchObject({ ok: true });
      expect(await send('p3', 1)).toMatchObject({ ok: false, code: 'GP_RATE_LIMITED_KEY', retryAfterS: 1 });
      expect((await h.counts()).events).toBe(2);
    } finally {
      await h.dispose();
    }
  });

  it('sheds with 503 GP_SERVER_OVERLOADED while too many batches are in flight or appends are slow, then recovers', async () => {
    let release!: () => void;
    let gate: Promise<void> = new Promise((r) => (release = r));
    let now = TEST_NOW_MS;
    const h = await createHarness({
      producer: (real): LogProducer => ({ append: async (t, r) => (await gate, real.append(t, r)) }),
      deps: {
        shedder: createLoadShedder({
          maxInFlightBatches: 2,
          maxInFlightBytes: 1 << 20,
          maxAppendLatencyMs: 1000,
          retryAfterS: 1,
          now: () => now,
        }),
        now: () => now,
      },
    });
    try {
      const body = (id: string) => encodeBatch(batch(id, [validEvent(id, 1)]));
      const first = h.send(body('s1'));
      const second = h.send(body('s2'));
      expect(await h.send(body('s3'))).toMatchObject({ ok: false, code: 'GP_SERVER_OVERLOADED', retryAfterS: 1 });
      now += 10_000; // the pending appends are now far older than the bound
      release();
      gate = Promise.resolve();
      expect(await first).toMatchObject({ ok: true });
      expect(await second).toMatchObject({ ok: true });
      expect(await h.send(body('s4'))).toMatchObject({ ok: false, code: 'GP_SERVER_OVERLOADED' }); // recent appends were slow
      now += 10_000; // the average decays while nothing is pending
      expect(await h.send(body('s5'))).toMatchObject({ ok: true });
    } finally {
      await h.dispose();
    }
  });

  it('a key that requires signatures refuses unsigned and badly signed bodies, accepts a signed one', async () => {
    const file = parseKeysFile(
      JSON.stringify({
        salt: SALT,
        ingestKeys: [
          {
            keyId: 'srv',
            gameId: 'demo',
            hash: ingestKeyHash(Buffer.from(SALT, 'hex'), 'server-key'),
            signatureRequired: true,
            signingSecrets: ['sign-me-please-0123'],
          },
        ],
      }),
    );
    if (!file.ok) throw new Error(file.problems.join());
    const h = await createHarness({ keysFile: file.data });
    try {
      const body = encodeBatch(batch('sig', [validEvent('sig', 1)]));
      const t = Math.floor(TEST_NOW_MS / 1000);
      expect(await h.send(body, { key: 'server-key' })).toMatchObject({ ok: false, code: 'GP_AUTH_SIGNATURE_MISSING' });
      expect(await h.send(body, { key: 'server-key', signature: signBody('wrong-secret-000000', t, body) })).toMatchObject({
        code: 'GP_AUTH_SIGNATURE_INVALID',
      });
      expect(await h.send(body, { key: 'server-key', signature: signBody('sign-me-please-0123', t - 3600, body) })).toMatchObject({
        code: 'GP_AUTH_SIGNATURE_EXPIRED',
      });
      expect(await h.send(body, { key: 'server-key', signature: signBody('sign-me-please-0123', t, body) })).toMatchObject({
        ok: true,
        keyId: 'srv',
      });
    } finally {
      await h.dispose();
    }
  });

  it('corrects impossible event times in the record (client_ts_ms appended, unknown fields kept); plausible ones untouched', async () => {
    const h = await createHarness();
    try {
      const id = 'inst-time';
      const future = validEvent(id, 1, { clientTsMs: TEST_NOW_MS + 7_200_000 });
      const fine = validEvent(id, 2);
      const reset = validEvent(id, 3, { clientTsMs: 86_400_000 });
      const b = batch(id, [future, fine, reset], { sentAtMs: TEST_NOW_MS + 7_200_000 + 1000, clockOffsetMs: -7_200_000 });
      const ack = await h.send(encodeBatch(b));
      expect(ack).toMatchObject({ ok: true, ack: { accepted: 3 } });
      const [record] = await h.events();
      expect(record!.events!.map((e) => e.clientTsMs)).toEqual([TEST_NOW_MS, fine.clientTsMs, TEST_NOW_MS]);
      // Every event as re-read from the log passes the shared validation.
      for (const e of record!.events!) expect(validateEvent(e, id, true)).toBeUndefined();
      const metric = await h.registry.getSingleMetric('gamepulse_collector_event_time_corrections_total')!.get();
      expect(metric.values.map((v) => `${v.labels.reason}/${v.labels.method}=${v.value}`).sort()).toEqual([
        'future/clock_offset=1',
        'past/received_at=1',
      ]);
      // The corrected event is the received bytes + one field: the raw prefix is intact.
      const raw = (await readTopic(h.log, h.deps.topics.events))[0]!.value;
      const events = IngestedBatch.decode(raw).events;
      expect(Event.decode(Event.encode(events[0]!).finish()).clientTsMs).toBe(TEST_NOW_MS);
    } finally {
      await h.dispose();
    }
  });

  it('enriches the batch context (country from the IP, platform from the user agent) and accepts JSON and auto-detected gzip', async () => {
    const h = await createHarness({
      deps: { enricher: createEnricher({ geo: (ip) => (ip === '81.2.69.142' ? { country: 'GB', region: 'ENG' } : undefined) }) },
    });
    try {
      const id = 'inst-enrich';
      const b = batch(id, [validEvent(id, 1)], { context: { build: '1' } });
      const ua =
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
      expect(
        await h.send(gzipSync(encodeBatch(b)), { contentEncoding: 'auto', remote: { ip: '81.2.69.142', userAgent: ua } }),
      ).toMatchObject({ ok: true });
      const json = JSON.stringify({ ...b, batchSequence: 2, events: [{ ...validEvent(id, 2), clientTsMs: String(TEST_NOW_MS - 5) }] });
      expect(await h.send(new TextEncoder().encode(json), { format: 'json', remote: { ip: '10.0.0.1' } })).toMatchObject({
        ok: true,
        ack: { batchSequence: 2, accepted: 1 },
      });
      const records = await h.events();
      expect(records[0]!.context).toEqual({ gameId: 'demo', build: '1', country: 'GB', platform: 'web', os: 'iOS 17.0', device: 'iPhone' });
      expect(records[1]!.context).toEqual({ gameId: 'demo', build: '1' });
      expect(JSON.stringify(records)).not.toContain('81.2.69'); // the IP is not stored
    } finally {
      await h.dispose();
    }
  });
});
