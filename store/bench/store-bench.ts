/**
 * DuckDB store benchmark:
 *   npx tsx store/bench/store-bench.ts [--runs 9] [--rollups 1000000]
 * 1. Commit time of one RollupCommit with 10k rollup rows + 10k player rows (+ 8
 *    positions), file-backed, median of `runs` after one warm-up; also with 10k state entries.
 * 2. KPI latency (p50/p95 over 30 runs each) on a file with ~`rollups` rollup rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDuckDbStore } from '../src/duckdb/index.ts';
import { KPIS, runKpi } from '@gamepulse/kpi';
import type { RollupCommit, StateEntry } from '../src/contracts.ts';
import { seededRandom, DAY_MS, randomPlayerWindows, randomRollups } from '@gamepulse/testkit';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' }, rollups: { type: 'string', default: '1000000' } } });
const RUNS = Number(values.runs);
const TOTAL_ROLLUPS = Number(values.rollups);
const rng = seededRandom(1);
const dir = mkdtempSync(join(tmpdir(), 'gp-store-bench-'));

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function commitBench(label: string, withState: boolean): Promise<void> {
  const store = await openDuckDbStore({ path: join(dir, `commit-${withState}.duckdb`) });
  const DAY0 = Date.UTC(2025, 0, 1);
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const shape = { fromMs: DAY0 + run * 60_000, minutes: 1, players: 10_000 };
    const state: StateEntry[] = withState
      ? Array.from({ length: 10_000 }, (_, i) => ({
          partition: i % 8,
          namespace: 'dedup',
          key: `install-${i}`,
          value: new Uint8Array(24).fill(run),
        }))
      : [];
    const commit: RollupCommit = {
      consumer: 'bench',
      rollups: randomRollups(rng, shape, 10_000),
      players: randomPlayerWindows(rng, shape, 10_000),
      positions: Array.from({ length: 8 }, (_, p) => ({ topic: 'events', partition: p, offset: (run + 1) * 1000 })),
      state,
      deadLetters: [],
    };
    const t0 = performance.now();
    await store.commit(commit);
    if (run > 0) times.push(performance.now() - t0); // run 0 warms up
  }
  console.log(`${label}: median ${ms(quantile(times, 0.5))}, min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))} (${RUNS} runs)`);
  await store.close();
}

async function kpiBench(): Promise<void> {
  const path = join(dir, 'kpi.duckdb');
  const store = await openDuckDbStore({ path });
  const DAY0 = Date.UTC(2025, 0, 1);
  const shape = { fromMs: DAY0, minutes: 7 * 1440, players: 50_000 };
  const t0 = performance.now();
  for (let n = 0; n < TOTAL_ROLLUPS; n += 10_000) {
    await store.commit({
      consumer: 'bench',
      rollups: randomRollups(rng, shape, 10_000),
      players: randomPlayerWindows(rng, shape, 2_000),
      positions: [],
      state: [],
      deadLetters: [],
    });
  }
  const [counts] = await store.sql('SELECT (SELECT count(*) FROM rollups) AS rollups, (SELECT count(*) FROM player_windows) AS players');
  console.log(`loaded ${counts!.rollups} rollup rows, ${counts!.players} player rows over 7 days in ${ms(performance.now() - t0)}`);
  const nowMs = () => DAY0 + 6 * DAY_MS + 12 * 3_600_000;
  const ranges = [
    ['whole 7 days', { fromMs: DAY0, toMs: DAY0 + 7 * DAY_MS }],
    ['last 24 h (default)', {}],
  ] as const;
  for (const [label, range] of ranges) {
    console.log(`\nKPI latency, ${label}, game filter off, 30 runs each:`);
    for (const def of KPIS) {
      const granularity = def.granularities.includes('hour') ? 'hour' : def.granularities[0];
      const times: number[] = [];
      for (let i = 0; i < 31; i++) {
        const s = performance.now();
        await runKpi(store, def.name, { ...range, granularity }, { nowMs });
        if (i > 0) times.push(performance.now() - s);
      }
      console.log(
        `  ${def.name.padEnd(22)} ${String(granularity).padEnd(6)} p50 ${ms(quantile(times, 0.5))}  p95 ${ms(quantile(times, 0.95))}`,
      );
    }
  }
  await store.close();
}

console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cpus`);
await commitBench('commit 10k rollups + 10k players + 8 positions', false);
await commitBench('commit 10k rollups + 10k players + 8 positions + 10k state entries', true);
await kpiBench();
rmSync(dir, { recursive: true, force: true });
