/**
 * The Node SDK over every transport against the REAL collector (in-process, real
 * embedded log): HTTP, gRPC unary, gRPC streaming, WebSocket, and the privacy deletion
 * request. What the log holds afterwards is every tracked event exactly once (after
 * dropping re-sent copies by (install, batch_sequence), as the processor does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UUID_PATTERN } from '@gamepulse/proto';
import type { Transport } from '../../src/index.ts';
import { createNodeGamepulse, type NodeTransportName } from '../../src/node/index.ts';
import { exactlyOnce, GAME_ID, GAME_KEY, startRealCollector, type RealCollector } from '@gamepulse/testkit/collector';

let real: RealCollector;
beforeAll(async () => {
  real = await startRealCollector();
});
afterAll(async () => {
  await real?.close();
});

/** Sends every batch twice: what a flaky network (timeout after delivery) does. */
const sendEveryBatchTwice = (inner: Transport): Transport => ({
  name: inner.name,
  async send(batch, signal) {
    await inner.send(batch, signal);
    return inner.send(batch, signal);
  },
  close: () => inner.close?.() ?? Promise.resolve(),
});

function client(
  transport: NodeTransportName | NodeTransportName[],
  extra: Parameters<typeof createNodeGamepulse>[0] extends infer O ? Partial<O> : never = {},
) {
  return createNodeGamepulse({
    gameKey: GAME_KEY,
    endpoint: real.httpUrl,
    grpcEndpoint: real.grpcUrl,
    gameId: GAME_ID,
    build: '2.0.0',
    platform: 'server',
    transport,
    maxBatchEvents: 40,
    flushTimeoutMs: 20_000,
    ...extra,
  });
}

function play(gp: ReturnType<typeof client>, tag: string, n: number): void {
  gp.session.start();
  for (let i = 0; i < n; i++) gp.track({ featureUse: { feature: 'it_event' } }, { n: String(i), tag });
  gp.session.end();
}

describe.each(['http', 'grpc', 'grpc-stream', 'websocket'] as const)('sdk node %s transport against the real collector', (transport) => {
  it('delivers every event exactly once, in sequence order, even when every batch is sent twice', async () => {
    const gp = client(transport, { wrapTransport: sendEveryBatchTwice });
    await gp.ready;
    play(gp, `real-${transport}`, 150);
    await gp.flush();
    const stats = gp.stats();
    expect(stats).toMatchObject({ queued: 0, inFlight: 0, ackedEvents: 152, transport, circuit: 'closed' });
    expect(Math.abs(stats.clockOffsetMs)).toBeLessThan(1_000); // same machine: the offset is about 0
    await gp.shutdown();

    const records = (await real.delivered()).filter((e) => e.installId === gp.installId);
    const { unique, resentCopies } = exactlyOnce(records);
    expect(unique).toHaveLength(152); // + session_start and session_end
    expect(resentCopies).toBe(4); // every one of the 4 batches arrived twice; dropped by (install, sequence)
    expect(unique.filter((e) => e.custom.tag).map((e) => Number(e.custom.n))).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(unique.map((e) => e.sequence)).toEqual(Array.from({ length: 152 }, (_, i) => i + 1));
    expect([...new Set(unique.map((e) => e.batchSequence))]).toEqual([1, 2, 3, 4]);
  });
});

describe('sdk node against a real collector with a small body limit', () => {
  it('splits batches the collector refuses with 413 GP_BODY_TOO_LARGE until they fit; every event arrives once', async () => {
    const small = await startRealCollector({ maxBodyBytes: 2_048 });
    try {
      const debug: string[] = [];
      const gp = createNodeGamepulse({
        gameKey: GAME_KEY,
        endpoint: small.httpUrl,
        gameId: GAME_ID,
        transport: 'http',
        compressMinBytes: 1 << 30, // uncompressed, so the body size is the batch size
        maxBatchEvents: 100,
        flushTimeoutMs: 20_000,
        onDebug: (m) => debug.push(m.code),
      });
      await gp.ready;
      for (let i = 0; i < 100; i++) gp.track({ featureUse: { feature: 'split_me' } }, { n: String(i), pad: 'p'.repeat(40) });
      await gp.flush();
      expect(gp.stats()).toMatchObject({ queued: 0, inFlight: 0, ackedEvents: 101, droppedByReason: {} });
      expect(debug).toContain('GP_SDK_BATCH_SPLIT');
      await gp.shutdown();
      const { unique, resentCopies } = exactlyOnce(await small.delivered());
      expect(resentCopies).toBe(0);
      expect(
        unique
          .filter((e) => e.custom.n)
          .map((e) => Number(e.custom.n))
          .sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 100 }, (_, i) => i));
      expect(new Set(unique.map((e) => e.sequence)).size).toBe(102); // + session_start, session_end (shutdown)
    } finally {
      await small.close();
    }
  });
});

describe('sdk node against the real collector: refusals', () => {
  it.each(['http', 'grpc', 'grpc-stream', 'websocket'] as const)(
    '%s: a key the collector refuses drops the batch for good, counted and reported with the collector’s code',
    async (transport) => {
      const debug: Array<{ code: string; message: string }> = [];
      const gp = createNodeGamepulse({
        gameKey: 'not-a-key',
        endpoint: real.httpUrl,
        grpcEndpoint: real.grpcUrl,
        gameId: GAME_ID,
        transport,
        flushTimeoutMs: 10_000,
        onDebug: (m) => debug.push({ code: m.code, message: m.message }),
      });
      await gp.ready;
      gp.featureUsed('refused');
      await gp.flush();
      expect(gp.stats()).toMatchObject({ queued: 0, inFlight: 0, ackedEvents: 0, droppedByReason: { GP_SDK_BATCH_REJECTED: 2 } });
      expect(debug.find((m) => m.code === 'GP_SDK_BATCH_REJECTED')?.message).toMatch(/GP_AUTH_KEY_INVALID/);
      await gp.shutdown();
    },
  );
});

describe('sdk node against the real collector: privacy', () => {
  it('requestDeletion() records a deletion request and returns its id; unsent events of the player are discarded first', async () => {
    const gp = client('http', { flushIntervalMs: 60_000 });
    await gp.ready;
    gp.identify('player-to-forget');
    gp.featureUsed('about_to_be_forgotten');
    const result = await gp.requestDeletion();
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.requestId).toMatch(UUID_PATTERN);
    expect(gp.stats()).toMatchObject({ queued: 0, inFlight: 0 });
    expect(gp.stats().droppedByReason).toMatchObject({ GP_SDK_DELETION_REQUESTED: 2 });
    await gp.shutdown();
  });

  it('a refused deletion request comes back as a value, never as an exception', async () => {
    const gp = createNodeGamepulse({ gameKey: 'not-a-key', endpoint: real.httpUrl, gameId: GAME_ID, flushTimeoutMs: 500 });
    const result = await gp.requestDeletion();
    expect(result).toMatchObject({ ok: false, retryable: false, status: 403, code: 'GP_AUTH_KEY_INVALID' });
    await gp.shutdown();
  });
});
