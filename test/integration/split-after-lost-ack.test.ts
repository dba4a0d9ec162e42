/**
 * Issue 13, scenario 3: a batch is stored by the collector but its acknowledgement is
 * lost; the retry goes over a transport with a smaller body limit (gRPC → HTTP,
 * support/split-transport.ts), the collector answers 413 and the SDK splits the batch.
 * The halves must not be counted on top of the stored whole.
 *
 *   - with the real collector in-process: what the collector stored — every half or
 *     quarter names a stored parent by sequence and digest (the digest the collector
 *     stamped on it), and a dedup by those names counts each event exactly once;
 *   - with the real pipeline (collector and processor processes, embedded log, DuckDB):
 *     the processor counts each event exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchDigest, type IngestedBatchMessage } from '@gamepulse/proto';
import { createGrpcTransport, createNodeGamepulse } from '@gamepulse/sdk/node';
import { systemClock, type FrozenBatch } from '@gamepulse/sdk';
import { until } from '@gamepulse/testkit';
import { GAME_ID, GAME_KEY, startRealCollector, type RealCollector } from '@gamepulse/testkit/collector';
import { metricSum, Pipeline, totalInStore } from '@gamepulse/testkit/pipeline';
import { lostAckThenSmallerLimit, type SplitPathStats } from './support/split-transport.ts';

/** The collector's limit for a body as sent over HTTP; gRPC takes up to maxDecompressedBytes (8 MiB). */
const HTTP_LIMIT_BYTES = 4_096;
const EVENTS_PER_BATCH = 40;
/** Design events with a 200-character custom field: about 250 bytes each, so a batch of 40 is about 10 KB, a half 5 KB, a quarter 2.5 KB. */
const TRACKED = 118;
/** + session_start (first event) and session_end (shutdown). */
const EXPECTED_EVENTS = TRACKED + 2;

interface Run {
  stats: SplitPathStats;
  installId: string;
}

/** One SDK client that tracks TRACKED events and shuts down (which flushes everything). */
async function runClient(o: {
  installId: string;
  httpUrl: string;
  grpcUrl: string;
  gameKey: string;
  viaGrpcFirst: (batch: FrozenBatch) => boolean;
}): Promise<Run> {
  const stats: SplitPathStats = { ackLost: 0, tooLarge: 0, acked: 0 };
  const gp = createNodeGamepulse({
    gameKey: o.gameKey,
    gameId: GAME_ID,
    endpoint: o.httpUrl,
    transport: 'http',
    installId: o.installId,
    maxBatchEvents: EVENTS_PER_BATCH,
    maxBatchBytes: 65_536,
    compressMinBytes: 1e9, // HTTP bodies go uncompressed: their size is the batch's
    flushIntervalMs: 60_000,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    wrapTransport: (http) =>
      lostAckThenSmallerLimit(
        http,
        createGrpcTransport({ endpoint: o.grpcUrl, gameKey: o.gameKey, compressMinBytes: 1e9, timeoutMs: 10_000, clock: systemClock }),
        o.viaGrpcFirst,
        stats,
      ),
  });
  await gp.ready;
  for (let i = 0; i < TRACKED; i++)
    gp.track({ design: { eventId: 'arena:note' } }, { note: `${o.installId}-${i}-`.padEnd(200, 'abcdefghij') });
  await gp.shutdown();
  expect(gp.stats()).toMatchObject({ queued: 0, inFlight: 0, rejectedEvents: 0 });
  return { stats, installId: o.installId };
}

const idsOf = (b: IngestedBatchMessage) => b.events.map((e) => e.eventId);

/**
 * The processor's rule, independently: a record is counted unless its (install, stream,
 * sequence) was seen with the same digest (a re-send), or it is a split piece whose
 * parent slot was seen with the parent digest it names (the parent was counted).
 */
function countOnce(records: readonly IngestedBatchMessage[]): string[] {
  const seen = new Map<string, number>();
  const counted: string[] = [];
  for (const r of records) {
    const slot = (seq: number) => `${r.installId}/${r.streamId}/${seq}`;
    const digest = batchDigest(idsOf(r));
    const again = seen.get(slot(r.batchSequence)) === digest;
    const parentCounted = r.splitOfSequence !== 0 && seen.get(slot(r.splitOfSequence)) === r.splitParentDigest;
    seen.set(slot(r.batchSequence), digest);
    if (!again && !parentCounted) counted.push(...idsOf(r));
  }
  return counted;
}

describe('split after a lost ack: what the real collector stores', () => {
  let collector: RealCollector;
  beforeAll(async () => {
    collector = await startRealCollector({ maxBodyBytes: HTTP_LIMIT_BYTES });
  });
  afterAll(async () => {
    await collector?.close();
  });

  it('halves and quarters name a stored parent by sequence and digest; counted by those names, every event once', async () => {
    const common = { httpUrl: collector.httpUrl, grpcUrl: collector.grpcUrl, gameKey: GAME_KEY };
    // Whole batches are stored (ack lost); their halves are refused at once, so quarters name the whole.
    const wholeStored = await runClient({ ...common, installId: 'split-whole', viaGrpcFirst: (b) => b.eventCount > EVENTS_PER_BATCH / 2 });
    // Whole batches and halves are stored (ack lost) before their retry is refused: quarters name the half.
    const halvesStored = await runClient({ ...common, installId: 'split-halves', viaGrpcFirst: (b) => b.bytes.length > HTTP_LIMIT_BYTES });
    const all = await collector.batches();
    for (const run of [wholeStored, halvesStored]) {
      expect(run.stats.ackLost).toBeGreaterThanOrEqual(3);
      expect(run.stats.tooLarge).toBeGreaterThanOrEqual(run.stats.ackLost);
      const mine = all.filter((b) => b.installId === run.installId);
      // One stream per client, named on every batch.
      const streams = new Set(mine.map((b) => b.streamId));
      expect(streams.size).toBe(1);
      expect([...streams][0]).toBeGreaterThan(0);
      const splits = mine.filter((b) => b.splitOfSequence !== 0);
      expect(splits.length).toBeGreaterThanOrEqual(4);
      for (const piece of splits) {
        const parent = mine.find((b) => b.batchSequence === piece.splitOfSequence);
        expect(parent, `parent ${piece.splitOfSequence} of batch ${piece.batchSequence} stored`).toBeDefined();
        expect(piece.splitParentDigest).toBe(batchDigest(idsOf(parent!)));
        expect(piece.splitParentDigest).toBe(parent!.batchDigest); // as the collector stamped it
        const parentIds = new Set(idsOf(parent!));
        expect(idsOf(piece).every((id) => parentIds.has(id))).toBe(true);
        // The nearest ancestor that was stored: the whole, unless the half itself was.
        expect(parent!.splitOfSequence !== 0).toBe(run === halvesStored && piece.events.length < (EVENTS_PER_BATCH * 3) / 8);
      }
      const counted = countOnce(mine);
      expect(new Set(counted).size).toBe(EXPECTED_EVENTS);
      expect(counted).toHaveLength(EXPECTED_EVENTS);
    }
  }, 120_000);
});

describe('split after a lost ack: the real pipeline (collector + processor processes, embedded log → DuckDB)', () => {
  const KEY = 'split-key';
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-split-'));
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await Pipeline.start({
      kind: 'embedded',
      dataDir,
      keys: `${KEY}=${GAME_ID}:split`,
      collectorEnv: { GAMEPULSE_COLLECTOR_MAX_BODY_BYTES: String(HTTP_LIMIT_BYTES) },
      processorEnv: { GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS: '300' },
      topicPrefix: `split-${Date.now().toString(36)}`,
    });
  }, 180_000);
  afterAll(async () => {
    await pipeline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the processor counts every event once, though whole batches were stored before their halves', async () => {
    const run = await runClient({
      installId: 'split-pipeline',
      httpUrl: `http://127.0.0.1:${pipeline.ports.http}`,
      grpcUrl: `http://127.0.0.1:${pipeline.ports.grpc}`,
      gameKey: KEY,
      viaGrpcFirst: (b) => b.eventCount > EVENTS_PER_BATCH / 2,
    });
    expect(run.stats.ackLost).toBe(3);
    expect(run.stats.tooLarge).toBeGreaterThanOrEqual(3);
    // Wait on the engine's own signals: the processor has read every record the
    // collector appended, and committed every event it folded.
    const collectorMetrics = `http://127.0.0.1:${pipeline.ports.http}/metrics`;
    const [processorMetrics] = pipeline.processorMetricsUrls();
    const appended = await metricSum(collectorMetrics, 'gamepulse_collector_requests_total', 'outcome="accepted"');
    expect(appended).toBe(run.stats.ackLost + run.stats.acked);
    await until(
      async () =>
        (await metricSum(processorMetrics!, 'gamepulse_processor_batches_total')) === appended &&
        (await metricSum(processorMetrics!, 'gamepulse_processor_events_committed_total')) ===
          (await metricSum(processorMetrics!, 'gamepulse_processor_events_total')),
      'the processor to read and commit every appended record',
      { timeoutMs: 120_000, everyMs: 200 },
    );
    const counted = await metricSum(processorMetrics!, 'gamepulse_processor_events_total');
    console.log(
      `split after lost ack: ${EXPECTED_EVENTS} events tracked; ${run.stats.ackLost} whole batches stored with their ack lost, ` +
        `${run.stats.tooLarge} answers 413, ${run.stats.acked} pieces acknowledged; ${appended} records; processor counted ${counted}`,
    );
    expect(counted).toBe(EXPECTED_EVENTS);
    expect(await totalInStore(pipeline.ports.query)).toBe(EXPECTED_EVENTS);
    // The wholes were counted; every acknowledged piece named a whole that was, and was dropped as such.
    const verdict = (v: string) => metricSum(processorMetrics!, 'gamepulse_processor_batches_total', `verdict="${v}"`);
    expect(await verdict('new')).toBe(run.stats.ackLost);
    expect(await verdict('split_duplicate')).toBe(run.stats.acked);
  }, 300_000);
});
