/**
 * Live updates for the console: `GET /v1/changes` is a Server-Sent Events stream that
 * pushes one `change` event when the store's data changed (a commit landed), so a page
 * re-reads its KPIs then instead of polling.
 *
 * One subscription to the store's change feed serves every connected client, taken when
 * the first client connects and dropped when the last leaves (a polling feed, as on
 * Druid, then stops asking). Changes are coalesced: at most one push per
 * `minIntervalMs`, carrying how many changes it stands for and the rows they wrote — the
 * embedded processor commits every second and a page should not re-read faster than
 * that. A comment line every `heartbeatMs` keeps proxies and load balancers from closing
 * an idle stream and lets the server notice a client that went away.
 *
 * Wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 *   retry: 3000                          the browser's reconnect delay
 *   event: hello / data: {"engine":…}    once per connection: the stream works
 *   id: 7 / event: change / data: {"changes":2,"rows":310,"maxWindowStartMs":…,"atMs":…}
 *   : heartbeat
 */
import type { ServerResponse } from 'node:http';
import type { ChangeFeed, StoreChange } from '@gamepulse/store';
import type { Counter, Gauge } from '@gamepulse/service';

export interface LiveChangesTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface LiveChangesOptions {
  /** Where changes come from: the DuckDB store itself, or a polling feed (poll-changes.ts). */
  source: ChangeFeed;
  /** The engine named in each connection's `hello` event. */
  engine: string;
  /** At most one push per this many ms; changes in between are merged into the next. @default 1000 */
  minIntervalMs?: number;
  /** A comment line to every client this often. @default 15000 */
  heartbeatMs?: number;
  /** The reconnect delay the stream asks browsers for. @default 3000 */
  retryMs?: number;
  /** @default Date.now */
  nowMs?: () => number;
  /** @default the global timer functions */
  timers?: LiveChangesTimers;
  /** Connected clients and pushes, when given. */
  metrics?: { clients: Gauge<string>; pushes: Counter<string> };
}

/** What one push says: the merged changes since the previous push. */
export interface ChangePush {
  /** Store changes merged into this push. */
  changes: number;
  /** Rows they wrote (or erased). */
  rows: number;
  /** The latest window start among them, epoch ms; absent when none carried one. */
  maxWindowStartMs?: number;
  /** When the last of them was applied, epoch ms. */
  atMs: number;
}

export interface LiveChanges {
  /** Serves one SSE client until it disconnects or `close()`. */
  serve(res: ServerResponse): void;
  /** Clients connected now. */
  clients(): number;
  /** Ends every stream and drops the subscription: before the HTTP server closes, which waits for open responses. */
  close(): void;
}

/** The runtime's timers: the default of every live-changes part. */
export const GLOBAL_TIMERS: LiveChangesTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

/** Merges a store change into the push being gathered. */
export function mergeChange(into: ChangePush | undefined, change: StoreChange): ChangePush {
  const max =
    into?.maxWindowStartMs === undefined
      ? change.maxWindowStartMs
      : change.maxWindowStartMs === undefined
        ? into.maxWindowStartMs
        : Math.max(into.maxWindowStartMs, change.maxWindowStartMs);
  return {
    changes: (into?.changes ?? 0) + 1,
    rows: (into?.rows ?? 0) + change.rows,
    ...(max === undefined ? {} : { maxWindowStartMs: max }),
    atMs: Math.max(into?.atMs ?? 0, change.atMs),
  };
}

export function createLiveChanges(options: LiveChangesOptions): LiveChanges {
  const minIntervalMs = options.minIntervalMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const retryMs = options.retryMs ?? 3000;
  const nowMs = options.nowMs ?? Date.now;
  const timers = options.timers ?? GLOBAL_TIMERS;
  const clients = new Set<ServerResponse>();
  let unsubscribe: (() => void) | undefined;
  let heartbeat: unknown;
  let pending: ChangePush | undefined;
  let flushTimer: unknown;
  let lastPushMs = -Infinity;
  let sequence = 0;
  let closed = false;

  const write = (res: ServerResponse, text: string) => {
    if (!res.writableEnded) res.write(text);
  };

  const flush = () => {
    flushTimer = undefined;
    if (!pending) return;
    const push = pending;
    pending = undefined;
    lastPushMs = nowMs();
    sequence += 1;
    const frame = `id: ${sequence}\nevent: change\ndata: ${JSON.stringify(push)}\n\n`;
    for (const res of clients) write(res, frame);
    options.metrics?.pushes.inc();
  };

  const onChange = (change: StoreChange) => {
    pending = mergeChange(pending, change);
    if (flushTimer !== undefined) return;
    const waitMs = lastPushMs + minIntervalMs - nowMs();
    if (waitMs <= 0) flush();
    else flushTimer = timers.setTimeout(flush, waitMs);
  };

  const stopWatching = () => {
    unsubscribe?.();
    unsubscribe = undefined;
    if (heartbeat !== undefined) timers.clearInterval(heartbeat);
    heartbeat = undefined;
    if (flushTimer !== undefined) timers.clearTimeout(flushTimer);
    flushTimer = undefined;
    pending = undefined;
  };

  const drop = (res: ServerResponse) => {
    if (!clients.delete(res)) return;
    options.metrics?.clients.set(clients.size);
    if (clients.size === 0) stopWatching();
  };

  return {
    serve(res) {
      if (closed) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('shutting down');
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // nginx and similar proxies buffer responses unless told not to.
        'x-accel-buffering': 'no',
      });
      write(res, `retry: ${retryMs}\nevent: hello\ndata: ${JSON.stringify({ engine: options.engine, minIntervalMs })}\n\n`);
      clients.add(res);
      options.metrics?.clients.set(clients.size);
      res.on('close', () => drop(res));
      if (!unsubscribe) {
        unsubscribe = options.source.onChange(onChange);
        heartbeat = timers.setInterval(() => {
          for (const c of clients) write(c, ': heartbeat\n\n');
        }, heartbeatMs);
      }
    },
    clients: () => clients.size,
    close() {
      closed = true;
      stopWatching();
      for (const res of clients) res.end();
      clients.clear();
      options.metrics?.clients.set(0);
    },
  };
}
