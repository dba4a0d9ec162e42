/**
 * Retry as a wrapper around a Transport: the same frozen batch is re-sent until the
 * collector acknowledges it, rejects it for good, or the send is aborted (shutdown).
 *
 * Waits use exponential backoff with full jitter ("Exponential Backoff And Jitter",
 * AWS Architecture Blog, 2015): before re-send n (0-based) wait a uniform draw from
 * [0, min(maxDelayMs, baseDelayMs * 2^n)). Full jitter spreads a fleet of clients that
 * failed together (a collector restart) instead of having them return in lockstep.
 * A wait the collector asked for (Retry-After, gRPC pushback) is honoured instead.
 * Before each attempt the circuit breaker and the device's connectivity are asked:
 * no attempt while offline or while the circuit is open; coming back online ends the
 * current wait at once.
 */
import type { CircuitBreaker } from './breaker.ts';
import type { Clock } from './clock.ts';
import { alwaysOnline, type Connectivity } from './connectivity.ts';
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
  breaker?: CircuitBreaker;
  connectivity?: Connectivity;
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

/** Waits `delayMs` (forever if undefined), ending early on abort or when `wake` fires. */
function wait(
  clock: Clock,
  delayMs: number | undefined,
  signal: AbortSignal | undefined,
  connectivity: Connectivity,
  wakeWhen: (online: boolean) => boolean,
  breaker?: CircuitBreaker,
): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    let handle: unknown;
    const done = () => {
      if (handle !== undefined) clock.clearTimeout(handle);
      signal?.removeEventListener('abort', done);
      unsubscribe();
      unProbe();
      resolve();
    };
    const unProbe = breaker?.onProbe(done) ?? (() => {});
    const unsubscribe = connectivity.subscribe((online) => {
      if (wakeWhen(online)) done();
    });
    if (delayMs !== undefined) handle = clock.setTimeout(done, delayMs);
    signal?.addEventListener('abort', done, { once: true });
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
  const { policy, clock, random, onRetry, breaker } = options;
  const connectivity = options.connectivity ?? alwaysOnline;
  return {
    ...(inner.name ? { name: inner.name } : {}),
    async send(batch, signal): Promise<SendResult> {
      for (let retryIndex = 0; ;) {
        if (signal?.aborted) return ABORTED;
        // Offline: wait for the network without counting it as a failure.
        if (!connectivity.online()) {
          await wait(clock, undefined, signal, connectivity, (online) => online);
          breaker?.probeNow();
          continue;
        }
        const openMs = breaker?.waitMs(clock.now()) ?? 0;
        if (openMs > 0) {
          await wait(clock, openMs, signal, connectivity, (online) => online, breaker);
          continue;
        }
        const result = await sendSafely(inner, batch, signal);
        if (result.ok) breaker?.success();
        else if (result.retryable && result.code !== 'GP_SDK_ABORTED') breaker?.failure(clock.now());
        if (result.ok || !result.retryable) return result;
        if (signal?.aborted) return ABORTED;
        const delayMs =
          result.retryInMs !== undefined
            ? Math.min(Math.max(0, result.retryInMs), policy.maxRetryAfterMs)
            : backoffDelayMs(retryIndex, policy, random);
        retryIndex++;
        onRetry?.({ batch, attempt: retryIndex, delayMs, failure: result });
        // Going offline during the wait is fine (the next turn waits for online);
        // coming back online ends the wait: the failure was probably the network.
        let wentOffline = false;
        await wait(clock, delayMs, signal, connectivity, (online) => {
          if (!online) wentOffline = true;
          return online && wentOffline;
        });
      }
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}
