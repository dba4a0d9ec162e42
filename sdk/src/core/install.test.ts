/**
 * The batch stream: a random stream_id chosen when the batch_sequence counter starts
 * and kept with it, so a counter that starts again (volatile storage) is a new stream,
 * and one that continues (durable storage) keeps its stream.
 */
import { describe, expect, it } from 'vitest';
import { encodeEvent } from '@gamepulse/proto/sdk';
import { encodeBatch } from './frozen-batch.ts';
import { reconcileInstall } from './install.ts';
import { createMemoryStorage } from './memory-storage.ts';
import { createSeededRandom, randomId, type RandomSource } from './random.ts';
import { mergeState, type PersistedState } from './storage.ts';
import { decodeBatch } from '../testing/fake-transport.ts';
import { createTestClient } from '../testing/test-client.ts';

const sentHeaders = (attempts: ReadonlyArray<{ bytes: Uint8Array }>) =>
  attempts.map((a) => {
    const b = decodeBatch(a.bytes);
    return { seq: b.batchSequence, stream: b.streamId };
  });

describe('core/install batch stream', () => {
  it('randomId draws an integer in [1, 2^53) from the injected source', () => {
    const edges: RandomSource[] = [{ next: () => 0 }, { next: () => 1 - 2 ** -53 }];
    expect(edges.map(randomId)).toEqual([1, 2 ** 53 - 2 ** 32 + Math.floor((1 - 2 ** -53) * 2 ** 32)]);
    const r = createSeededRandom(5);
    const ids = Array.from({ length: 1000 }, () => randomId(r));
    for (const id of ids) expect(Number.isSafeInteger(id) && id >= 1).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });

  it('durable storage: the stream is stored with the counter and continues after a restart', async () => {
    const disk = createMemoryStorage(); // outlives both clients, as a directory or IndexedDB does
    const run1 = createTestClient({ storage: disk, options: { random: createSeededRandom(1) } });
    await run1.gp.ready;
    run1.gp.featureUsed('a');
    await run1.gp.shutdown();
    const run2 = createTestClient({ storage: disk, options: { random: createSeededRandom(2) } });
    await run2.gp.ready;
    run2.gp.featureUsed('b');
    await run2.gp.shutdown();
    const [first] = sentHeaders(run1.transport.attempts);
    expect(first!.stream).toBeGreaterThan(0);
    expect(sentHeaders(run2.transport.attempts)).toEqual([{ seq: 2, stream: first!.stream }]);
    expect((await disk.load()).state?.streamId).toBe(first!.stream);
  });

  it('volatile storage with a fixed installId: every start numbers from 1 again, in a new stream, and says so', async () => {
    const runs = [];
    for (const seed of [1, 2]) {
      const run = createTestClient({
        storage: createMemoryStorage(),
        options: { installId: 'server-1', random: createSeededRandom(seed) },
      });
      await run.gp.ready;
      run.gp.featureUsed('a');
      await run.gp.shutdown();
      runs.push(run);
    }
    const [a, b] = runs.map((r) => sentHeaders(r.transport.attempts));
    expect(a!.map((h) => h.seq)).toEqual([1]);
    expect(b!.map((h) => h.seq)).toEqual([1]);
    expect(a![0]!.stream).not.toBe(b![0]!.stream);
    for (const r of runs) expect(r.debug.filter((m) => m.code === 'GP_SDK_STORAGE_VOLATILE')).toHaveLength(1);
  });

  it('state of an older SDK gets a stream on load; the batch it stored is re-sent unchanged, without one', async () => {
    const disk = createMemoryStorage();
    const old: PersistedState = { installId: 'install-old', playerId: '', nextEventSequence: 3, nextBatchSequence: 2, sessionNumber: 1 };
    await disk.saveState(old);
    const oldBatch = encodeBatch({ installId: 'install-old', batchSequence: 1, sentAtMs: 1 }, [
      {
        bytes: encodeEvent({
          eventId: '0190a0a0-0000-7000-8000-000000000001',
          installId: 'install-old',
          sessionId: 's',
          clientTsMs: 1,
          design: { eventId: 'x' },
        }),
        sequence: 1,
        sessionNumber: 1,
      },
    ]);
    await disk.putBatch(Object.freeze({ sequence: 1, bytes: oldBatch, eventCount: 1 }), []);
    const run = createTestClient({ storage: disk });
    await run.gp.ready;
    run.gp.featureUsed('a');
    await run.gp.shutdown();
    const [resent, next] = run.transport.attempts;
    expect(Buffer.from(resent!.bytes).equals(Buffer.from(oldBatch))).toBe(true);
    expect(decodeBatch(resent!.bytes).streamId).toBeUndefined();
    const stream = decodeBatch(next!.bytes).streamId;
    expect(stream).toBeGreaterThan(0);
    expect(next!.sequence).toBe(2);
    expect((await disk.load()).state?.streamId).toBe(stream);
  });

  it('another install taking over the storage starts a stream of its own; sequences continue', () => {
    const random = createSeededRandom(3);
    const loaded = {
      state: { installId: 'a', playerId: '', nextEventSequence: 9, nextBatchSequence: 5, sessionNumber: 2, streamId: 77 },
      batches: [],
    };
    const same = reconcileInstall({ loaded, installId: 'a', playerId: undefined, newInstallId: () => 'x', random });
    expect(same.state).toMatchObject({ streamId: 77, nextBatchSequence: 5 });
    const other = reconcileInstall({ loaded, installId: 'b', playerId: undefined, newInstallId: () => 'x', random });
    expect(other.state.nextBatchSequence).toBe(5);
    expect(other.state.streamId).toBeGreaterThan(0);
    expect(other.state.streamId).not.toBe(77);
  });

  it('shared storage keeps the stream stored first, so tabs that each chose one agree on it', () => {
    const base = { installId: 'a', playerId: '', nextEventSequence: 1, sessionNumber: 0 };
    expect(mergeState({ ...base, nextBatchSequence: 4, streamId: 11 }, { ...base, nextBatchSequence: 6, streamId: 22 })).toMatchObject({
      streamId: 11,
      nextBatchSequence: 6,
    });
    expect(mergeState({ ...base, nextBatchSequence: 4 }, { ...base, nextBatchSequence: 6, streamId: 22 }).streamId).toBe(22);
  });
});
