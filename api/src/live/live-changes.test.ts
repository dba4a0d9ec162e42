import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { StoreChange } from '@gamepulse/store';
import { openDuckDbStore } from '@gamepulse/store';
import { describe, expect, it } from 'vitest';
import { startQueryApi } from '../start-query-api.ts';
import { createLiveChanges, mergeChange, type LiveChangesTimers } from './live-changes.ts';

/** A response that records what was written to it. */
function fakeResponse() {
  const res = Object.assign(new EventEmitter(), {
    text: '',
    status: 0,
    writableEnded: false,
    writeHead(status: number) {
      res.status = status;
      return res;
    },
    write(chunk: string) {
      res.text += chunk;
      return true;
    },
    end(chunk?: string) {
      if (chunk) res.text += chunk;
      res.writableEnded = true;
      res.emit('close');
      return res;
    },
  });
  return res;
}

/** Timers a test runs by hand. */
function manualTimers() {
  let now = 0;
  const due = new Map<number, { at: number; fn: () => void; every?: number }>();
  let next = 1;
  const timers: LiveChangesTimers = {
    setTimeout: (fn, ms) => (due.set(next, { at: now + ms, fn }), next++),
    clearTimeout: (h) => void due.delete(h as number),
    setInterval: (fn, ms) => (due.set(next, { at: now + ms, fn, every: ms }), next++),
    clearInterval: (h) => void due.delete(h as number),
  };
  return {
    timers,
    nowMs: () => now,
    pending: () => due.size,
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const [id, t] = [...due.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0] ?? [];
        if (!t) break;
        now = t.at;
        if (t.every) t.at += t.every;
        else due.delete(id!);
        t.fn();
      }
      now = until;
    },
  };
}

function source() {
  const listeners = new Set<(c: StoreChange) => void>();
  return {
    listeners,
    onChange(l: (c: StoreChange) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit(c: Omit<StoreChange, 'kind' | 'consumer'>) {
      for (const l of listeners) l({ kind: 'commit', consumer: 'p', ...c });
    },
  };
}

const frames = (text: string): unknown[] =>
  text
    .split('\n\n')
    .filter((f) => f.includes('event: change'))
    .map((f): unknown =>
      JSON.parse(
        f
          .split('\n')
          .find((l) => l.startsWith('data: '))!
          .slice(6),
      ),
    );

describe('api/live/live-changes', () => {
  it('merges changes: counts, rows, the latest window and time', () => {
    const a = mergeChange(undefined, { kind: 'commit', consumer: 'p', rows: 3, atMs: 10 });
    const b = mergeChange(a, { kind: 'commit', consumer: 'p', rows: 4, maxWindowStartMs: 60_000, atMs: 20 });
    expect(mergeChange(b, { kind: 'erase', consumer: 'd', rows: 1, maxWindowStartMs: 0, atMs: 15 })).toEqual({
      changes: 3,
      rows: 8,
      maxWindowStartMs: 60_000,
      atMs: 20,
    });
  });

  it('subscribes with the first client, pushes at most once per interval, and lets go with the last', () => {
    const clock = manualTimers();
    const feed = source();
    const live = createLiveChanges({ source: feed, engine: 'duckdb', minIntervalMs: 1000, heartbeatMs: 5000, ...clock });
    expect(feed.listeners.size).toBe(0);
    const a = fakeResponse();
    const b = fakeResponse();
    live.serve(a as unknown as ServerResponse);
    live.serve(b as unknown as ServerResponse);
    expect(a.status).toBe(200);
    expect(a.text).toMatch(/^retry: 3000\nevent: hello\ndata: \{"engine":"duckdb","minIntervalMs":1000\}\n\n$/);
    expect(feed.listeners.size).toBe(1);

    feed.emit({ rows: 5, atMs: 1 }); // first change: pushed at once
    feed.emit({ rows: 2, atMs: 2, maxWindowStartMs: 120_000 }); // within the interval: held
    feed.emit({ rows: 1, atMs: 3 });
    expect(frames(a.text)).toEqual([{ changes: 1, rows: 5, atMs: 1 }]);
    clock.advance(999);
    expect(frames(a.text)).toHaveLength(1);
    clock.advance(1);
    expect(frames(a.text)).toEqual([
      { changes: 1, rows: 5, atMs: 1 },
      { changes: 2, rows: 3, maxWindowStartMs: 120_000, atMs: 3 },
    ]);
    expect(frames(b.text)).toEqual(frames(a.text));
    expect(a.text).toContain('id: 2\nevent: change');

    clock.advance(5000);
    expect(a.text.endsWith(': heartbeat\n\n')).toBe(true);

    a.end();
    expect(live.clients()).toBe(1);
    expect(feed.listeners.size).toBe(1);
    b.end();
    expect(live.clients()).toBe(0);
    expect(feed.listeners.size).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('close() ends every stream and refuses new ones', () => {
    const clock = manualTimers();
    const feed = source();
    const live = createLiveChanges({ source: feed, engine: 'druid', ...clock });
    const a = fakeResponse();
    live.serve(a as unknown as ServerResponse);
    live.close();
    expect(a.writableEnded).toBe(true);
    expect(feed.listeners.size).toBe(0);
    const late = fakeResponse();
    live.serve(late as unknown as ServerResponse);
    expect(late.status).toBe(503);
  });

  it('GET /v1/changes streams a push after a DuckDB commit, and the API still closes promptly', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    const api = await startQueryApi({ store, port: 0, console: false });
    const controller = new AbortController();
    try {
      const res = await fetch(`http://127.0.0.1:${api.port}/v1/changes`, { signal: controller.signal });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      const until = async (pattern: RegExp) => {
        while (!pattern.test(text)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
          text += value;
        }
      };
      await until(/event: hello/);
      const w = Date.UTC(2026, 0, 1, 10, 0);
      await store.commit({
        consumer: 'processor',
        rollups: [{ windowStartMs: w, gameId: 'g', eventType: 'purchase', events: 2 }],
        players: [],
        positions: [],
        state: [],
        deadLetters: [],
      });
      await until(/event: change\ndata: .*\n\n/);
      expect(frames(text)).toEqual([{ changes: 1, rows: 1, maxWindowStartMs: w, atMs: expect.any(Number) as unknown }]);
    } finally {
      controller.abort();
      await api.close();
      await store.close();
    }
  });
});
