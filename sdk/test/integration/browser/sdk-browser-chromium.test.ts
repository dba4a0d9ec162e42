/**
 * The browser SDK in REAL Chromium (Debian's /usr/bin/chromium via playwright-core),
 * built with esbuild as a game would ship it, against the REAL collector (in-process,
 * real embedded log). Delivery is checked by reading the events topic back: every
 * tracked event exactly once, after dropping re-sent copies of a batch by
 * (install_id, batch_sequence) as the processor does — and no event ever appears in
 * two different batches, which no dedup could repair.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sleep, until } from '@gamepulse/testkit';
import { bundle, launchChromium, servePage, type PageServer } from '@gamepulse/testkit/browser';
import { exactlyOnce, GAME_KEY, startRealCollector, type DeliveredEvent, type RealCollector } from '@gamepulse/testkit/collector';

let collector: RealCollector;
let server: PageServer;
let browser: Browser;

beforeAll(async () => {
  collector = await startRealCollector();
  server = await servePage(await bundle(join(import.meta.dirname, 'test-page.ts')));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
});

function pageUrl(params: Record<string, string> = {}): string {
  const q = new URLSearchParams({ key: GAME_KEY, endpoint: collector.httpUrl, ...params });
  return `${server.url}/?${q}`;
}

async function open(ctx: BrowserContext, params: Record<string, string> = {}): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(pageUrl(params));
  await page.waitForFunction(() => document.title === 'ready');
  await page.evaluate(() => window.gp.ready);
  return page;
}

async function tagged(tag: string): Promise<DeliveredEvent[]> {
  return (await collector.delivered()).filter((e) => e.custom.tag === tag);
}

/** Waits until `count` distinct tagged events are in the log, then checks exactly-once. */
async function expectDelivered(tag: string, count: number): Promise<ReturnType<typeof exactlyOnce>> {
  await until(async () => exactlyOnce(await tagged(tag)).unique.length >= count, `${count} events tagged ${tag}`, {
    timeoutMs: 30_000,
    everyMs: 100,
  });
  const result = exactlyOnce(await tagged(tag));
  expect(result.unique.map((e) => Number(e.custom.n)).sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
  return result;
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const pageErrors = (page: Page) => page.evaluate(() => window.gpErrors);

describe('sdk browser in real Chromium against the real collector', () => {
  it('a plain session loads the core and the deferred sending chunk, and no chunk meant for first use', async () => {
    const from = server.requested.length;
    const ctx = await browser.newContext();
    const page = await open(ctx);
    await page.evaluate(() => window.gpTrack(0, 20, 'chunks'));
    await page.evaluate(() => window.gp.flush());
    await expectDelivered('chunks', 20);
    const chunks = server.requested
      .slice(from)
      .filter((p) => p.endsWith('.js'))
      .map((p) => p.replace(/^\/|-[A-Z0-9]{8}\.js$/g, ''));
    expect(chunks).toContain('sender');
    expect(chunks.filter((c) => /^(split|deletion|websocket-transport|lease-lock|browser)$/.test(c))).toEqual([]);
    expect(await pageErrors(page)).toEqual([]);
    await ctx.close();
  });

  it('tracked while offline, delivered exactly once when back online', async () => {
    const ctx = await browser.newContext();
    const page = await open(ctx);
    await ctx.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.evaluate(() => window.gpTrack(0, 60, 'offline'));
    await sleep(2_000); // four flush intervals: the SDK waits for the network instead of failing
    expect(await tagged('offline')).toHaveLength(0);
    const waiting = await page.evaluate(() => window.gp.stats());
    expect(waiting.queued + waiting.inFlight).toBeGreaterThanOrEqual(60);
    await ctx.setOffline(false);
    const { resentCopies } = await expectDelivered('offline', 60);
    expect(resentCopies).toBe(0);
    expect(await page.evaluate(() => window.gp.stats().droppedByReason)).toEqual({});
    expect(await pageErrors(page)).toEqual([]);
    await ctx.close();
  });

  it('reload with a queue: nothing lost (the IndexedDB journal and stored batches are picked up by the next page)', async () => {
    const ctx = await browser.newContext();
    // While the player plays and reloads, the collector is unreachable (nothing listens
    // on this port): no attempt and no keepalive on pagehide can deliver anything.
    const down = await closedPort();
    const page = await open(ctx, { endpoint: `http://127.0.0.1:${down}` });
    const installId = await page.evaluate(() => window.gp.installId);
    await page.evaluate(() => window.gpTrack(0, 30, 'reload'));
    await sleep(1_200); // the first batch is frozen, stored, and failing
    await page.evaluate(() => window.gpTrack(30, 45, 'reload')); // these wait in the queue (journaled)
    const before = await page.evaluate(() => window.gp.stats());
    expect(before.inFlight).toBeGreaterThan(0);
    expect(before.queued).toBeGreaterThan(0);
    // The next page load finds the collector back.
    await page.goto(pageUrl());
    await page.waitForFunction(() => document.title === 'ready');
    await page.evaluate(() => window.gp.ready);
    expect(await page.evaluate(() => window.gp.installId)).toBe(installId);
    const { unique, resentCopies } = await expectDelivered('reload', 45);
    expect(resentCopies).toBe(0);
    expect(new Set(unique.map((e) => e.installId))).toEqual(new Set([installId]));
    // The reload resumed the session: one session id, one session_start, numbered once.
    const all = exactlyOnce((await collector.delivered()).filter((e) => e.installId === installId)).unique;
    expect(new Set(all.map((e) => e.sessionId)).size).toBe(1);
    expect(all.filter((e) => e.payload === 'sessionStart')).toHaveLength(1);
    expect(new Set(all.map((e) => e.sessionNumber))).toEqual(new Set([1]));
    expect(await pageErrors(page)).toEqual([]);
    await ctx.close();
  });

  it('page closed with queued events: delivered by keepalive requests on pagehide', async () => {
    const ctx = await browser.newContext();
    const page = await open(ctx, { flushMs: '60000' }); // nothing would be sent for a minute
    await page.evaluate(() => window.gpTrack(0, 40, 'close'));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(await tagged('close')).toHaveLength(0);
    await page.close({ runBeforeUnload: true });
    const { resentCopies } = await expectDelivered('close', 40);
    // At most one copy twice, by design: closing first hides the page, and the hidden
    // page flushes with an ordinary request; pagehide follows at once and sends every
    // unacknowledged batch by keepalive, the one in flight included, because that
    // ordinary request may die with the page. When it does not (a race with the
    // unload), the collector gets the same bytes twice and the processor drops the copy.
    expect(resentCopies).toBeLessThanOrEqual(1);
    await ctx.close();
  });

  it('page closed when keepalive fetch is refused (stubbed: it throws, as over the quota): delivered by sendBeacon', async () => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(() => {
      // Counts survive the page in localStorage, so the test can prove which path sent.
      const bump = (name: string) => localStorage.setItem(name, String(Number(localStorage.getItem(name) ?? 0) + 1));
      const realFetch = window.fetch.bind(window);
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        if (init?.keepalive) {
          bump('test.keepaliveRefused');
          throw new TypeError('Failed to execute fetch: keepalive quota exceeded');
        }
        return realFetch(input, init);
      };
      const realBeacon = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
        const queued = realBeacon(url, data);
        if (queued) bump('test.beaconsQueued');
        return queued;
      };
    });
    const page = await open(ctx, { flushMs: '60000' });
    await page.evaluate(() => window.gpTrack(0, 40, 'beacon'));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(await tagged('beacon')).toHaveLength(0);
    await page.close({ runBeforeUnload: true });
    const { resentCopies } = await expectDelivered('beacon', 40);
    expect(resentCopies).toBe(0);
    const probe = await ctx.newPage();
    await probe.goto(`${server.url}/app.js`); // same origin, shown as text: no SDK runs
    const counts = await probe.evaluate(() =>
      [localStorage.getItem('test.keepaliveRefused'), localStorage.getItem('test.beaconsQueued')].map(Number),
    );
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
    await ctx.close();
  });

  it('two tabs of one origin share the install and one sender (Web Locks): no duplicates', async () => {
    const ctx = await browser.newContext();
    const [a, b] = [await open(ctx), await open(ctx)];
    expect(await a.evaluate(() => window.gp.installId)).toBe(await b.evaluate(() => window.gp.installId));
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        a.evaluate((r) => window.gpTrack(r * 40, r * 40 + 20, 'tabs'), round),
        b.evaluate((r) => window.gpTrack(r * 40 + 20, r * 40 + 40, 'tabs'), round),
      ]);
      await sleep(150);
    }
    await Promise.all([a.evaluate(() => window.gp.flush()), b.evaluate(() => window.gp.flush())]);
    const { unique, resentCopies } = await expectDelivered('tabs', 200);
    expect(resentCopies).toBe(0);
    // One install, one sequence space: batch sequences and event sequences never collide.
    const batches = new Map<number, string>();
    for (const e of unique) batches.set(e.batchSequence, e.installId);
    expect(new Set(batches.values()).size).toBe(1);
    const sequences = unique.map((e) => e.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
    expect([...(await pageErrors(a)), ...(await pageErrors(b))]).toEqual([]);
    await ctx.close();
  });

  it('two tabs without the Web Locks API (stubbed away): the localStorage lease still gives one sender', async () => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }));
    const [a, b] = [await open(ctx), await open(ctx)];
    expect(await a.evaluate(() => navigator.locks)).toBeUndefined();
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        a.evaluate((r) => window.gpTrack(r * 20, r * 20 + 10, 'lease'), round),
        b.evaluate((r) => window.gpTrack(r * 20 + 10, r * 20 + 20, 'lease'), round),
      ]);
      await sleep(200);
    }
    await Promise.all([a.evaluate(() => window.gp.flush()), b.evaluate(() => window.gp.flush())]);
    const { unique } = await expectDelivered('lease', 60);
    const sequences = unique.map((e) => e.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
    expect([...(await pageErrors(a)), ...(await pageErrors(b))]).toEqual([]);
    await ctx.close();
  });

  it('storage quota exhausted (stubbed: every IndexedDB put throws QuotaExceededError): degrades to memory without throwing', async () => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(() => {
      IDBObjectStore.prototype.put = function put(): IDBRequest {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const page = await open(ctx);
    await page.evaluate(() => window.gpTrack(0, 50, 'quota'));
    await page.evaluate(() => window.gp.flush());
    const { resentCopies } = await expectDelivered('quota', 50);
    expect(resentCopies).toBe(0);
    const debug = await page.evaluate(() => window.gpDebug);
    expect(debug.some((m) => m.code === 'GP_SDK_STORAGE_FAILED' && /QuotaExceededError/.test(m.message))).toBe(true);
    expect(await pageErrors(page)).toEqual([]);
    await ctx.close();
  });

  it('WebSocket transport (loaded on first use): one binary message and one StreamReply per batch, exactly once', async () => {
    const ctx = await browser.newContext();
    const page = await open(ctx, { transport: 'websocket', flushMs: '200' });
    await page.evaluate(() => window.gpTrack(0, 120, 'ws'));
    await page.evaluate(() => window.gp.flush());
    const { resentCopies } = await expectDelivered('ws', 120);
    expect(resentCopies).toBe(0);
    expect(await page.evaluate(() => window.gp.stats().transport)).toBe('websocket');
    expect(await pageErrors(page)).toEqual([]);
    await ctx.close();
  });
});
