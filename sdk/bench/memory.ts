/**
 * Heap per 10k queued events, in its own process so that `--expose-gc` is available:
 *   node --expose-gc --import tsx sdk/bench/memory.ts [events=10000]
 * Prints one JSON line: { bytesPer10k, exactGc }.
 */
import { createGamepulse, createMemoryStorage, type Transport } from '../src/index.ts';

const events = Number(process.argv[2] ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 10));
  }
};

// A collector that never answers: everything stays queued (the first batch in flight).
const never: Transport = { send: () => new Promise(() => {}) };
const gp = createGamepulse(
  {
    gameKey: 'bench',
    endpoint: 'http://127.0.0.1:1',
    gameId: 'bench_game',
    build: '1.0.0',
    maxQueueBytes: 256 << 20,
    flushIntervalMs: 3_600_000,
  },
  { transport: never, storage: createMemoryStorage({ journal: false }) },
);
await gp.ready;
gp.featureUsed('warm_up');
await settle();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < events; i++) {
  switch (i & 3) {
    case 0:
      gp.progression.complete('world1', 'level3', undefined, { attempt: 2, score: i });
      break;
    case 1:
      gp.resource.source('gold', 25, 'reward', 'chest_small');
      break;
    case 2:
      gp.purchase({ currency: 'USD', amountMinor: 499, itemType: 'gem_pack', itemId: 'gems_500', transactionId: `T-${i}` });
      break;
    default:
      gp.design('ui:shop:open', i);
  }
}
await settle();
const after = process.memoryUsage().heapUsed;
const queued = gp.stats().queued + gp.stats().inFlight;
console.log(JSON.stringify({ bytesPer10k: Math.round(((after - before) / queued) * 10_000), queued, exactGc: gc !== undefined }));
process.exit(0);
