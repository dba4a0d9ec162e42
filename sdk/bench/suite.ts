/**
 * SDK benchmarks (`sdkSuite`, for `npm run bench`):
 *   1. track() on the calling thread — median and p99 µs per call over mixed helper
 *      calls (validate, stamp, encode, enqueue), memory storage and a transport that
 *      acknowledges at once; batching and sending run between chunks of 1,000 calls,
 *      as they would between frames.
 *   2. events/s end to end — the Node SDK into the REAL collector, in this process
 *      (HTTP and gRPC streaming; embedded log with fsync), tracked as fast as the SDK
 *      takes them and flushed: SDK and collector share one event loop and one core, so
 *      this is a floor for the SDK. Also into a sink transport (acknowledges without
 *      I/O): the SDK's own ceiling.
 *   3. heap per 10k queued events — in a child process with --expose-gc (memory.ts).
 *
 * Also runnable alone: `npx tsx sdk/bench/suite.ts [--quick]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbeddedLog } from '@gamepulse/log';
import { createLogger } from '@gamepulse/service';
import { loadCollectorConfig, startCollector } from '@gamepulse/collector';
import type { BenchContext, BenchRow, BenchSuite } from '../../bench/types.ts';
import { createGamepulse, createMemoryStorage, type Gamepulse, type Transport } from '../src/index.ts';
import { createNodeGamepulse, type NodeTransportName } from '../src/node/index.ts';

const SUITE = 'sdk';
const ROOT = resolve(import.meta.dirname, '../..');

const instantAck: Transport = {
  name: 'sink',
  async send(batch) {
    return { ok: true, ack: { batchSequence: batch.sequence, accepted: batch.eventCount, rejected: [], serverTimeMs: 0 } };
  },
};

function mixed(gp: Gamepulse, i: number): void {
  switch (i & 3) {
    case 0:
      return gp.progression.complete('world1', 'level3', undefined, { attempt: 2, score: i });
    case 1:
      return gp.resource.source('gold', 25, 'reward', 'chest_small');
    case 2:
      return gp.purchase({ currency: 'USD', amountMinor: 499, itemType: 'gem_pack', itemId: 'gems_500', transactionId: `T-${i}` });
    default:
      return gp.design('ui:shop:open', i);
  }
}

const frame = () => new Promise((r) => setImmediate(r));

async function trackCost(calls: number): Promise<{ medianUs: number; p99Us: number }> {
  const gp = createGamepulse(
    { gameKey: 'bench', endpoint: 'http://127.0.0.1:1', gameId: 'bench_game', build: '1.0.0', platform: 'server', maxQueueBytes: 64 << 20 },
    { transport: instantAck, storage: createMemoryStorage({ journal: false }) },
  );
  await gp.ready;
  for (let i = 0; i < 20_000; i++) mixed(gp, i); // warm up the JIT
  await gp.flush();
  const samples = new Float64Array(calls);
  for (let done = 0; done < calls; done += 1_000) {
    for (let i = done; i < Math.min(calls, done + 1_000); i++) {
      const t0 = process.hrtime.bigint();
      mixed(gp, i);
      samples[i] = Number(process.hrtime.bigint() - t0) / 1_000;
    }
    await frame();
  }
  await gp.shutdown();
  samples.sort();
  return { medianUs: samples[Math.floor(calls / 2)]!, p99Us: samples[Math.floor(calls * 0.99)]! };
}

/** Tracks `events` in frames of 1,000 and flushes; events/s from the first call to the last ack. */
async function throughput(gp: Gamepulse, events: number): Promise<number> {
  await gp.ready;
  const started = performance.now();
  for (let done = 0; done < events; done += 1_000) {
    for (let i = done; i < Math.min(events, done + 1_000); i++) mixed(gp, i);
    await frame();
  }
  await gp.flush();
  const s = gp.stats();
  if (s.queued + s.inFlight > 0) throw new Error(`not everything was acknowledged: ${JSON.stringify(s)}`);
  return Math.round(events / ((performance.now() - started) / 1000));
}

async function intoRealCollector(transport: NodeTransportName, events: number, tmpDir: string): Promise<number> {
  const dir = mkdtempSync(join(tmpDir, 'sdk-bench-log-'));
  const log = await openEmbeddedLog({ dir });
  const collector = await startCollector({
    config: loadCollectorConfig({
      env: {},
      overrides: {
        httpPort: 0,
        grpcPort: 0,
        keys: ['bench-key=demo:b'],
        topicPrefix: 'bench',
        rateLimitKeyEventsPerS: 0,
        rateLimitPlayerEventsPerS: 0,
      },
    }),
    log,
    logger: createLogger({ service: 'collector', write: () => {} }),
  });
  try {
    const gp = createNodeGamepulse({
      gameKey: 'bench-key',
      endpoint: `http://127.0.0.1:${collector.httpPort}`,
      grpcEndpoint: `http://127.0.0.1:${collector.grpcPort}`,
      transport,
      gameId: 'demo',
      build: '1.0.0',
      platform: 'server',
      maxQueueBytes: 64 << 20,
      flushTimeoutMs: 120_000,
    });
    const rate = await throughput(gp, events);
    await gp.shutdown();
    return rate;
  } finally {
    await collector.close();
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function memoryPer10k(): { bytesPer10k: number; exactGc: boolean } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'memory.ts'), '10000'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as { bytesPer10k: number; exactGc: boolean };
}

export const sdkSuite: BenchSuite = {
  name: SUITE,
  description: 'SDK: track() cost (median/p99 µs), events/s end to end into the real collector and into a sink, heap per 10k queued events',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const calls = ctx.quick ? 20_000 : 200_000;
    ctx.log(`track() × ${calls}`);
    const cost = await trackCost(calls);
    rows.push({
      suite: SUITE,
      metric: 'track() median',
      value: Number(cost.medianUs.toFixed(2)),
      unit: 'µs',
      note: 'mixed helpers, calling thread',
    });
    rows.push({ suite: SUITE, metric: 'track() p99', value: Number(cost.p99Us.toFixed(2)), unit: 'µs', note: 'includes GC pauses' });

    const events = ctx.quick ? 20_000 : 200_000;
    ctx.log(`events/s into a sink × ${events}`);
    const sink = createGamepulse(
      { gameKey: 'bench', endpoint: 'http://127.0.0.1:1', gameId: 'bench_game', build: '1.0.0', maxQueueBytes: 64 << 20 },
      { transport: instantAck, storage: createMemoryStorage({ journal: false }) },
    );
    rows.push({
      suite: SUITE,
      metric: 'events/s, SDK into a sink transport',
      value: await throughput(sink, events),
      unit: 'events/s',
      note: 'the SDK alone: no I/O',
    });
    await sink.shutdown();
    for (const transport of ['http', 'grpc-stream'] as const) {
      ctx.log(`events/s into the real collector over ${transport} × ${events}`);
      rows.push({
        suite: SUITE,
        metric: `events/s end to end, ${transport}`,
        value: await intoRealCollector(transport, events, ctx.tmpDir),
        unit: 'events/s',
        note: 'SDK + real collector + embedded log (fsync) on one event loop: a floor',
      });
    }
    ctx.log('heap per 10k queued events (child process, --expose-gc)');
    const mem = memoryPer10k();
    rows.push({
      suite: SUITE,
      metric: 'heap per 10k queued events',
      value: Math.round(mem.bytesPer10k / 1024),
      unit: 'KB',
      note: mem.exactGc ? 'heapUsed delta after global.gc()' : 'approximate: no global.gc',
    });
    return rows;
  },
};

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const tmpDir = mkdtempSync(join(ROOT, '.data-sdk-bench-'));
  try {
    const rows = await sdkSuite.run({ tmpDir, log: (l) => process.stderr.write(`[sdk] ${l}\n`), quick: process.argv.includes('--quick') });
    for (const r of rows) console.log(`${r.metric.padEnd(42)} ${String(r.value).padStart(10)} ${r.unit.padEnd(9)} ${r.note ?? ''}`);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}
