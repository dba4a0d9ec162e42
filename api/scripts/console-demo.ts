/**
 * The console with simulated traffic, for demos and screenshots:
 *   npx tsx api/scripts/console-demo.ts [--port 8080] [--path :memory:] [--seed 1]
 * Seeds the last 24 hours, then commits a second's worth of rollups every second.
 * Real traffic comes from samples/ through the processor; this only fills the store.
 */
import { parseArgs } from 'node:util';
import { openDuckDbStore } from '@gamepulse/store';
import { startQueryApi } from '../src/index.ts';
import { seededRandom, MINUTE_MS, randomPlayerWindows, randomRollups } from '@gamepulse/testkit';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    path: { type: 'string', default: ':memory:' },
    seed: { type: 'string', default: '1' },
  },
});
const rng = seededRandom(Number(values.seed));
const store = await openDuckDbStore({ path: values.path });
const now = Date.now();
let offset = 0;

// A day of history, busier in the last hour so the per-minute chart has shape.
for (const [fromMs, minutes, rows] of [
  [now - 24 * 60 * MINUTE_MS, 24 * 60, 150_000],
  [now - 60 * MINUTE_MS, 60, 40_000],
] as const) {
  for (let i = 0; i < rows; i += 10_000) {
    const shape = { fromMs, minutes, players: 3000 };
    offset += 10_000;
    await store.commit({
      consumer: 'demo',
      rollups: randomRollups(rng, shape, 10_000),
      players: randomPlayerWindows(rng, shape, 2_000),
      positions: [{ topic: 'events', partition: 0, offset }],
      state: [],
      deadLetters: [],
    });
  }
}

const timer = setInterval(() => {
  const shape = { fromMs: Date.now(), minutes: 1, players: 3000 };
  offset += 1;
  void store.commit({
    consumer: 'demo',
    rollups: randomRollups(rng, shape, rng.int(5, 20)),
    players: randomPlayerWindows(rng, { ...shape, players: 900 }, 15),
    positions: [{ topic: 'events', partition: 0, offset }],
    state: [],
    deadLetters: [],
  });
}, 1000);

const api = await startQueryApi({ port: Number(values.port), store });
console.log(`console: http://127.0.0.1:${api.port}/`);

process.once('SIGINT', () => {
  clearInterval(timer);
  void api.close().then(() => store.close());
});
