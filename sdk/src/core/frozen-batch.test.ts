import { describe, expect, it } from 'vitest';
import { EventBatch, type EventBatchData, type EventData } from '@gamepulse/proto';
import { encodeEvent } from '@gamepulse/proto/sdk';
import { encodeBatch, framedEventLength, varintLength } from './frozen-batch.ts';
import { batchParts, eventIdOfFrame, reassemble } from './split.ts';

const header = {
  installId: 'install-1',
  batchSequence: 42,
  sentAtMs: 1_735_689_700_000,
  context: { gameId: 'g', build: '1.0' },
  clockOffsetMs: -1234,
  sdkHealth: { droppedByReason: { GP_SDK_QUEUE_FULL: 3 }, queued: 9 },
};
const events = Array.from({ length: 300 }, (_, i): EventData => ({
  eventId: `0190a0a0-0000-7000-8000-${String(i).padStart(12, '0')}`,
  installId: 'install-1',
  sessionId: '0190a0a0-0000-7000-8000-000000000000',
  clientTsMs: 1_735_689_600_000 + i,
  design: { eventId: 'ui:open', value: i },
  custom: i % 2 ? { note: 'x'.repeat(i) } : {},
}));
const plain = (bytes: Uint8Array) => EventBatch.toObject(EventBatch.decode(bytes), { longs: Number }) as EventBatchData;

describe('core/frozen-batch', () => {
  it('pre-encoded events plus the counters appended when frozen decode like EventBatch.encode of the whole batch', () => {
    const bytes = encodeBatch(
      header,
      events.map((e, i) => ({ bytes: encodeEvent(e), sequence: 1000 + i, sessionNumber: 1 + (i % 3) })),
    );
    const withCounters = events.map((e, i) => ({ ...e, sequence: 1000 + i, sessionNumber: 1 + (i % 3) }));
    expect(plain(bytes)).toEqual(plain(EventBatch.encode({ ...header, events: withCounters }).finish()));
    expect(plain(bytes).events).toHaveLength(300);
  });

  it('splits into header and event frames, and re-assembles halves under new sequences (413)', () => {
    const bytes = encodeBatch(
      header,
      events.slice(0, 5).map((e, i) => ({ bytes: encodeEvent(e), sequence: i + 1, sessionNumber: 1 })),
    );
    const { header: head, frames } = batchParts(bytes);
    expect(frames).toHaveLength(5);
    expect(frames.map(eventIdOfFrame)).toEqual(events.slice(0, 5).map((e) => e.eventId));
    const first = plain(reassemble(head, 77, frames.slice(0, 3)));
    const second = plain(reassemble(head, 78, frames.slice(3), [7]));
    expect(first).toMatchObject({ batchSequence: 77, installId: 'install-1', clockOffsetMs: -1234, sdkHealth: { queued: 9 } });
    expect(first.events!.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(second.batchSequence).toBe(78);
    expect(second.sdkHealth).toBeUndefined(); // counted once, with the first half
    expect(second.events!.map((e) => e.sequence)).toEqual([4, 5]);
  });

  it('frames an event as tag + varint length + body', () => {
    expect([0, 127, 128, 16_383, 16_384].map(varintLength)).toEqual([1, 1, 2, 2, 3]);
    expect(framedEventLength(127)).toBe(129);
    expect(framedEventLength(128)).toBe(131);
  });
});
