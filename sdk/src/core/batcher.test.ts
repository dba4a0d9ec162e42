import { describe, expect, it } from 'vitest';
import { Batcher, type BatcherOptions } from './batcher.ts';
import { DropCounter } from './drops.ts';
import { framedEventLength } from './frozen-batch.ts';
import { createManualClock } from './manual-clock.ts';
import { EventQueue } from './queue.ts';

function setup(options: Partial<BatcherOptions> = {}) {
  const clock = createManualClock();
  const queue = new EventQueue({ maxBytes: 1 << 20, otherBytes: () => 0, drops: new DropCounter() });
  const batches: Uint8Array[][] = [];
  const batcher = new Batcher(
    queue,
    clock,
    { maxBatchEvents: 10, maxEventBytes: 10_000, flushIntervalMs: 1_000, ...options },
    (events) => batches.push(events),
  );
  const add = (size = 10, fill = 0) => {
    queue.push(new Uint8Array(size).fill(fill));
    batcher.onEnqueue();
  };
  return { clock, queue, batcher, batches, add };
}

describe('core/batcher', () => {
  it('cuts a batch when maxBatchEvents are queued, after the current call returns', async () => {
    const { clock, batches, add, queue } = setup();
    for (let i = 0; i < 25; i++) add(10, i);
    expect(batches).toHaveLength(0); // not inside track()
    await clock.settle();
    expect(batches.map((b) => b.length)).toEqual([10, 10]);
    expect(batches[0]![0]![0]).toBe(0);
    expect(batches[1]![0]![0]).toBe(10);
    expect(queue.count).toBe(5); // the rest waits for the interval
  });

  it('cuts a batch when the queued bytes reach maxEventBytes, never exceeding it', async () => {
    const eventSize = 100;
    const framed = framedEventLength(eventSize);
    const { clock, batches, add } = setup({ maxEventBytes: framed * 4 + 50 });
    for (let i = 0; i < 9; i++) add(eventSize);
    await clock.settle();
    expect(batches.map((b) => b.length)).toEqual([4, 4]);
    for (const b of batches) expect(b.reduce((n, e) => n + framedEventLength(e.length), 0)).toBeLessThanOrEqual(framed * 4 + 50);
  });

  it('cuts what is queued flushIntervalMs after the first event entered an empty queue', async () => {
    const { clock, batches, add } = setup();
    expect(clock.pendingTimers()).toHaveLength(0); // idle: no timer
    add();
    await clock.advance(400);
    add();
    add();
    expect(clock.pendingTimers()).toEqual([{ dueMs: 1_000, delayMs: 1_000 }]); // one timer, from the first event
    await clock.advance(599);
    expect(batches).toHaveLength(0);
    await clock.advance(1);
    expect(batches.map((b) => b.length)).toEqual([3]);
    expect(clock.pendingTimers()).toHaveLength(0);
  });

  it('cutAll batches everything now and clears the timer', () => {
    const { clock, batches, add, batcher } = setup({ maxBatchEvents: 4 });
    for (let i = 0; i < 3; i++) add();
    batcher.cutAll();
    expect(batches.map((b) => b.length)).toEqual([3]);
    expect(clock.pendingTimers()).toHaveLength(0);
  });

  it('keeps an oversized single event moving (a batch of one)', async () => {
    const { clock, batches, add } = setup({ maxEventBytes: 50 });
    add(200);
    await clock.settle();
    expect(batches.map((b) => b.length)).toEqual([1]);
  });
});
