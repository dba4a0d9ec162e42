import { describe, expect, it } from 'vitest';
import type { DebugMessage } from './codes.ts';
import { createClient } from './client.ts';
import { deferSendStack } from './lazy-transport.ts';
import { createManualClock } from './manual-clock.ts';
import { createMemoryStorage } from './memory-storage.ts';
import { resolveOptions } from './options.ts';
import { createSeededRandom } from './random.ts';
import { createSendStack, type CreateSendStack } from './send-stack.ts';
import { createFakeTransport } from '../testing/fake-transport.ts';

/** A client whose transport stack arrives when the test says so (the browser's deferred chunk). */
function deferredClient() {
  const clock = createManualClock();
  const transport = createFakeTransport();
  const storage = createMemoryStorage();
  const debug: DebugMessage[] = [];
  let arrive: (stack: CreateSendStack) => void = () => {};
  let fail: (cause: Error) => void = () => {};
  let loads = 0;
  const load = () => {
    loads++;
    return new Promise<CreateSendStack>((resolve, reject) => {
      arrive = resolve;
      fail = reject;
    });
  };
  const gp = createClient(
    resolveOptions({
      gameKey: 'k',
      endpoint: 'http://127.0.0.1:1',
      gameId: 'space_miner',
      clock,
      random: createSeededRandom(3),
      flushIntervalMs: 1_000,
      onDebug: (m) => debug.push(m),
    }),
    { transport, storage, sendStack: deferSendStack(load) },
  );
  return {
    gp,
    clock,
    transport,
    storage,
    debug,
    arrive: (s: CreateSendStack) => arrive(s),
    fail: (e: Error) => fail(e),
    loads: () => loads,
  };
}

describe('core/lazy-transport deferSendStack', () => {
  it('records while the transport stack loads, and sends once it is there', async () => {
    const c = deferredClient();
    await c.gp.ready;
    c.gp.featureUsed('map');
    c.gp.featureUsed('shop');
    expect(c.gp.stats()).toMatchObject({ queued: 3, circuit: 'closed', transport: '' });
    await c.clock.advance(1_000); // the first batch is due: it waits for the stack
    expect(c.transport.attempts).toHaveLength(0);
    expect(c.gp.stats().pendingBatches).toBe(1);
    c.arrive(createSendStack);
    await c.clock.settle();
    expect(c.transport.attempts).toHaveLength(1);
    expect(c.gp.stats()).toMatchObject({ ackedEvents: 3, inFlight: 0, circuit: 'closed' });
    expect(c.loads()).toBe(1);
  });

  it('a stack that cannot be loaded fails sends as GP_SDK_TRANSPORT_UNAVAILABLE: reported, the batch stays stored, a later load resumes', async () => {
    const c = deferredClient();
    await c.gp.ready;
    c.gp.featureUsed('map');
    await c.clock.advance(1_000);
    c.fail(new Error('Failed to fetch dynamically imported module'));
    await c.clock.settle();
    expect(c.transport.attempts).toHaveLength(0);
    expect(c.debug.map((m) => m.code)).toContain('GP_SDK_TRANSPORT_UNAVAILABLE');
    expect(c.gp.stats()).toMatchObject({ pendingBatches: 1, inFlight: 2, droppedByReason: {} });
    expect(c.storage.batchSequences()).toEqual([1]);
    // The next cycle (here: a flush) loads again, as browsers that retry failed imports allow.
    const flushed = c.gp.flush();
    await c.clock.settle();
    expect(c.loads()).toBe(2);
    c.arrive(createSendStack);
    await c.clock.settle();
    await flushed;
    expect(c.transport.attempts.map((a) => a.sequence)).toEqual([1]);
    expect(c.gp.stats()).toMatchObject({ ackedEvents: 2, pendingBatches: 0 });
  });
});
