/**
 * A transport whose code is loaded on first use (a dynamic import): optional
 * transports (WebSocket in browsers) then cost the initial bundle nothing.
 */
import type { CreateSendStack, SendStack } from './send-stack.ts';
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
        return {
          ok: false,
          retryable: true,
          code: 'GP_SDK_TRANSPORT_UNAVAILABLE',
          message: `loading the ${name} transport failed: ${String(cause)}`,
        };
      }
      return t.send(batch, signal);
    },
    close: async () => (loaded ? (await loaded).close?.() : undefined),
  };
}

/**
 * A transport stack whose code is loaded apart from the core (the browser's deferred
 * chunk): until it is there, sends wait for it, the circuit reads closed and the
 * transport in use is the first one. If it cannot be loaded, sends fail as
 * GP_SDK_TRANSPORT_UNAVAILABLE (retryable): the batches stay stored.
 */
export function deferSendStack(load: () => Promise<CreateSendStack>): CreateSendStack {
  return (inputs) => {
    let stack: SendStack | undefined;
    return {
      transport: lazyTransport(inputs.platform[0]?.name ?? '', async () => (stack ??= (await load())(inputs)).transport),
      get circuit() {
        return stack?.circuit ?? 'closed';
      },
      probeNow: () => stack?.probeNow(),
      get transportName() {
        return stack?.transportName ?? inputs.platform[0]?.name ?? '';
      },
    };
  };
}
