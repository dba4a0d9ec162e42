/**
 * The restart wrapper against a stand-in LogConsumer (a scripted fake: the failure it
 * recovers from — a consumer giving up for good — cannot be provoked on demand from a
 * real broker in a unit test; the Kafka chaos test exercises it against real Kafka).
 */
import { describe, expect, it } from 'vitest';
import type { ConsumerHandlers, LogConsumer } from './types.ts';
import { createRestartingConsumer, type RestartLogger } from './restarting-consumer.ts';

interface FakeConsumer extends LogConsumer {
  handlers?: ConsumerHandlers;
  stopped: boolean;
}

function harness(runOutcomes: Array<'ok' | 'throw'>) {
  const made: FakeConsumer[] = [];
  const waits: number[] = [];
  const events: string[] = [];
  const logger: RestartLogger = {
    info: (m) => events.push(`info ${m}`),
    warn: (m) => events.push(`warn ${m}`),
    error: (m) => events.push(`error ${m}`),
  };
  let gaveUp = 0;
  const rc = createRestartingConsumer({
    name: 'test consumer',
    logger,
    handlers: { onBatch: async () => undefined },
    onGaveUp: () => void gaveUp++,
    initialBackoffMs: 100,
    maxBackoffMs: 350,
    sleep: async (ms) => void waits.push(ms),
    create: () => {
      const outcome = runOutcomes[made.length] ?? 'ok';
      const c: FakeConsumer = {
        stopped: false,
        async run(h) {
          c.handlers = h;
          if (outcome === 'throw') throw new Error('no group coordinator');
        },
        async commit() {},
        async stop() {
          c.stopped = true;
        },
      };
      made.push(c);
      return c;
    },
  });
  return { rc, made, waits, events, gaveUp: () => gaveUp };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('restarting consumer (stand-in LogConsumer)', () => {
  it('replaces a consumer that gave up: stops it, forgets its assignment, waits, runs a new one', async () => {
    const h = harness(['ok', 'ok']);
    await h.rc.start();
    expect(h.made).toHaveLength(1);
    h.made[0]!.handlers!.onFailed!(new Error('gave up'));
    await settle();
    expect(h.made).toHaveLength(2);
    expect(h.made[0]!.stopped).toBe(true);
    expect(h.made[1]!.stopped).toBe(false);
    expect(h.gaveUp()).toBe(1);
    expect(h.waits).toEqual([100]);
    expect(h.rc.restarts).toBe(1);
    expect(h.events).toEqual(['error test consumer failed; starting a new one', 'info test consumer restarted']);
  });

  it('backs off doubling to the cap while new consumers cannot start', async () => {
    const h = harness(['ok', 'throw', 'throw', 'throw', 'ok']);
    await h.rc.start();
    h.made[0]!.handlers!.onFailed!(new Error('gave up'));
    await settle();
    expect(h.made).toHaveLength(5);
    expect(h.waits).toEqual([100, 200, 350, 350]);
    expect(h.events.filter((e) => e.startsWith('warn'))).toHaveLength(3);
    expect(h.rc.restarts).toBe(1);
  });

  it('ignores a failure reported by a consumer that was already replaced, and a second report while restarting', async () => {
    const h = harness(['ok', 'ok', 'ok']);
    await h.rc.start();
    const first = h.made[0]!;
    first.handlers!.onFailed!(new Error('gave up'));
    first.handlers!.onFailed!(new Error('again, while restarting'));
    await settle();
    first.handlers!.onFailed!(new Error('late report from the old consumer'));
    await settle();
    expect(h.made).toHaveLength(2);
    expect(h.rc.restarts).toBe(1);
  });

  it('does not restart after stop(), and stop() stops the current consumer', async () => {
    const h = harness(['ok']);
    await h.rc.start();
    await h.rc.stop();
    expect(h.made[0]!.stopped).toBe(true);
    h.made[0]!.handlers!.onFailed!(new Error('gave up after stop'));
    await settle();
    expect(h.made).toHaveLength(1);
    expect(h.rc.restarts).toBe(0);
  });

  it('watchdog: replaces a consumer that delivers nothing for stalledAfterMs while records wait, and only then', async () => {
    let now = 0;
    let gate: Promise<void> = Promise.resolve();
    let open: () => void = () => undefined;
    const made: FakeConsumer[] = [];
    const events: string[] = [];
    const logger: RestartLogger = {
      info: (m) => events.push(`info ${m}`),
      warn: (m) => events.push(`warn ${m}`),
      error: (m) => events.push(`error ${m}`),
    };
    const rc = createRestartingConsumer({
      name: 'test consumer',
      logger,
      handlers: { onBatch: () => gate },
      initialBackoffMs: 1,
      sleep: async () => undefined,
      now: () => now,
      create: () => {
        const c: FakeConsumer = {
          stopped: false,
          async run(h) {
            c.handlers = h;
          },
          async commit() {},
          async stop() {
            c.stopped = true;
          },
        };
        made.push(c);
        return c;
      },
    }) as ReturnType<typeof createRestartingConsumer> & { checkStalled(ms: number, behind: () => Promise<boolean>): Promise<boolean> };
    await rc.start();
    let waiting = true;
    const behind = async () => waiting;
    now = 10_000;
    expect(await rc.checkStalled(30_000, behind)).toBe(false); // within the grace period
    now = 25_000;
    await made[0]!.handlers!.onBatch({ topic: 't', partition: 0, records: [], nextOffset: 1, highWatermark: 1 }); // a batch resets it
    now = 50_000;
    expect(await rc.checkStalled(30_000, behind)).toBe(false);
    // A handler still running (a long commit) is not a stall, however long it takes.
    gate = new Promise<void>((r) => (open = r));
    const running = made[0]!.handlers!.onBatch({ topic: 't', partition: 0, records: [], nextOffset: 2, highWatermark: 2 });
    now = 200_000;
    expect(await rc.checkStalled(30_000, behind)).toBe(false);
    open();
    await running;
    now = 200_000 + 29_000;
    expect(await rc.checkStalled(30_000, behind)).toBe(false); // the clock restarts when it returns
    now = 260_000;
    waiting = false;
    expect(await rc.checkStalled(30_000, behind)).toBe(false); // idle and caught up: nothing to do
    waiting = true;
    expect(await rc.checkStalled(30_000, behind)).toBe(true); // silent for 60 s with records waiting
    await settle();
    expect(made).toHaveLength(2);
    expect(made[0]!.stopped).toBe(true);
    expect(rc.restarts).toBe(1);
    expect(events[0]).toMatch(/stalled/);
  });

  it('a first consumer that cannot start rejects start() (the caller decides)', async () => {
    const h = harness(['throw']);
    await expect(h.rc.start()).rejects.toThrow('no group coordinator');
  });

  it('a lost position (GP_LOG_POSITION_LOST) is not restarted: the consumer stops for good and problem() names it', async () => {
    const h = harness(['ok']);
    await h.rc.start();
    expect(h.rc.problem()).toBeUndefined();
    h.made[0]!.handlers!.onFailed!(
      Object.assign(new Error('stored position 5 is below the log start 20'), { code: 'GP_LOG_POSITION_LOST' }),
    );
    await settle();
    expect(h.made).toHaveLength(1); // no new consumer: it would meet the same gap
    expect(h.made[0]!.stopped).toBe(true);
    expect(h.rc.restarts).toBe(0);
    expect(h.rc.problem()).toBe('GP_LOG_POSITION_LOST: stored position 5 is below the log start 20');
    expect(h.events).toEqual([
      'error test consumer stopped: its stored position is below the log start; not restarting (an operator decides)',
    ]);
  });
});
