/**
 * KafkaConsumer's stall watchdog and its guard against a kafkajs consumer left running
 * after stop(), against a scripted stand-in for kafkajs's consumer (neither a kafkajs
 * run loop that stops fetching nor its restart racing stop() can be provoked on demand
 * from a real broker in a unit test; log/test/integration/kafka-consumer-stop.test.ts
 * reproduces the race on a real broker) — and its refusal to skip records below the
 * log start (kafka-topic-integrity.test.ts in processor/test/integration does it on a
 * real broker).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import type { PositionGap } from '../position-gaps.ts';
import type { ConsumerHandlers, ConsumerOptions, TopicPartitionOffset } from '../types.ts';
import { consumerConfig } from './config.ts';
import { KafkaConsumer, type ConsumerHost } from './consumer.ts';
import { ScopedLogger, type KafkaLogEntry } from './logger.ts';
import { resolveKafkaLogOptions } from './options.ts';

const EVENTS = {
  GROUP_JOIN: 'group_join',
  REBALANCING: 'rebalancing',
  CRASH: 'crash',
  HEARTBEAT: 'heartbeat',
  START_BATCH_PROCESS: 'start_batch_process',
  FETCH: 'fetch',
  FETCH_START: 'fetch_start',
};

function harness(ends: TopicPartitionOffset[], opts: { starts?: TopicPartitionOffset[]; options?: Partial<ConsumerOptions> } = {}) {
  let nowMs = 1_000_000;
  const emitter = new EventEmitter();
  const calls: string[] = [];
  let config: { retry?: { restartOnFailure?: (e: Error) => Promise<boolean> } } = {};
  let eachBatch: ((payload: unknown) => Promise<void>) | undefined;
  const fake = {
    events: EVENTS,
    on: (event: string, listener: (e: { payload: unknown }) => void) => {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    connect: async () => void calls.push('connect'),
    subscribe: async () => void calls.push('subscribe'),
    run: async (c: { eachBatch: (payload: unknown) => Promise<void> }) => {
      eachBatch = c.eachBatch;
      calls.push('run');
    },
    seek: (o: { topic: string; partition: number; offset: string }) => void calls.push(`seek ${o.topic}/${o.partition}@${o.offset}`),
    pause: () => void calls.push('pause'),
    resume: () => void calls.push('resume'),
    stop: async () => void calls.push('stop'),
    disconnect: async () => void calls.push('disconnect'),
  };
  const lines: KafkaLogEntry[] = [];
  const problems = new Map<unknown, string>();
  const options = resolveKafkaLogOptions({ brokers: ['127.0.0.1:1'], consumerStallTimeoutMs: 60_000, now: () => nowMs });
  const host: ConsumerHost = {
    options,
    logger: new ScopedLogger((e) => void lines.push(e), 'debug'),
    kafka: {
      consumer: (c: typeof config) => {
        config = c;
        return fake;
      },
    } as unknown as Kafka,
    partitions: async () => 2,
    track: () => undefined,
    report: (c, p) => void (p === undefined ? problems.delete(c) : problems.set(c, p)),
    endOffsets: async (topic) => ends.filter((e) => e.topic === topic),
    startOffsets: async (topic) => (opts.starts ?? []).filter((e) => e.topic === topic),
  };
  const consumer = new KafkaConsumer(host, { groupId: 'g', topics: ['t'], ...opts.options });
  const failed: unknown[] = [];
  const revoked: number[][] = [];
  const handlers: ConsumerHandlers = {
    onAssigned: async (tps) => tps.map((tp) => ({ ...tp, offset: 5 })),
    onRevoked: async (tps) => void revoked.push(tps.map((tp) => tp.partition)),
    onBatch: async () => undefined,
    onFailed: (err) => void failed.push(err),
  };
  const join = () => emitter.emit(EVENTS.GROUP_JOIN, { payload: { memberAssignment: { t: [0, 1] } } });
  return {
    consumer,
    handlers,
    join,
    emit: (event: string, payload: unknown = {}) => emitter.emit(event, { payload }),
    advance: (ms: number) => void (nowMs += ms),
    calls,
    lines,
    problems,
    failed,
    revoked,
    restartOnFailure: () => config.retry!.restartOnFailure!(new Error('Closed connection')),
    eachBatch: (payload: unknown) => eachBatch!(payload),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('log/src/kafka/consumer: stall watchdog and left-over kafkajs consumers (no broker)', () => {
  it('consumerConfig passes restartOnFailure to kafkajs, keeping the retry policy', () => {
    const o = resolveKafkaLogOptions({ brokers: ['b:1'] });
    const restart = async () => false;
    const c = consumerConfig(o, { groupId: 'g', topics: ['t'] }, restart);
    expect(c.retry).toMatchObject({ retries: o.retry.retries, initialRetryTime: o.retry.initialRetryTimeMs, restartOnFailure: restart });
    expect(consumerConfig(o, { groupId: 'g', topics: ['t'] }).retry).not.toHaveProperty('restartOnFailure');
  });

  it('lets kafkajs restart after a crash while running, never once stop() was called', async () => {
    const h = harness([]);
    const run = h.consumer.run(h.handlers);
    await settle();
    h.join();
    await run;
    expect(await h.restartOnFailure()).toBe(true);
    const stopping = h.consumer.stop();
    expect(await h.restartOnFailure()).toBe(false);
    await stopping;
    expect(await h.restartOnFailure()).toBe(false);
  });

  it('a consumer holding partitions with records waiting and no fetch for consumerStallTimeoutMs is stalled: error line, not healthy, revoked, onFailed', async () => {
    const h = harness([
      { topic: 't', partition: 0, offset: 5 },
      { topic: 't', partition: 1, offset: 9 },
    ]);
    const run = h.consumer.run(h.handlers);
    await settle();
    h.join();
    await run;
    h.advance(59_000);
    expect(await h.consumer.checkStalled()).toBe(false);
    h.emit(EVENTS.FETCH); // a fetch completed: the clock starts again
    h.advance(59_000);
    expect(await h.consumer.checkStalled()).toBe(false);
    h.advance(2_000);
    expect(await h.consumer.checkStalled()).toBe(true);
    await settle();
    expect(h.consumer.health().ok).toBe(false);
    expect(h.consumer.health().detail).toContain('t/1 (5 < 9)');
    expect(h.consumer.health().detail).not.toContain('t/0');
    expect([...h.problems.values()]).toHaveLength(1);
    expect(h.lines.some((l) => l.level === 'error' && l.message === 'consumer stalled; giving up so that a new one is started')).toBe(true);
    expect(h.revoked).toEqual([[0, 1]]);
    expect(h.failed).toHaveLength(1);
    expect(h.failed[0]).toMatchObject({ code: 'GP_LOG_CONSUMER_STALLED' });
    expect(h.consumer.stats().stalls).toBe(1);
    // The owner stops it: healthy again (nothing of it is left).
    await h.consumer.stop();
    expect(h.problems.size).toBe(0);
    expect(h.consumer.health().ok).toBe(true);
  });

  it('no stall while idle with nothing waiting, or while a callback runs', async () => {
    const h = harness([
      { topic: 't', partition: 0, offset: 5 },
      { topic: 't', partition: 1, offset: 5 },
    ]);
    const run = h.consumer.run(h.handlers);
    await settle();
    h.join();
    await run;
    h.advance(120_000);
    expect(await h.consumer.checkStalled()).toBe(false); // every position is at the end
    expect(h.failed).toHaveLength(0);
    await h.consumer.stop();
  });

  it('a kafkajs consumer still active after stop() is logged, disconnected again, and its batches crash it for good', async () => {
    const h = harness([]);
    const run = h.consumer.run(h.handlers);
    await settle();
    h.join();
    await run;
    await h.consumer.stop();
    const disconnects = () => h.calls.filter((c) => c === 'disconnect').length;
    expect(disconnects()).toBe(1);
    // kafkajs restarted behind our back and rejoined the group.
    h.join();
    expect(disconnects()).toBe(2);
    expect(h.consumer.stats().zombiesStopped).toBe(1);
    expect(h.lines.some((l) => l.level === 'error' && l.message === 'kafkajs consumer active after stop(); disconnecting it')).toBe(true);
    await settle();
    expect(h.problems.size).toBe(0); // disconnected: nothing left
    const payload = {
      batch: { topic: 't', partition: 0, messages: [] },
      isRunning: () => true,
      isStale: () => false,
      heartbeat: async () => undefined,
      resolveOffset: () => undefined,
    };
    await expect(h.eachBatch(payload)).rejects.toMatchObject({ code: 'GP_LOG_CLOSED', retriable: false });
    expect(h.revoked).toEqual([[0, 1]]); // only the stop's revocation: nothing delivered after stop
  });

  it('a stored position below the log start fails the assignment with GP_LOG_POSITION_LOST and counts the gap; 0 means "from the beginning"', async () => {
    const gaps: PositionGap[] = [];
    const h = harness([], {
      starts: [
        { topic: 't', partition: 0, offset: 3 },
        { topic: 't', partition: 1, offset: 10 },
      ],
      options: { onPositionGap: (g) => void gaps.push(g) },
    });
    h.handlers.onAssigned = async () => [
      { topic: 't', partition: 0, offset: 0 },
      { topic: 't', partition: 1, offset: 5 },
    ];
    const run = h.consumer.run(h.handlers);
    await settle();
    h.join();
    await expect(run).rejects.toMatchObject({ code: 'GP_LOG_POSITION_LOST' });
    expect(h.failed[0]).toMatchObject({ code: 'GP_LOG_POSITION_LOST', retryable: false });
    expect((h.failed[0] as Error).message).toContain('stored position 5 is below the log start 10');
    expect(gaps).toEqual([{ groupId: 'g', topic: 't', partition: 1, position: 5, logStart: 10, accepted: false }]);
    expect(h.calls.filter((c) => c.startsWith('seek'))).toEqual([]); // nothing sought, nothing delivered
  });

  it('acceptPositionGaps: the partition resumes at the log start, counted as accepted', async () => {
    const gaps: PositionGap[] = [];
    const h = harness([], {
      starts: [
        { topic: 't', partition: 0, offset: 3 },
        { topic: 't', partition: 1, offset: 10 },
      ],
      options: { acceptPositionGaps: true, onPositionGap: (g) => void gaps.push(g) },
    });
    h.handlers.onAssigned = async () => [
      { topic: 't', partition: 0, offset: 0 },
      { topic: 't', partition: 1, offset: 5 },
    ];
    const run = h.consumer.run(h.handlers);
    await settle();
    h.join();
    await run;
    expect(h.calls.filter((c) => c.startsWith('seek'))).toEqual(['seek t/0@3', 'seek t/1@10']);
    expect(gaps).toEqual([{ groupId: 'g', topic: 't', partition: 1, position: 5, logStart: 10, accepted: true }]);
    expect(h.lines.some((l) => l.level === 'error' && l.message === 'position gap accepted')).toBe(true);
    await h.consumer.stop();
  });

  it("kafkajs's out-of-range stop below the log start becomes GP_LOG_POSITION_LOST (never a reset)", async () => {
    const gaps: PositionGap[] = [];
    const starts = [{ topic: 't', partition: 1, offset: 0 }];
    const h = harness([{ topic: 't', partition: 1, offset: 40 }], { starts, options: { onPositionGap: (g) => void gaps.push(g) } });
    const run = h.consumer.run(h.handlers);
    await settle();
    h.join();
    await run;
    // Retention removes records while the consumer runs; its next fetch is out of range.
    starts[0]!.offset = 20;
    const cause = Object.assign(new Error('offset 5 of t/1 is out of range'), {
      name: 'GamepulseOffsetOutOfRange',
      topic: 't',
      partition: 1,
      offset: 5,
      retriable: false,
    });
    h.emit(EVENTS.CRASH, { error: Object.assign(new Error('wrapped'), { name: 'KafkaJSNonRetriableError', cause }), restart: false });
    await settle();
    await settle();
    expect(h.failed).toHaveLength(1);
    expect(h.failed[0]).toMatchObject({ code: 'GP_LOG_POSITION_LOST' });
    expect((h.failed[0] as Error).message).toContain('stored position 5 is below the log start 20');
    expect(gaps).toEqual([{ groupId: 'g', topic: 't', partition: 1, position: 5, logStart: 20, accepted: false }]);
    expect(h.revoked).toEqual([[0, 1]]);
  });
});
