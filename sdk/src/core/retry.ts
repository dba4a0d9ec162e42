/**
 * Retry as a wrapper around a Transport: the same frozen batch is re-sent until the
 * collector acknowledges it, rejects it for good, or the send is aborted (shutdown).
 *
 * Waits use exponential backoff with full jitter ("Exponential Backoff And Jitter",
 * AWS Architecture Blog, 2015): before re-send n (0-based) wait a uniform draw from
 * [0, min(maxDelayMs, baseDelayMs * 2^n)). Full jitter spreads a fleet of clients that
 * failed together (a collector restart) instead of having them return in lockstep.
 * A wait the collector asked for (Retry-After, gRPC pushback) is honoured instead.
 */
import type { Clock } from './clock.ts';
import type { FrozenBatch } from './frozen-batch.ts';
import type { RandomSource } from './random.ts';
import type { SendFailure, SendResult, Transport } from './transport.ts';

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Server-requested waits are clamped to this. */
  maxRetryAfterMs: number;
}

export interface RetryInfo {
  batch: FrozenBatch;
  /** 1 for the first re-send. */
  attempt: number;
  delayMs: number;
  failure: SendFailure;
}

export interface RetryOptions {
  policy: RetryPolicy;
  clock: Clock;
  random: RandomSource;
  /** Observer, e.g. for debug output. */
  onRetry?: (info: RetryInfo) => void;
}

/** 2^31 already exceeds any cap; stop the exponent growing past it. */
const MAX_EXPONENT = 31;

/** The full-jitter window for re-send `retryIndex` (0-based). */
export function backoffCeilingMs(retryIndex: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retryIndex, MAX_EXPONENT));
}

/** A draw from [0, ceiling). */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy, random: RandomSource): number {
  return Math.floor(random.next() * backoffCeilingMs(retryIndex, policy));
}

const ABORTED: SendFailure = { ok: false, retryable: true, code: 'GP_SDK_ABORTED' };

function wait(clock: Clock, delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clock.clearTimeout(handle);
      resolve();
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A transport that throws breaks its contract; treat it as a failed attempt. */
async function sendSafely(inner: Transport, batch: FrozenBatch, signal: AbortSignal | undefined): Promise<SendResult> {
  try {
    return await inner.send(batch, signal);
  } catch (cause) {
    return { ok: false, retryable: true, code: 'GP_SDK_NETWORK', message: String(cause) };
  }
}

export function withRetry(inner: Transport, options: RetryOptions): Transport {
  const { policy, clock, random, onRetry } = options;
  return {
    async send(batch, signal): Promise<SendResult> {
      for (let retryIndex = 0; ; retryIndex++) {
        if (signal?.aborted) return ABORTED;
        const result = await sendSafely(inner, batch, signal);
        if (result.ok || !result.retryable) return result;
        if (signal?.aborted) return ABORTED;
        const delayMs =
          result.retryInMs !== undefined
            ? Math.min(Math.max(0, result.retryInMs), policy.maxRetryAfterMs)
            : backoffDelayMs(retryIndex, policy, random);
        onRetry?.({ batch, attempt: retryIndex + 1, delayMs, failure: result });
        await wait(clock, delayMs, signal);
      }
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}
