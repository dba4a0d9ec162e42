import { describe, expect, it } from 'vitest';
import { Event } from './messages.ts';

const base = { eventId: '0190a0a0-0000-7000-8000-000000000001', installId: 'i', sequence: 1, clientTsMs: 1 };

describe('oneof accessors (oneof-accessors.ts)', () => {
  it('decode names the payload that is on the wire', () => {
    const e = Event.decode(Event.encode({ ...base, purchase: { currency: 'USD', amountMinor: 99, itemType: 'gem' } }).finish());
    expect(e.payload).toBe('purchase');
    expect(e.sessionStart).toBeNull();
    expect(Object.keys(e)).not.toContain('sessionStart');
  });

  it('two payloads on the wire: the last one wins and the first is cleared, as proto3 says', () => {
    const first = Event.encode({ ...base, sessionStart: {} }).finish();
    const second = Event.encode({ purchase: { currency: 'EUR', amountMinor: 1, itemType: 'x' } }).finish();
    const both = new Uint8Array([...first, ...second]);
    const e = Event.decode(both);
    expect(e.payload).toBe('purchase');
    expect(e.sessionStart).toBeNull();
    expect(Object.prototype.hasOwnProperty.call(e, 'sessionStart')).toBe(false);
    const reversed = Event.decode(new Uint8Array([...second, ...first]));
    expect(reversed.payload).toBe('sessionStart');
    expect(reversed.purchase).toBeNull();
  });

  it('no payload reads as undefined; setting one clears the one that was set', () => {
    const e = Event.decode(Event.encode(base).finish());
    expect(e.payload).toBeUndefined();
    e.design = { eventId: 'a:b', value: 1 } as never;
    e.payload = 'design';
    expect(e.payload).toBe('design');
    e.ad = { action: 1, adType: 'rewarded' } as never;
    e.payload = 'ad';
    expect(e.payload).toBe('ad');
    expect(e.design).toBeNull();
  });
});
