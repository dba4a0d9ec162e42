import { describe, expect, it } from 'vitest';
import { DropCounter } from './drops.ts';
import { framedEventLength } from './frozen-batch.ts';
import { EventQueue } from './queue.ts';

describe('core/queue', () => {
  it('counts bytes as framed inside a batch and drops the newest event over budget', () => {
    const drops = new DropCounter();
    const framed = framedEventLength(100); // 102
    const q = new EventQueue({ maxBytes: framed * 3, otherBytes: () => 0, drops });
    for (let i = 0; i < 5; i++) q.push(new Uint8Array(100).fill(i));
    expect(q.count).toBe(3);
    expect(q.bytes).toBe(framed * 3);
    expect(drops.totals()).toEqual({ GP_SDK_QUEUE_FULL: 2 });
    expect(q.take(10, 10_000).map((e) => e[0])).toEqual([0, 1, 2]); // the oldest were kept
  });

  it('shares the budget with bytes held elsewhere (pending batches)', () => {
    const drops = new DropCounter();
    let pending = 900;
    const q = new EventQueue({ maxBytes: 1_000, otherBytes: () => pending, drops });
    expect(q.push(new Uint8Array(200))).toBe(false);
    pending = 0;
    expect(q.push(new Uint8Array(200))).toBe(true);
    expect(drops.totals()).toEqual({ GP_SDK_QUEUE_FULL: 1 });
  });

  it('take respects the count and byte limits but always moves at least one event', () => {
    const q = new EventQueue({ maxBytes: 1 << 20, otherBytes: () => 0, drops: new DropCounter() });
    for (let i = 0; i < 6; i++) q.push(new Uint8Array(50));
    expect(q.take(4, 1_000_000)).toHaveLength(4);
    expect(q.take(10, 10)).toHaveLength(1);
    expect(q.count).toBe(1);
    expect(q.bytes).toBe(framedEventLength(50));
  });
});

describe('core/drops', () => {
  it('hands unreported counts to one batch only and takes them back on rejection', () => {
    const d = new DropCounter();
    d.add('A');
    d.add('B', 2);
    const first = d.takeUnreported();
    expect(first).toEqual({ A: 1, B: 2 });
    expect(d.takeUnreported()).toEqual({});
    d.restore(first);
    d.add('A');
    expect(d.takeUnreported()).toEqual({ A: 2, B: 2 });
    expect(d.totals()).toEqual({ A: 2, B: 2 });
  });
});
