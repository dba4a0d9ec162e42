/**
 * Space Miner (samples/src/browser-game) in real Chromium against the real collector:
 * the game plays itself for a few seconds; its events (session, progression, economy,
 * purchase, ad, experiment exposure) arrive in the log exactly once, and a screenshot
 * shows the canvas drawn (saved for a human to look at: GP_SCREENSHOT_DIR, default tmp).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '@gamepulse/testkit';
import { launchChromium } from '@gamepulse/testkit/browser';
import { exactlyOnce, GAME_KEY, startRealCollector, type RealCollector } from '@gamepulse/testkit/collector';
import { serveGame } from '../../src/browser-game/serve.ts';
import type { Browser } from 'playwright-core';
import type { Server } from 'node:http';

let collector: RealCollector;
let game: { url: string; server: Server };
let browser: Browser;

beforeAll(async () => {
  collector = await startRealCollector();
  game = await serveGame();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  game?.server.closeAllConnections();
  game?.server.close();
  await collector?.close();
});

describe('samples/browser-game in real Chromium', () => {
  it('plays itself and reports sessions, progression, economy, a purchase, an ad and an experiment exposure', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 560 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${game.url}/?endpoint=${encodeURIComponent(collector.httpUrl)}&key=${GAME_KEY}&seed=3&speed=4`);
    await page.waitForFunction(() => document.title === 'Space Miner');
    const wanted = ['sessionStart', 'progression', 'resource', 'purchase', 'experimentExposure'];
    await until(
      async () => {
        const kinds = new Set((await collector.delivered()).map((e) => e.payload));
        return wanted.every((k) => kinds.has(k));
      },
      'the game’s events in the log',
      { timeoutMs: 60_000, everyMs: 100 },
    );
    const dir = process.env.GP_SCREENSHOT_DIR ?? join(tmpdir(), 'gamepulse-screenshots');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'space-miner.png');
    const png = await page.screenshot({ path });
    console.log(`screenshot: ${path}`);
    expect(png.length).toBeGreaterThan(10_000);
    // The canvas is drawn: many distinct colours, not a blank rectangle.
    const colours = await page.evaluate(() => {
      const c = document.getElementById('game') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 16) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return seen.size;
    });
    expect(colours).toBeGreaterThan(5);
    await page.evaluate(() => (globalThis as unknown as { gamepulse: { flush(): Promise<void> } }).gamepulse.flush());
    const { unique } = exactlyOnce(await collector.delivered());
    const exposure = unique.find((e) => e.payload === 'experimentExposure');
    expect(exposure).toBeDefined();
    expect(unique.filter((e) => e.payload === 'sessionStart')).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close({ runBeforeUnload: true });
  });
});
