import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../partitioner.ts';
import {
  baseOffsets,
  coalescibleCount,
  placeParts,
  RECORD_OVERHEAD_BYTES,
  splitByPartitionBytes,
  toMessages,
  topicMessages,
  type AppendPart,
} from './placements.ts';

const rec = (key: string, size = 10, timestampMs?: number) => ({
  key,
  value: new Uint8Array(size),
  ...(timestampMs ? { timestampMs } : {}),
});

describe('log/src/kafka/placements', () => {
  it('sets each message partition with partitionForKey and the timestamp (record or now)', () => {
    const msgs = toMessages([rec('a', 10, 5), rec('player-7', 3)], 4, 99);
    expect(msgs.map((m) => m.partition)).toEqual([partitionForKey('a', 4), partitionForKey('player-7', 4)]);
    expect(msgs.map((m) => m.message.partition)).toEqual(msgs.map((m) => m.partition));
    expect(msgs.map((m) => m.message.timestamp)).toEqual(['5', '99']);
    expect(msgs[0]!.bytes).toBe(1 + 10 + RECORD_OVERHEAD_BYTES);
    expect(Buffer.isBuffer(msgs[0]!.message.value)).toBe(true);
  });

  it('computes per-record offsets from per-partition base offsets, in input order, across coalesced parts', () => {
    const parts: AppendPart[] = [
      { topic: 't', messages: toMessages([rec('a'), rec('b'), rec('a')], 2, 0) },
      { topic: 'u', messages: toMessages([rec('a')], 2, 0) },
      { topic: 't', messages: toMessages([rec('b'), rec('a')], 2, 0) },
    ];
    const pa = partitionForKey('a', 2);
    const pb = partitionForKey('b', 2);
    const bases = baseOffsets([
      { topicName: 't', partition: pa, errorCode: 0, baseOffset: '100' },
      { topicName: 't', partition: pb, errorCode: 0, baseOffset: '200' },
      { topicName: 'u', partition: pa, errorCode: 0, baseOffset: '7' },
    ]);
    const placed = placeParts(parts, bases);
    if (pa !== pb) {
      expect(placed[0]).toEqual([
        { partition: pa, offset: 100 },
        { partition: pb, offset: 200 },
        { partition: pa, offset: 101 },
      ]);
      expect(placed[1]).toEqual([{ partition: pa, offset: 7 }]);
      expect(placed[2]).toEqual([
        { partition: pb, offset: 201 },
        { partition: pa, offset: 102 },
      ]);
    }
    expect(topicMessages(parts).map((t) => [t.topic, t.messages.length])).toEqual([
      ['t', 3],
      ['u', 1],
      ['t', 2],
    ]);
    expect(() => placeParts(parts, new Map())).toThrow(/no offset/);
  });

  it('splits an append so no partition exceeds maxBatchBytes per request, keeping order', () => {
    const msgs = toMessages(
      Array.from({ length: 10 }, () => rec('same', 100)),
      3,
      0,
    );
    const per = 100 + 4 + RECORD_OVERHEAD_BYTES;
    const chunks = splitByPartitionBytes(msgs, per * 3);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    expect(chunks.flat()).toEqual(msgs);
    // a single record larger than the limit goes alone
    expect(splitByPartitionBytes(toMessages([rec('x', 5000), rec('x', 1)], 1, 0), 1000).map((c) => c.length)).toEqual([1, 1]);
  });

  it('coalesces queued appends while every partition stays within the limit (always at least one)', () => {
    const part = (key: string, size: number): AppendPart => ({ topic: 't', messages: toMessages([rec(key, size)], 1, 0) });
    const sz = (n: number) => n + 1 + RECORD_OVERHEAD_BYTES;
    expect(coalescibleCount([part('a', 100), part('a', 100), part('a', 100)], sz(100) * 2)).toBe(2);
    expect(coalescibleCount([part('a', 5000), part('a', 1)], 1000)).toBe(1);
    expect(coalescibleCount([part('a', 1), part('a', 5000)], 1000)).toBe(1);
  });
});
