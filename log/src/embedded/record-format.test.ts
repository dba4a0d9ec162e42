import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.ts';
import {
  decodeRecord,
  encodeRecords,
  MAX_RECORD_LENGTH,
  peekRecord,
  RECORD_HEADER_BYTES,
  sealRecords,
  type EncodableRecord,
} from './record-format.ts';

function encode(records: EncodableRecord[], firstOffset: number, defaultTs = 1_700_000_000_000): Buffer {
  const keyBytes = records.map((r) => Buffer.byteLength(r.key));
  const total = records.reduce((s, r, i) => s + RECORD_HEADER_BYTES + keyBytes[i]! + r.value.length, 0);
  const buf = encodeRecords(
    records,
    records.map((_, i) => i),
    keyBytes,
    total,
    defaultTs,
  );
  expect(sealRecords(buf, firstOffset)).toBe(records.length);
  return buf;
}

function decodeAll(buf: Buffer) {
  const out = [];
  let pos = 0;
  while (pos < buf.length) {
    const d = decodeRecord(buf, pos, buf.length);
    if (d.kind !== 'record') throw new Error(`unexpected ${d.kind}`);
    out.push(d.record);
    pos = d.record.end;
  }
  return out;
}

describe('log/embedded/record-format', () => {
  it('round-trips keys (including multi-byte UTF-8 and empty), values, offsets and timestamps', () => {
    const records: EncodableRecord[] = [
      { key: 'player-1', value: Buffer.from('hello'), timestampMs: 1 },
      { key: '', value: new Uint8Array(0), timestampMs: -5 },
      { key: 'jöürß-🎮', value: Uint8Array.from({ length: 3000 }, (_, i) => i & 0xff) },
      { key: 'big-ts', value: Buffer.from([1]), timestampMs: 2 ** 52 },
    ];
    const first = 2 ** 40 + 3; // beyond 32 bits
    const decoded = decodeAll(encode(records, first, 1234));
    expect(decoded.map((r) => r.offset)).toEqual([first, first + 1, first + 2, first + 3]);
    expect(decoded.map((r) => r.key)).toEqual(['player-1', '', 'jöürß-🎮', 'big-ts']);
    expect(decoded.map((r) => r.timestampMs)).toEqual([1, -5, 1234, 2 ** 52]);
    decoded.forEach((r, i) => expect(Buffer.from(r.value).equals(Buffer.from(records[i]!.value))).toBe(true));
  });

  it('lays out the documented header: length, CRC-32C over [8, end), magic, offset, timestamp, key length', () => {
    const buf = encode([{ key: 'ab', value: Buffer.from('xyz'), timestampMs: 0x1_0000_0002 }], 7);
    expect(buf.length).toBe(29 + 2 + 3);
    expect(buf.readUInt32LE(0)).toBe(25 + 2 + 3);
    expect(buf.readUInt32LE(4)).toBe(crc32c(buf, 8, buf.length));
    expect(buf[8]).toBe(1);
    expect(buf.readUInt32LE(9)).toBe(7);
    expect(buf.readUInt32LE(13)).toBe(0);
    expect(buf.readUInt32LE(17)).toBe(2);
    expect(buf.readInt32LE(21)).toBe(1);
    expect(buf.readUInt32LE(25)).toBe(2);
    expect(buf.toString('utf8', 29)).toBe('abxyz');
  });

  it('detects a flipped bit anywhere after the length field as corrupt', () => {
    const good = encode([{ key: 'k', value: Buffer.from('some value bytes') }], 0);
    for (let byte = 4; byte < good.length; byte++) {
      const bad = Buffer.from(good);
      bad[byte]! ^= 0x10;
      expect(decodeRecord(bad, 0, bad.length).kind, `byte ${byte}`).toBe('corrupt');
    }
  });

  it('reports a record cut short as incomplete, with the bytes it needs', () => {
    const buf = encode([{ key: 'k', value: Buffer.alloc(100, 1) }], 0);
    for (const cut of [0, 3, 4, 28, 29, buf.length - 1]) {
      const d = decodeRecord(buf.subarray(0, cut), 0, cut);
      expect(d.kind).toBe('incomplete');
      if (d.kind === 'incomplete' && cut >= 4) expect(d.needBytes).toBe(buf.length);
    }
  });

  it('rejects impossible lengths (zeros of a torn extension, huge garbage) without reading further', () => {
    expect(decodeRecord(Buffer.alloc(64), 0, 64)).toMatchObject({ kind: 'corrupt' });
    const huge = Buffer.alloc(8);
    huge.writeUInt32LE(MAX_RECORD_LENGTH + 1, 0);
    expect(decodeRecord(huge, 0, 8)).toMatchObject({ kind: 'corrupt' });
    expect(peekRecord(Buffer.alloc(64), 0, 64).kind).toBe('corrupt');
  });

  it('value is a view into the buffer it was decoded from (no copy)', () => {
    const buf = encode([{ key: 'k', value: Buffer.from('abc') }], 0);
    const d = decodeRecord(buf, 0, buf.length);
    expect(d.kind).toBe('record');
    if (d.kind === 'record') expect(d.record.value.buffer).toBe(buf.buffer);
  });

  it('peekRecord gives offset and extent without checking the CRC', () => {
    const buf = encode(
      [
        { key: 'a', value: Buffer.from('1') },
        { key: 'b', value: Buffer.from('22') },
      ],
      41,
    );
    const first = peekRecord(buf, 0, buf.length);
    expect(first).toEqual({ kind: 'record', offset: 41, end: 31 });
    expect(peekRecord(buf, 31, buf.length)).toEqual({ kind: 'record', offset: 42, end: buf.length });
  });
});
