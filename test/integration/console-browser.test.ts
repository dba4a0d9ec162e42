/**
 * The live console in real Chromium (Debian's, driven by playwright-core) over the query
 * API on a DuckDB store: the numbers the page shows equal the API's answers, a commit
 * appears without a reload because the server pushed it (`/v1/changes`), the URL's filter
 * and theme are restored, and each theme is saved as a screenshot (test-artifacts/console/).
 *
 * The store holds two hours of the seasonal history (testkit) with the clock fixed at
 * its end; the last five minutes are committed after the page has loaded.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { startQueryApi, type QueryApiServer } from '@gamepulse/api';
import { seasonalRollupHistory } from '@gamepulse/testkit';
import { launchChromium } from '@gamepulse/testkit/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 9, 7, 14, 0);
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'console');
/** Generous: a busy 2-core machine renders slowly; the time taken is printed, not asserted. */
const PAGE_WAIT_MS = 60_000;

const history = seasonalRollupHistory({ startMs: NOW - 120 * MINUTE, days: 2 / 24, seed: 'console' });
const late = (w: number | null | undefined) => (w ?? 0) >= NOW - 5 * MINUTE;
const commit = (rollups: typeof history.rollups, players: typeof history.players) => ({
  consumer: 'processor',
  rollups,
  players,
  positions: [],
  state: [],
  deadLetters: [],
});

let store: DuckDbStore;
let api: QueryApiServer;
let browser: Browser;
let base: string;

async function kpi(name: string, params: Record<string, string | number> = {}): Promise<{ rows: Array<Record<string, number | string>> }> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${base}/v1/kpis/${name}?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { rows: Array<Record<string, number | string>> };
}
const num = (n: unknown) => Number(n).toLocaleString('en-US');
const text = (page: Page, id: string) => page.locator(`#${id}`).innerText();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  store = await openDuckDbStore({ path: ':memory:' });
  await store.commit(
    commit(
      history.rollups.filter((r) => !late(r.windowStartMs)),
      history.players.filter((p) => !late(p.windowStartMs)),
    ),
  );
  api = await startQueryApi({ store, port: 0, nowMs: () => NOW });
  base = `http://127.0.0.1:${api.port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await store?.close();
});

describe('console in Chromium', () => {
  it('shows the API’s numbers, then a pushed commit without a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: 'dark' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/');
    await page.waitForFunction(
      () => Number(document.body.dataset.refreshes ?? 0) >= 1 && document.getElementById('online')?.textContent !== '–',
      null,
      {
        timeout: PAGE_WAIT_MS,
      },
    );
    expect(await text(page, 'error')).toBe('');
    expect(errors).toEqual([]);

    const today = Math.floor(NOW / 86_400_000) * 86_400_000;
    const hourAgo = NOW - 59 * MINUTE;
    const online = await kpi('online_now');
    const dau = await kpi('dau', { from: today });
    const sessions = await kpi('sessions', { from: today, granularity: 'all' });
    const events = await kpi('events_by_type', { from: hourAgo, granularity: 'minute' });
    expect(await text(page, 'online')).toBe(num(online.rows[0]!.players));
    expect(await text(page, 'dau')).toBe(num(dau.rows.at(-1)!.players));
    expect(await text(page, 'sessions')).toBe(num(sessions.rows[0]!.sessions));
    // The chart is uPlot's canvas, and the legend's totals are the API's per type.
    await expect(page.locator('#events canvas').count()).resolves.toBeGreaterThan(0);
    const perType = new Map<string, number>();
    for (const r of events.rows) perType.set(String(r.event_type), (perType.get(String(r.event_type)) ?? 0) + Number(r.events));
    const legend = await page.locator('#legend span').allInnerTexts();
    expect(legend.map((l) => l.replace(/\s+/g, ' ').trim()).sort()).toEqual(
      [...perType].map(([t, n]) => `${t}${num(n)}`.replace(/\s+/g, ' ')).sort(),
    );
    expect(await page.locator('#updated').innerText()).toMatch(/^live · updated/);

    // The last five minutes land: the page re-reads because the server pushed the commit.
    const lateRollups = history.rollups.filter((r) => late(r.windowStartMs));
    const latePlayers = history.players.filter((p) => late(p.windowStartMs));
    const before = Number(await page.evaluate(() => document.body.dataset.refreshes));
    const committedAt = performance.now();
    await store.commit(commit(lateRollups, latePlayers));
    const onlineAfter = num((await kpi('online_now')).rows[0]!.players);
    expect(onlineAfter).not.toBe(await text(page, 'online'));
    await page.waitForFunction((want) => document.getElementById('online')?.textContent === want, onlineAfter, { timeout: PAGE_WAIT_MS });
    const push = JSON.parse((await page.evaluate(() => document.body.dataset.lastPush)) ?? '{}') as { rows?: number };
    expect(push.rows).toBe(lateRollups.length + latePlayers.length);
    expect(Number(await page.evaluate(() => document.body.dataset.refreshes))).toBeGreaterThan(before);
    console.log(`console: commit visible after ${Math.round(performance.now() - committedAt)} ms (pushed, no reload)`);
    await page.screenshot({ path: join(ARTIFACTS, 'console-dark.png'), fullPage: true });
    await page.close();
  });

  it('restores the filter and theme from a shared URL', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: 'dark' });
    await page.goto(`${base}/?game=space-miner&theme=light`);
    await page.waitForFunction(() => Number(document.body.dataset.refreshes ?? 0) >= 1, null, { timeout: PAGE_WAIT_MS });
    expect(await page.locator('#game').inputValue()).toBe('space-miner');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(243, 245, 249)');
    const dau = await kpi('dau', { from: Math.floor(NOW / 86_400_000) * 86_400_000, game: 'space-miner' });
    expect(await text(page, 'dau')).toBe(num(dau.rows.at(-1)!.players));
    await page.screenshot({ path: join(ARTIFACTS, 'console-light.png'), fullPage: true });
    // A game with no data: the filter reaches the API (zero, not the unfiltered number).
    await page.locator('#game').fill('no-such-game');
    await page.locator('#game').press('Enter');
    await page.locator('#game').blur();
    await page.waitForFunction(() => document.getElementById('dau')?.textContent === '0', null, { timeout: PAGE_WAIT_MS });
    expect(new URL(page.url()).searchParams.get('game')).toBe('no-such-game');
    await page.close();
  });
});
