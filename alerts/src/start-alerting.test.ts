/**
 * What a process gets from startAlerting: the state journal in the configured directory
 * (or the default one beside its DuckDB file), memory with `off`, and a configuration
 * error naming the variable when the directory cannot be used.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@gamepulse/service';
import { openDuckDbStore, type DuckDbStore } from '@gamepulse/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTS_CONFIG } from './config.ts';
import { JOURNAL_FILE } from './engine/file-alert-state-store.ts';
import { defaultStateDir, startAlerting } from './start-alerting.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0);
const root = mkdtempSync(join(tmpdir(), 'gp-start-alerting-'));
const rulesPath = join(root, 'rules.yml');
let store: DuckDbStore;

beforeAll(async () => {
  // One rule that fires at once: 30 purchases in the window, above 10.
  writeFileSync(
    rulesPath,
    `version: 1
groups:
  - name: g
    rules:
      - alert: ManyPurchases
        kpi: events_by_type
        params: { by: [game] }
        where: { event_type: purchase }
        value: events
        condition: { threshold: { above: 10 } }
        severity: ticket
        annotations: { summary: '{{ value }} purchases' }
`,
  );
  store = await openDuckDbStore({ path: ':memory:' });
  const rollups = Array.from({ length: 20 }, (_, m) => ({
    windowStartMs: NOW - (20 - m) * 60_000,
    gameId: 'g',
    build: '1.0',
    platform: 'web',
    country: 'DE',
    eventType: 'purchase',
    events: 3,
  }));
  await store.commit({ consumer: 't', rollups, players: [], positions: [], state: [], deadLetters: [] });
});

afterAll(async () => {
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

const config = (env: Record<string, string>) => loadConfig(ALERTS_CONFIG, { env: { GAMEPULSE_ALERT_RULES: rulesPath, ...env } });

describe('startAlerting: the alert state', () => {
  it('journals into the configured directory; a second start restores the firing alert', async () => {
    const dir = join(root, 'state');
    const first = startAlerting({
      config: config({ GAMEPULSE_ALERT_STATE_DIR: dir }),
      store,
      apiUrl: 'http://api',
      nowMs: () => NOW,
      sinks: [],
    })!;
    await first.engine.stop(); // the timer's first cycle has run
    expect(first.engine.active().map((a) => a.state)).toEqual(['firing']);
    await first.stop();
    expect(readFileSync(join(dir, JOURNAL_FILE), 'utf8')).toContain('"ManyPurchases"');

    const second = startAlerting({
      config: config({ GAMEPULSE_ALERT_STATE_DIR: dir }),
      store,
      apiUrl: 'http://api',
      nowMs: () => NOW,
      sinks: [],
    })!;
    await second.engine.stop();
    expect(second.engine.history().map((e) => [e.kind, e.alertname, e.atMs])).toEqual([['fired', 'ManyPurchases', NOW]]);
    await second.stop();
  });

  it('falls back to the default directory, and keeps nothing on disk with `off`', async () => {
    const fallback = join(root, 'beside-the-store');
    const on = startAlerting({ config: config({}), store, apiUrl: 'http://api', nowMs: () => NOW, sinks: [], defaultStateDir: fallback })!;
    await on.stop();
    expect(existsSync(join(fallback, JOURNAL_FILE))).toBe(true);
    const offDir = join(root, 'not-used');
    const off = startAlerting({
      config: config({ GAMEPULSE_ALERT_STATE_DIR: 'off' }),
      store,
      apiUrl: 'http://api',
      nowMs: () => NOW,
      sinks: [],
      defaultStateDir: offDir,
    })!;
    await off.stop();
    expect(existsSync(offDir)).toBe(false);
  });

  it('a directory that cannot be used is a configuration error naming the variable', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const start = () =>
      startAlerting({ config: config({ GAMEPULSE_ALERT_STATE_DIR: join(file, 'sub') }), store, apiUrl: 'http://api', sinks: [] });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/GAMEPULSE_ALERT_STATE_DIR/);
  });

  it('the default directory sits beside the DuckDB file; none for an in-memory store', () => {
    expect(defaultStateDir('.data/gamepulse.duckdb')).toBe(join('.data', 'alerts'));
    expect(defaultStateDir(':memory:')).toBeUndefined();
  });
});
