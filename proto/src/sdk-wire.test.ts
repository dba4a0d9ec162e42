/**
 * The SDK's generated codec (generated/sdk-wire.ts) against the server-side codec
 * (generated/messages.ts): what the SDK encodes decodes to the same message, and what the
 * collector encodes the SDK decodes to the same values — for seeded random messages
 * covering every field, negative 64-bit values, multi-byte lengths and non-ASCII text.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@gamepulse/testkit';
import { BatchAck, EventBatch, StreamReply, type EventBatchData, type EventData } from './index.ts';
import { encodeEvent, encodeEventBatch } from './sdk.ts';
import { decodeBatchAck, decodeEventBatch, decodeStreamReply } from './sdk-read.ts';
import { scanFields } from './wire/scan.ts';
import { PAYLOAD_KEYS } from './event-types.ts';

const TEXT = ['', 'a', 'world1', 'héllo', '日本語', '🎮 emoji', 'x'.repeat(200), 'ü'.repeat(70)];

function gen(seed: number) {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (max: number) => Math.floor(r() * max);
  const big = () => pick([0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1, Date.UTC(2025, 0, 1) + int(1e9)]);
  const signed = () => (r() < 0.4 ? -big() || 0 : big());
  const str = () => pick(TEXT);
  const payload = (key: string): Record<string, unknown> => {
    switch (key) {
      case 'sessionStart':
        return { resumed: r() < 0.5 };
      case 'sessionEnd':
        return { lengthMs: big() };
      case 'progression':
        return { status: int(4), tier1: str(), tier2: str(), tier3: str(), attempt: int(2 ** 31), score: signed() };
      case 'purchase':
        return { currency: 'USD', amountMinor: signed(), itemType: str(), itemId: str(), transactionId: str(), store: str() };
      case 'resource':
        return { flow: int(3), currency: str(), amount: signed(), itemType: str(), itemId: str() };
      case 'design':
        return { eventId: str(), value: pick([0, 1.5, -3.25, 1e300, 5e-324]) };
      case 'error':
        return { severity: int(6), message: str() };
      case 'ad':
        return { action: int(5), adType: str(), network: str(), placement: str(), durationMs: signed() };
      case 'social':
        return { action: str(), target: str() };
      case 'featureUse':
        return { feature: str() };
      default:
        return { experiment: str(), variant: str() };
    }
  };
  const event = (): EventData => {
    const key = pick(PAYLOAD_KEYS);
    const custom: Record<string, string> = {};
    for (let i = int(4); i > 0; i--) custom[`k${i}`] = str();
    return {
      eventId: str(),
      installId: str(),
      playerId: str(),
      sessionId: str(),
      sequence: big(),
      clientTsMs: signed(),
      sessionNumber: int(2 ** 32),
      sampleRate: pick([0, 1, 0.1, 0.5]),
      ...(r() < 0.3 ? { context: { gameId: str(), build: str(), country: 'DE', sdkVersion: 'js/1' } } : {}),
      ...(Object.keys(custom).length ? { custom } : {}),
      [key]: payload(key),
    };
  };
  const batch: EventBatchData = {
    installId: str(),
    batchSequence: big(),
    sentAtMs: signed(),
    context: { gameId: str(), build: str(), platform: str(), os: str(), country: 'FR', locale: 'pt-BR', sdkVersion: str(), device: str() },
    events: Array.from({ length: int(6) }, event),
    clockOffsetMs: signed(),
    sdkHealth: { droppedByReason: r() < 0.5 ? { GP_SDK_QUEUE_FULL: big(), GP_EVENT_NAME_INVALID: 1 } : {}, queued: big() },
  };
  return { batch, r, big, signed, str, int };
}

const full = (bytes: Uint8Array) =>
  EventBatch.toObject(EventBatch.decode(bytes), { longs: Number, defaults: true, arrays: true, objects: true, oneofs: true });

describe('proto/src/sdk-wire', () => {
  it('EventBatch bytes from the SDK codec decode with the server codec exactly like the server encoder’s', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { batch } = gen(seed);
      const ours = encodeEventBatch(batch);
      const theirs = EventBatch.encode(batch).finish();
      expect(full(ours), `seed ${seed}`).toEqual(full(theirs));
      // and the SDK's own decoder reads them back the same way
      const back = decodeEventBatch(ours);
      expect(back.batchSequence).toBe(batch.batchSequence);
      expect(back.clockOffsetMs).toBe(batch.clockOffsetMs);
      expect(back.events.map((e) => e.eventId)).toEqual(batch.events!.map((e) => e.eventId));
    }
  });

  it('an event encoded alone is a valid events entry of a batch (frames concatenate)', () => {
    const { batch } = gen(7);
    const head = encodeEventBatch({ ...batch, events: [] });
    const frames: number[] = [];
    for (const e of batch.events!) {
      const body = encodeEvent(e);
      frames.push(0x2a, ...(body.length < 128 ? [body.length] : [(body.length & 0x7f) | 0x80, body.length >> 7]), ...body);
    }
    const joined = new Uint8Array([...head, ...frames]);
    expect(full(joined)).toEqual(full(EventBatch.encode(batch).finish()));
    const seen: number[] = [];
    scanFields(joined, (field) => seen.push(field));
    expect(seen.filter((f) => f === 5)).toHaveLength(batch.events!.length);
  });

  it('decodes BatchAck and StreamReply written by the server codec (as the collector does)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { big, signed, str, int } = gen(seed);
      const ack = {
        batchSequence: big(),
        accepted: int(2 ** 32),
        serverTimeMs: signed(),
        rejected: Array.from({ length: int(3) }, () => ({ index: int(1000), code: str(), field: str(), message: str() })),
      };
      const expected = BatchAck.toObject(BatchAck.decode(BatchAck.encode(ack).finish()), { longs: Number, defaults: true, arrays: true });
      expect(decodeBatchAck(BatchAck.encode(ack).finish())).toEqual(expected);

      const reply =
        seed % 2 === 0
          ? { ack }
          : { error: { batchSequence: big(), code: str(), message: str(), retryable: seed % 3 === 0, retryAfterMs: big() } };
      const bytes = StreamReply.encode(reply).finish();
      const plain = StreamReply.toObject(StreamReply.decode(bytes), { longs: Number, defaults: true, arrays: true });
      const ours = decodeStreamReply(bytes);
      if (reply.error) expect(ours.error).toEqual(plain.error);
      else expect(ours.ack).toEqual(plain.ack);
    }
  });

  it('skips fields it does not know and refuses truncated input', () => {
    const withUnknown = new Uint8Array([...BatchAck.encode({ batchSequence: 3 }).finish(), 0xf8, 0x06, 0x01, 0xfa, 0x06, 0x02, 0x61, 0x62]);
    expect(decodeBatchAck(withUnknown).batchSequence).toBe(3);
    expect(() => decodeBatchAck(new Uint8Array([0x08]))).toThrow(RangeError);
    expect(() => decodeBatchAck(new Uint8Array([0x1a, 0x05, 0x08]))).toThrow(RangeError);
  });
});
