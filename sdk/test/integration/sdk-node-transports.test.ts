/**
 * The Node transports over real sockets, against STAND-IN collectors (a node:http
 * server and a @grpc/grpc-js server defined in ./support, speaking the gamepulse.v1
 * wire contract), for what the real collector cannot be made to do on demand (exact
 * Retry-After dates, scripted failures, a sniffing proxy for gRPC framing). The same
 * transports against the REAL collector: sdk-node-real-collector.test.ts. Time in the
 * SDK runs on a manual clock, so retry waits are asserted exactly and nothing sleeps;
 * the sockets are real.
 */
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { status } from '@grpc/grpc-js';
import { createManualClock, createSeededRandom, type ManualClock, type Transport } from '../../src/index.ts';
import { createNodeGamepulse, type NodeGamepulseOptions } from '../../src/node/index.ts';
import type { Gamepulse } from '../../src/core/api.ts';
import {
  startGrpcStandIn,
  startHttpStandIn,
  startSniffingProxy,
  type SniffingProxy,
  type StandInCollector,
} from './support/stand-in-collector.ts';

const GAME_KEY = 'gk_test_7f3a';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Sends every batch twice: what a flaky network (timeout after delivery) does. */
const sendEveryBatchTwice = (inner: Transport): Transport => ({
  async send(batch, signal) {
    await inner.send(batch, signal);
    return inner.send(batch, signal);
  },
  close: () => inner.close?.() ?? Promise.resolve(),
});

interface Rig {
  gp: Gamepulse;
  clock: ManualClock;
  collector: StandInCollector;
  proxy?: SniffingProxy;
}

async function rig(kind: 'http' | 'grpc', options: Partial<NodeGamepulseOptions> = {}): Promise<Rig> {
  const clock = createManualClock(Date.UTC(2025, 2, 1, 9, 0, 0));
  const collector = kind === 'http' ? await startHttpStandIn() : await startGrpcStandIn();
  cleanups.push(() => collector.close());
  let endpoint = collector.address;
  let proxy: SniffingProxy | undefined;
  if (kind === 'grpc') {
    proxy = await startSniffingProxy(collector.address);
    cleanups.push(() => proxy!.close());
    endpoint = `http://${proxy.address}`;
  }
  const gp = createNodeGamepulse({
    transport: kind,
    endpoint,
    gameKey: GAME_KEY,
    gameId: 'space_miner',
    build: '2.0.1',
    platform: 'server',
    clock,
    random: createSeededRandom(11),
    flushTimeoutMs: 60_000,
    ...options,
  });
  cleanups.push(async () => {
    const done = gp.shutdown();
    await clock.runAll();
    await done;
  });
  return { gp, clock, collector, ...(proxy ? { proxy } : {}) };
}

/** Flush while letting the manual clock run retry waits; real I/O completes meanwhile. */
async function flushAll(gp: Gamepulse, clock: ManualClock): Promise<void> {
  let done = false;
  const flushed = gp.flush().then(() => (done = true));
  while (!done) await clock.advance(100);
  await flushed;
}

function playSome(gp: Gamepulse, n: number): void {
  gp.session.start();
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) gp.progression.start('world1', `level${i}`, undefined, { attempt: 1 });
    else if (i % 3 === 1) gp.resource.source('gold', 10 + i, 'reward', `chest_${i}`);
    else gp.design(`ui:shop:item_${i}`, i);
  }
  gp.purchase({ currency: 'USD', amountMinor: 499, itemType: 'gem_pack', itemId: 'gems_500', transactionId: `T-${n}` });
  gp.session.end();
}

describe.each(['http', 'grpc'] as const)('sdk node %s transport against a stand-in collector', (kind) => {
  it('delivers every event exactly once by (install, batch_sequence) when every batch is sent twice', async () => {
    const { gp, clock, collector } = await rig(kind, { wrapTransport: sendEveryBatchTwice, maxBatchEvents: 40 });
    playSome(gp, 150); // + session_start, purchase, session_end = 153 events = 4 batches
    await flushAll(gp, clock);

    expect(collector.requests.map((r) => r.batchSequence)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    for (let i = 0; i < collector.requests.length; i += 2) {
      expect(collector.requests[i]!.batchBytes.equals(collector.requests[i + 1]!.batchBytes)).toBe(true);
    }
    expect([...collector.batches.keys()]).toEqual([1, 2, 3, 4].map((s) => `${gp.installId}/${s}`));
    expect(collector.acceptedEventIds).toHaveLength(153);
    expect(new Set(collector.acceptedEventIds).size).toBe(153);
    expect(gp.stats()).toMatchObject({ sentBatches: 4, ackedEvents: 153, queued: 0, inFlight: 0 });
    for (const r of collector.requests) expect(r.headers['x-gamepulse-key']).toBe(GAME_KEY);
  });
});

describe('sdk node http transport against a stand-in collector', () => {
  it('posts gzip-compressed application/x-protobuf above compressMinBytes, plain below', async () => {
    const { gp, clock, collector } = await rig('http', { compressMinBytes: 1_024 });
    playSome(gp, 60);
    await flushAll(gp, clock);
    gp.featureUsed('tiny'); // one small event: not worth compressing
    await flushAll(gp, clock);

    const [big, small] = collector.requests;
    expect(big!.headers).toEqual({ 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip', 'x-gamepulse-key': GAME_KEY });
    expect(big!.wireBytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip magic (RFC 1952)
    expect(gunzipSync(big!.wireBytes).equals(big!.batchBytes)).toBe(true);
    expect(big!.wireBytes.length).toBeLessThan(big!.batchBytes.length / 2);
    expect(small!.headers['content-encoding']).toBeUndefined();
    expect(small!.wireBytes.length).toBeLessThan(1_024);
  });

  it('retries after 503 with Retry-After as seconds and as an HTTP-date, re-sending the same body', async () => {
    const { gp, clock, collector } = await rig('http');
    collector.script(
      { kind: 'http-error', status: 503, headers: { 'retry-after': '2' } },
      { kind: 'http-error', status: 503, headers: { 'retry-after': new Date(clock.now() + 3_000).toUTCString() } },
    );
    playSome(gp, 30);
    const flushed = gp.flush();

    await vi.waitFor(() => expect(clock.pendingTimers().some((t) => t.delayMs === 2_000)).toBe(true));
    expect(collector.requests).toHaveLength(1);
    await clock.advance(1_999);
    expect(collector.requests).toHaveLength(1);
    await clock.advance(1);
    await vi.waitFor(() => expect(collector.requests).toHaveLength(2));
    // The date was 3 s after the test started and the clock has moved 2 s since.
    await vi.waitFor(() => expect(clock.pendingTimers().some((t) => t.delayMs === 1_000)).toBe(true));
    await clock.advance(1_000);
    await flushed;

    expect(collector.requests).toHaveLength(3);
    for (const r of collector.requests) expect(r.wireBytes.equals(collector.requests[0]!.wireBytes)).toBe(true);
    expect(gp.stats()).toMatchObject({ sentBatches: 1, retries: 2, rejectedEvents: 0 });
  });

  it('drops a batch the collector refuses with 400, and reports it', async () => {
    const debug: string[] = [];
    const { gp, clock, collector } = await rig('http', { onDebug: (m) => debug.push(m.code) });
    collector.script({ kind: 'http-error', status: 400 });
    gp.featureUsed('a');
    await flushAll(gp, clock);
    expect(collector.requests).toHaveLength(1);
    expect(gp.stats()).toMatchObject({ sentBatches: 0, rejectedEvents: 2, droppedByReason: { GP_SDK_BATCH_REJECTED: 2 } });
    expect(debug).toContain('GP_SDK_BATCH_REJECTED');
  });
});

describe('sdk node grpc transport against a stand-in collector', () => {
  it('sends the frozen bytes with gRPC gzip message compression above compressMinBytes, plain below', async () => {
    const { gp, clock, collector, proxy } = await rig('grpc', { compressMinBytes: 1_024 });
    playSome(gp, 60);
    await flushAll(gp, clock);
    gp.featureUsed('tiny');
    await flushAll(gp, clock);

    const [big, small] = proxy!.messages;
    expect(big!.compressed).toBe(true);
    expect(big!.payload.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(big!.payload).equals(collector.requests[0]!.batchBytes)).toBe(true);
    expect(small!.compressed).toBe(false);
    expect(small!.payload.equals(collector.requests[1]!.batchBytes)).toBe(true);
    expect(collector.requests.map((r) => r.headers['x-gamepulse-key'])).toEqual([GAME_KEY, GAME_KEY]);
  });

  it('retries UNAVAILABLE after the server pushback (grpc-retry-pushback-ms), re-sending identical bytes', async () => {
    const { gp, clock, collector, proxy } = await rig('grpc');
    collector.script({ kind: 'grpc-error', code: status.UNAVAILABLE, trailers: { 'grpc-retry-pushback-ms': '1500' } });
    playSome(gp, 30);
    const flushed = gp.flush();
    await vi.waitFor(() => expect(clock.pendingTimers().some((t) => t.delayMs === 1_500)).toBe(true));
    await clock.advance(1_500);
    await flushed;
    expect(collector.requests).toHaveLength(2);
    expect(collector.requests[1]!.batchBytes.equals(collector.requests[0]!.batchBytes)).toBe(true);
    expect(proxy!.messages[1]!.payload.equals(proxy!.messages[0]!.payload)).toBe(true);
    expect(gp.stats()).toMatchObject({ sentBatches: 1, retries: 1 });
  });

  it('drops a batch refused with INVALID_ARGUMENT, and counts it', async () => {
    const { gp, clock, collector } = await rig('grpc');
    collector.script({ kind: 'grpc-error', code: status.INVALID_ARGUMENT });
    gp.featureUsed('a');
    await flushAll(gp, clock);
    expect(collector.requests).toHaveLength(1);
    expect(gp.stats()).toMatchObject({ rejectedEvents: 2, droppedByReason: { GP_SDK_BATCH_REJECTED: 2 } });
  });
});
