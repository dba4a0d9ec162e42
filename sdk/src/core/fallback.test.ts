import { describe, expect, it } from 'vitest';
import { withFallback } from './fallback.ts';
import { createManualClock } from './manual-clock.ts';
import type { SendResult, Transport } from './transport.ts';
import { ackFor } from '../testing/fake-transport.ts';

function named(name: string, answer: () => SendResult): Transport & { calls: number } {
  const t = {
    name,
    calls: 0,
    async send() {
      t.calls++;
      return answer();
    },
  };
  return t;
}

const batch = { sequence: 1, bytes: new Uint8Array([0x10, 0x01]), eventCount: 0 };

describe('core/fallback', () => {
  it('moves to the next transport when one is unavailable, stays there, and tries the preferred again later', async () => {
    const clock = createManualClock();
    let wsUp = false;
    const ws = named('websocket', () => (wsUp ? ackFor(batch) : { ok: false, retryable: true, code: 'GP_SDK_TRANSPORT_UNAVAILABLE' }));
    const http = named('http', () => ackFor(batch));
    const switches: string[] = [];
    const t = withFallback([ws, http], { clock, retryPreferredAfterMs: 60_000, onSwitch: (a, b) => switches.push(`${a}->${b}`) });
    expect((await t.send(batch)).ok).toBe(true);
    expect([ws.calls, http.calls, t.name]).toEqual([1, 1, 'http']);
    await t.send(batch);
    expect([ws.calls, http.calls]).toEqual([1, 2]); // sticky
    wsUp = true;
    await clock.advance(60_000);
    await t.send(batch);
    expect([ws.calls, http.calls, t.name]).toEqual([2, 2, 'websocket']);
    expect(switches).toEqual(['websocket->http']);
  });

  it('does not switch on a failure that is not the transport’s (e.g. 503): the retry layer handles it', async () => {
    const clock = createManualClock();
    const ws = named('websocket', () => ({ ok: false, retryable: true, code: 'GP_SDK_NETWORK' }));
    const http = named('http', () => ackFor(batch));
    const t = withFallback([ws, http], { clock, retryPreferredAfterMs: 60_000 });
    expect(await t.send(batch)).toMatchObject({ ok: false, code: 'GP_SDK_NETWORK' });
    expect(http.calls).toBe(0);
  });
});
