import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchDigest, Event, type EventData } from '@gamepulse/proto';
import type { LogProducer } from '@gamepulse/log';
import { COLLECTOR_ERRORS, type CollectorErrorCode } from '../errors.ts';
import { batch, encodeBatch, gzipBatch, TEST_NOW_MS, validEvent } from '../testing/batches.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { readTopic } from '@gamepulse/testkit';
import type { IngestInput, IngestResult } from './types.ts';
import { appendLengthDelimited } from './wire.ts';

const MiB = 1024 * 1024;

function expectAck(result: IngestResult) {
  if (!result.ok) throw new Error(`expected an ack, got ${result.code}: ${result.message}`);
  return result.ack;
}

function expectRefused(result: IngestResult, code: CollectorErrorCode, httpStatus: number) {
  if (result.ok) throw new Error(`expected ${code}, got an ack`);
  expect(result.code).toBe(code);
  expect(COLLECTOR_ERRORS[result.code].httpStatus).toBe(httpStatus);
  expect(result.retryable).toBe(COLLECTOR_ERRORS[code].retryable);
  return result;
}

/** What the decoded event on the log must equal: the sent event, int64s as numbers. */
function asLogged(e: EventData): Record<string, unknown> {
  return Event.toObject(Event.decode(Event.encode(e).finish()), { longs: Number });
}

describe('collector/pipeline/ingestBatch', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.dispose());

  /** A good request after a bad one: the pipeline keeps serving and the log takes it. */
  async function expectStillServing(installId: string) {
    const before = await h.counts();
    const ack = expectAck(await h.send(gzipBatch(batch(installId, [validEvent(installId, 1)])), { contentEncoding: 'gzip' }));
    expect(ack.accepted).toBe(1);
    expect((await h.counts()).events).toBe(before.events + 1);
  }

  describe('accepted batches', () => {
    it('appends a gzip batch as one enriched IngestedBatch keyed by install id, acked after the append', async () => {
      const events = [validEvent('inst-ok', 1), validEvent('inst-ok', 2), validEvent('inst-ok', 3)];
      const before = await h.counts();
      const ack = expectAck(await h.send(gzipBatch(batch('inst-ok', events, { batchSequence: 7 })), { contentEncoding: 'gzip' }));
      expect(ack).toEqual({ batchSequence: 7, accepted: 3, rejected: [], serverTimeMs: TEST_NOW_MS });
      expect(await h.counts()).toEqual({ events: before.events + 1, deadLetters: before.deadLetters });

      const logged = (await h.events()).filter((b) => b.installId === 'inst-ok');
      expect(logged).toHaveLength(1);
      const [record] = logged;
      expect(record!.recordKey).toBe('inst-ok');
      expect(record!.batchSequence).toBe(7);
      expect(record!.context).toEqual({ gameId: 'demo', build: '1.0.0', platform: 'web', sdkVersion: 'js/0.1.0' });
      expect(record!.receivedAtMs).toBe(TEST_NOW_MS);
      expect(record!.clockSkewMs).toBe(250); // sent_at is TEST_NOW_MS - 250
      expect(record!.keyId).toBe('k1');
      expect(record!.rejected ?? 0).toBe(0);
      expect(record!.events).toEqual(events.map(asLogged));
    });

    it('accepts an uncompressed body and a batch without sent_at (skew 0)', async () => {
      const ack = expectAck(await h.send(encodeBatch(batch('inst-identity', [validEvent('inst-identity', 1)], { sentAtMs: 0 }))));
      expect(ack.accepted).toBe(1);
      const [record] = (await h.events()).filter((b) => b.installId === 'inst-identity');
      expect(record!.clockSkewMs ?? 0).toBe(0);
    });

    it('accepts 64-bit fields left at zero (absent on the wire), e.g. a session_end of length 0', async () => {
      const id = 'inst-zero';
      const events = [
        validEvent(id, 1, { progression: null, sessionEnd: { lengthMs: 0 } }),
        validEvent(id, 2, { progression: { status: 1, tier1: 'w1', score: 0 } }),
      ];
      expect(expectAck(await h.send(encodeBatch(batch(id, events))))).toMatchObject({ accepted: 2, rejected: [] });
    });

    it('keeps the context game_id when it is the key’s game', async () => {
      const b = batch('inst-same-game', [validEvent('inst-same-game', 1)], { context: { gameId: 'demo', platform: 'ios' } });
      expectAck(await h.send(encodeBatch(b)));
      const [record] = (await h.events()).filter((r) => r.installId === 'inst-same-game');
      expect(record!.context).toEqual({ gameId: 'demo', platform: 'ios' });
    });

    it('forwards events as received, so fields unknown to this collector reach the log', async () => {
      const event = validEvent('inst-unknown-field', 1);
      // Field 99, wire type 2 (length-delimited), 3 bytes "new": what a newer SDK might add.
      const extra = new Uint8Array([0x9a, 0x06, 0x03, 0x6e, 0x65, 0x77]);
      const eventBytes = new Uint8Array([...Event.encode(event).finish(), ...extra]);
      const body = appendLengthDelimited(encodeBatch(batch('inst-unknown-field', [])), 5, [eventBytes]);
      expect(expectAck(await h.send(body)).accepted).toBe(1);
      const records = await readTopic(h.log, h.deps.topics.events);
      const raw = records.find((r) => r.key === 'inst-unknown-field')!.value;
      expect(Buffer.from(raw).includes(Buffer.from(eventBytes))).toBe(true);
    });
  });

  describe('partial success', () => {
    it('appends the valid events, answers a Rejection per invalid one and dead-letters it with its code', async () => {
      const id = 'inst-partial';
      const good1 = validEvent(id, 1);
      const badCurrency = validEvent(id, 2, { progression: null, purchase: { currency: 'usd', amountMinor: 499, itemType: 'gems' } });
      const good2 = validEvent(id, 3, { progression: null, purchase: { currency: 'USD', amountMinor: 499, itemType: 'gems' } });
      const badId = validEvent(id, 4, { eventId: 'not-a-uuid' });
      const otherGame = validEvent(id, 5, { context: { gameId: 'other' } });
      const wrongInstall = validEvent('someone-else', 6);
      const before = await h.counts();
      const ack = expectAck(
        await h.send(gzipBatch(batch(id, [good1, badCurrency, good2, badId, otherGame, wrongInstall])), { contentEncoding: 'gzip' }),
      );

      expect(ack.accepted).toBe(2);
      /* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any */
      expect(ack.rejected).toEqual([
        { index: 1, code: 'GP_EVENT_CURRENCY_INVALID', field: 'purchase.currency', message: expect.any(String) },
        { index: 3, code: 'GP_EVENT_ID_INVALID', field: 'event_id', message: expect.any(String) },
        { index: 4, code: 'GP_EVENT_CONTEXT_INVALID', field: 'context.game_id', message: expect.stringContaining('ingest key') },
        { index: 5, code: 'GP_EVENT_INSTALL_ID_INVALID', field: 'install_id', message: expect.any(String) },
      ]);
      /* eslint-enable @typescript-eslint/no-unsafe-assignment */
      expect(await h.counts()).toEqual({ events: before.events + 1, deadLetters: before.deadLetters + 4 });

      const [record] = (await h.events()).filter((b) => b.installId === id);
      expect(record!.events).toEqual([good1, good2].map(asLogged));
      expect(record!.rejected).toBe(4);

      const letters = (await h.deadLetters()).slice(before.deadLetters);
      expect(letters.map((l) => l.code)).toEqual([
        'GP_EVENT_CURRENCY_INVALID',
        'GP_EVENT_ID_INVALID',
        'GP_EVENT_CONTEXT_INVALID',
        'GP_EVENT_INSTALL_ID_INVALID',
      ]);
      for (const l of letters) {
        expect(l.recordKey).toBe(id);
        expect(l.keyId).toBe('k1');
        expect(l.source).toBe('collector');
        expect(l.receivedAtMs).toBe(TEST_NOW_MS);
        expect(l.message).toBeTruthy();
      }
      // `raw` is the rejected event as received.
      expect(letters.map((l) => Event.decode(l.raw!).eventId)).toEqual([badCurrency, badId, otherGame, wrongInstall].map((e) => e.eventId));
      expect(Event.toObject(Event.decode(letters[0]!.raw!), { longs: Number })).toEqual(asLogged(badCurrency));

      const rejectedMetric = await h.registry.getSingleMetric('gamepulse_collector_events_rejected_total')!.get();
      expect(rejectedMetric.values.find((v) => v.labels.code === 'GP_EVENT_CURRENCY_INVALID')?.value).toBeGreaterThanOrEqual(1);
    });

    it('stamps the digest of every received event id (rejected ones too) and passes stream and split parent through', async () => {
      const id = 'inst-identity-dedup';
      const events = [validEvent(id, 1), validEvent(id, 2, { eventId: 'not-a-uuid' }), validEvent(id, 3)];
      const identity = { streamId: 2 ** 52 + 17, splitOfSequence: 41, splitParentDigest: 0xdeadbeef };
      expectAck(await h.send(encodeBatch(batch(id, events, { batchSequence: 42, ...identity }))));
      expectAck(await h.send(encodeBatch(batch(id, events.slice(0, 1), { batchSequence: 43 }))));
      const records = (await h.events()).filter((b) => b.installId === id);
      expect(records).toHaveLength(2);
      expect(records[0]!.events).toHaveLength(2); // the invalid id is rejected, yet in the digest
      expect(records[0]).toMatchObject({ ...identity, batchDigest: batchDigest(events.map((e) => e.eventId!)) });
      expect(records[1]!.batchDigest).toBe(batchDigest([events[0]!.eventId!]));
      expect(records[1]!.batchDigest).not.toBe(records[0]!.batchDigest);
      // An SDK without stream ids or splits: the fields stay unset (0).
      expect([records[1]!.streamId ?? 0, records[1]!.splitOfSequence ?? 0, records[1]!.splitParentDigest ?? 0]).toEqual([0, 0, 0]);
    });

    it('acks a batch with no valid event (accepted 0), writes nothing to the events topic but the dead letters', async () => {
      const id = 'inst-all-bad';
      const before = await h.counts();
      const ack = expectAck(
        await h.send(encodeBatch(batch(id, [validEvent(id, 1, { sequence: 0 }), validEvent(id, 2, { clientTsMs: 0 })]))),
      );
      expect(ack.accepted).toBe(0);
      expect(ack.rejected!.map((r) => r.code)).toEqual(['GP_EVENT_SEQUENCE_INVALID', 'GP_EVENT_TIMESTAMP_INVALID']);
      expect(await h.counts()).toEqual({ events: before.events, deadLetters: before.deadLetters + 2 });
    });

    it('acks an empty batch without writing anything', async () => {
      const before = await h.counts();
      const ack = expectAck(await h.send(encodeBatch(batch('inst-empty', []))));
      expect(ack.accepted).toBe(0);
      expect(ack.rejected).toEqual([]);
      expect(await h.counts()).toEqual(before);
    });
  });

  describe('refused requests: status, code, nothing written, and the next good request succeeds', () => {
    const good = () => encodeBatch(batch('inst-x', [validEvent('inst-x', 1)]));
    const cases: Array<{
      name: string;
      input: () => Partial<IngestInput> & { body: Uint8Array };
      code: CollectorErrorCode;
      status: number;
    }> = [
      { name: 'missing key', input: () => ({ body: good(), key: undefined }), code: 'GP_AUTH_KEY_MISSING', status: 401 },
      { name: 'empty key', input: () => ({ body: good(), key: '' }), code: 'GP_AUTH_KEY_MISSING', status: 401 },
      { name: 'unknown key', input: () => ({ body: good(), key: 'no-such-key' }), code: 'GP_AUTH_KEY_INVALID', status: 403 },
      {
        name: 'oversized uncompressed body',
        input: () => ({ body: new Uint8Array(MiB + 1) }),
        code: 'GP_BODY_TOO_LARGE',
        status: 413,
      },
      {
        name: 'oversized compressed body',
        // Random bytes do not compress: the gzip is larger than 1 MiB.
        input: () => ({ body: gzipSync(randomBytes(MiB + 64)), contentEncoding: 'gzip' }),
        code: 'GP_BODY_TOO_LARGE',
        status: 413,
      },
      {
        name: 'gzip that inflates past the ratio limit',
        input: () => ({ body: gzipSync(Buffer.alloc(2 * MiB)), contentEncoding: 'gzip' }),
        code: 'GP_BODY_DECOMPRESSED_TOO_LARGE',
        status: 413,
      },
      {
        name: 'transport-decompressed message over the cap',
        input: () => ({ body: new Uint8Array(8 * MiB + 1), decompressedByTransport: true }),
        code: 'GP_BODY_DECOMPRESSED_TOO_LARGE',
        status: 413,
      },
      {
        name: 'gzip encoding on a plain body',
        input: () => ({ body: good(), contentEncoding: 'gzip' }),
        code: 'GP_BODY_DECOMPRESS_FAILED',
        status: 400,
      },
      {
        name: 'truncated gzip',
        input: () => ({ body: gzipSync(good()).subarray(0, 20), contentEncoding: 'gzip' }),
        code: 'GP_BODY_DECOMPRESS_FAILED',
        status: 400,
      },
      {
        name: 'malformed protobuf',
        input: () => ({ body: new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xff]) }),
        code: 'GP_BODY_DECODE_FAILED',
        status: 400,
      },
      { name: 'truncated protobuf', input: () => ({ body: good().subarray(0, 30) }), code: 'GP_BODY_DECODE_FAILED', status: 400 },
      {
        name: 'missing install_id',
        input: () => ({ body: encodeBatch(batch('', [validEvent('inst-x', 1)])) }),
        code: 'GP_BATCH_INVALID',
        status: 400,
      },
      {
        name: 'batch_sequence 0',
        input: () => ({ body: encodeBatch(batch('inst-x', [validEvent('inst-x', 1)], { batchSequence: 0 })) }),
        code: 'GP_BATCH_INVALID',
        status: 400,
      },
      {
        name: 'invalid batch context',
        input: () => ({ body: encodeBatch(batch('inst-x', [validEvent('inst-x', 1)], { context: { country: 'usa' } })) }),
        code: 'GP_BATCH_INVALID',
        status: 400,
      },
      {
        name: 'more events than LIMITS.batchMaxEvents',
        input: () => ({
          body: encodeBatch(
            batch(
              'inst-x',
              Array.from({ length: 1001 }, (_, i) => validEvent('inst-x', i + 1)),
            ),
          ),
        }),
        code: 'GP_BATCH_TOO_MANY_EVENTS',
        status: 400,
      },
      {
        name: "batch context for another game than the key's",
        input: () => ({ body: encodeBatch(batch('inst-x', [validEvent('inst-x', 1)], { context: { gameId: 'other' } })) }),
        code: 'GP_AUTH_GAME_MISMATCH',
        status: 403,
      },
      {
        name: "other game's key on this game's batch",
        input: () => ({ body: encodeBatch(batch('inst-x', [validEvent('inst-x', 1)], { context: { gameId: 'demo' } })), key: 'other-key' }),
        code: 'GP_AUTH_GAME_MISMATCH',
        status: 403,
      },
    ];

    for (const c of cases) {
      it(`${c.name} → ${c.status} ${c.code}`, async () => {
        const before = await h.counts();
        const { body, ...rest } = c.input();
        expectRefused(await h.send(body, rest), c.code, c.status);
        expect(await h.counts()).toEqual(before);
        await expectStillServing(`after-${c.code}-${c.name.replace(/\W+/g, '-')}`);
      });
    }
  });
});

describe('collector/pipeline/ingestBatch when the log fails', () => {
  it('a closed log → 503 GP_LOG_UNAVAILABLE with Retry-After, never an ack', async () => {
    const h = await createHarness();
    try {
      await h.log.close();
      const result = expectRefused(
        await h.send(encodeBatch(batch('inst-closed', [validEvent('inst-closed', 1)]))),
        'GP_LOG_UNAVAILABLE',
        503,
      );
      expect(result.retryAfterS).toBe(2);
      expect(result.message).toContain('GP_LOG_CLOSED');
    } finally {
      await h.dispose();
    }
  });

  it('a record larger than the log takes → 413 GP_LOG_RECORD_TOO_LARGE (the SDK splits the batch)', async () => {
    const h = await createHarness({ logOptions: { maxRecordBytes: 2048 } });
    try {
      const events = Array.from({ length: 40 }, (_, i) => validEvent('inst-big', i + 1));
      expectRefused(await h.send(encodeBatch(batch('inst-big', events))), 'GP_LOG_RECORD_TOO_LARGE', 413);
      expect((await h.counts()).events).toBe(0);
      expect(expectAck(await h.send(encodeBatch(batch('inst-big', events.slice(0, 2))))).accepted).toBe(2);
    } finally {
      await h.dispose();
    }
  });

  // Fault injection over the real log's producer: the embedded log cannot be made to
  // time out on demand, so these wrappers return the failures a Kafka broker would.
  it('a retryable failure on either topic → 503 GP_LOG_UNAVAILABLE; the next append succeeds', async () => {
    let failTopic: string | undefined;
    const h = await createHarness({
      producer: (real): LogProducer => ({
        append: (topic, records) =>
          topic === failTopic
            ? Promise.resolve({ ok: false, code: 'GP_LOG_TIMEOUT', message: 'broker did not answer', retryable: true })
            : real.append(topic, records),
      }),
    });
    try {
      const id = 'inst-flaky';
      const body = encodeBatch(batch(id, [validEvent(id, 1), validEvent(id, 2, { eventId: 'bad' })]));
      for (const topic of [h.deps.topics.events, h.deps.topics.deadLetter]) {
        failTopic = topic;
        const result = expectRefused(await h.send(body), 'GP_LOG_UNAVAILABLE', 503);
        expect(result.retryAfterS).toBe(2);
      }
      failTopic = undefined;
      expect(expectAck(await h.send(body)).accepted).toBe(1);
    } finally {
      await h.dispose();
    }
  });

  it('a non-retryable log failure → 500 GP_LOG_WRITE_FAILED (retryable for the client: its batch is fine)', async () => {
    const h = await createHarness({
      producer: (): LogProducer => ({ append: () => Promise.reject(new Error('bug in a log implementation')) }),
    });
    try {
      expectRefused(await h.send(encodeBatch(batch('inst-bug', [validEvent('inst-bug', 1)]))), 'GP_LOG_WRITE_FAILED', 500);
    } finally {
      await h.dispose();
    }
  });
});
