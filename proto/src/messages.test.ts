/**
 * The generated server-side codec (generated/messages.ts): oneofs, and the codec
 * against protobufjs's reflection of the same .proto files (an independent decoder and
 * encoder) — bytes either one writes decode to the same message with the other, byte
 * mutations are refused or accepted alike and then decode alike, and values outside
 * their type encode as protobufjs encodes them.
 */
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { protoFiles, protoRoot } from '../scripts/schema-files.ts';
import { PAYLOAD_KEYS } from './event-types.ts';
import { DeadLetter, Event, EventBatch, IngestedBatch, RollupRow, StreamReply, type EventBatchData, type EventData } from './messages.ts';

const base = { eventId: '0190a0a0-0000-7000-8000-000000000001', installId: 'i', sequence: 1, clientTsMs: 1 };

describe('oneofs', () => {
  it('decode names the payload that is on the wire', () => {
    const e = Event.decode(Event.encode({ ...base, purchase: { currency: 'USD', amountMinor: 99, itemType: 'gem' } }).finish());
    expect(e.payload).toBe('purchase');
    expect(e.sessionStart).toBeUndefined();
    expect(PAYLOAD_KEYS.filter((k) => e[k] != null)).toEqual(['purchase']);
  });

  it('two payloads on the wire: the last one wins and the first is cleared, as proto3 says', () => {
    const first = Event.encode({ ...base, sessionStart: {} }).finish();
    const second = Event.encode({ purchase: { currency: 'EUR', amountMinor: 1, itemType: 'x' } }).finish();
    const both = new Uint8Array([...first, ...second]);
    const e = Event.decode(both);
    expect(e.payload).toBe('purchase');
    expect(e.sessionStart).toBeUndefined();
    expect(PAYLOAD_KEYS.filter((k) => e[k] != null)).toEqual(['purchase']);
    const reversed = Event.decode(new Uint8Array([...second, ...first]));
    expect(reversed.payload).toBe('sessionStart');
    expect(reversed.purchase).toBeUndefined();
  });

  it('no payload reads as undefined; the same member twice merges, as a message field does', () => {
    const e = Event.decode(Event.encode(base).finish());
    expect(e.payload).toBeUndefined();
    const twice = new Uint8Array([
      ...Event.encode({ purchase: { currency: 'EUR', amountMinor: 5 } }).finish(),
      ...Event.encode({ purchase: { itemType: 'gem' } }).finish(),
    ]);
    expect(Event.decode(twice).purchase).toMatchObject({ currency: 'EUR', amountMinor: 5, itemType: 'gem' });
  });

  it('toObject names the set member with `oneofs`, and StreamReply’s `reply` likewise', () => {
    const e = Event.decode(Event.encode({ ...base, ad: { action: 2 } }).finish());
    expect(Event.toObject(e, { oneofs: true })).toMatchObject({ payload: 'ad', ad: { action: 2 } });
    expect(Event.toObject(e)).not.toHaveProperty('payload');
    const reply = StreamReply.decode(StreamReply.encode({ error: { code: 'X', retryable: true } }).finish());
    expect(reply.reply).toBe('error');
    expect(StreamReply.toObject(reply, { oneofs: true })).toEqual({ reply: 'error', error: { code: 'X', retryable: true } });
  });
});

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** protobufjs's reflection of the schema: the reference implementation here. */
const reference = (() => {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => `${protoRoot}/${target}`;
  root.loadSync(protoFiles, { keepCase: false });
  root.resolveAll();
  return (name: string) => root.lookupType(`gamepulse.v1.${name}`);
})();
const REF_OPTIONS = { longs: Number, defaults: true, arrays: true, objects: true, oneofs: true } as const;
const refPlain = (name: string, bytes: Uint8Array) => {
  const t = reference(name);
  return t.toObject(t.decode(Uint8Array.from(bytes)), REF_OPTIONS); // a plain Uint8Array: bytes fields decode as Uint8Array, as ours do
};

const TEXT = [
  '',
  'a',
  'world1',
  'héllo',
  '日本語',
  '🎮 emoji',
  'x'.repeat(200),
  'ü'.repeat(70),
  '01a21ef8-c47c-7512-8b42-839bb9c4b13c',
  '\ufeffbom',
];

function genBatch(seed: number): EventBatchData {
  const r = rng(seed);
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
        return { status: int(5) - 1, tier1: str(), tier2: str(), tier3: str(), attempt: int(2 ** 32), score: signed() };
      case 'purchase':
        return { currency: 'USD', amountMinor: signed(), itemType: str(), itemId: str(), transactionId: str(), store: str() };
      case 'resource':
        return { flow: int(3), currency: str(), amount: signed(), itemType: str(), itemId: str() };
      case 'design':
        return { eventId: str(), value: pick([0, -0, 1.5, -3.25, 1e300, 5e-324, NaN, Infinity]) };
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
    for (let i = int(4); i > 0; i--) custom[pick(['k', 'level_name', '', 'ключ']) + i] = str();
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
      ...(r() < 0.9 ? { [key]: payload(key) } : {}),
    };
  };
  return {
    installId: str(),
    batchSequence: big(),
    sentAtMs: signed(),
    context: { gameId: str(), build: str(), platform: str(), os: str(), country: 'FR', locale: 'pt-BR', sdkVersion: str(), device: str() },
    events: Array.from({ length: int(6) }, event),
    clockOffsetMs: signed(),
    sdkHealth: { droppedByReason: r() < 0.5 ? { GP_SDK_QUEUE_FULL: big(), GP_EVENT_NAME_INVALID: 1 } : {}, queued: big() },
  };
}

const ours = (bytes: Uint8Array) => EventBatch.toObject(EventBatch.decode(bytes), REF_OPTIONS);

describe('generated codec against protobufjs reflection', () => {
  it('each decodes what the other encodes to the same message', () => {
    const ref = reference('EventBatch');
    for (let seed = 1; seed <= 300; seed++) {
      const batch = genBatch(seed);
      const mine = EventBatch.encode(batch).finish();
      const theirs = ref.encode(ref.fromObject(batch)).finish();
      expect(ours(theirs), `seed ${seed}`).toEqual(refPlain('EventBatch', theirs));
      expect(refPlain('EventBatch', mine), `seed ${seed}`).toEqual(refPlain('EventBatch', theirs));
    }
  });

  it('on 6,000 byte mutations: refused by both or decoded alike', () => {
    const mutate = rng(99);
    const sources = Array.from({ length: 50 }, (_, i) => EventBatch.encode(genBatch(1 + i)).finish());
    let accepted = 0;
    for (let i = 0; i < 6_000; i++) {
      const src = sources[i % sources.length]!;
      const bytes = src.slice(0, mutate() < 0.2 ? Math.floor(mutate() * src.length) : src.length);
      for (let k = 1 + Math.floor(mutate() * 3); k > 0 && bytes.length > 0; k--)
        bytes[Math.floor(mutate() * bytes.length)] = Math.floor(mutate() * 256);
      let expected: unknown;
      let refused = false;
      try {
        expected = refPlain('EventBatch', bytes);
      } catch {
        refused = true;
      }
      if (refused) expect(() => EventBatch.decode(bytes), `mutation ${i}`).toThrow();
      else {
        accepted += 1;
        expect(ours(bytes), `mutation ${i}`).toEqual(expected);
      }
    }
    expect(accepted).toBeGreaterThan(300);
  }, 120_000);

  it('values outside their type encode as protobufjs encodes them', () => {
    const ref = reference('RollupRow');
    const odd = [NaN, Infinity, -Infinity, 0.5, -1.5, 1e300, -1e300, 2 ** 60, -(2 ** 63), 2 ** 64 + 4096, '12', -0];
    for (const v of odd) {
      const row = { windowStartMs: v, events: v, value: v, gameId: 'g' } as never;
      expect(refPlain('RollupRow', RollupRow.encode(row).finish()), String(v)).toEqual(refPlain('RollupRow', ref.encode(row).finish()));
    }
    const dl = reference('DeadLetter');
    const letter = { code: 'c', raw: Uint8Array.of(1, 2, 255), receivedAtMs: -5 };
    expect(refPlain('DeadLetter', DeadLetter.encode(letter).finish())).toEqual(refPlain('DeadLetter', dl.encode(letter).finish()));
  });

  it('toObject converts like protobufjs for every option', () => {
    const ref = reference('IngestedBatch');
    const batch = genBatch(11);
    const bytes = IngestedBatch.encode({ ...batch, keyId: 'k', rejected: 2, receivedAtMs: 2 ** 40 }).finish();
    const options = [
      { longs: Number },
      { longs: String, enums: String, bytes: String, json: true },
      { defaults: true, longs: String, enums: String },
      { arrays: true, objects: true, longs: Number },
      REF_OPTIONS,
    ];
    for (const o of options)
      expect(IngestedBatch.toObject(IngestedBatch.decode(bytes), o), JSON.stringify(o)).toEqual(ref.toObject(ref.decode(bytes), o));
    const letter = DeadLetter.encode({ raw: Uint8Array.of(0, 1, 250) }).finish();
    for (const o of [
      { bytes: String, longs: Number },
      { bytes: Array, longs: Number },
      { defaults: true, bytes: String, longs: Number },
    ])
      expect(DeadLetter.toObject(DeadLetter.decode(letter), o)).toEqual(
        reference('DeadLetter').toObject(reference('DeadLetter').decode(letter), o),
      );
  });
});
