/**
 * @gamepulse/sdk/browser — the SDK for web games: HTTP over fetch (and WebSocket) with
 * gzip, the queue and unacknowledged batches in IndexedDB shared by the origin's tabs
 * (memory only where IndexedDB is unavailable), one sender across tabs (Web Locks), and
 * the page lifecycle (pause on hidden, keepalive sends on pagehide).
 *
 * What this module imports statically is the core, the code a game downloads before
 * the first event can be tracked. Sending (sender.ts) is loaded right after start;
 * the rest on first use (scripts/bundle-size.ts).
 */
import type { Gamepulse } from '../core/api.ts';
import { createClient } from '../core/client.ts';
import { createVolatileStorage } from '../core/memory-storage.ts';
import { resolveOptions, type GamepulseOptions } from '../core/options.ts';
import type { Transport } from '../core/transport.ts';
import { createUuidV7Generator } from '../core/uuid-v7.ts';
import { deferSendStack, lazyTransport } from '../core/lazy-transport.ts';
import { browserConnectivity } from './connectivity.ts';
import type { ExitSendResult } from './exit-send.ts';
import { createIdbStorage, hasIndexedDb } from './idb-storage.ts';
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
  const common = {
    endpoint: o.endpoint,
    gameKey: o.gameKey,
    compressMinBytes: o.compressMinBytes,
    timeoutMs: o.sendTimeoutMs,
    clock: o.clock,
  };
  // The sending code is a chunk of its own (sender.ts), loaded from here on: nothing
  // waits for it but sending itself. Each use imports again, so that a browser that
  // retries a failed dynamic import (whatwg/html#10327) recovers from a failed load.
  const sender = () => import('./sender.ts');
  void sender().catch(() => undefined);
  const names: readonly BrowserTransportName[] = Array.isArray(options.transport)
    ? (options.transport as readonly BrowserTransportName[])
    : options.transport
      ? [options.transport as BrowserTransportName]
      : ['http'];
  const transport: Transport[] = names.map((name) =>
    name === 'websocket' && typeof WebSocket === 'function'
      ? lazyTransport('websocket', async () => {
          const [{ createWebSocketTransport }, s] = await Promise.all([import('../core/ws/websocket-transport.ts'), sender()]);
          return createWebSocketTransport({ ...common, compressor: s.createBrowserGzip(), connect: (url) => new WebSocket(url) as never });
        })
      : lazyTransport('http', async () => {
          const s = await sender();
          return s.createFetchTransport({ ...common, compressor: s.createBrowserGzip() });
        }),
  );
  const persist = options.persist !== false && hasIndexedDb();
  const storage = persist ? createIdbStorage(options.gameId) : createVolatileStorage();
  const owner = createUuidV7Generator(o.random)(o.clock.now());
  const lock = persist ? createTabLock(options.gameId, owner) : undefined;
  const client = createClient(o, {
    transport,
    storage,
    connectivity: browserConnectivity(),
    sendStack: deferSendStack(() => sender().then((s) => s.createSendStack)),
    ...(lock ? { lock } : {}),
  });
  if (options.pageLifecycle !== false) {
    // Page hide, visibility: installed with the sending code (a page that closes within
    // moments of starting leaves its events in the journal, for the next page).
    void sender().then(
      (s) =>
        s.installPageLifecycle(client, {
          endpoint: o.endpoint,
          gameKey: o.gameKey,
          leaving: () => lock?.leaving(),
          ...(options.onExitSend ? { onExitSend: options.onExitSend } : {}),
        }),
      () => undefined,
    );
  }
  return client;
}

export { createIdbStorage, hasIndexedDb } from './idb-storage.ts';
export { createTabLock } from './tab-lock.ts';
export type { ExitSendResult } from './exit-send.ts';
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
  RefundInput,
  AdInput,
  ProgressionDetails,
  ErrorSeverityName,
} from '../index.ts';
