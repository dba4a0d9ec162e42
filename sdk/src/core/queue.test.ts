import { describe, expect, it } from 'vitest';
import { DropCounter } from './drops.ts';
import { LANE_CRITICAL, LANE_LOW, LANE_NORMAL } from './lanes.ts';
import { EventQueue, queuedSize, type QueuedEvent } from './queue.ts';

let n = 0;
function ev(size: number, lane = LANE_NORMAL, tag = 0): QueuedEvent {
  const bytes = new Uint8Array(size).fill(tag);
  return { id: `e${n++}`, owner: 'me', lane, sid: 's', bytes };
}

describe('core/queue', () => {
  it('counts bytes as framed inside a batch and drops the newest event over budget', () => {
    const drops = new DropCounter();
    const framed = queuedSize(ev(100)); // with room for the counters appended when frozen
    const q = new EventQueue({ maxBytes: framed * 3, otherBytes: () => 0, drops });
    for (let i = 0; i < 5; i++) q.push(ev(100, LANE_NORMAL, i));
    expect(q.count).toBe(3);
    expect(q.bytes).toBe(framed * 3);
    expect(drops.totals()).toEqual({ GP_SDK_QUEUE_FULL: 2 });
    expect(q.take(10, 10_000).map((e) => e.bytes[0])).toEqual([0, 1, 2]); // the oldest were kept
  });

  it('shares the budget with bytes held elsewhere (pending batches)', () => {
    const drops = new DropCounter();
    let pending = 900;
    const q = new EventQueue({ maxBytes: 1_000, otherBytes: () => pending, drops });
    expect(q.push(ev(200))).toBe(false);
    pending = 0;
    expect(q.push(ev(200))).toBe(true);
    expect(drops.totals()).toEqual({ GP_SDK_QUEUE_FULL: 1 });
  });

  it('take respects the count and byte limits but always moves at least one event', () => {
    const q = new EventQueue({ maxBytes: 1 << 20, otherBytes: () => 0, drops: new DropCounter() });
    for (let i = 0; i < 6; i++) q.push(ev(50));
    expect(q.take(4, 1_000_000)).toHaveLength(4);
    expect(q.take(10, 10)).toHaveLength(1);
    expect(q.count).toBe(1);
    expect(q.bytes).toBe(queuedSize(ev(50)));
  });
});

describe('core/queue priority lanes', () => {
  it('when the budget is used up, a purchase pushes out the newest design event; design never pushes out a purchase', () => {
    const drops = new DropCounter();
    const evicted: string[] = [];
    const size = queuedSize(ev(100));
    const q = new EventQueue({ maxBytes: size * 4, otherBytes: () => 0, drops, onEvicted: (e) => evicted.push(e.id) });
    const d1 = ev(100, LANE_LOW, 1);
    const d2 = ev(100, LANE_LOW, 2);
    const r1 = ev(100, LANE_NORMAL, 3);
    const p1 = ev(100, LANE_CRITICAL, 4);
    for (const e of [d1, r1, d2, p1]) expect(q.push(e)).toBe(true);
    expect(q.push(ev(100, LANE_CRITICAL, 5))).toBe(true); // evicts d2 (newest low)
    expect(q.push(ev(100, LANE_NORMAL, 6))).toBe(true); // evicts d1
    expect(q.push(ev(100, LANE_LOW, 7))).toBe(false); // nothing lower to push out
    expect(q.push(ev(100, LANE_NORMAL, 8))).toBe(false); // only normal and critical left
    expect(q.push(ev(100, LANE_CRITICAL, 9))).toBe(true); // evicts the newest normal (6)
    expect(evicted).toEqual([d2.id, d1.id, expect.any(String)]);
    expect(q.take(10, 1 << 20).map((e) => e.bytes[0])).toEqual([3, 4, 5, 9]); // track order kept
    expect(drops.totals()).toEqual({ GP_SDK_QUEUE_EVICTED: 3, GP_SDK_QUEUE_FULL: 2 });
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
