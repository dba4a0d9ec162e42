/**
 * The transport stack below delivery, in the order a batch goes through it:
 *   retry (backoff, Retry-After, circuit breaker, offline pause) → timing (round trip) →
 *   fallback (the next transport while one is unavailable) → wrapTransport → platform.
 * A module of its own so that a platform can load it apart from the core: the browser
 * loads it with its HTTP transport in a deferred chunk (browser/sender.ts).
 */
import { CircuitBreaker, type CircuitState } from './breaker.ts';
import type { Connectivity } from './connectivity.ts';
import type { Report } from './debug.ts';
import { withFallback, withTiming } from './fallback.ts';
import type { ResolvedOptions } from './options.ts';
import { withRetry } from './retry.ts';
import type { FrozenBatch } from './frozen-batch.ts';
import type { Transport } from './transport.ts';

export interface SendStackInputs {
  o: ResolvedOptions;
  /** The platform's transports, in order of preference. */
  platform: readonly Transport[];
  connectivity: Connectivity;
  report: Report;
  /** Called for every re-send of `batch` (stats().retries; an attempt that may have been stored). */
  onRetry: (batch: FrozenBatch) => void;
}

export interface SendStack {
  /** The retrying transport delivery sends through. */
  transport: Transport;
  /** The circuit breaker's state, and a probe let through now (an explicit flush). */
  readonly circuit: CircuitState;
  probeNow(): void;
  /** The platform transport in use (after fallback). */
  readonly transportName: string;
}

export type CreateSendStack = (inputs: SendStackInputs) => SendStack;

export function createSendStack({ o, platform, connectivity, report, onRetry }: SendStackInputs): SendStack {
  const breaker = new CircuitBreaker(o.circuitBreaker, o.random);
  const current = withFallback(
    platform.map((t) => (o.wrapTransport ? o.wrapTransport(t) : t)),
    {
      clock: o.clock,
      retryPreferredAfterMs: o.retryPreferredTransportAfterMs,
      onSwitch: (from, to, reason) =>
        report('warn', 'GP_SDK_TRANSPORT_FALLBACK', { message: `${from} unavailable (${reason}); using ${to}` }),
    },
  );
  const transport = withRetry(withTiming(current, o.clock), {
    policy: o.retry,
    clock: o.clock,
    random: o.random,
    breaker,
    connectivity,
    onRetry: ({ batch, attempt, delayMs, failure }) => {
      onRetry(batch);
      report('info', 'GP_SDK_SEND_RETRY', {
        message: `${failure.serverCode ?? failure.code}${failure.message ? ` (${failure.message})` : ''}`,
        batchSequence: batch.sequence,
        attempt,
        delayMs,
        ...(failure.status !== undefined ? { status: failure.status } : {}),
      });
    },
  });
  return {
    transport,
    get circuit() {
      return breaker.state;
    },
    probeNow: () => breaker.probeNow(),
    get transportName() {
      return current.name ?? '';
    },
  };
}
