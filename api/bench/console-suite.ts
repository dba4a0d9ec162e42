/**
 * The console's weight and speed (`npm run bench -- --only console`): what a browser
 * downloads (the page with its inline JS and CSS, and uPlot), gzip-compressed as a proxy
 * would serve it, and the time from navigation to the first numbers in Debian's Chromium
 * over a day of seasonal history in DuckDB. The time is compared, in the same run, with
 * the same KPI requests made directly (online_now, then the other nine at once, as the
 * page does), so the ratio is the page's own cost on top of the API's.
 */
import { gzipSync } from 'node:zlib';
import { openDuckDbStore } from '@gamepulse/store';
import { seasonalRollupHistory } from '@gamepulse/testkit';
import { launchChromium } from '@gamepulse/testkit/browser';
import type { BenchContext, BenchRow, BenchSuite } from '../../bench/types.ts';
import { consoleAsset, consoleHtml } from '../src/console/index.ts';
import { startQueryApi } from '../src/start-query-api.ts';
import { percentile } from '../../bench/support/stats.ts';

const SUITE = 'console';
const DAY_MS = 86_400_000;

/** The page's first round of requests, as index.html's refresh() makes them. */
async function apiRound(base: string, nowMs: number): Promise<void> {
  const get = async (name: string, q: Record<string, string | number>) => {
    const res = await fetch(`${base}/v1/kpis/${name}?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`);
    if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
    await res.arrayBuffer();
  };
  await get('online_now', {});
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const hourAgo = Math.floor(nowMs / 60_000) * 60_000 - 59 * 60_000;
  await Promise.all([
    get('dau', { from: today }),
    get('revenue', { from: today, granularity: 'all' }),
    get('sessions', { from: today, granularity: 'all' }),
    get('events_by_type', { from: hourAgo, granularity: 'minute' }),
    get('top_progression_fails', { from: today, limit: 8 }),
    get('economy', { from: today, granularity: 'all' }),
    get('active_users', { from: today }),
    get('payer_conversion', { from: today, granularity: 'all' }),
    get('revenue_reporting', { from: today, granularity: 'all' }),
    fetch(`${base}/v1/alerts`).then((r) => r.arrayBuffer()),
    fetch(`${base}/v1/alerts/history?state=resolved&limit=5`).then((r) => r.arrayBuffer()),
  ]);
}

export const consoleSuite: BenchSuite = {
  name: SUITE,
  description: 'console page weight (gzip) and time to first numbers in Chromium vs the same API requests',
  needs: ['chromium'],
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const page = Buffer.from(consoleHtml());
    const js = consoleAsset('uPlot.iife.min.js')!.body;
    const css = consoleAsset('uPlot.min.css')!.body;
    const kb = (b: Buffer) => Math.round((gzipSync(b, { level: 6 }).length / 1024) * 10) / 10;
    const rows: BenchRow[] = [
      {
        suite: SUITE,
        metric: 'page (HTML + inline JS/CSS) gzip',
        value: kb(page),
        unit: 'KB',
        note: `${Math.round(page.length / 1024)} KB raw`,
      },
      { suite: SUITE, metric: 'uPlot JS + CSS gzip', value: Math.round((kb(js) + kb(css)) * 10) / 10, unit: 'KB' },
    ];

    const nowMs = Date.UTC(2026, 9, 7, 20, 0);
    const days = ctx.quick ? 0.25 : 20 / 24;
    ctx.log(`console: ${days * 24} h of seasonal history into DuckDB`);
    const history = seasonalRollupHistory({ startMs: nowMs - days * DAY_MS, days, seed: 'console-bench' });
    const store = await openDuckDbStore({ path: ':memory:' });
    const browser = await launchChromium();
    try {
      await store.commit({
        consumer: 'bench',
        rollups: history.rollups,
        players: history.players,
        positions: [],
        state: [],
        deadLetters: [],
      });
      const api = await startQueryApi({ store, port: 0, nowMs: () => nowMs, live: false });
      const base = `http://127.0.0.1:${api.port}`;
      try {
        const loads = ctx.quick ? 3 : 10;
        const firstNumbers: number[] = [];
        const direct: number[] = [];
        await apiRound(base, nowMs); // warm DuckDB and the HTTP path once
        for (let i = 0; i < loads; i++) {
          const started = performance.now();
          await apiRound(base, nowMs);
          direct.push(performance.now() - started);
          const tab = await browser.newPage();
          const t0 = performance.now();
          await tab.goto(base + '/');
          await tab.waitForFunction(() => Number(document.body.dataset.refreshes ?? 0) >= 1, null, { timeout: 120_000 });
          firstNumbers.push(performance.now() - t0);
          await tab.close();
        }
        const first = percentile(firstNumbers, 50);
        const round = percentile(direct, 50);
        rows.push(
          {
            suite: SUITE,
            metric: 'time to first numbers (median)',
            value: Math.round(first),
            unit: 'ms',
            note: `${loads} cold tabs, ${history.rollups.length} rollup rows`,
          },
          { suite: SUITE, metric: 'same KPI requests made directly (median)', value: Math.round(round), unit: 'ms' },
          {
            suite: SUITE,
            metric: 'first numbers ÷ direct requests',
            value: Math.round((first / round) * 100) / 100,
            unit: 'ratio',
            note: 'the page’s own cost on top of the API',
          },
        );
      } finally {
        await api.close();
      }
    } finally {
      await browser.close();
      await store.close();
    }
    return rows;
  },
};
