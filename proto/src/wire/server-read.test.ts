/**
 * The server-side codec's reads (server-read.ts, used by generated/messages.ts): 64-bit
 * varints against BigInt, strict UTF-8 against TextDecoder, and that the generated
 * decoders go through them.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@gamepulse/testkit';
import { Event, IngestedBatch } from '../messages.ts';
import { int64, uint64, utf8Strict } from './server-read.ts';

function varint(v: bigint): Uint8Array {
  const out: number[] = [];
  let x = BigInt.asUintN(64, v);
  do {
    const b = Number(x & 0x7fn);
    x >>= 7n;
    out.push(x ? b | 0x80 : b);
  } while (x);
  return Uint8Array.from(out);
}

function random64(rnd: () => number): bigint {
  // Mostly small and mid-sized values, some at the edges, some full 64-bit patterns.
  const pick = rnd();
  if (pick < 0.3) return BigInt(Math.floor(rnd() * 2 ** (1 + Math.floor(rnd() * 53))));
  if (pick < 0.5) return -BigInt(Math.floor(rnd() * 2 ** (1 + Math.floor(rnd() * 53))));
  if (pick < 0.6)
    return [
      0n,
      1n,
      -1n,
      2n ** 53n - 1n,
      2n ** 53n,
      2n ** 63n - 1n,
      -(2n ** 63n),
      2n ** 32n,
      2n ** 32n - 1n,
      2n ** 31n,
      2n ** 28n,
      2n ** 35n,
    ][Math.floor(rnd() * 12)]!;
  return (BigInt(Math.floor(rnd() * 2 ** 32)) << 32n) | BigInt(Math.floor(rnd() * 2 ** 32));
}

const reader = (bytes: Uint8Array) => ({ b: bytes, p: 0 });

describe('int64 reads (ground truth: BigInt)', () => {
  it('int64 and uint64 equal the correctly rounded value of the varint, and advance past it', () => {
    const rnd = mulberry32(42);
    for (let i = 0; i < 20_000; i++) {
      const v = random64(rnd);
      const bytes = varint(v);
      const padded = new Uint8Array(bytes.length + 3); // trailing bytes must not be read
      padded.set(bytes);
      padded.fill(0xff, bytes.length);
      const r1 = reader(padded);
      expect(int64(r1)).toBe(Number(BigInt.asIntN(64, v)));
      expect(r1.p).toBe(bytes.length);
      expect(uint64(reader(bytes))).toBe(Number(BigInt.asUintN(64, v)));
    }
  });

  it('a truncated varint throws a RangeError instead of reading past the end', () => {
    const bytes = varint(2n ** 40n);
    expect(() => int64(reader(bytes.subarray(0, bytes.length - 1)))).toThrow(RangeError);
    expect(() => uint64(reader(Uint8Array.of(0x80)))).toThrow(RangeError);
  });

  it('an 11-byte varint is refused', () => {
    expect(() => int64(reader(new Uint8Array(11).fill(0x80)))).toThrow(/invalid varint/);
  });

  it('generated decoders use them: int64 fields round-trip through encode / decode', () => {
    const rnd = mulberry32(7);
    for (let i = 0; i < 2_000; i++) {
      const ts = Math.floor(rnd() * 2 ** 53) * (rnd() < 0.2 ? -1 : 1);
      const seq = Math.floor(rnd() * 2 ** 53);
      const decoded = Event.decode(Event.encode({ clientTsMs: ts, sequence: seq }).finish());
      expect(decoded.clientTsMs).toBe(ts);
      expect(decoded.sequence).toBe(seq);
    }
  });
});

describe('UTF-8 reads (ground truth: TextDecoder)', () => {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const ALPHABET = ['a', 'Z', '0', '-', ':', ' ', '~', '\u007f', 'é', 'ß', '€', '中', '😀', '\u0000', '\ufeff'];

  function randomText(rnd: () => number, ascii: boolean): string {
    const n = Math.floor(rnd() * 90);
    let s = '';
    for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * (ascii ? 8 : ALPHABET.length))];
    return s;
  }

  it('decodes ASCII and multi-byte text of every length like a strict TextDecoder, from a Buffer and a plain Uint8Array', () => {
    const rnd = mulberry32(3);
    for (let i = 0; i < 5_000; i++) {
      const text = randomText(rnd, rnd() < 0.6);
      const encoded = Buffer.from(text, 'utf8');
      const framed = Buffer.concat([Buffer.from('xy'), encoded, Buffer.from('z')]);
      const end = 2 + encoded.length;
      expect(utf8Strict(framed, 2, end)).toBe(strict.decode(encoded));
      expect(utf8Strict(new Uint8Array(framed), 2, end)).toBe(text);
    }
  });

  it('keeps a leading byte-order mark, as protobufjs does', () => {
    const bytes = Buffer.from('\ufeff' + 'x'.repeat(40), 'utf8');
    expect(utf8Strict(bytes, 0, bytes.length)).toBe('\ufeff' + 'x'.repeat(40));
  });

  it('throws on invalid UTF-8, short or long, so a malformed batch is still refused', () => {
    for (const len of [1, 5, 23, 24, 40]) {
      const bytes = Buffer.alloc(len, 0x61);
      bytes[len - 1] = 0xff;
      expect(() => utf8Strict(bytes, 0, len), `length ${len}`).toThrow(TypeError);
    }
    // event_id: 29 × 'a' and a lone lead byte
    expect(() => Event.decode(Buffer.concat([Buffer.from([0x0a, 30]), Buffer.alloc(29, 0x61), Buffer.from([0xc3])]))).toThrow();
  });

  it('is what generated decoders use for string fields', () => {
    const id = '01a21ef8-c47c-7512-8b42-839bb9c4b13c';
    const decoded = IngestedBatch.decode(
      IngestedBatch.encode({ installId: id, keyId: 'k€y', events: [{ eventId: id, playerId: 'ü'.repeat(30) }] }).finish(),
    );
    expect(decoded.installId).toBe(id);
    expect(decoded.keyId).toBe('k€y');
    expect(decoded.events?.[0]?.playerId).toBe('ü'.repeat(30));
  });
});
