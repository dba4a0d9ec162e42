import { describe, expect, it } from 'vitest';
import { EventBatch, type EventBatchData } from '@gamepulse/proto';
import { jsonBatchToProtobuf } from './json-batch.ts';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
function decoded(v: unknown) {
  const r = jsonBatchToProtobuf(enc(v));
  if (!r.ok) throw new Error(r.message);
  return EventBatch.toObject(EventBatch.decode(r.bytes), { longs: Number }) as EventBatchData;
}

describe('collector/pipeline/json-batch', () => {
  it('reads the canonical proto3 JSON: camelCase or snake_case names, int64 as numbers or strings, enums by name or number, maps', () => {
    const out = decoded({
      installId: 'i',
      batch_sequence: '7',
      sentAtMs: 1_760_000_000_000,
      context: { gameId: 'demo', sdk_version: 'curl' },
      events: [
        {
          eventId: 'e1',
          progression: { status: 'STATUS_COMPLETE', tier1: 'w1', score: '12' },
          custom: { level_name: 'x', BadKey: 'kept as sent' },
        },
        { event_id: 'e2', resource: { flow: 2, currency: 'gold', amount: 5, item_type: 'shop' }, sample_rate: 'NaN' },
      ],
      sdkHealth: { droppedByReason: { GP_SDK_QUEUE_FULL: '3' } },
      unknownField: { ignored: true },
    });
    expect(out).toMatchObject({
      installId: 'i',
      batchSequence: 7,
      sentAtMs: 1_760_000_000_000,
      context: { gameId: 'demo', sdkVersion: 'curl' },
      events: [
        { eventId: 'e1', progression: { status: 2, tier1: 'w1', score: 12 }, custom: { level_name: 'x', BadKey: 'kept as sent' } },
        { eventId: 'e2', resource: { flow: 2, currency: 'gold', amount: 5, itemType: 'shop' } },
      ],
      sdkHealth: { droppedByReason: { GP_SDK_QUEUE_FULL: 3 } },
    });
    expect(Number.isNaN(out.events![1]!.sampleRate)).toBe(true);
  });

  it('refuses wrong types with the path, two members of a oneof, non-objects and non-JSON', () => {
    const bad = (v: unknown) => {
      const r = jsonBatchToProtobuf(enc(v));
      if (r.ok) throw new Error('expected a refusal');
      expect(r.code).toBe('GP_BODY_JSON_INVALID');
      return r.message;
    };
    expect(bad({ installId: 5 })).toContain('installId: expected a string');
    expect(bad({ batchSequence: '1.5' })).toContain('batchSequence');
    expect(bad({ batchSequence: -1 })).toContain('batchSequence');
    expect(bad({ batchSequence: 2 ** 60 })).toContain('batchSequence');
    expect(bad({ events: {} })).toContain('events: expected an array');
    expect(bad({ events: [{ sessionStart: {}, purchase: {} }] })).toContain('oneof payload');
    expect(bad({ events: [{ progression: { status: 'NOPE' } }] })).toContain('events[0].progression.status');
    expect(bad({ events: [{ custom: { a: 1 } }] })).toContain('events[0].custom.a');
    expect(bad([1, 2])).toContain('expected an object');
    expect(bad('{"installId": ')).toContain('not JSON');
  });
});
