/**
 * Payload generators for the fuzz test: random bytes, mutated protobuf batches, field
 * values from the edges of every type, gzip (valid, truncated, corrupted, bombs), proto3
 * JSON (valid, mutated, truncated, deeply nested) and truncated streams. Seeded: the same
 * seed yields the same payloads, so a failure reproduces.
 */
import { gzipSync } from 'node:zlib';
import { EventBatch, PAYLOAD_KEYS, type EventBatchData, type EventData } from '@gamepulse/proto';
import { mulberry32 } from '@gamepulse/testkit';
import type { BodyFormat, ContentEncoding } from '../pipeline/index.ts';
import { TEST_NOW_MS } from './batches.ts';

export interface FuzzPayload {
  kind: string;
  body: Uint8Array;
  contentEncoding: ContentEncoding;
  format: BodyFormat;
}

const EDGE_STRINGS = [
  '',
  ' ',
  'a',
  'x'.repeat(64),
  'x'.repeat(65),
  'y'.repeat(129),
  'z'.repeat(300),
  '\u0000',
  '💥',
  'é'.repeat(70),
  'USD',
  'usd',
  'demo',
  'other',
  '__proto__',
  'constructor',
  'a:b:c:d:e:f',
  'w1',
  '1.0.0',
];
const EDGE_NUMBERS = [
  0,
  1,
  -1,
  2,
  3,
  4,
  5,
  2 ** 31 - 1,
  2 ** 32,
  Number.MAX_SAFE_INTEGER,
  TEST_NOW_MS,
  TEST_NOW_MS + 86_400_000 * 400,
  1,
  7 * 86_400_000 + 1,
  10_000_001,
  1e12 + 1,
];

export function createFuzzer(seed: number) {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => '0123456789abcdef'[int(16)]).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  let installN = 0;

  function payload(kind: (typeof PAYLOAD_KEYS)[number]): Partial<EventData> {
    switch (kind) {
      case 'sessionStart':
        return { sessionStart: { resumed: rnd() < 0.5 } };
      case 'sessionEnd':
        return { sessionEnd: { lengthMs: int(100_000) } };
      case 'progression':
        return { progression: { status: 1 + int(3), tier1: 'w1', tier2: rnd() < 0.5 ? 'l2' : '', attempt: 1, score: int(1000) } };
      case 'purchase':
        return { purchase: { currency: pick(['USD', 'EUR', 'BRL']), amountMinor: 1 + int(10_000), itemType: 'gems' } };
      case 'resource':
        return { resource: { flow: 1 + int(2), currency: 'gold', amount: 1 + int(100), itemType: 'shop' } };
      case 'design':
        return { design: { eventId: 'ui:open', value: rnd() } };
      case 'error':
        return { error: { severity: 1 + int(5), message: 'oops' } };
      case 'ad':
        return { ad: { action: 1 + int(4), adType: 'rewarded' } };
      case 'social':
        return { social: { action: 'invite' } };
      case 'featureUse':
        return { featureUse: { feature: 'daily' } };
      case 'experimentExposure':
        return { experimentExposure: { experiment: 'e1', variant: 'b' } };
      case 'refund':
        return {
          refund: { currency: pick(['USD', 'EUR']), amountMinor: 1 + int(10_000), transactionId: `t-${int(1000)}`, reason: 1 + int(3) },
        };
    }
  }

  function goodEvent(installId: string, sequence: number): EventData {
    return {
      eventId: uuid(),
      installId,
      playerId: `p-${installId}`,
      sessionId: uuid(),
      sequence,
      clientTsMs: TEST_NOW_MS - int(3_600_000),
      sessionNumber: 1,
      ...payload(pick(PAYLOAD_KEYS)),
    };
  }

  /** A value from the edges of "some type", for a field chosen at random. */
  function edgeValue(): unknown {
    switch (int(6)) {
      case 0:
        return pick(EDGE_STRINGS);
      case 1:
        return pick(EDGE_NUMBERS) * (rnd() < 0.2 ? -1 : 1);
      case 2:
        return pick([NaN, Infinity, -Infinity, 0.5, 1e300]);
      case 3:
        return Object.fromEntries(
          Array.from({ length: int(30) }, (_, i) => [pick(['k', 'Key', 'a_b', `k${i}`, '']) + i, pick(EDGE_STRINGS)]),
        );
      case 4:
        return null;
      default:
        return rnd() < 0.5;
    }
  }

  const EVENT_FIELDS = [
    'eventId',
    'installId',
    'playerId',
    'sessionId',
    'sequence',
    'clientTsMs',
    'custom',
    'sessionNumber',
    'sampleRate',
    'context',
  ] as const;

  /** A batch of mostly valid events with some fields set to edge values. */
  function semanticBatch(): EventBatchData {
    const installId = rnd() < 0.05 ? pick(EDGE_STRINGS) : `fz-${installN++ % 5000}`;
    const n = rnd() < 0.02 ? 1001 : int(12);
    const events = Array.from({ length: n }, (_, i) => {
      const e = goodEvent(installId, i + 1) as Record<string, unknown>;
      for (let m = rnd() < 0.6 ? int(3) : 0; m > 0; m--) {
        const field = pick(EVENT_FIELDS);
        try {
          e[field] =
            field === 'context'
              ? { gameId: pick(['demo', 'other', '', 'x'.repeat(80)]), country: pick(['US', 'us', 'USA', '']) }
              : edgeValue();
        } catch {
          /* ignore */
        }
      }
      if (rnd() < 0.1) {
        const p = e as Record<string, Record<string, unknown> | undefined>;
        const k = PAYLOAD_KEYS.find((x) => p[x]);
        if (k && p[k]) for (const f of Object.keys(p[k])) if (rnd() < 0.5) p[k][f] = edgeValue();
      }
      return e;
    });
    return {
      installId,
      batchSequence: rnd() < 0.05 ? pick([0, -1, 2 ** 60]) : 1 + int(1000),
      sentAtMs: rnd() < 0.1 ? pick(EDGE_NUMBERS) : TEST_NOW_MS - int(5000),
      clockOffsetMs: rnd() < 0.2 ? pick(EDGE_NUMBERS) * (rnd() < 0.5 ? -1 : 1) : 0,
      context: rnd() < 0.1 ? { gameId: pick(['other', '', 'demo']), platform: pick(EDGE_STRINGS) } : { build: '1.0', platform: 'web' },
      events,
    };
  }

  function encode(data: EventBatchData): Uint8Array {
    try {
      return EventBatch.encode(data).finish();
    } catch {
      return new Uint8Array(0); // protobufjs refuses some edge values outright
    }
  }

  function mutateBytes(bytes: Uint8Array): Uint8Array {
    let out = Uint8Array.from(bytes);
    for (let m = 1 + int(6); m > 0; m--) {
      const at = int(Math.max(1, out.length));
      switch (int(6)) {
        case 0:
          if (out.length) out[at] = out[at]! ^ (1 << int(8));
          break;
        case 1:
          if (out.length) out[at] = int(256);
          break;
        case 2: {
          const ins = Uint8Array.from({ length: 1 + int(8) }, () => int(256));
          out = Uint8Array.from([...out.subarray(0, at), ...ins, ...out.subarray(at)]);
          break;
        }
        case 3:
          out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(Math.min(out.length, at + 1 + int(16)))]);
          break;
        case 4:
          out = out.subarray(0, at);
          break;
        default: {
          const from = int(Math.max(1, out.length));
          out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(from, from + 1 + int(32)), ...out.subarray(at)]);
        }
      }
    }
    return out;
  }

  function jsonText(data: EventBatchData): string {
    const snake = rnd() < 0.3;
    const conv = (v: unknown, inMap = false): unknown => {
      if (Array.isArray(v)) return v.map((x) => conv(x));
      if (v && typeof v === 'object') {
        return Object.fromEntries(
          Object.entries(v as Record<string, unknown>).map(([k, x]) => [
            snake && !inMap ? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : k,
            typeof x === 'number' && rnd() < 0.3 ? String(x) : conv(x, k === 'custom'),
          ]),
        );
      }
      return v;
    };
    return JSON.stringify(conv(data), (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  }

  function next(): FuzzPayload {
    const r = rnd();
    const text = (s: string): Uint8Array => new TextEncoder().encode(s);
    if (r < 0.1)
      return {
        kind: 'random',
        body: Uint8Array.from({ length: int(600) }, () => int(256)),
        contentEncoding: pick(['identity', 'auto'] as const),
        format: 'protobuf',
      };
    if (r < 0.4)
      return { kind: 'mutated-protobuf', body: mutateBytes(encode(semanticBatch())), contentEncoding: 'identity', format: 'protobuf' };
    if (r < 0.6)
      return {
        kind: 'semantic-protobuf',
        body: encode(semanticBatch()),
        contentEncoding: rnd() < 0.5 ? 'identity' : 'auto',
        format: 'protobuf',
      };
    if (r < 0.67) {
      const gz = gzipSync(encode(semanticBatch()));
      return { kind: 'gzip', body: rnd() < 0.5 ? gz : mutateBytes(gz), contentEncoding: rnd() < 0.5 ? 'gzip' : 'auto', format: 'protobuf' };
    }
    if (r < 0.7)
      return { kind: 'gzip-bomb', body: gzipSync(Buffer.alloc(1 << (16 + int(8)))), contentEncoding: 'gzip', format: 'protobuf' };
    if (r < 0.77) {
      const b = encode(semanticBatch());
      return { kind: 'truncated', body: b.subarray(0, int(b.length + 1)), contentEncoding: 'identity', format: 'protobuf' };
    }
    if (r < 0.9) return { kind: 'json', body: text(jsonText(semanticBatch())), contentEncoding: 'identity', format: 'json' };
    if (r < 0.95) {
      const t = jsonText(semanticBatch());
      return {
        kind: 'json-mutated',
        body: rnd() < 0.5 ? text(t.slice(0, int(t.length))) : mutateBytes(text(t)),
        contentEncoding: 'identity',
        format: 'json',
      };
    }
    if (r < 0.97) {
      const depth = 1 + int(5000);
      return {
        kind: 'json-deep',
        body: text(`{"events":[${'['.repeat(depth)}${']'.repeat(depth)}]}`),
        contentEncoding: 'identity',
        format: 'json',
      };
    }
    return { kind: 'json-gzip', body: gzipSync(text(jsonText(semanticBatch()))), contentEncoding: 'gzip', format: 'json' };
  }

  return { next, semanticBatch, encode, mutateBytes, rnd, int, pick };
}
