/**
 * Fallback between transports, in order of preference (e.g. WebSocket → HTTP, or gRPC
 * stream → gRPC → HTTP): an attempt that fails with GP_SDK_TRANSPORT_UNAVAILABLE (the
 * WebSocket handshake was refused, the collector does not implement the gRPC method, a
 * proxy blocks the protocol) is repeated at once over the next transport, which is then
 * used until `retryPreferredAfterMs` have passed. Any other failure is the batch's or
 * the collector's, not the transport's: it is returned as is, for the retry layer.
 */
import type { Clock } from './clock.ts';
import type { SendResult, Transport } from './transport.ts';

export interface FallbackOptions {
  clock: Clock;
  /** How long to stay on a fallback before trying the preferred transport again. */
  retryPreferredAfterMs: number;
  onSwitch?: (from: string, to: string, reason: string) => void;
}

export function withFallback(transports: readonly Transport[], o: FallbackOptions): Transport {
  if (transports.length === 1) return transports[0]!;
  let current = 0;
  let since = 0;
  const nameOf = (i: number) => transports[i]!.name ?? `#${i}`;
  return {
    get name() {
      return nameOf(current);
    },
    async send(batch, signal): Promise<SendResult> {
      if (current > 0 && o.clock.now() - since >= o.retryPreferredAfterMs) current = 0;
      for (;;) {
        const result = await transports[current]!.send(batch, signal);
        if (result.ok || result.code !== 'GP_SDK_TRANSPORT_UNAVAILABLE' || current === transports.length - 1) return result;
        o.onSwitch?.(nameOf(current), nameOf(current + 1), result.message ?? result.code);
        current++;
        since = o.clock.now();
      }
    },
    async close() {
      await Promise.all(transports.map(async (t) => t.close?.()));
    },
  };
}

/** Measures each attempt's round trip on the monotonic clock (for the clock offset). */
export function withTiming(inner: Transport, clock: Clock): Transport {
  return {
    get name() {
      return inner.name ?? '';
    },
    async send(batch, signal) {
      const start = clock.monotonicNow();
      const result = await inner.send(batch, signal);
      return result.ok ? { ...result, rttMs: Math.max(0, clock.monotonicNow() - start) } : result;
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}
