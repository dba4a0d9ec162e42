/**
 * Step facts have their own pending budget (`maxPendingStepRows`, options.ts): they do
 * not count toward `maxPendingRows`, and reaching their own budget commits. Commits by
 * size only here: the fake clock stands still, so the commit interval never passes.
 */
import { topicNames } from '@gamepulse/log';
import { IngestedBatch, type EventData } from '@gamepulse/proto';
import { createLogger } from '@gamepulse/service';
import type { RollupCommit } from '@gamepulse/store';
import { FakeClock, MemoryLog, MemorySink, until } from '@gamepulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessor, type Processor } from './processor.ts';
import type { ProcessorOptions } from './options.ts';

const topics = topicNames('test');
const quiet = createLogger({ service: 'processor', write: () => undefined });
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

/** MemorySink that also keeps the step facts of each commit. */
class StepSink extends MemorySink {
  stepsPerCommit: number[] = [];
  override async commit(c: RollupCommit): Promise<void> {
    await super.commit(c);
    this.stepsPerCommit.push(c.steps?.length ?? 0);
  }
}

/** `players` batches, one player each, every one with the same `KEYS` step keys in one window. */
const KEYS = 5;
async function logOf(players: number): Promise<{ log: MemoryLog; records: number }> {
  const log = new MemoryLog();
  await log.ensureTopics([{ name: topics.events, partitions: 1 }]);
  const records = Array.from({ length: players }, (_, p) => {
    const events: EventData[] = Array.from({ length: KEYS }, (_, k) => ({
      playerId: `p${p}`,
      clientTsMs: T0 + k * 1000,
      design: { eventId: `ui:screen${k}:open` },
    }));
    return {
      key: `i${p}`,
      value: IngestedBatch.encode({ installId: `i${p}`, batchSequence: 1, context: { gameId: 'g' }, keyId: 'k1', events }).finish(),
      timestampMs: T0,
    };
  });
  expect((await log.producer().append(topics.events, records)).ok).toBe(true);
  return { log, records: records.length };
}

const running: Processor[] = [];
function start(opts: Partial<ProcessorOptions> & Pick<ProcessorOptions, 'log' | 'sink'>): Processor {
  const p = createProcessor({ topics, logger: quiet, clock: new FakeClock(), commitIntervalMs: 1000, maxBatchRecords: 1, ...opts });
  running.push(p);
  return p;
}

afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((p) => p.stop()));
});

const consumed = (p: Processor) => p.stats().partitions.reduce((n, s) => n + s.nextOffset, 0);

describe('processor/src/step-budget', () => {
  it('does not count step facts toward maxPendingRows', async () => {
    // 20 players: 5 rollup rows + 20 player windows = 25 rows, below 30; 100 step facts.
    const { log, records } = await logOf(20);
    const sink = new StepSink();
    const p = start({ log, sink, maxPendingRows: 30, maxPendingStepRows: 1_000 });
    await p.start();
    await until(() => consumed(p) === records, 'all records');
    expect(sink.commits).toBe(0);
    expect(p.stats().pendingRows).toBe(5 + 20 + 20 * KEYS);
    await p.stop();
    expect(sink.stepsPerCommit).toEqual([20 * KEYS]);
  });

  it('commits once the step facts reach maxPendingStepRows', async () => {
    const { log, records } = await logOf(20);
    const sink = new StepSink();
    const p = start({ log, sink, maxPendingRows: 1_000, maxPendingStepRows: 4 * KEYS });
    await p.start();
    await until(() => consumed(p) === records && sink.commits >= 5, 'all records and the size commits');
    await p.stop();
    // Every 4 players (20 step facts) a commit; folding may run one batch ahead of a write.
    expect(sink.stepsPerCommit.reduce((a, b) => a + b, 0)).toBe(20 * KEYS);
    expect(sink.stepsPerCommit.length).toBeGreaterThanOrEqual(5);
    for (const n of sink.stepsPerCommit) expect(n).toBeLessThanOrEqual(5 * KEYS);
    expect(sink.players).toHaveLength(20);
  });

  it('defaults the step budget to three times maxPendingRows', async () => {
    // 20 players: 25 rows stay below 1,000; 100 step facts reach 3 × 30 = 90.
    const { log, records } = await logOf(20);
    const sink = new StepSink();
    const p = start({ log, sink, maxPendingRows: 30 });
    await p.start();
    await until(() => consumed(p) === records && sink.commits >= 1, 'all records and a size commit');
    await p.stop();
    expect(sink.stepsPerCommit[0]).toBe(90);
    expect(sink.stepsPerCommit.reduce((a, b) => a + b, 0)).toBe(20 * KEYS);
  });
});
