import { dialectFor } from '@gamepulse/kpi';
import { openDuckDbStore, type Row, type Store, type StoreChange } from '@gamepulse/store';
import { describe, expect, it } from 'vitest';
import { changeProbeSql, pollChanges } from './poll-changes.ts';

describe('api/live/poll-changes', () => {
  it('the probe runs on both dialects’ tables and sees a commit', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    const w = Date.UTC(2026, 0, 1, 10, 0);
    const sql = changeProbeSql(dialectFor('duckdb'), w - 60_000);
    expect(await store.sql(sql)).toEqual([{ row_count: 0, events: null, max_window_ms: null }]);
    await store.commit({
      consumer: 'p',
      rollups: [{ windowStartMs: w, gameId: 'g', eventType: 'design', events: 4 }],
      players: [],
      positions: [],
      state: [],
      deadLetters: [],
    });
    expect(await store.sql(sql)).toEqual([{ row_count: 1, events: 4, max_window_ms: w }]);
    expect(changeProbeSql(dialectFor('druid'), w)).toContain('FROM "gamepulse_rollups" WHERE __time >= TIMESTAMP');
    await store.close();
  });

  it('probes only while someone listens and reports a change when the answer moves', async () => {
    const answers: Row[] = [
      { row_count: 10, events: 50, max_window_ms: 60_000 },
      { row_count: 10, events: 50, max_window_ms: 60_000 },
      { row_count: 12, events: 58, max_window_ms: 120_000 },
    ];
    let probes = 0;
    let failNext = false;
    const store = {
      engine: 'druid',
      sql: async () => {
        probes += 1;
        if (failNext) {
          failNext = false;
          throw new Error('broker restarting');
        }
        return [answers[Math.min(probes - 1, answers.length - 1)]!];
      },
    } as unknown as Store;
    const scheduled: Array<() => void> = [];
    const feed = pollChanges({
      store,
      dialect: dialectFor('druid'),
      nowMs: () => 500_000,
      timers: { setTimeout: (fn) => scheduled.push(fn), clearTimeout: () => scheduled.splice(0) },
    });
    const seen: StoreChange[] = [];
    const off = feed.onChange((c) => seen.push(c));
    const step = async () => {
      scheduled.shift()!();
      await new Promise((r) => setImmediate(r));
    };
    await new Promise((r) => setImmediate(r)); // the first probe: a baseline, not a change
    expect(probes).toBe(1);
    await step(); // same answer
    expect(seen).toEqual([]);
    await step(); // moved
    expect(seen).toEqual([{ kind: 'commit', consumer: 'druid ingestion', rows: 2, maxWindowStartMs: 120_000, atMs: 500_000 }]);
    failNext = true;
    await step(); // a failed probe keeps the feed alive
    expect(scheduled).toHaveLength(1);
    off();
    expect(scheduled).toHaveLength(0);
  });
});
