/**
 * track() cost: median (and p90/p99) microseconds per call over 100k calls, on the
 * real clock, with memory storage and a transport that acknowledges at once, so the
 * number is what a game pays per call: validate, stamp, encode, enqueue. Batching and
 * sending run between chunks, as they would between frames.
 *
 * Usage: npx tsx sdk/scripts/bench-track.ts [calls=100000]
 */
import { createGamepulse, createMemoryStorage, type Transport } from '../src/index.ts';

const calls = Number(process.argv[2] ?? 100_000);
const CHUNK = 1_000;

const instantAck: Transport = {
  async send(batch) {
    return { ok: true, ack: { batchSequence: batch.sequence, accepted: batch.eventCount, rejected: [], serverTimeMs: 0 } };
  },
};

const gp = createGamepulse(
  { gameKey: 'bench', endpoint: 'http://127.0.0.1:1', gameId: 'bench_game', build: '1.0.0', platform: 'server', maxQueueBytes: 64 << 20 },
  { transport: instantAck, storage: createMemoryStorage() },
);
await gp.ready;

type Call = (i: number) => void;
const workloads: Record<string, Call> = {
  'track({ design })': (i) => gp.track({ design: { eventId: 'ui:shop:open', value: i } }),
  'mixed helpers': (i) => {
    switch (i & 3) {
      case 0:
        return gp.progression.complete('world1', 'level3', undefined, { attempt: 2, score: i });
      case 1:
        return gp.resource.source('gold', 25, 'reward', 'chest_small');
      case 2:
        return gp.purchase({ currency: 'USD', amountMinor: 499, itemType: 'gem_pack', itemId: 'gems_500', transactionId: `T-${i}` });
      default:
        return gp.featureUsed('daily_login_bonus');
    }
  },
};

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function measure(name: string, call: Call): Promise<void> {
  for (let i = 0; i < 20_000; i++) call(i); // warm up the JIT
  await gp.flush();
  const samples = new Float64Array(calls);
  for (let done = 0; done < calls; done += CHUNK) {
    for (let i = done; i < Math.min(calls, done + CHUNK); i++) {
      const t0 = process.hrtime.bigint();
      call(i);
      samples[i] = Number(process.hrtime.bigint() - t0) / 1_000;
    }
    await new Promise((r) => setImmediate(r)); // a frame boundary: batches are cut and sent
  }
  await gp.flush();
  const sorted = samples.slice().sort();
  const mean = samples.reduce((a, b) => a + b, 0) / calls;
  console.log(
    `${name.padEnd(18)} calls=${calls} median=${percentile(sorted, 0.5).toFixed(2)}µs p90=${percentile(sorted, 0.9).toFixed(2)}µs ` +
      `p99=${percentile(sorted, 0.99).toFixed(2)}µs mean=${mean.toFixed(2)}µs`,
  );
}

for (const [name, call] of Object.entries(workloads)) await measure(name, call);
const s = gp.stats();
console.log(`acked=${s.ackedEvents} batches=${s.sentBatches} dropped=${JSON.stringify(s.droppedByReason)}`);
await gp.shutdown();
