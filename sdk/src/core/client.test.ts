import { describe, expect, it } from 'vitest';
import { EVENT_CODES, UUID_PATTERN } from '@gamepulse/proto';
import type { Clock } from './clock.ts';
import { createManualClock } from './manual-clock.ts';
import { createMemoryStorage } from './memory-storage.ts';
import type { LoadedStorage, Storage } from './storage.ts';
import { decodeBatch } from '../testing/fake-transport.ts';
import { createTestClient } from '../testing/test-client.ts';

const START = Date.UTC(2025, 0, 1);

describe('core/client', () => {
  describe('track()', () => {
    it('never throws into the game: invalid calls are dropped, counted by code and reported', async () => {
      const { gp, debug, transport, clock } = createTestClient({
        options: {
          onDebug: () => {
            throw new Error('a broken debug callback must not matter either');
          },
        },
      });
      const t = createTestClient();
      for (const c of [gp, t.gp]) {
        const bad: Array<() => void> = [
          () => c.track(null as never),
          () => c.track(42 as never),
          () => c.track({} as never),
          () => c.track({ purchase: { currency: 'usd', amountMinor: 100, itemType: 'gems' } }),
          () => c.track({ purchase: { currency: 'EUR', amountMinor: 1, itemType: 'x' }, design: { eventId: 'a' } } as never),
          () => c.purchase(undefined as never),
          () => c.purchase({ currency: 'USD', amountMinor: -5, itemType: 'gems' }),
          () => c.progression.start(''),
          () => c.progression.fail('w1', undefined, 'phase3'),
          () => c.design('a:b:c:d:e:f'),
          () => c.design('ok', Number.NaN),
          () => c.error('fatal' as never, 'x'),
          () => c.error('error', 'm'.repeat(9000)),
          () => c.ad({ action: 'watched' as never }),
          () => c.resource.source('gold', 0, 'reward'),
          () => c.featureUsed(''),
          () => c.track({ featureUse: { feature: 'map' } }, { 'Bad Key': 'v' }),
          () => c.identify(''),
          () => c.session.end(),
        ];
        for (const call of bad) expect(call).not.toThrow();
        c.featureUsed('map'); // a good one still goes through
      }
      await t.gp.flush();
      await gp.flush();
      expect(debug).toHaveLength(0); // the throwing callback received them, harmlessly
      expect(t.debug.map((m) => m.code)).toEqual([
        'GP_EVENT_PAYLOAD_MISSING',
        'GP_EVENT_PAYLOAD_MISSING',
        'GP_EVENT_PAYLOAD_MISSING',
        'GP_EVENT_CURRENCY_INVALID',
        'GP_EVENT_PAYLOAD_MISSING',
        'GP_SDK_INVALID_CALL',
        'GP_EVENT_AMOUNT_INVALID',
        'GP_EVENT_PROGRESSION_INVALID',
        'GP_EVENT_PROGRESSION_INVALID',
        'GP_EVENT_DESIGN_ID_INVALID',
        'GP_EVENT_VALUE_INVALID',
        'GP_EVENT_SEVERITY_INVALID',
        'GP_EVENT_MESSAGE_TOO_LONG',
        'GP_EVENT_AD_ACTION_INVALID',
        'GP_EVENT_AMOUNT_INVALID',
        'GP_EVENT_NAME_INVALID',
        'GP_EVENT_CUSTOM_INVALID',
        'GP_EVENT_PLAYER_ID_INVALID',
        'GP_SDK_SESSION_NOT_ACTIVE',
      ]);
      const currency = t.debug.find((m) => m.code === 'GP_EVENT_CURRENCY_INVALID')!;
      expect(currency).toMatchObject({
        level: 'warn',
        field: 'purchase.currency',
        message: 'GP_EVENT_CURRENCY_INVALID (purchase.currency)',
      });
      expect(EVENT_CODES.GP_EVENT_CURRENCY_INVALID).toBeTruthy(); // described in @gamepulse/proto and the README
      expect(t.gp.stats().droppedByReason).toEqual({
        GP_EVENT_PAYLOAD_MISSING: 4,
        GP_EVENT_CURRENCY_INVALID: 1,
        GP_EVENT_AMOUNT_INVALID: 2,
        GP_EVENT_PROGRESSION_INVALID: 2,
        GP_EVENT_DESIGN_ID_INVALID: 1,
        GP_EVENT_VALUE_INVALID: 1,
        GP_EVENT_SEVERITY_INVALID: 1,
        GP_EVENT_MESSAGE_TOO_LONG: 1,
        GP_EVENT_AD_ACTION_INVALID: 1,
        GP_EVENT_NAME_INVALID: 1,
        GP_EVENT_CUSTOM_INVALID: 1,
      });
      // Only the valid events were sent, with contiguous sequences: a dropped call uses none.
      const sent = t.transport.attempts.flatMap((a) => decodeBatch(a.bytes).events);
      expect(sent.map((e) => e.payload ?? Object.keys(e).find((k) => k === 'sessionStart' || k === 'featureUse'))).toEqual([
        'sessionStart',
        'featureUse',
      ]);
      expect(sent.map((e) => e.sequence)).toEqual([1, 2]);
      expect(transport.attempts.length).toBe(1);
      void clock;
    });

    it('stamps each event and puts the context on the batch, not on the events', async () => {
      const { gp, transport, clock } = createTestClient({ options: { locale: 'pt-BR' } });
      await gp.ready;
      gp.session.start();
      await clock.advance(1_500);
      gp.purchase({ currency: 'BRL', amountMinor: 990, itemType: 'gem_pack', itemId: 'gems_500', transactionId: 'T-1' });
      gp.identify('player-77');
      gp.progression.complete('world1', 'level3', undefined, { attempt: 2, score: 1200 });
      await gp.flush();
      const batch = decodeBatch(transport.attempts[0]!.bytes);
      expect(batch.installId).toBe(gp.installId);
      expect(batch.batchSequence).toBe(1);
      expect(batch.context).toEqual({ gameId: 'space_miner', build: '1.2.3', platform: 'server', locale: 'pt-BR', sdkVersion: 'js/0.1.0' });
      const [start, purchase, progression] = batch.events;
      for (const e of batch.events) {
        expect(e.context).toBeUndefined();
        expect(e.installId).toBe(gp.installId);
        expect(e.eventId).toMatch(UUID_PATTERN);
        expect(e.sessionId).toBe(start!.sessionId);
        expect(e.sessionNumber).toBe(1);
      }
      expect(batch.events.map((e) => e.sequence)).toEqual([1, 2, 3]);
      expect(batch.events.map((e) => e.clientTsMs)).toEqual([START, START + 1_500, START + 1_500]);
      expect(purchase).toMatchObject({
        playerId: gp.installId,
        purchase: { currency: 'BRL', amountMinor: 990, itemType: 'gem_pack', itemId: 'gems_500', transactionId: 'T-1' },
      });
      expect(progression).toMatchObject({
        playerId: 'player-77',
        progression: { status: 2, tier1: 'world1', tier2: 'level3', attempt: 2, score: 1200 },
      });
      expect(start!.eventId < purchase!.eventId && purchase!.eventId < progression!.eventId).toBe(true);
    });

    it('records a refund as a game server does on a store notification; an invalid one is dropped with its code', async () => {
      const { gp, transport } = createTestClient();
      await gp.ready;
      gp.identify('player-9');
      gp.refund({
        currency: 'EUR',
        amountMinor: 499,
        transactionId: 'GPA.3342-1',
        reason: 'chargeback',
        store: 'google',
        itemType: 'gem_pack',
      });
      gp.refund({ currency: 'EUR', amountMinor: 499, transactionId: '', reason: 'refund' });
      gp.refund({ currency: 'EUR', amountMinor: 499, transactionId: 'T-2', reason: 'dispute' as never });
      await gp.flush();
      const refunds = transport.attempts.flatMap((a) => decodeBatch(a.bytes).events).filter((e) => e.refund);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]).toMatchObject({
        playerId: 'player-9',
        refund: { currency: 'EUR', amountMinor: 499, transactionId: 'GPA.3342-1', reason: 2, store: 'google', itemType: 'gem_pack' },
      });
      expect(gp.stats().droppedByReason).toEqual({ GP_EVENT_REFUND_TRANSACTION_INVALID: 1, GP_EVENT_REFUND_REASON_INVALID: 1 });
    });

    it('starts a session implicitly, numbers sessions, and times session_end on the monotonic clock', async () => {
      const manual = createManualClock(START);
      let wallJumpMs = 0;
      // The player moves the device clock back an hour mid-session: length must not care.
      const clock: Clock = { ...manual, now: () => manual.now() + wallJumpMs };
      const { gp, transport } = createTestClient({ clock: manual, options: { clock } });
      gp.featureUsed('map'); // no session yet: one is started first
      await manual.advance(90_000);
      wallJumpMs = -3_600_000;
      gp.session.start(); // ends the running session first
      await manual.advance(30_000);
      gp.session.end();
      await gp.flush();
      const events = transport.attempts.flatMap((a) => decodeBatch(a.bytes).events);
      const kinds = events.map((e) => ['sessionStart', 'sessionEnd', 'featureUse'].find((k) => k in e));
      expect(kinds).toEqual(['sessionStart', 'featureUse', 'sessionEnd', 'sessionStart', 'sessionEnd']);
      expect(events.map((e) => e.sessionNumber)).toEqual([1, 1, 1, 2, 2]);
      expect(events[2]!.sessionEnd).toEqual({ lengthMs: 90_000 });
      expect(events[4]!.sessionEnd).toEqual({ lengthMs: 30_000 });
      expect(events[3]!.sessionId).not.toBe(events[0]!.sessionId);
    });

    it('buffers calls made before storage is loaded, with the time they were made', async () => {
      let release!: () => void;
      const inner = createMemoryStorage();
      const slow: Storage = {
        ...inner,
        persistent: false,
        load: () => new Promise<LoadedStorage>((resolve) => (release = () => void inner.load().then(resolve))),
      };
      const { gp, transport, clock } = createTestClient({ storage: slow });
      gp.session.start();
      await clock.advance(2_000);
      gp.design('boot:loaded', 2.5);
      expect(gp.installId).toBeUndefined();
      expect(gp.stats().queued).toBe(2);
      release();
      await gp.ready;
      await gp.flush();
      const events = transport.attempts.flatMap((a) => decodeBatch(a.bytes).events);
      expect(events.map((e) => e.clientTsMs)).toEqual([START, START + 2_000]);
      expect(events[1]!.design).toEqual({ eventId: 'boot:loaded', value: 2.5 });
    });

    it('drops calls beyond maxBufferedBeforeReady', async () => {
      const never: Storage = { ...createMemoryStorage(), load: () => new Promise(() => {}) };
      const { gp } = createTestClient({ storage: never, options: { maxBufferedBeforeReady: 3 } });
      for (let i = 0; i < 5; i++) gp.featureUsed('x');
      expect(gp.stats()).toMatchObject({ queued: 3, droppedByReason: { GP_SDK_QUEUE_FULL: 2 } });
    });
  });

  describe('queue budget', () => {
    it('drops the newest events with GP_SDK_QUEUE_FULL once unsent bytes reach maxQueueBytes', async () => {
      const { gp, transport, clock, debug } = createTestClient({
        options: { maxBatchBytes: 4_096, maxQueueBytes: 4_096, maxBatchEvents: 1000 },
      });
      transport.respond(() => new Promise(() => {})); // the collector never answers
      await gp.ready;
      for (let i = 0; i < 200; i++) gp.track({ featureUse: { feature: `feature_${i}` } }, { note: 'x'.repeat(40) });
      await clock.settle();
      const { droppedByReason, queued, inFlight } = gp.stats();
      expect(droppedByReason.GP_SDK_QUEUE_FULL).toBeGreaterThan(100);
      expect(queued + inFlight + droppedByReason.GP_SDK_QUEUE_FULL!).toBe(201); // + session_start
      expect(debug.filter((m) => m.code === 'GP_SDK_QUEUE_FULL')).toHaveLength(droppedByReason.GP_SDK_QUEUE_FULL!);
    });

    it('drops an event that alone cannot fit a batch as GP_SDK_EVENT_TOO_LARGE', async () => {
      const { gp } = createTestClient({ options: { maxBatchBytes: 4_096 } });
      await gp.ready;
      gp.error('error', 'e'.repeat(5_000));
      expect(gp.stats().droppedByReason).toEqual({ GP_SDK_EVENT_TOO_LARGE: 1 });
    });
  });

  describe('flush() and shutdown()', () => {
    it('flush resolves after flushTimeoutMs when the collector is down, and reports it', async () => {
      const { gp, transport, clock, debug } = createTestClient({ options: { flushTimeoutMs: 5_000 } });
      transport.respond(() => ({ ok: false, retryable: true, status: 503, code: 'GP_SDK_HTTP_STATUS' }));
      gp.featureUsed('map');
      let done = false;
      const flushed = gp.flush().then(() => (done = true));
      await clock.advance(4_999);
      expect(done).toBe(false);
      await clock.advance(1);
      await flushed;
      expect(debug.find((m) => m.code === 'GP_SDK_FLUSH_TIMEOUT')).toMatchObject({ level: 'warn', events: 2 });
      expect(gp.stats()).toMatchObject({ inFlight: 2, sentBatches: 0 });
      expect(gp.stats().retries).toBeGreaterThan(0);
    });

    it('shutdown ends the session, flushes, closes the transport, is safe twice, and drops later calls', async () => {
      const { gp, transport, clock } = createTestClient();
      gp.session.start();
      const first = gp.shutdown();
      const second = gp.shutdown();
      expect(second).toBe(first);
      await clock.runAll();
      await first;
      expect(transport.closed).toBe(true);
      const events = transport.attempts.flatMap((a) => decodeBatch(a.bytes).events);
      expect(events.map((e) => ('sessionEnd' in e ? 'end' : 'start'))).toEqual(['start', 'end']);
      gp.featureUsed('late');
      expect(gp.stats().droppedByReason).toEqual({ GP_SDK_SHUTDOWN: 1 });
      await gp.shutdown();
      await gp.flush();
    });
  });
});
