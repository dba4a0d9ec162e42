/**
 * The supervisor replaces a failed session by a new one; the replaced session's
 * consumer may still call it (kafkajs reports late, a batch was in hand). Those calls
 * reach only the old session's own objects.
 */
import { topicNames, type ConsumerHandlers, type PartitionBatch } from '@gamepulse/log';
import { createLogger, Registry } from '@gamepulse/service';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, MemoryLog, MemorySink, until } from '@gamepulse/testkit';
import { generateTraffic, groundTruth, totalsFromRows } from '../test/support/traffic.ts';
import { createProcessorMetrics } from './metrics.ts';
import { createProcessor, type Processor } from './processor.ts';

const topics = topicNames('test');
const PARTITIONS = 3;
const quiet = createLogger({ service: 'processor', write: () => undefined });

const running: Processor[] = [];
afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((p) => p.stop()));
});

const consumed = (p: Processor) => p.stats().partitions.reduce((n, s) => n + s.nextOffset, 0);

describe('processor/src/supervisor', () => {
  it("a stale session's late callbacks cannot change the new session's state", async () => {
    const traffic = generateTraffic({ seed: 41, installs: 24, batchesPerInstall: 5, duplicateShare: 0.2, poison: 1 });
    const log = new MemoryLog();
    await log.ensureTopics([{ name: topics.events, partitions: PARTITIONS }]);
    const half = Math.floor(traffic.records.length / 2);
    const append = (records: typeof traffic.records) =>
      log.producer().append(
        topics.events,
        records.map((r) => ({ key: r.key, value: r.value, timestampMs: 1 })),
      );
    await append(traffic.records.slice(0, half));
    // Every consumer's handlers, in the order the sessions started.
    const handlers: ConsumerHandlers[] = [];
    const consumer = log.consumer.bind(log);
    log.consumer = (options) => {
      const c = consumer(options);
      return { ...c, run: (h: ConsumerHandlers) => (handlers.push(h), c.run(h)) };
    };
    const sink = new MemorySink();
    let loads = 0;
    const load = sink.loadCheckpoint.bind(sink);
    sink.loadCheckpoint = (...args) => {
      loads += 1;
      return load(...args);
    };
    const registry = new Registry();
    const p = createProcessor({
      log,
      sink,
      topics,
      logger: quiet,
      clock: new FakeClock(),
      metrics: createProcessorMetrics(registry),
      maxBatchRecords: 4,
      maxPendingRows: 30,
    });
    running.push(p);
    await p.start();
    await until(() => sink.commits >= 1, 'a first commit');
    sink.failCommits = 1;
    // Recovered, everything appended so far read, no write in flight: nothing moves by itself now.
    await until(() => p.stats().recoveries === 1 && consumed(p) === half && ['idle', 'aggregating'].includes(p.stats().state), 'recovery');
    expect(handlers).toHaveLength(2);
    const stale = handlers[0]!;
    const before = { ...p.stats(), sinkCommits: sink.started, loads };

    // A batch that the new session would fold: new records at its position, and a later position.
    const at = p.stats().partitions.find((s) => s.partition === 0)!.nextOffset;
    const records = traffic.records
      .slice(half, half + 5)
      .map((r, i) => ({ topic: topics.events, partition: 0, offset: at + i, key: r.key, value: r.value, timestampMs: 1 }));
    const batch: PartitionBatch = { topic: topics.events, partition: 0, records, nextOffset: at + 100, highWatermark: at + 100 };
    stale.onFailed?.(new Error('late report of the old consumer'));
    await stale.onBatch(batch);
    expect(await stale.onAssigned?.([0, 1, 2].map((partition) => ({ topic: topics.events, partition })))).toBeUndefined();
    await stale.onRevoked?.([0, 1, 2].map((partition) => ({ topic: topics.events, partition })));
    // Its queue ran onFailed before onAssigned and onRevoked: nothing of it reached the new session.
    expect({ ...p.stats(), sinkCommits: sink.started, loads }).toEqual(before);
    expect(p.health().ok).toBe(true);
    expect(await registry.metrics()).toMatch(new RegExp(`gamepulse_processor_cycle_state\\{state="${before.state}"\\} 1`));

    // The new session goes on as if nothing happened, and ends exact.
    await append(traffic.records.slice(half));
    await until(() => consumed(p) === traffic.records.length, 'the rest');
    await p.stop();
    expect(p.stats()).toMatchObject({ recoveries: 1, commitFailures: 1 });
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
    expect(sink.deadLetters).toHaveLength(1);
  });

  it('a lost position (GP_LOG_POSITION_LOST from the consumer) ends the processor at once: no recovery attempts, done rejects, health names it', async () => {
    const log = new MemoryLog();
    await log.ensureTopics([{ name: topics.events, partitions: 1 }]);
    const handlers: ConsumerHandlers[] = [];
    const consumer = log.consumer.bind(log);
    log.consumer = (options) => {
      const c = consumer(options);
      return { ...c, run: (h: ConsumerHandlers) => (handlers.push(h), c.run(h)) };
    };
    const p = createProcessor({ log, sink: new MemorySink(), topics, logger: quiet, clock: new FakeClock(), maxConsecutiveFailures: 5 });
    running.push(p);
    await p.start();
    const lost = Object.assign(new Error('stored position 5 is below the log start 20'), { code: 'GP_LOG_POSITION_LOST' });
    handlers[0]!.onFailed?.(lost);
    await expect(p.done).rejects.toBe(lost);
    expect(handlers).toHaveLength(1); // no new session, no new consumer
    expect(p.stats().recoveries).toBe(0);
    expect(p.health()).toEqual({ ok: false, detail: 'GP_LOG_POSITION_LOST: stored position 5 is below the log start 20' });
  });
});
