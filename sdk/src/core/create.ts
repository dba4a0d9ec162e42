/**
 * The platform-neutral entry point: a client over the transports and storage a
 * platform (or a test) supplies, with the default transport stack (send-stack.ts).
 * Apart from client.ts so that the browser core, which defers that stack, does not
 * import it.
 */
import type { Gamepulse, PlatformDeps } from './api.ts';
import { createClient } from './client.ts';
import { resolveOptions, type GamepulseOptions } from './options.ts';
import { createSendStack } from './send-stack.ts';

/**
 * Creates a client with an explicit transport and storage. Games normally use
 * `createNodeGamepulse` (@gamepulse/sdk/node) or `createBrowserGamepulse`
 * (@gamepulse/sdk/browser), which pick both for the platform.
 * Throws GamepulseConfigError for missing or invalid required options.
 */
export function createGamepulse(options: GamepulseOptions, deps: PlatformDeps): Gamepulse {
  return createClient(resolveOptions(options), { sendStack: createSendStack, ...deps });
}
