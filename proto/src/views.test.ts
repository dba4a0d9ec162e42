import { describe, expect, it } from 'vitest';
import { Event, IngestedBatch, type EventData } from './messages.ts';
import { messageView } from './views.ts';

const event: EventData = {
  eventId: '0190a3b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
  installId: 'install-1',
  playerId: 'player-1',
  sessionId: '0190a3b2-1c2d-7e3f-8a9b-0c1d2e3f4a5c',
  sequence: 7,
  clientTsMs: 1_700_000_000_000,
  custom: { level_name: 'caves' },
  context: { build: '2.0', os: 'Android 14' },
  purchase: { currency: 'USD', amountMinor: 499, itemType: 'gems', itemId: 'gems_500', transactionId: 't-1' },
};

describe('proto/views', () => {
  const view = messageView<{ installId?: string; events?: EventData[] }>('IngestedBatch', {
    IngestedBatch: ['installId', 'events'],
    Event: ['playerId', 'clientTsMs', 'context', 'purchase', 'progression'],
    Context: ['build'],
    Purchase: ['currency', 'amountMinor'],
  });

  it('decodes the kept fields exactly as the full message does and leaves the others out', () => {
    const bytes = IngestedBatch.encode({
      installId: 'install-1',
      batchSequence: 3,
      keyId: 'k',
      events: [event, { ...event, purchase: null, progression: { status: 2, tier1: 'w1' } }],
    }).finish();
    const full = IngestedBatch.decode(bytes);
    const got = view.decode(bytes);
    expect(got.installId).toBe(full.installId);
    expect(got).not.toHaveProperty('batchSequence');
    const [a, b] = got.events!;
    expect(a).toMatchObject({
      playerId: 'player-1',
      clientTsMs: 1_700_000_000_000,
      context: { build: '2.0' },
      purchase: { currency: 'USD', amountMinor: 499 },
    });
    for (const skipped of ['eventId', 'sessionId', 'sequence', 'installId']) expect(a![skipped as keyof EventData], skipped).toBeFalsy();
    expect(a!.custom ?? {}).toEqual({});
    expect(a!.context!.os).toBeFalsy();
    expect(a!.purchase!.itemType).toBeFalsy();
    expect((a as { payload?: string }).payload).toBe('purchase');
    expect((b as { payload?: string }).payload).toBe('progression');
    expect(b!.progression).toMatchObject({ status: 2, tier1: 'w1' });
  });

  it('reads a repeated scalar as the last value, like the full decode (the collector appends corrected times)', () => {
    const corrected = new Uint8Array([...Event.encode(event).finish(), 6 << 3, ...varint(1_700_000_123_456)]);
    expect(Event.decode(corrected).clientTsMs).toBe(1_700_000_123_456);
    const batch = new Uint8Array([(4 << 3) | 2, ...varint(corrected.length), ...corrected]);
    expect(view.decode(batch).events![0]!.clientTsMs).toBe(1_700_000_123_456);
  });

  it('refuses a field the schema does not have, so a rename cannot drop it silently', () => {
    expect(() => messageView('IngestedBatch', { Event: ['playerID'] })).toThrow(/gamepulse.v1.Event has no field playerID/);
    expect(() => messageView('IngestedBatch', { Nope: [] })).toThrow(/not a message/);
  });

  it('throws on bytes that are not a readable message (truncated)', () => {
    const bytes = IngestedBatch.encode({ installId: 'install-1', events: [event] }).finish();
    expect(() => view.decode(bytes.subarray(0, bytes.length - 3))).toThrow();
  });
});

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}
