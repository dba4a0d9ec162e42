import { describe, expect, it } from 'vitest';
import type { FrozenBatch } from './frozen-batch.ts';
import { createMemoryStorage } from './memory-storage.ts';
import type { SendResult } from './transport.ts';
import { ackFor, createFakeTransport, decodeBatch } from '../testing/fake-transport.ts';
import { createTestClient } from '../testing/test-client.ts';

const unavailable = (retryInMs?: number): SendResult => ({
  ok: false,
  retryable: true,
  status: 503,
  code: 'GP_SDK_HTTP_STATUS',
  ...(retryInMs !== undefined ? { retryInMs } : {}),
});

/** A transport whose answers the test releases one by one. */
function heldTransport() {
  const waiting: Array<{ batch: FrozenBatch; answer: (r: SendResult) => void }> = [];
  const transport = createFakeTransport((batch) => new Promise<SendResult>((answer) => waiting.push({ batch, answer })));
  return { transport, waiting };
}

describe('core/client delivery', () => {
  it('re-sends a failed batch byte-identical, with the same batch_sequence', async () => {
    const { gp, transport, clock, debug } = createTestClient();
    let failures = 2;
    transport.respond((b) => (failures-- > 0 ? unavailable() : ackFor(b)));
    gp.featureUsed('map');
    gp.purchase({ currency: 'USD', amountMinor: 499, itemType: 'starter_pack' });
    await gp.ready;
    await clock.advance(5_000); // the interval cuts the batch
    await clock.runAll(); // retry waits
    expect(transport.attempts).toHaveLength(3);
    const [first, ...resends] = transport.attempts;
    for (const r of resends) {
      expect(r.sequence).toBe(first!.sequence);
      expect(Buffer.from(r.bytes).equals(Buffer.from(first!.bytes))).toBe(true);
    }
    expect(decodeBatch(first!.bytes).sentAtMs).toBe(decodeBatch(resends[1]!.bytes).sentAtMs);
    expect(debug.filter((m) => m.code === 'GP_SDK_SEND_RETRY').map((m) => m.attempt)).toEqual([1, 2]);
    expect(gp.stats()).toMatchObject({ sentBatches: 1, ackedEvents: 3, retries: 2, queued: 0, inFlight: 0 });
  });

  it('keeps one batch in flight and sends batches in sequence order, even across failures', async () => {
    const { transport, waiting } = heldTransport();
    const { gp, clock } = createTestClient({ transport, options: { maxBatchEvents: 5 } });
    await gp.ready;
    for (let i = 0; i < 14; i++) gp.featureUsed(`f${i}`); // + session_start = 15 events = 3 batches
    await clock.settle();
    expect(waiting.map((w) => w.batch.sequence)).toEqual([1]); // only the first is out
    // Batches are frozen only when the one before is settled: the rest wait in the queue,
    // where the byte budget can still choose by priority lane.
    expect(gp.stats()).toMatchObject({ inFlight: 5, queued: 10, pendingBatches: 1 });

    waiting.shift()!.answer(unavailable(1_000)); // batch 1 fails: batch 2 must still wait
    await clock.settle();
    expect(waiting).toHaveLength(0);
    await clock.advance(1_000);
    expect(waiting.map((w) => w.batch.sequence)).toEqual([1]);
    for (const expected of [1, 2, 3]) {
      const w = waiting.shift()!;
      expect(w.batch.sequence).toBe(expected);
      w.answer(ackFor(w.batch));
      await clock.settle();
    }
    expect(transport.attempts.map((a) => a.sequence)).toEqual([1, 1, 2, 3]);
    const sequences = transport.attempts.slice(1).flatMap((a) => decodeBatch(a.bytes).events.map((e) => e.sequence));
    expect(sequences).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('drops a permanently rejected batch, counts and reports it, and carries on with the next', async () => {
    const { gp, transport, clock, debug, storage } = createTestClient({ options: { maxBatchEvents: 3 } });
    transport.respond((b) =>
      b.sequence === 1 ? { ok: false, retryable: false, status: 400, code: 'GP_SDK_HTTP_STATUS', message: 'bad batch' } : ackFor(b),
    );
    await gp.ready;
    gp.purchase({ currency: 'usd', amountMinor: 1, itemType: 'x' }); // dropped locally: reported in sdk_health
    for (let i = 0; i < 5; i++) gp.featureUsed(`f${i}`); // session_start + 5 = 2 batches of 3
    await gp.flush();
    expect(transport.attempts.map((a) => a.sequence)).toEqual([1, 2]); // no retry of a 400
    expect(gp.stats()).toMatchObject({
      sentBatches: 1,
      ackedEvents: 3,
      rejectedEvents: 3,
      droppedByReason: { GP_SDK_BATCH_REJECTED: 3, GP_EVENT_CURRENCY_INVALID: 1 },
    });
    expect(debug.find((m) => m.code === 'GP_SDK_BATCH_REJECTED')).toMatchObject({
      level: 'error',
      batchSequence: 1,
      events: 3,
      status: 400,
    });
    expect((storage as ReturnType<typeof createMemoryStorage>).batchSequences()).toEqual([]);
    // Batch 1 carried the currency drop; it never arrived, so the count is reported again.
    expect(decodeBatch(transport.attempts[0]!.bytes).sdkHealth?.droppedByReason).toEqual({ GP_EVENT_CURRENCY_INVALID: 1 });
    gp.featureUsed('after');
    await gp.flush();
    expect(decodeBatch(transport.attempts[2]!.bytes).sdkHealth?.droppedByReason).toEqual({
      GP_EVENT_CURRENCY_INVALID: 1,
      GP_SDK_BATCH_REJECTED: 3,
    });
    void clock;
  });

  it('counts events the collector rejected inside an accepted batch (partial success)', async () => {
    const { gp, transport, debug, acked } = createTestClient();
    transport.respond((b) =>
      ackFor(b, {
        accepted: b.eventCount - 1,
        rejected: [{ index: 1, code: 'GP_EVENT_NAME_INVALID', field: 'feature_use.feature', message: 'no' }],
      }),
    );
    gp.featureUsed('a');
    gp.featureUsed('b');
    await gp.flush();
    expect(gp.stats()).toMatchObject({ ackedEvents: 2, rejectedEvents: 1 });
    expect(debug.find((m) => m.code === 'GP_SDK_EVENT_REJECTED')).toMatchObject({ field: 'feature_use.feature', batchSequence: 1 });
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
    expect(acked).toEqual([{ sequence: 1, ack: expect.objectContaining({ batchSequence: 1, accepted: 2 }) }]);
  });

  it('deletes a batch from storage only once it is acknowledged', async () => {
    const { transport, waiting } = heldTransport();
    const storage = createMemoryStorage();
    const { gp, clock } = createTestClient({ transport, storage });
    gp.featureUsed('a');
    await gp.ready;
    await clock.advance(5_000);
    expect(storage.batchSequences()).toEqual([1]);
    const w = waiting.shift()!;
    w.answer(ackFor(w.batch));
    await clock.settle();
    expect(storage.batchSequences()).toEqual([]);
  });

  it('a throwing onBatchAcked is reported and does not stop delivery', async () => {
    const { gp, transport, debug } = createTestClient({
      options: {
        maxBatchEvents: 2,
        onBatchAcked: () => {
          throw new Error('observer bug');
        },
      },
    });
    for (let i = 0; i < 5; i++) gp.featureUsed(`f${i}`);
    await gp.flush();
    expect(transport.attempts.map((a) => a.sequence)).toEqual([1, 2, 3]);
    expect(debug.filter((m) => m.code === 'GP_SDK_CALLBACK_FAILED')).toHaveLength(3);
  });

  it('after a restart, re-sends the stored batch with the same bytes and sequence, then continues the counters', async () => {
    const storage = createMemoryStorage(); // stands in for the disk both runs share
    const down = createFakeTransport(() => unavailable());
    const run1 = createTestClient({ storage, transport: down, options: { flushTimeoutMs: 1_000 } });
    run1.gp.session.start();
    run1.gp.purchase({ currency: 'EUR', amountMinor: 299, itemType: 'coins' });
    const stopped = run1.gp.shutdown();
    await run1.clock.advance(1_000);
    await stopped;
    const installId = run1.gp.installId;
    expect(storage.batchSequences()).toEqual([1]);
    const unsent = down.attempts[0]!;

    const run2 = createTestClient({ storage });
    run2.gp.featureUsed('map');
    await run2.gp.flush();
    expect(run2.gp.installId).toBe(installId);
    const [resent, next] = run2.transport.attempts;
    expect(resent!.sequence).toBe(1);
    expect(Buffer.from(resent!.bytes).equals(Buffer.from(unsent.bytes))).toBe(true);
    expect(next!.sequence).toBe(2);
    const events = decodeBatch(next!.bytes).events;
    expect(events.map((e) => e.sequence)).toEqual([4, 5]); // run 1 used 1..3 (start, purchase, end)
    expect(events[0]!.sessionNumber).toBe(2);
    expect(storage.batchSequences()).toEqual([]);
  });

  it('reports the drops since the last batch in sdk_health exactly once', async () => {
    const { gp, transport } = createTestClient({ options: { maxQueueBytes: 262_144 } });
    await gp.ready;
    gp.design('bad id with spaces');
    gp.design('bad id with spaces');
    gp.featureUsed('x');
    await gp.flush();
    gp.featureUsed('y');
    await gp.flush();
    const [a, b] = transport.attempts.map((x) => decodeBatch(x.bytes));
    expect(a!.sdkHealth?.droppedByReason).toEqual({ GP_EVENT_DESIGN_ID_INVALID: 2 });
    expect(b!.sdkHealth?.droppedByReason ?? {}).toEqual({});
  });
});
