import { describe, expect, it } from 'vitest';
import type { FrozenBatch } from './frozen-batch.ts';
import { createManualClock } from './manual-clock.ts';
import { createSeededRandom } from './random.ts';
import { backoffCeilingMs, backoffDelayMs, withRetry, type RetryInfo, type RetryPolicy } from './retry.ts';
import type { SendResult, Transport } from './transport.ts';

const policy: RetryPolicy = { baseDelayMs: 100, maxDelayMs: 5_000, maxRetryAfterMs: 60_000 };
const batch: FrozenBatch = { sequence: 7, bytes: new Uint8Array([1, 2, 3]), eventCount: 1 };
const ack: SendResult = { ok: true, ack: { batchSequence: 7, accepted: 1, rejected: [], serverTimeMs: 0 } };
const unavailable: SendResult = { ok: false, retryable: true, status: 503, code: 'GP_SDK_HTTP_STATUS' };

/** Answers the scripted results in order, then acks; records what it was sent. */
function scripted(results: SendResult[]): Transport & { sent: FrozenBatch[] } {
  const sent: FrozenBatch[] = [];
  return {
    sent,
    async send(b) {
      sent.push(b);
      return results.shift() ?? ack;
    },
  };
}

describe('core/retry', () => {
  it('backoff window doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 200].map((n) => backoffCeilingMs(n, policy))).toEqual([
      100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000,
    ]);
  });

  it('full jitter: every delay lies in [0, min(cap, base·2^n)) and the draws use the window', () => {
    const random = createSeededRandom(2024);
    for (let n = 0; n < 12; n++) {
      const ceiling = backoffCeilingMs(n, policy);
      const draws = Array.from({ length: 500 }, () => backoffDelayMs(n, policy, random));
      for (const d of draws) {
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
        expect(Number.isInteger(d)).toBe(true);
      }
      // Full (not "equal") jitter: draws reach both ends of the window.
      expect(Math.min(...draws)).toBeLessThan(ceiling * 0.1);
      expect(Math.max(...draws)).toBeGreaterThan(ceiling * 0.9);
    }
  });

  it('re-sends the same batch object after each retryable failure, waiting the jittered schedule', async () => {
    const clock = createManualClock();
    const inner = scripted([unavailable, unavailable, unavailable]);
    const retries: RetryInfo[] = [];
    const expected = createSeededRandom(9);
    const transport = withRetry(inner, { policy, clock, random: createSeededRandom(9), onRetry: (i) => retries.push(i) });
    const result = transport.send(batch);
    await clock.runAll();
    expect(await result).toEqual(ack);
    expect(inner.sent).toHaveLength(4);
    for (const b of inner.sent) expect(b).toBe(batch);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(retries.map((r) => r.delayMs)).toEqual([0, 1, 2].map((n) => backoffDelayMs(n, policy, expected)));
  });

  it('waits exactly as long as the collector asks (Retry-After), clamped to maxRetryAfterMs', async () => {
    const clock = createManualClock();
    const inner = scripted([
      { ...unavailable, retryInMs: 2_000 },
      { ...unavailable, retryInMs: 10 * 60_000 },
    ]);
    const transport = withRetry(inner, { policy, clock, random: createSeededRandom(1) });
    const result = transport.send(batch);
    await clock.settle();
    expect(clock.pendingTimers().map((t) => t.delayMs)).toEqual([2_000]);
    await clock.advance(1_999);
    expect(inner.sent).toHaveLength(1);
    await clock.advance(1);
    expect(inner.sent).toHaveLength(2);
    expect(clock.pendingTimers().map((t) => t.delayMs)).toEqual([60_000]);
    await clock.runAll();
    expect((await result).ok).toBe(true);
  });

  it('does not retry a permanent failure', async () => {
    const clock = createManualClock();
    const badRequest: SendResult = { ok: false, retryable: false, status: 400, code: 'GP_SDK_HTTP_STATUS' };
    const inner = scripted([badRequest]);
    const result = await withRetry(inner, { policy, clock, random: createSeededRandom(1) }).send(batch);
    expect(result).toEqual(badRequest);
    expect(inner.sent).toHaveLength(1);
    expect(clock.pendingTimers()).toHaveLength(0);
  });

  it('stops waiting when aborted and reports the abort', async () => {
    const clock = createManualClock();
    const inner = scripted([unavailable]);
    const abort = new AbortController();
    const result = withRetry(inner, { policy, clock, random: createSeededRandom(1) }).send(batch, abort.signal);
    await clock.settle();
    abort.abort();
    expect(await result).toMatchObject({ ok: false, code: 'GP_SDK_ABORTED' });
    expect(inner.sent).toHaveLength(1);
  });

  it('treats a throwing transport as a retryable failure', async () => {
    const clock = createManualClock();
    let calls = 0;
    const inner: Transport = {
      async send() {
        if (calls++ === 0) throw new Error('boom');
        return ack;
      },
    };
    const result = withRetry(inner, { policy, clock, random: createSeededRandom(1) }).send(batch);
    await clock.runAll();
    expect(await result).toEqual(ack);
  });
});
