/**
 * Delivery on a manual clock: when batches are cut (count, bytes, interval, flush),
 * 413 splitting, the clock offset from acknowledgements, crash survival through the
 * journal, and circuit breaking / offline pauses through the client.
 */
import { describe, expect, it } from 'vitest';
import { createManualClock } from './manual-clock.ts';
import { batchDigest } from '@gamepulse/proto';
import { createMemoryStorage, type MemoryStorage } from './memory-storage.ts';
import type { Connectivity } from './connectivity.ts';
import type { ClientInternals } from './client.ts';
import type { SendLock } from './lock.ts';
import type { SendResult } from './transport.ts';
import { ackFor, createFakeTransport, decodeBatch } from '../testing/fake-transport.ts';
import { createTestClient } from '../testing/test-client.ts';

const tooLarge: SendResult = {
  ok: false,
  retryable: false,
  status: 413,
  code: 'GP_SDK_HTTP_STATUS',
  tooLarge: true,
  serverCode: 'GP_BODY_TOO_LARGE',
};
const unavailable: SendResult = { ok: false, retryable: true, status: 503, code: 'GP_SDK_HTTP_STATUS' };

function events(bytes: Uint8Array) {
  return decodeBatch(bytes).events;
}

describe('core/delivery batching', () => {
  it('cuts a batch when maxBatchEvents are queued, after the current call returns', async () => {
    const { gp, transport, clock } = createTestClient({ options: { maxBatchEvents: 10 } });
    await gp.ready;
    for (let i = 0; i < 9; i++) gp.featureUsed(`f${i}`); // + session_start = 10
    expect(transport.attempts).toHaveLength(0); // not inside track()
    await clock.settle();
    expect(transport.attempts.map((a) => a.eventCount)).toEqual([10]);
  });

  it('cuts what is queued flushIntervalMs after the first event, and nothing earlier', async () => {
    const { gp, transport, clock } = createTestClient({ options: { flushIntervalMs: 2_000 } });
    await gp.ready;
    gp.featureUsed('a');
    await clock.advance(1_999);
    expect(transport.attempts).toHaveLength(0);
    await clock.advance(1);
    expect(transport.attempts.map((a) => a.eventCount)).toEqual([2]);
  });

  it('cuts by bytes: no batch exceeds maxBatchBytes', async () => {
    const { gp, transport } = createTestClient({ options: { maxBatchBytes: 4_096 } });
    await gp.ready;
    for (let i = 0; i < 60; i++) gp.track({ featureUse: { feature: 'f' } }, { note: 'x'.repeat(200) });
    await gp.flush();
    expect(transport.attempts.length).toBeGreaterThan(3);
    for (const a of transport.attempts) expect(a.bytes.length).toBeLessThanOrEqual(4_096);
    expect(transport.attempts.reduce((n, a) => n + a.eventCount, 0)).toBe(61);
  });
});

describe('core/delivery 413 splitting', () => {
  it('splits a refused batch in halves with new sequences, down to one event, and drops a lone oversize event', async () => {
    // The "collector" refuses any batch with more than 2 events, and the event tagged big.
    const transport = createFakeTransport((batch) => {
      const evs = events(batch.bytes);
      if (evs.length > 2 || evs.some((e) => e.custom?.big)) return tooLarge;
      return ackFor(batch);
    });
    const { gp, debug } = createTestClient({ transport });
    await gp.ready;
    for (let i = 0; i < 6; i++) gp.track({ featureUse: { feature: 'f' } }, i === 4 ? { big: 'yes' } : { n: String(i) });
    await gp.flush(); // 7 events with session_start
    const sent = transport.attempts.map((a) => ({ seq: a.sequence, n: a.eventCount }));
    // 1:[7] → 2:[4] 3:[3] → 4:[2] 5:[2] → ack, ack; 3 → 6:[2] 7:[1] → 6 has the big one → 8:[1] 9:[1] → 9 dropped
    expect(sent[0]).toEqual({ seq: 1, n: 7 });
    const acked = transport.attempts.filter((a) => events(a.bytes).length <= 2 && !events(a.bytes).some((e) => e.custom?.big));
    const delivered = acked.flatMap((a) => events(a.bytes).map((e) => e.sequence));
    expect(delivered.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 7]); // every event but the big one (sequence 6)
    expect(gp.stats().droppedByReason).toEqual({ GP_SDK_EVENT_TOO_LARGE: 1 });
    expect(debug.filter((m) => m.code === 'GP_SDK_BATCH_SPLIT').length).toBeGreaterThanOrEqual(3);
    // sdk_health travels with one half only
    const healthCarriers = transport.attempts.filter((a) => decodeBatch(a.bytes).sdkHealth);
    expect(new Set(healthCarriers.map((a) => a.sequence)).size).toBeLessThanOrEqual(healthCarriers.length);
  });
});

describe('core/delivery 413 split: identity of the parent, and storage', () => {
  /** Memory storage whose deleteBatch waits for the test (or forever: a crash); `disk` is the same data, ungated. */
  function gatedDeletes() {
    const disk = createMemoryStorage();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const storage: MemoryStorage = { ...disk, deleteBatch: (sequence) => gate.then(() => disk.deleteBatch(sequence)) };
    return { storage, disk, open };
  }

  it('neither half is sent before both are stored and the parent is deleted', async () => {
    const { storage, open } = gatedDeletes();
    const transport = createFakeTransport((b) => (b.eventCount > 4 ? tooLarge : ackFor(b)));
    const { gp, clock } = createTestClient({ storage, transport, options: { flushIntervalMs: 60_000 } });
    await gp.ready;
    for (let i = 0; i < 7; i++) gp.featureUsed(`f${i}`);
    void gp.flush();
    await clock.settle();
    expect(transport.attempts.map((a) => a.sequence)).toEqual([1]); // the whole, refused; the halves wait
    expect(storage.batchSequences()).toEqual([1, 2, 3]);
    open();
    await gp.flush();
    expect(transport.attempts.map((a) => a.sequence)).toEqual([1, 2, 3]);
    expect(storage.batchSequences()).toEqual([]);
  });

  it('after a crash between storing the halves and deleting the parent, a restart sends the parent, never its halves too', async () => {
    const { storage, disk } = gatedDeletes(); // the delete never finishes: the process "crashes" mid-split
    const run1 = createTestClient({ storage, transport: createFakeTransport(() => tooLarge), options: { flushIntervalMs: 60_000 } });
    await run1.gp.ready;
    for (let i = 0; i < 7; i++) run1.gp.featureUsed(`f${i}`);
    void run1.gp.flush();
    await run1.clock.settle();
    expect(disk.batchSequences()).toEqual([1, 2, 3]);

    const run2 = createTestClient({ storage: disk });
    await run2.gp.ready;
    await run2.gp.flush();
    expect(run2.transport.attempts.map((a) => [a.sequence, a.eventCount])).toEqual([[1, 8]]);
    expect(disk.batchSequences()).toEqual([]);
  });

  it('quarters name a half that had a failed attempt (it may be stored), and the whole for a half refused at once', async () => {
    const tries = new Map<number, number>();
    const transport = createFakeTransport((b) => {
      const n = (tries.get(b.sequence) ?? 0) + 1;
      tries.set(b.sequence, n);
      if (b.sequence === 2 && n === 1) return unavailable; // the first half: 503 (it may be stored), then 413
      return b.eventCount > 2 ? tooLarge : ackFor(b);
    });
    const { gp, clock } = createTestClient({ transport, options: { flushIntervalMs: 60_000, retry: { baseDelayMs: 1, maxDelayMs: 1 } } });
    await gp.ready;
    for (let i = 0; i < 7; i++) gp.featureUsed(`f${i}`);
    const flushed = gp.flush();
    await clock.advance(100);
    await flushed;
    const headers = transport.attempts.map((a) => ({ seq: a.sequence, n: a.eventCount, ...decodeBatch(a.bytes) }));
    const whole = headers[0]!;
    expect(whole).toMatchObject({ seq: 1, n: 8 });
    expect(whole.streamId).toBeGreaterThan(0);
    const digestOf = (seq: number) => batchDigest(headers.find((h) => h.seq === seq)!.events.map((e) => e.eventId));
    const name = (seq: number) => {
      const h = headers.find((x) => x.seq === seq)!;
      return [h.splitOfSequence, h.splitParentDigest];
    };
    expect(name(2)).toEqual([1, digestOf(1)]);
    expect(name(3)).toEqual([1, digestOf(1)]);
    expect([...tries]).toEqual([
      [1, 1],
      [2, 2],
      [4, 1],
      [5, 1],
      [3, 1],
      [6, 1],
      [7, 1],
    ]);
    // 2 had a 503 (may be stored): its quarters 4, 5 name it; 3 was refused at once: its quarters 6, 7 name the whole.
    expect([4, 5].map(name)).toEqual([
      [2, digestOf(2)],
      [2, digestOf(2)],
    ]);
    expect([6, 7].map(name)).toEqual([
      [1, digestOf(1)],
      [1, digestOf(1)],
    ]);
    for (const h of headers) expect(h.streamId).toBe(whole.streamId);
  });
});

describe('core/delivery send lock lost', () => {
  it('a holder whose lock was lost without release numbers nothing: it yields and takes the lock (and counters) anew', async () => {
    const calls: string[] = [];
    let lost = true;
    const lock: SendLock = {
      owner: 'tab-a',
      acquire: async () => {
        calls.push('acquire');
        return () => calls.push('release');
      },
      held: () => {
        calls.push(`held:${!lost}`);
        const was = !lost;
        lost = false; // the next acquire holds it again
        return was;
      },
      contended: async () => false,
      liveOwners: async () => new Set(['tab-a']),
    };
    const { gp, transport } = createTestClient({ deps: { lock }, options: { flushIntervalMs: 60_000 } });
    await gp.ready;
    gp.featureUsed('a');
    await gp.flush();
    expect(calls.slice(0, 5)).toEqual(['acquire', 'held:false', 'release', 'acquire', 'held:true']);
    expect(transport.attempts.map((a) => [a.sequence, a.eventCount])).toEqual([[1, 2]]);
  });

  it('page hide in a tab that lost its lock freezes nothing: the journal keeps the events for the next holder', async () => {
    let lost = false;
    const lock: SendLock = {
      owner: 'tab-a',
      acquire: async () => () => {},
      held: () => !lost,
      contended: async () => false,
      liveOwners: async () => new Set(['tab-a']),
    };
    const { gp, clock, transport } = createTestClient({ deps: { lock }, options: { flushIntervalMs: 60_000 } });
    await gp.ready;
    gp.featureUsed('a');
    await clock.settle(); // holds the lock while the events wait for the interval
    const { delivery } = gp as ClientInternals;
    lost = true;
    expect(delivery.freezeForExit(60_000)).toEqual([]);
    expect(delivery.pendingBatches).toBe(0);
    expect(gp.stats().queued).toBe(2);
    lost = false;
    expect(delivery.freezeForExit(60_000).map((b) => b.eventCount)).toEqual([2]);
    expect(transport.attempts).toHaveLength(0);
  });
});

describe('core/delivery clock offset', () => {
  it('re-estimates server − client from every ack as server_time + RTT/2 − arrival, and sends it with the next batch', async () => {
    const clock = createManualClock();
    // The server's clock runs 5 s ahead; each answer takes 200 ms (the ack is stamped half-way).
    const transport = createFakeTransport(async (batch) => {
      const stampedAt = clock.now() + 100 + 5_000;
      await clock.advance(200);
      return ackFor(batch, { serverTimeMs: stampedAt });
    });
    const { gp } = createTestClient({ clock, transport });
    await gp.ready;
    gp.featureUsed('a');
    await gp.flush();
    expect(gp.stats().clockOffsetMs).toBe(5_000);
    gp.featureUsed('b');
    await gp.flush();
    expect(decodeBatch(transport.attempts[0]!.bytes).clockOffsetMs ?? 0).toBe(0);
    expect(decodeBatch(transport.attempts[1]!.bytes).clockOffsetMs).toBe(5_000);
  });
});

describe('core/delivery crash survival', () => {
  it('events queued but not yet batched survive a crash through the journal, and are sent once by the next run', async () => {
    const storage = createMemoryStorage();
    const down = createFakeTransport(() => unavailable);
    const run1 = createTestClient({ storage, transport: down, options: { flushIntervalMs: 60_000 } });
    await run1.gp.ready;
    for (let i = 0; i < 5; i++) run1.gp.featureUsed(`f${i}`);
    await run1.clock.settle(); // journal written; then the process "crashes": no shutdown
    expect(storage.journalIds()).toHaveLength(6);

    const run2 = createTestClient({ storage });
    await run2.gp.ready;
    await run2.gp.flush();
    const sent = run2.transport.attempts.flatMap((a) => events(a.bytes));
    expect(sent.map((e) => e.featureUse?.feature ?? 'session_start')).toEqual(['session_start', 'f0', 'f1', 'f2', 'f3', 'f4']);
    expect(storage.journalIds()).toEqual([]);
    expect(storage.batchSequences()).toEqual([]);
  });
});

describe('core/delivery circuit breaker and connectivity', () => {
  it('opens after 5 failed attempts: no attempt for at least half of openMs (jitter), one probe by openMs; success closes it', async () => {
    const transport = createFakeTransport(() => unavailable);
    const { gp, clock } = createTestClient({
      transport,
      options: {
        retry: { baseDelayMs: 10, maxDelayMs: 10 },
        circuitBreaker: { failureThreshold: 5, openMs: 10_000 },
        flushTimeoutMs: 60_000,
      },
    });
    await gp.ready;
    gp.featureUsed('a');
    void gp.flush();
    await clock.advance(100);
    expect(transport.attempts).toHaveLength(5);
    expect(gp.stats().circuit).toBe('open');
    await clock.advance(4_800);
    expect(transport.attempts).toHaveLength(5); // open: nothing goes out
    transport.respond((b) => ackFor(b));
    await clock.advance(5_200);
    expect(transport.attempts).toHaveLength(6); // the probe
    expect(gp.stats()).toMatchObject({ circuit: 'closed', ackedEvents: 2 });
  });

  it('an explicit flush (or shutdown) probes an open circuit at once instead of waiting out the open period', async () => {
    const transport = createFakeTransport(() => unavailable);
    const { gp, clock } = createTestClient({
      transport,
      options: {
        flushIntervalMs: 100,
        retry: { baseDelayMs: 10, maxDelayMs: 10 },
        circuitBreaker: { failureThreshold: 3, openMs: 60_000 },
        flushTimeoutMs: 5_000,
      },
    });
    await gp.ready;
    gp.featureUsed('a');
    await clock.advance(5_000); // interval flush, three failures: open for a minute
    expect(gp.stats().circuit).toBe('open');
    const attempts = transport.attempts.length;
    transport.respond((b) => ackFor(b));
    const flushed = gp.flush();
    await clock.settle();
    await flushed;
    expect(transport.attempts.length).toBe(attempts + 1);
    expect(gp.stats()).toMatchObject({ circuit: 'closed', inFlight: 0 });
  });

  it('while offline makes no attempt at all, and sends at once when the network returns', async () => {
    let online = false;
    const listeners: Array<(o: boolean) => void> = [];
    const connectivity: Connectivity = {
      online: () => online,
      subscribe: (cb) => {
        listeners.push(cb);
        return () => listeners.splice(listeners.indexOf(cb), 1);
      },
    };
    const clock = createManualClock();
    const transport = createFakeTransport();
    const storage = createMemoryStorage();
    const { createGamepulse } = await import('./create.ts');
    const gp = createGamepulse(
      { gameKey: 'k', endpoint: 'http://127.0.0.1:1', gameId: 'space_miner', clock, flushIntervalMs: 1_000, flushTimeoutMs: 600_000 },
      { transport, storage, connectivity },
    );
    await gp.ready;
    gp.featureUsed('a');
    await clock.advance(300_000); // five minutes offline
    expect(transport.attempts).toHaveLength(0);
    expect(gp.stats()).toMatchObject({ retries: 0, circuit: 'closed', inFlight: 2 });
    online = true;
    for (const l of [...listeners]) l(true);
    await clock.settle();
    expect(transport.attempts).toHaveLength(1);
    expect(gp.stats().ackedEvents).toBe(2);
  });
});
