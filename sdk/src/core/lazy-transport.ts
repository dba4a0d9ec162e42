/**
 * A transport whose code is loaded on first use (a dynamic import): optional
 * transports (WebSocket in browsers) then cost the initial bundle nothing.
 */
import type { SendResult, Transport } from './transport.ts';

export function lazyTransport(name: string, load: () => Promise<Transport>): Transport {
  let loaded: Promise<Transport> | undefined;
  const get = () => (loaded ??= load());
  return {
    name,
    async send(batch, signal): Promise<SendResult> {
      let t: Transport;
      try {
        t = await get();
      } catch (cause) {
        loaded = undefined;
        return { ok: false, retryable: true, code: 'GP_SDK_TRANSPORT_UNAVAILABLE', message: `loading the ${name} transport failed: ${String(cause)}` };
      }
      return t.send(batch, signal);
    },
    close: async () => (loaded ? (await loaded).close?.() : undefined),
  };
}
