/**
 * Where a DuckDB commit's time goes, for the sizes the throughput bench produces:
 *   npx tsx processor/bench/commit-cost.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDbStore } from '@gamepulse/store';
import type { RollupRowData } from '@gamepulse/proto';
import { emptyWindow, observe, serializeWindow } from '../src/index.ts';

const dir = await mkdtemp(join(tmpdir(), 'gp-commit-cost-'));
const store = await openDuckDbStore({ path: join(dir, 's.duckdb') });
const rows = (n: number, salt: number): RollupRowData[] =>
  Array.from({ length: n }, (_, i) => ({
    windowStartMs: 1_736_942_400_000 + (i % 60) * 60_000,
    gameId: 'g',
    build: '1',
    platform: 'web',
    country: 'US',
    eventType: 'design',
    action: '',
    currency: '',
    item: `i${i}-${salt}`,
    variant: '',
    events: 1,
    amount: 0,
    value: 1,
  }));
const w = emptyWindow();
observe(w, { seq: 5, digest: 0x5eed, splitOf: 0, splitParentDigest: 0 });
const state = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ partition: i % 4, namespace: 'dedup', key: `install-${i}`, value: serializeWindow(w) }));
async function time(label: string, f: () => Promise<void>) {
  const t = performance.now();
  await f();
  console.log(label.padEnd(40), `${(performance.now() - t).toFixed(0)} ms`);
}
let offset = 1;
const pos = () => [{ topic: 't', partition: 0, offset: offset++ }];
for (let round = 0; round < 2; round++) {
  await time('50k rollups, no state', () =>
    store.commit({ consumer: 'c', rollups: rows(50_000, round), players: [], positions: pos(), state: [], deadLetters: [] }),
  );
  await time('0 rows, 5k state entries', () =>
    store.commit({ consumer: 'c', rollups: [], players: [], positions: pos(), state: state(5000), deadLetters: [] }),
  );
  await time('0 rows, 10k state entries', () =>
    store.commit({ consumer: 'c', rollups: [], players: [], positions: pos(), state: state(10_000), deadLetters: [] }),
  );
  await time('50k rollups + 10k state', () =>
    store.commit({
      consumer: 'c',
      rollups: rows(50_000, round + 10),
      players: [],
      positions: pos(),
      state: state(10_000),
      deadLetters: [],
    }),
  );
}
await store.close();
await rm(dir, { recursive: true, force: true });
