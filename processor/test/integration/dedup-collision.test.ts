/**
 * Issue #13, scenario 1, against the real collector (in-process, real embedded log) and
 * the real Node SDK: batches that reuse an (install, batch_sequence) without being the
 * same batch. A game server with a fixed installId and memory storage restarts at
 * sequence 1 on every start; a second game uses the same install id. Each of those
 * batches was acknowledged by the collector, so each must be counted — while true
 * re-sends (every batch here is sent twice) are still counted once.
 *
 * The "legacy" runs strip EventBatch.stream_id from the bytes, as an SDK from before
 * stream ids sends them: their sequences really collide under one dedup key, and the
 * processor must tell them apart by the batch digest alone.
 */
import { topicNames } from '@gamepulse/log';
import { EventBatch, IngestedBatch } from '@gamepulse/proto';
import { createLogger, Registry } from '@gamepulse/service';
import type { FrozenBatch, Transport } from '@gamepulse/sdk';
import { createNodeGamepulse } from '@gamepulse/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, MemorySink, readTopic, until } from '@gamepulse/testkit';
import { startRealCollector, type RealCollector } from '@gamepulse/testkit/collector';
import { createProcessorMetrics } from '../../src/metrics.ts';
import { createProcessor, type Processor } from '../../src/processor.ts';

const PREFIX = 'dedupit';
const topics = topicNames(PREFIX);
const INSTALL = 'game-server-1';
const KEYS = { a: 'gk-game-a', b: 'gk-game-b' } as const;
const quiet = createLogger({ service: 'processor', write: () => undefined });

/** The batch as an SDK without stream ids sends it (EventBatch.stream_id unset). */
function withoutStreamId(batch: FrozenBatch): FrozenBatch {
  const msg = EventBatch.decode(batch.bytes);
  msg.streamId = 0;
  return { sequence: batch.sequence, eventCount: batch.eventCount, bytes: EventBatch.encode(msg).finish() };
}

/** Every batch sent twice (a timeout after delivery); optionally as a legacy SDK. */
const flaky =
  (legacy: boolean) =>
  (inner: Transport): Transport => ({
    name: inner.name,
    async send(batch, signal) {
      const b = legacy ? withoutStreamId(batch) : batch;
      await inner.send(b, signal);
      return inner.send(b, signal);
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  });

describe('processor/test/integration/dedup-collision', () => {
  let real: RealCollector;
  let processor: Processor | undefined;

  beforeAll(async () => {
    real = await startRealCollector({ topicPrefix: PREFIX, keys: [`${KEYS.a}=game-a:srv`, `${KEYS.b}=game-b:srv`] });
  });
  afterAll(async () => {
    await processor?.stop();
    await real?.close();
  });

  /** One start of the game server: a fresh SDK instance, memory storage, fixed install id. */
  async function serverRun(key: string, gameId: string, events: number, legacy: boolean): Promise<void> {
    const gp = createNodeGamepulse({
      gameKey: key,
      endpoint: real.httpUrl,
      gameId,
      platform: 'server',
      installId: INSTALL,
      maxBatchEvents: 10,
      flushTimeoutMs: 20_000,
      wrapTransport: flaky(legacy),
    });
    await gp.ready;
    for (let i = 0; i < events; i++) gp.track({ featureUse: { feature: 'match_played' } }, { n: String(i) });
    await gp.flush();
    await gp.shutdown();
  }

  it('counts every acknowledged batch of a restarted server and of a second game sharing the install id', async () => {
    await serverRun(KEYS.a, 'game-a', 35, true); // sequences 1..4
    await serverRun(KEYS.a, 'game-a', 27, true); // restart: 1..3 again, other events
    await serverRun(KEYS.a, 'game-a', 18, false); // restart: 1..2 again
    await serverRun(KEYS.b, 'game-b', 23, false); // another game, same install id: 1..3

    const sink = new MemorySink();
    const registry = new Registry();
    processor = createProcessor({
      topics,
      log: real.log,
      sink,
      logger: quiet,
      clock: new FakeClock(),
      commitIntervalMs: 1000,
      maxPendingRows: 1,
      metrics: createProcessorMetrics(registry),
    });
    await processor.start();
    const ends = await real.log.endOffsets(topics.events);
    const end = ends.reduce((n, e) => n + e.offset, 0);
    expect(end % 2).toBe(0); // every batch appended twice
    await until(() => processor!.stats().partitions.reduce((n, p) => n + p.committedOffset, 0) === end, 'every record committed');
    const text = await registry.metrics();
    await processor.stop();

    // Ground truth: every event id the collector acknowledged, once, by game.
    const accepted: Record<string, Set<string>> = {};
    for (const rec of await readTopic(real.log, topics.events)) {
      const b = IngestedBatch.decode(rec.value);
      for (const e of b.events) (accepted[b.context!.gameId] ??= new Set()).add(e.eventId);
    }
    const truth = Object.fromEntries(Object.entries(accepted).map(([g, ids]) => [g, ids.size]));
    expect(truth['game-a']).toBeGreaterThanOrEqual(35 + 27 + 18);
    expect(truth['game-b']).toBeGreaterThanOrEqual(23);
    const byGame: Record<string, number> = {};
    for (const r of sink.rollups) byGame[r.gameId!] = (byGame[r.gameId!] ?? 0) + Number(r.events);
    expect(byGame).toEqual(truth);
    // The restart's batches reuse (install, stream 0, sequence): different digests.
    expect(processor.stats().batches.collision).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/gamepulse_processor_batches_total\{verdict="collision"\} [3-9]/);
    // Every batch was also sent twice: exactly one copy of each dropped.
    expect(processor.stats().batches.duplicate).toBe(end / 2);
    expect(sink.deadLetters).toEqual([]);
  }, 60_000);
});
