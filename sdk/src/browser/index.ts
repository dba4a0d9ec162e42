/**
 * @gamepulse/sdk/browser — the SDK for web games: HTTP over fetch (and WebSocket) with
 * gzip, the queue and unacknowledged batches in IndexedDB shared by the origin's tabs
 * (memory where IndexedDB is unavailable), one sender across tabs (Web Locks), and
 * the page lifecycle (pause on hidden, keepalive sends on pagehide).
 */
import type { Gamepulse } from '../core/api.ts';
import { createClient } from '../core/client.ts';
import { createFetchTransport } from '../core/http/fetch-transport.ts';
import { createMemoryStorage } from '../core/memory-storage.ts';
import { resolveOptions, type GamepulseOptions } from '../core/options.ts';
import type { Transport } from '../core/transport.ts';
import { createUuidV7Generator } from '../core/uuid-v7.ts';
import { lazyTransport } from '../core/lazy-transport.ts';
import { browserConnectivity } from './connectivity.ts';
import type { ExitSendResult } from './exit-send.ts';
import { createBrowserGzip } from './gzip.ts';
import { createIdbStorage, hasIndexedDb } from './idb-storage.ts';
import { installPageLifecycle } from './page-lifecycle.ts';
import { createTabLock } from './tab-lock.ts';

export type BrowserTransportName = 'http' | 'websocket';

export interface BrowserGamepulseOptions extends GamepulseOptions {
  /**
   * 'http' POSTs each batch to `${endpoint}/v1/batch`; 'websocket' keeps one socket to
   * `${endpoint}/v1/ws` with an acknowledgement per batch. A list is an order of
   * preference: the next is used when one is unavailable. Page-close sends always use
   * keepalive HTTP. The WebSocket code is loaded on first use (a separate chunk).
   * @default 'http'
   */
  transport?: BrowserTransportName | readonly BrowserTransportName[];
  /** Keep the queue and state in IndexedDB. @default true */
  persist?: boolean;
  /** Follow the page lifecycle (visibility, pagehide). @default true */
  pageLifecycle?: boolean;
  /** Observer of page-close sends (tests, debugging). @default none */
  onExitSend?: (result: ExitSendResult) => void;
}

export function createBrowserGamepulse(options: BrowserGamepulseOptions): Gamepulse {
  const o = resolveOptions(options);
  const common = { endpoint: o.endpoint, gameKey: o.gameKey, compressMinBytes: o.compressMinBytes, timeoutMs: o.sendTimeoutMs, clock: o.clock };
  const gzip = createBrowserGzip();
  const names: readonly BrowserTransportName[] = Array.isArray(options.transport)
    ? (options.transport as readonly BrowserTransportName[])
    : options.transport
      ? [options.transport as BrowserTransportName]
      : ['http'];
  const transport: Transport[] = names.map((name) =>
    name === 'websocket' && typeof WebSocket === 'function'
      ? lazyTransport('websocket', async () => {
          const { createWebSocketTransport } = await import('../core/ws/websocket-transport.ts');
          return createWebSocketTransport({ ...common, compressor: gzip, connect: (url) => new WebSocket(url) as never });
        })
      : createFetchTransport({ ...common, compressor: gzip }),
  );
  const persist = options.persist !== false && hasIndexedDb();
  const storage = persist ? createIdbStorage(options.gameId) : createMemoryStorage({ journal: false });
  const owner = createUuidV7Generator(o.random)(o.clock.now());
  const lock = persist ? createTabLock(options.gameId, owner) : undefined;
  const client = createClient(o, { transport, storage, connectivity: browserConnectivity(), ...(lock ? { lock } : {}) });
  if (options.pageLifecycle !== false) {
    installPageLifecycle(client, {
      endpoint: o.endpoint,
      gameKey: o.gameKey,
      leaving: () => lock?.leaving(),
      ...(options.onExitSend ? { onExitSend: options.onExitSend } : {}),
    });
  }
  return client;
}

export { createBrowserGzip } from './gzip.ts';
export { createIdbStorage, hasIndexedDb } from './idb-storage.ts';
export { createTabLock } from './tab-lock.ts';
export { sendOnExit, KEEPALIVE_QUOTA_BYTES, KEEPALIVE_BATCH_BYTES, type ExitSendResult } from './exit-send.ts';
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
