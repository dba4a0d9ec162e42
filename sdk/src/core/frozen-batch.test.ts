import { describe, expect, it } from 'vitest';
import { Event, EventBatch } from '@gamepulse/proto';
import { encodeBatch, framedEventLength, varintLength } from './frozen-batch.ts';

describe('core/frozen-batch', () => {
  it('concatenated pre-encoded events decode like EventBatch.encode of the whole batch', () => {
    const events = Array.from({ length: 300 }, (_, i) => ({
      eventId: `0190a0a0-0000-7000-8000-${String(i).padStart(12, '0')}`,
      installId: 'install-1',
      sequence: i + 1,
      clientTsMs: 1_735_689_600_000 + i,
      design: { eventId: 'ui:open', value: i },
      custom: (i % 2 ? { note: "x".repeat(i) } : {}) as Record<string, string>,
    }));
    const header = {
      installId: 'install-1',
      batchSequence: 42,
      sentAtMs: 1_735_689_700_000,
      context: { gameId: 'g', build: '1.0' },
      sdkHealth: { droppedByReason: { GP_SDK_QUEUE_FULL: 3 }, queued: 9 },
    };
    const bytes = encodeBatch(header, events.map((e) => Event.encode(e).finish()));
    const viaConcat = EventBatch.toObject(EventBatch.decode(bytes), { longs: Number });
    const viaEncode = EventBatch.toObject(EventBatch.decode(EventBatch.encode({ ...header, events }).finish()), { longs: Number });
    expect(viaConcat).toEqual(viaEncode);
    expect(viaConcat.events).toHaveLength(300);
  });

  it('frames an event as tag + varint length + body', () => {
    expect([0, 127, 128, 16_383, 16_384].map(varintLength)).toEqual([1, 1, 2, 2, 3]);
    expect(framedEventLength(127)).toBe(129);
    expect(framedEventLength(128)).toBe(131);
  });
});
