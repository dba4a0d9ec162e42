/**
 * @gamepulse/sdk/browser — the SDK for web games: HTTP over fetch with gzip, state and
 * unacknowledged batches in localStorage (memory where it is unavailable).
 */
import type { Gamepulse } from '../core/api.ts';
import { createClient } from '../core/client.ts';
import { createMemoryStorage } from '../core/memory-storage.ts';
import { resolveOptions, type GamepulseOptions } from '../core/options.ts';
import { createBrowserHttpTransport } from './http-transport.ts';
import { createLocalStorage, usableLocalStorage } from './local-storage.ts';

export interface BrowserGamepulseOptions extends GamepulseOptions {
  /** Keep state and pending batches in localStorage. @default true */
  persist?: boolean;
}

export function createBrowserGamepulse(options: BrowserGamepulseOptions): Gamepulse {
  const o = resolveOptions(options);
  const transport = createBrowserHttpTransport({
    endpoint: o.endpoint,
    gameKey: o.gameKey,
    compressMinBytes: o.compressMinBytes,
    timeoutMs: o.sendTimeoutMs,
    clock: o.clock,
  });
  const store = options.persist === false ? undefined : usableLocalStorage();
  const storage = store ? createLocalStorage(store, options.gameId) : createMemoryStorage();
  return createClient(o, { transport, storage });
}

export { createBrowserHttpTransport, type BrowserHttpTransportOptions } from './http-transport.ts';
export { createBrowserGzip } from './gzip.ts';
export { createLocalStorage, usableLocalStorage, type KeyValueStore } from './local-storage.ts';
export type {
  Gamepulse,
  GamepulseStats,
  GamepulseOptions,
  RetryOptions,
  DebugMessage,
  Ack,
  TrackPayload,
  CustomFields,
  PurchaseInput,
  AdInput,
  ProgressionDetails,
  ErrorSeverityName,
} from '../index.ts';
