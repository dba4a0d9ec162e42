/**
 * The send cycle (delivery.ts) against its transition table (delivery-state.ts): each
 * test drives a client into one corner — lock contention, shared storage, 413, a stop
 * at each step, a step that throws — and checks the transitions it takes. Every
 * transition goes through `transition` (wrapped here to record them), so an illegal
 * one would throw; the last test checks that together they take every transition the
 * table lists, so the table holds no transition the cycle never takes.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientInternals } from './client.ts';
import type { Delivery } from './delivery.ts';
import { DELIVERY_TRANSITIONS, type DeliveryState } from './delivery-state.ts';
import type * as DeliveryStateModule from './delivery-state.ts';
import type * as SplitModule from './split.ts';
import type { SendLock } from './lock.ts';
import { createMemoryStorage } from './memory-storage.ts';
import { createSeededRandom } from './random.ts';
import type { LoadedStorage } from './storage.ts';
import type { SendResult } from './transport.ts';
import { ackFor, createFakeTransport } from '../testing/fake-transport.ts';
import { createTestClient, type TestClientSetup } from '../testing/test-client.ts';

const rec = vi.hoisted(() => ({
  /** Transitions of the current test, as "from -> to". */
  log: [] as string[],
  /** Transitions of every test in this file. */
  all: new Set<string>(),
  /** Called after each transition, with the phase entered. */
  onEnter: undefined as ((to: string) => void) | undefined,
}));

const faults = vi.hoisted(() => ({ halve: false, adoptable: false }));

vi.mock('./delivery-state.ts', async (importOriginal) => {
  const m = await importOriginal<typeof DeliveryStateModule>();
  return {
    ...m,
    transition: (from: DeliveryState, to: DeliveryState) => {
      const next = m.transition(from, to);
      rec.log.push(`${from} -> ${to}`);
      rec.all.add(`${from} -> ${to}`);
      rec.onEnter?.(to);
      return next;
    },
  };
});

/** split.ts failing once, as a chunk that cannot be loaded (offline) does. */
vi.mock('./split.ts', async (importOriginal) => {
  const m = await importOriginal<typeof SplitModule>();
  return {
    ...m,
    halve: (...args: Parameters<typeof m.halve>) => {
      if (faults.halve) {
        faults.halve = false;
        throw new Error('split.ts failed to load');
      }
      return m.halve(...args);
    },
    adoptable: (...args: Parameters<typeof m.adoptable>) => {
      if (faults.adoptable) {
        faults.adoptable = false;
        throw new Error('split.ts failed to load');
      }
      return m.adoptable(...args);
    },
  };
});

// Loaded once up front: a step that imports it then takes microtasks, as in a warm page, not a disk read.
beforeAll(async () => {
  await import('./split.ts');
});

beforeEach(() => {
  rec.log = [];
  rec.onEnter = undefined;
});

const tooLarge: SendResult = {
  ok: false,
  retryable: false,
  status: 413,
  code: 'GP_SDK_HTTP_STATUS',
  tooLarge: true,
  serverCode: 'GP_BODY_TOO_LARGE',
};

function client(setup: TestClientSetup = {}) {
  const c = createTestClient(setup);
  return { ...c, delivery: (c.gp as ClientInternals).delivery };
}

/** Stops `delivery` right after it enters `phase` (once), before the step there ends. */
function stopOnEntering(phase: DeliveryState, delivery: () => Delivery): void {
  rec.onEnter = (to) => {
    if (to !== phase) return;
    rec.onEnter = undefined;
    queueMicrotask(() => void delivery().stop());
  };
}

/** A promise the test resolves. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

function failureReports(debug: Array<{ code: string; message?: string }>): string[] {
  return debug.filter((m) => m.code === 'GP_SDK_NETWORK').map((m) => m.message ?? '');
}

describe('core/delivery phases', () => {
  it('sends under the lock, yields it when nothing waits, and stops from idle', async () => {
    const { gp, clock, delivery } = client();
    await gp.ready;
    gp.featureUsed('a');
    await gp.flush();
    await clock.settle();
    expect(rec.log.slice(-7)).toEqual([
      'idle -> checking',
      'checking -> acquiring',
      'acquiring -> holding',
      'holding -> sending',
      'sending -> holding',
      'holding -> checking',
      'checking -> idle',
    ]);
    await gp.shutdown();
    expect(rec.log.at(-1)).toBe('idle -> stopped');
    rec.log = [];
    delivery.kick(); // after stop a kick runs no cycle that could change phase
    await clock.settle();
    expect(rec.log).toEqual([]);
  });

  it('keeps the lock while events wait for the interval (parked), and releases it on stop', async () => {
    const { gp, clock, transport, delivery } = client({ options: { flushIntervalMs: 60_000 } });
    await gp.ready;
    gp.featureUsed('a');
    await clock.settle();
    expect(rec.log.at(-1)).toBe('holding -> parked');
    expect(transport.attempts).toHaveLength(0);
    await clock.advance(60_000);
    expect(rec.log).toContain('parked -> holding');
    expect(transport.attempts).toHaveLength(1);
    gp.featureUsed('b');
    await clock.settle();
    expect(rec.log.at(-1)).toBe('holding -> parked');
    await delivery.stop();
    expect(rec.log.at(-1)).toBe('parked -> stopped');
  });

  it('re-reads shared storage under the lock; stop while reading; a read that throws ends the cycle', async () => {
    const shared = { ...createMemoryStorage(), shared: true };
    const { gp } = client({ storage: shared });
    await gp.ready;
    gp.featureUsed('a');
    await gp.flush();
    expect(rec.log).toEqual(expect.arrayContaining(['holding -> refreshing', 'refreshing -> holding', 'holding -> sending']));

    // Stop while the read waits for storage.
    let blocked: ReturnType<typeof gate<void>> | undefined;
    const slow = {
      ...shared,
      load: async (): Promise<LoadedStorage> => {
        await blocked?.promise;
        return shared.load();
      },
    };
    const second = client({ storage: slow, options: { random: createSeededRandom(2) } });
    await second.gp.ready;
    blocked = gate();
    rec.log = [];
    second.gp.featureUsed('b');
    await second.clock.settle();
    expect(rec.log.at(-1)).toBe('holding -> refreshing');
    void second.delivery.stop();
    blocked.open();
    await second.clock.settle();
    expect(rec.log.slice(-2)).toEqual(['refreshing -> stopping', 'stopping -> stopped']);

    // Events journaled by a client that died are adopted under the lock (split.ts): if it cannot be loaded, the cycle ends.
    const dead = client({ storage: shared, options: { flushIntervalMs: 60_000, random: createSeededRandom(3) } });
    await dead.gp.ready;
    await dead.gp.flush(); // adopts what the stopped one left
    dead.gp.featureUsed('orphan');
    await dead.clock.settle(); // journaled; this client is never heard of again
    expect((await shared.load()).journal).toHaveLength(1);
    const third = client({ storage: shared, options: { random: createSeededRandom(4) } });
    await third.gp.ready;
    faults.adoptable = true;
    rec.log = [];
    third.gp.featureUsed('c');
    await third.clock.settle();
    expect(rec.log).toEqual(expect.arrayContaining(['holding -> refreshing', 'refreshing -> parked']));
    expect(failureReports(third.debug)).toEqual(['delivery failed: Error: split.ts failed to load']);
    await third.gp.flush(); // the next cycle adopts them
    expect(rec.log.at(-1)).toBe('checking -> idle');
    expect(third.transport.attempts.length).toBeGreaterThan(0);
  });

  it('splits a 413 batch; stop while splitting; a split that throws ends the cycle and the batch stays pending', async () => {
    const refuseSeveral = (b: Parameters<typeof ackFor>[0]) => (b.eventCount > 1 ? tooLarge : ackFor(b));
    const a = client({ transport: createFakeTransport(refuseSeveral) });
    await a.gp.ready;
    a.gp.featureUsed('a');
    await a.gp.flush();
    expect(rec.log).toEqual(expect.arrayContaining(['holding -> splitting', 'splitting -> holding']));
    expect(a.gp.stats()).toMatchObject({ ackedEvents: 2, inFlight: 0 });

    const b = client({ transport: createFakeTransport(refuseSeveral) });
    await b.gp.ready;
    b.gp.featureUsed('b');
    stopOnEntering('splitting', () => b.delivery);
    rec.log = [];
    void b.gp.flush();
    await b.clock.settle();
    expect(rec.log.slice(-3)).toEqual(['holding -> splitting', 'splitting -> stopping', 'stopping -> stopped']);

    const c = client({ transport: createFakeTransport(refuseSeveral) });
    await c.gp.ready;
    c.gp.featureUsed('c');
    faults.halve = true;
    rec.log = [];
    void c.gp.flush();
    await c.clock.settle();
    expect(rec.log.slice(-2)).toEqual(['holding -> splitting', 'splitting -> parked']);
    expect(failureReports(c.debug)).toEqual(['delivery failed: Error: split.ts failed to load']);
    expect(c.gp.stats()).toMatchObject({ pendingBatches: 1, inFlight: 2 });
    await c.gp.flush();
    expect(c.gp.stats()).toMatchObject({ pendingBatches: 0, ackedEvents: 2 });
  });

  it('waits for a contended lock between batches and yields it; stop while asking; stop while waiting for the lock; a discard aborts the wait', async () => {
    // Another tab waits for the lock once this one's queue is empty.
    let contended = gate<boolean>();
    let waiting = false;
    let grantAtOnce = true;
    const lock: SendLock = {
      owner: 'tab-a',
      // Later: a lock another tab holds, never granted; the request fails when aborted.
      acquire: (signal) =>
        grantAtOnce
          ? Promise.resolve(() => {})
          : new Promise((_granted, refused) => signal.addEventListener('abort', () => refused(new Error('aborted')))),
      contended: () => {
        waiting = true;
        return contended.promise;
      },
      liveOwners: async () => new Set(['tab-a']),
    };
    const { gp, clock, delivery } = client({ deps: { lock } });
    await gp.ready;
    gp.featureUsed('a');
    void gp.flush();
    await clock.settle();
    expect(waiting).toBe(true);
    contended.open(true);
    await clock.settle();
    expect(rec.log).toEqual(expect.arrayContaining(['sending -> holding', 'holding -> checking', 'checking -> idle']));

    // Stop while asking whether another tab waits.
    contended = gate<boolean>();
    gp.featureUsed('b');
    void gp.flush();
    await clock.settle();
    rec.log = [];
    void delivery.stop();
    contended.open(false);
    await clock.settle();
    expect(rec.log).toEqual(['holding -> stopping', 'stopping -> stopped']);

    // The lock is not granted at once: a consent withdrawal (discard) aborts the wait; then stop while waiting.
    grantAtOnce = false;
    const second = client({ deps: { lock } });
    await second.gp.ready;
    rec.log = [];
    second.gp.featureUsed('c');
    await second.clock.settle();
    expect(rec.log.at(-1)).toBe('checking -> acquiring');
    second.gp.setConsent(false);
    await second.clock.settle();
    expect(rec.log.slice(-2)).toEqual(['acquiring -> checking', 'checking -> idle']);
    second.gp.setConsent(true);
    second.gp.featureUsed('d');
    await second.clock.settle();
    expect(rec.log.at(-1)).toBe('checking -> acquiring');
    await second.delivery.stop();
    await second.clock.settle();
    expect(rec.log.slice(-2)).toEqual(['acquiring -> stopping', 'stopping -> stopped']);
  });

  it('stop during a send, and during adoption at start; a transport that throws ends the cycle', async () => {
    const answers: Array<(r: SendResult) => void> = [];
    const held = createFakeTransport(() => new Promise<SendResult>((answer) => answers.push(answer)));
    const { gp, clock, delivery } = client({ transport: held });
    await gp.ready;
    gp.featureUsed('a');
    void gp.flush();
    await clock.settle();
    expect(rec.log.at(-1)).toBe('holding -> sending');
    void delivery.stop();
    answers.shift()!(ackFor(held.attempts[0]!));
    await clock.settle();
    expect(rec.log.slice(-2)).toEqual(['sending -> stopping', 'stopping -> stopped']);

    // A crash left journaled events; the next start adopts them (non-shared storage) before anything else.
    const storage = createMemoryStorage();
    const crashed = client({ storage, options: { flushIntervalMs: 60_000 } });
    await crashed.gp.ready;
    crashed.gp.featureUsed('lost?');
    await crashed.clock.settle();
    const next = client({ storage });
    stopOnEntering('checking', () => next.delivery);
    rec.log = [];
    await next.gp.ready;
    await next.clock.settle();
    expect(rec.log).toEqual(expect.arrayContaining(['idle -> checking', 'checking -> stopping', 'stopping -> stopped']));

    const broken = client({
      deps: {
        sendStack: () => ({
          transport: {
            send: async () => {
              throw new Error('transport broke its contract');
            },
          },
          circuit: 'closed',
          probeNow: () => {},
          transportName: 'broken',
        }),
      },
    });
    await broken.gp.ready;
    broken.gp.featureUsed('b');
    rec.log = [];
    void broken.gp.flush();
    await broken.clock.settle();
    expect(rec.log.slice(-2)).toEqual(['holding -> sending', 'sending -> parked']);
    expect(failureReports(broken.debug)).toEqual(['delivery failed: Error: transport broke its contract']);
  });

  it('together, these take every transition of the table and no other', () => {
    const table = Object.entries(DELIVERY_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from} -> ${to}`));
    expect([...rec.all].sort()).toEqual(table.sort());
  });
});
