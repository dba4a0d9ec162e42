import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@gamepulse/testkit';
import { Event, EventBatch, type EventData } from '../messages.ts';
import { EVENT_CODES } from './codes.ts';
import { validateEvent } from './validate-event.ts';
import { NAME_PATTERN, UUID_PATTERN } from './limits.ts';

const base = (): EventData => ({
  eventId: '0190a3b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
  installId: 'install-1',
  playerId: 'player-1',
  sessionId: '0190a3b2-1c2d-7e3f-8a9b-0c1d2e3f4a5c',
  sequence: 1,
  clientTsMs: 1_700_000_000_000,
  purchase: { currency: 'USD', amountMinor: 499, itemType: 'gems', itemId: 'gems_500' },
});

const check = (patch: Partial<EventData>, batchHasGame = true) => validateEvent({ ...base(), ...patch }, 'install-1', batchHasGame);

describe('proto/validation/validateEvent', () => {
  it('accepts a valid event, as a plain object and after a wire round trip', () => {
    expect(check({})).toBeUndefined();
    const wire = EventBatch.decode(EventBatch.encode({ installId: 'install-1', events: [base()] }).finish());
    expect(validateEvent(wire.events[0]!, 'install-1', true)).toBeUndefined();
  });

  it.each([
    [{ eventId: 'nope' }, 'GP_EVENT_ID_INVALID', 'event_id'],
    [{ installId: 'install-2' }, 'GP_EVENT_INSTALL_ID_INVALID', 'install_id'],
    [{ playerId: 'p'.repeat(129) }, 'GP_EVENT_PLAYER_ID_INVALID', 'player_id'],
    [{ sessionId: '' }, 'GP_EVENT_SESSION_ID_INVALID', 'session_id'],
    [{ sequence: 0 }, 'GP_EVENT_SEQUENCE_INVALID', 'sequence'],
    [{ clientTsMs: -5 }, 'GP_EVENT_TIMESTAMP_INVALID', 'client_ts_ms'],
    [{ sampleRate: 1.5 }, 'GP_EVENT_SAMPLE_RATE_INVALID', 'sample_rate'],
    [{ custom: { 'Bad-Key': 'x' } }, 'GP_EVENT_CUSTOM_INVALID', 'custom.Bad-Key'],
    [{ custom: { ok: 'v'.repeat(257) } }, 'GP_EVENT_CUSTOM_INVALID', 'custom.ok'],
    [{ purchase: { currency: 'usd', amountMinor: 1, itemType: 'x' } }, 'GP_EVENT_CURRENCY_INVALID', 'purchase.currency'],
    [{ purchase: { currency: 'XYZ', amountMinor: 1, itemType: 'x' } }, 'GP_EVENT_CURRENCY_INVALID', 'purchase.currency'],
    [{ purchase: { currency: 'EUR', amountMinor: 0, itemType: 'x' } }, 'GP_EVENT_AMOUNT_INVALID', 'purchase.amount_minor'],
    [{ purchase: { currency: 'EUR', amountMinor: 1.5, itemType: 'x' } }, 'GP_EVENT_AMOUNT_INVALID', 'purchase.amount_minor'],
    [{ purchase: { currency: 'EUR', amountMinor: 10_000_001, itemType: 'x' } }, 'GP_EVENT_AMOUNT_INVALID', 'purchase.amount_minor'],
    [{ purchase: { currency: 'EUR', amountMinor: 5, itemType: '' } }, 'GP_EVENT_NAME_INVALID', 'purchase.item_type'],
  ] as Array<[Partial<EventData>, string, string]>)('rejects %j with %s', (patch, code, field) => {
    expect(check(patch)).toEqual({ code, field });
  });

  it('checks each payload kind', () => {
    const p = (payload: Partial<EventData>) => {
      const e = base();
      delete e.purchase;
      return validateEvent({ ...e, ...payload }, 'install-1', true);
    };
    expect(p({})).toEqual({ code: 'GP_EVENT_PAYLOAD_MISSING', field: 'payload' });
    expect(p({ sessionStart: {}, purchase: { currency: 'USD', amountMinor: 1, itemType: 'x' } })).toEqual({
      code: 'GP_EVENT_PAYLOAD_MISSING',
      field: 'payload',
    });
    expect(p({ sessionEnd: { lengthMs: 8 * 24 * 3600 * 1000 } })?.code).toBe('GP_EVENT_SESSION_LENGTH_INVALID');
    expect(p({ progression: { status: 1, tier1: 'w1', tier3: 'x' } })?.code).toBe('GP_EVENT_PROGRESSION_INVALID');
    expect(p({ progression: { status: 3, tier1: 'w1', tier2: 'l/2' } })).toEqual({
      code: 'GP_EVENT_NAME_INVALID',
      field: 'progression.tier2',
    });
    expect(p({ progression: { status: 2, tier1: 'w1', tier2: 'l2', tier3: 'p1', attempt: 3 } })).toBeUndefined();
    expect(p({ resource: { flow: 0, currency: 'gold', amount: 5, itemType: 'shop' } })?.code).toBe('GP_EVENT_RESOURCE_FLOW_INVALID');
    expect(p({ resource: { flow: 2, currency: 'gold', amount: 5, itemType: 'shop' } })).toBeUndefined();
    expect(p({ design: { eventId: 'a:b:c:d:e:f' } })?.code).toBe('GP_EVENT_DESIGN_ID_INVALID');
    expect(p({ design: { eventId: 'a::b' } })?.code).toBe('GP_EVENT_DESIGN_ID_INVALID');
    expect(p({ design: { eventId: 'ui:open', value: Number.NaN } })?.code).toBe('GP_EVENT_VALUE_INVALID');
    expect(p({ error: { severity: 0, message: 'x' } })?.code).toBe('GP_EVENT_SEVERITY_INVALID');
    expect(p({ error: { severity: 4, message: 'x'.repeat(8193) } })?.code).toBe('GP_EVENT_MESSAGE_TOO_LONG');
    expect(p({ ad: { action: 9 } })?.code).toBe('GP_EVENT_AD_ACTION_INVALID');
    expect(p({ social: { action: '' } })?.code).toBe('GP_EVENT_NAME_INVALID');
    expect(p({ featureUse: { feature: 'daily_bonus' } })).toBeUndefined();
    expect(p({ experimentExposure: { experiment: 'shop_v2', variant: '' } })).toEqual({
      code: 'GP_EVENT_NAME_INVALID',
      field: 'experiment_exposure.variant',
    });
  });

  it('checks a refund like a purchase, plus its reason and the refunded transaction', () => {
    const p = (payload: Partial<EventData>) => {
      const e = base();
      delete e.purchase;
      return validateEvent({ ...e, ...payload }, 'install-1', true);
    };
    const ok = { currency: 'USD', amountMinor: 499, transactionId: 'GPA.3342-1', store: 'google', reason: 2 };
    expect(p({ refund: ok })).toBeUndefined();
    expect(p({ refund: { ...ok, currency: 'usd' } })).toEqual({ code: 'GP_EVENT_CURRENCY_INVALID', field: 'refund.currency' });
    expect(p({ refund: { ...ok, amountMinor: 0 } })).toEqual({ code: 'GP_EVENT_AMOUNT_INVALID', field: 'refund.amount_minor' });
    expect(p({ refund: { ...ok, amountMinor: 10_000_001 } })?.code).toBe('GP_EVENT_AMOUNT_INVALID');
    expect(p({ refund: { ...ok, reason: 0 } })).toEqual({ code: 'GP_EVENT_REFUND_REASON_INVALID', field: 'refund.reason' });
    expect(p({ refund: { ...ok, reason: 4 } })?.code).toBe('GP_EVENT_REFUND_REASON_INVALID');
    expect(p({ refund: { ...ok, transactionId: '' } })).toEqual({
      code: 'GP_EVENT_REFUND_TRANSACTION_INVALID',
      field: 'refund.transaction_id',
    });
    expect(p({ refund: { ...ok, transactionId: 'x'.repeat(129) } })?.code).toBe('GP_EVENT_REFUND_TRANSACTION_INVALID');
    expect(p({ refund: { ...ok, store: 'app/store' } })).toEqual({ code: 'GP_EVENT_NAME_INVALID', field: 'refund.store' });
    expect(p({ refund: { ...ok, itemType: 'gem_pack', itemId: 'gems_500' } })).toBeUndefined();
  });

  it('requires a game id when the batch has none', () => {
    expect(check({}, false)).toEqual({ code: 'GP_EVENT_CONTEXT_INVALID', field: 'context.game_id' });
    expect(check({ context: { gameId: 'demo', country: 'de' } }, false)).toEqual({
      code: 'GP_EVENT_CONTEXT_INVALID',
      field: 'context.country',
    });
    expect(check({ context: { gameId: 'demo', country: 'DE' } }, false)).toBeUndefined();
  });

  it('every code has a message', () => {
    for (const [code, message] of Object.entries(EVENT_CODES)) {
      expect(code).toMatch(/^GP_EVENT_[A-Z_]+$/);
      expect(message.length).toBeGreaterThan(10);
    }
    expect(Event).toBeDefined();
  });
});

describe('proto/messages 64-bit fields', () => {
  it('decode as plain numbers, also when unset (zero)', () => {
    const wire = EventBatch.decode(
      EventBatch.encode({ installId: 'install-1', events: [{ ...base(), purchase: undefined, sessionEnd: { lengthMs: 0 } }] }).finish(),
    );
    const e = wire.events[0]!;
    expect(typeof e.sessionEnd!.lengthMs).toBe('number');
    expect(e.sessionEnd!.lengthMs).toBe(0);
    expect(typeof wire.sentAtMs).toBe('number');
    expect(validateEvent(e, 'install-1', true)).toBeUndefined();
  });
});

describe('proto/validation event_id check', () => {
  it('agrees with UUID_PATTERN on valid ids and on every one-character mutation of them', async () => {
    const { UUID_PATTERN } = await import('./limits.ts');
    const samples = [
      '0190a3b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
      'ABCDEF01-2345-6789-ABCD-EF0123456789',
      '00000000-0000-0000-0000-000000000000',
    ];
    const alphabet = ['0', '9', 'a', 'f', 'A', 'F', 'g', 'G', 'z', '-', ' ', '/', ':', '@', '`', '{', 'é'];
    let checked = 0;
    for (const id of samples) {
      for (let i = 0; i <= id.length; i++) {
        for (const ch of alphabet) {
          for (const candidate of [
            id.slice(0, i) + ch + id.slice(i + 1),
            id.slice(0, i) + ch + id.slice(i),
            id.slice(0, i) + id.slice(i + 1),
          ]) {
            const rejected = validateEvent({ ...base(), eventId: candidate }, 'install-1', true)?.code === 'GP_EVENT_ID_INVALID';
            expect(rejected, candidate).toBe(!UUID_PATTERN.test(candidate));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('judges event ids exactly like UUID_PATTERN and names exactly like NAME_PATTERN (20k mutated strings each)', () => {
    const rnd = mulberry32(9);
    const chars = '0123456789abcdefABCDEFgGzZ-_.+ :/é\u0130\u00ff\u0000';
    const mutate = (s: string) => {
      for (let k = Math.floor(rnd() * 4); k > 0; k--) {
        const p = Math.floor(rnd() * s.length);
        s = s.slice(0, p) + chars[Math.floor(rnd() * chars.length)] + s.slice(p + 1);
      }
      if (rnd() < 0.05) s = s.slice(0, -1);
      if (rnd() < 0.05) s += 'a';
      return s;
    };
    for (let i = 0; i < 20_000; i++) {
      const id = mutate('0190a3b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b');
      expect(check({ eventId: id })?.code === 'GP_EVENT_ID_INVALID', id).toBe(!UUID_PATTERN.test(id));
      const name = mutate('gem_pack.v2+x');
      const verdict = check({ purchase: { currency: 'USD', amountMinor: 1, itemType: name } });
      expect(verdict?.field === 'purchase.item_type', name).toBe(!NAME_PATTERN.test(name));
    }
  });
});
