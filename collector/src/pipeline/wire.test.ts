import { describe, expect, it } from 'vitest';
import { Event, IngestedBatch } from '@gamepulse/proto';
import { batch, encodeBatch, validEvent } from '../testing/batches.ts';
import { appendLengthDelimited, fieldRanges } from './wire.ts';

describe('collector/pipeline/wire', () => {
  it('finds each event of an encoded batch, in order, as the bytes the event encodes to', () => {
    // Growing custom values make lengths cross the 1-byte varint boundary (128).
    const events = Array.from({ length: 30 }, (_, i) => validEvent('i', i + 1, { custom: { note: 'x'.repeat(i * 7) } }));
    const bytes = encodeBatch(batch('i', events));
    const ranges = fieldRanges(bytes, 5)!;
    expect(ranges.map((r) => Buffer.from(bytes.subarray(r.start, r.end)).toString('hex'))).toEqual(
      events.map((e) => Buffer.from(Event.encode(e).finish()).toString('hex')),
    );
  });

  it('gives up (undefined) on truncated input and on group wire types', () => {
    const bytes = encodeBatch(batch('i', [validEvent('i', 1)]));
    expect(fieldRanges(bytes.subarray(0, bytes.length - 3), 5)).toBeUndefined();
    expect(fieldRanges(new Uint8Array([0x0b, 0x0c]), 5)).toBeUndefined(); // start/end group
  });

  it('appending events as raw fields decodes like encoding them', () => {
    const events = [validEvent('i', 1), validEvent('i', 2, { custom: { long: 'y'.repeat(200) } })];
    const fields = { installId: 'i', batchSequence: 3, keyId: 'k', receivedAtMs: 5 };
    const spliced = appendLengthDelimited(
      IngestedBatch.encode(fields).finish(),
      4,
      events.map((e) => Event.encode(e).finish()),
    );
    const encoded = IngestedBatch.encode({ ...fields, events }).finish();
    expect(IngestedBatch.toObject(IngestedBatch.decode(spliced), { longs: Number })).toEqual(
      IngestedBatch.toObject(IngestedBatch.decode(encoded), { longs: Number }),
    );
  });

  it('writes multi-byte varint lengths', () => {
    const out = appendLengthDelimited(new Uint8Array(), 4, [new Uint8Array(300).fill(7)]);
    expect([...out.subarray(0, 3)]).toEqual([0x22, 0xac, 0x02]); // tag 4/LEN, 300 = 0xac 0x02
    expect(fieldRanges(out, 4)).toEqual([{ start: 3, end: 303 }]);
  });
});
