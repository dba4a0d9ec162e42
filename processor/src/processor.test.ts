/**
 * The processor against an in-memory log and sink (test/support): unit tests must run
 * without engines. The same properties are checked against the real embedded log and
 * DuckDB, with a real crash, in test/integration/processor-exactly-once.test.ts.
 */
import { topicNames } from '@gamepulse/log';
import { batchDigest, IngestedBatch } from '@gamepulse/proto';
import { createLogger, Registry } from '@gamepulse/service';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, MemoryLog, MemorySink, until } from '@gamepulse/testkit';
import { generateTraffic, groundTruth, POISON_BYTES, totalsFromRows, type Traffic } from '../test/support/traffic.ts';
import { createProcessorMetrics } from './metrics.ts';
import { createProcessor, type Processor } from './processor.ts';
import type { ProcessorOptions } from './options.ts';

const topics = topicNames('test');
const PARTITIONS = 3;
const quiet = createLogger({ service: 'processor', write: () => undefined });

async function logWith(traffic: Traffic): Promise<MemoryLog> {
  const log = new MemoryLog();
  await log.ensureTopics([{ name: topics.events, partitions: PARTITIONS }]);
  const res = await log.producer().append(
    topics.events,
    traffic.records.map((r) => ({ key: r.key, value: r.value, timestampMs: 1 })),
  );
  expect(res.ok).toBe(true);
  return log;
}

const running: Processor[] = [];
function start(opts: Partial<ProcessorOptions> & Pick<ProcessorOptions, 'log' | 'sink'>): Processor {
  const p = createProcessor({ topics, logger: quiet, clock: new FakeClock(), commitIntervalMs: 1000, ...opts });
  running.push(p);
  return p;
}

afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((p) => p.stop()));
});

const consumed = (p: Processor) => p.stats().partitions.reduce((n, s) => n + s.nextOffset, 0);

/**
 * Starts `p` with the sink's commits held, waits for the first commit to start writing,
 * runs `during` with the number of records that commit covers, then lets writes go on.
 */
async function duringHeldCommit(p: Processor, sink: MemorySink, during: (covered: number) => Promise<void>): Promise<void> {
  const release = sink.holdCommits();
  try {
    await p.start();
    await until(() => sink.started === 1, 'a commit writing');
    await during(sink.startedPositions.reduce((n, pos) => n + pos.offset, 0));
  } finally {
    release();
  }
}

describe('processor/src/processor', () => {
  it('counts every unique batch once, drops re-sends and dead-letters the poison record once', async () => {
    const traffic = generateTraffic({ seed: 1, installs: 25, batchesPerInstall: 6, duplicateShare: 0.3, poison: 1 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const p = start({ log, sink, maxBatchRecords: 7 });
    await p.start();
    await until(() => consumed(p) === traffic.records.length, 'all records');
    await p.stop();
    await expect(p.done).resolves.toBeUndefined();

    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
    const dups = traffic.records.filter((r) => r.kind === 'duplicate').length;
    expect(dups).toBeGreaterThan(10);
    expect(p.stats().batches).toEqual({ new: traffic.unique.length, duplicate: dups, collision: 0, split_duplicate: 0, too_old: 0 });
    expect(sink.deadLetters).toHaveLength(1);
    expect(sink.deadLetters[0]).toMatchObject({ code: 'GP_PROCESSOR_RECORD_UNDECODABLE', source: 'processor', raw: POISON_BYTES });
    for (let part = 0; part < PARTITIONS; part++)
      expect(sink.positionOf('processor', topics.events, part)).toBe((await log.endOffsets(topics.events))[part]!.offset);
    expect(p.stats().state).toBe('stopped');
  });

  it('dead-letters a sequence below the window as too_old, and a batch without install id as invalid', async () => {
    const log = new MemoryLog();
    await log.ensureTopics([{ name: topics.events, partitions: 1 }]);
    const batch = (seq: number, installId = 'i') => ({
      key: installId || 'none',
      value: IngestedBatch.encode({
        installId,
        batchSequence: seq,
        context: { gameId: 'g' },
        keyId: 'k1',
        events: [{ playerId: 'p', clientTsMs: 120_000, sessionStart: {} }],
      }).finish(),
    });
    const records = [batch(100), batch(1), batch(36), batch(36), batch(0), batch(5, '')];
    await log.producer().append(topics.events, records);
    const sink = new MemorySink();
    const registry = new Registry();
    const lines: string[] = [];
    const logger = createLogger({ service: 'processor', write: (l) => void lines.push(l) });
    const p = start({ log, sink, logger, maxPendingRows: 1, metrics: createProcessorMetrics(registry) });
    await p.start();
    await until(() => consumed(p) === 6 && sink.commits === 1, 'all records');
    const text = await registry.metrics();
    await p.stop();
    expect(p.stats().batches).toEqual({ new: 2, duplicate: 1, collision: 0, split_duplicate: 0, too_old: 1 });
    expect(sink.deadLetters.map((d) => d.code)).toEqual([
      'GP_PROCESSOR_BATCH_TOO_OLD',
      'GP_PROCESSOR_RECORD_INVALID',
      'GP_PROCESSOR_RECORD_INVALID',
    ]);
    // The too-old batch is kept whole, as read, for an operator to look at.
    expect(sink.deadLetters[0]).toMatchObject({ source: 'processor', keyId: 'k1', raw: records[1]!.value });
    expect(sink.deadLetters[0]!.message).toMatch(/install "i" of game "g", stream 0, batch_sequence 1 \(.*\/0@1\)/);
    expect(lines.some((l) => l.includes('GP_PROCESSOR_BATCH_TOO_OLD') && l.includes('"install":"i"'))).toBe(true);
    expect(sink.rollups.reduce((n, r) => n + (r.events as number), 0)).toBe(2);
    expect(text).toMatch(/gamepulse_processor_batches_total\{verdict="too_old"\} 1/);
    expect(text).toMatch(/gamepulse_processor_batches_total\{verdict="duplicate"\} 1/);
    expect(text).toMatch(/gamepulse_processor_poison_records_total\{code="GP_PROCESSOR_RECORD_INVALID"\} 2/);
    expect(text).toMatch(/gamepulse_processor_lag_records\{partition="0"\} 0/);
    expect(text).toMatch(/gamepulse_processor_committed_offset\{partition="0"\} 6/);
    expect(text).toMatch(/gamepulse_processor_commit_seconds_count 1/);
  });

  describe('batches that reuse a sequence', () => {
    let eventNo = 0;
    /** A collector-stamped IngestedBatch of `n` session_starts, with fresh event ids unless given. */
    function stamped(o: {
      seq: number;
      n?: number;
      ids?: string[];
      install?: string;
      game?: string;
      stream?: number;
      split?: { seq: number; ids: string[] };
    }) {
      const ids = o.ids ?? Array.from({ length: o.n ?? 1 }, () => `e-${++eventNo}`);
      const installId = o.install ?? 'server-1';
      return {
        ids,
        record: {
          key: installId,
          value: IngestedBatch.encode({
            installId,
            batchSequence: o.seq,
            context: { gameId: o.game ?? 'g' },
            events: ids.map((eventId) => ({ eventId, playerId: 'p', clientTsMs: 120_000, sessionStart: {} })),
            streamId: o.stream ?? 0,
            batchDigest: batchDigest(ids),
            splitOfSequence: o.split?.seq ?? 0,
            splitParentDigest: o.split ? batchDigest(o.split.ids) : 0,
          }).finish(),
        },
      };
    }

    async function runAll(records: Array<{ key: string; value: Uint8Array }>, sink = new MemorySink()) {
      const log = new MemoryLog();
      await log.ensureTopics([{ name: topics.events, partitions: 1 }]);
      await log.producer().append(topics.events, records);
      const registry = new Registry();
      const lines: string[] = [];
      const logger = createLogger({ service: 'processor', write: (l) => void lines.push(l) });
      const p = start({ log, sink, logger, maxPendingRows: 1, metrics: createProcessorMetrics(registry) });
      await p.start();
      await until(() => consumed(p) === records.length && !p.stats().pendingRows && sink.commits > 0, 'all records');
      const text = await registry.metrics();
      await p.stop();
      const events = sink.rollups.reduce((n, r) => n + (r.events as number), 0);
      return { p, sink, text, lines, events };
    }

    it('counts a restarted server’s batches (sequence 1 again, other events) and drops every re-send', async () => {
      const first = [1, 2, 3].map((seq) => stamped({ seq, n: 2 }));
      const restart = [1, 2].map((seq) => stamped({ seq, n: 3 }));
      const records = [...first, first[2]!, ...restart, restart[0]!, first[0]!, restart[1]!].map((x) => x.record);
      const { p, text, lines, events } = await runAll(records);
      expect(events).toBe(3 * 2 + 2 * 3);
      expect(p.stats().batches).toEqual({ new: 3, duplicate: 4, collision: 2, split_duplicate: 0, too_old: 0 });
      expect(text).toMatch(/gamepulse_processor_batches_total\{verdict="collision"\} 2/);
      const warned = lines.filter((l) => l.includes('batch sequence reused by a different batch'));
      expect(warned).toHaveLength(2);
      expect(warned[0]).toMatch(/"game":"g".*"install":"server-1".*"stream":0.*"sequence":1/);
    });

    it('keys windows by game and stream: the same install and sequence in another game or stream is new', async () => {
      const records = [
        stamped({ seq: 1 }),
        stamped({ seq: 1, game: 'other' }),
        stamped({ seq: 1, stream: 77 }),
        stamped({ seq: 1, stream: 2 ** 60 }),
      ].map((x) => x.record);
      const { p, events } = await runAll([...records, ...records]);
      expect(events).toBe(4);
      expect(p.stats().batches).toMatchObject({ new: 4, duplicate: 4, collision: 0 });
    });

    it('drops the halves of a 413 split whose parent was stored whole, counts them when it was not', async () => {
      const parent = stamped({ seq: 1, n: 4 });
      const halves = [
        stamped({ seq: 2, ids: parent.ids.slice(0, 2), split: { seq: 1, ids: parent.ids } }),
        stamped({ seq: 3, ids: parent.ids.slice(2), split: { seq: 1, ids: parent.ids } }),
      ];
      // Another install: the parent never reached the log.
      const lost = Array.from({ length: 4 }, () => `e-${++eventNo}`);
      const lonely = [
        stamped({ seq: 2, install: 'i2', ids: lost.slice(0, 2), split: { seq: 1, ids: lost } }),
        stamped({ seq: 3, install: 'i2', ids: lost.slice(2), split: { seq: 1, ids: lost } }),
      ];
      const records = [parent, ...halves, halves[1]!, ...lonely, lonely[0]!].map((x) => x.record);
      const { p, text, events } = await runAll(records);
      expect(events).toBe(4 + 4);
      expect(p.stats().batches).toEqual({ new: 3, duplicate: 2, collision: 0, split_duplicate: 2, too_old: 0 });
      expect(text).toMatch(/gamepulse_processor_batches_total\{verdict="split_duplicate"\} 2/);
    });

    it('moves a window stored before games and streams were in the key: re-sends across the upgrade stay duplicates', async () => {
      const sink = new MemorySink();
      const v1 = new Uint8Array(17);
      new DataView(v1.buffer).setUint8(0, 1);
      new DataView(v1.buffer).setBigUint64(1, 5n); // sequences 5 and 4 seen
      new DataView(v1.buffer).setBigUint64(9, 1n);
      await sink.commit({
        consumer: 'processor',
        rollups: [],
        players: [],
        deadLetters: [],
        positions: [{ topic: topics.events, partition: 0, offset: 0 }],
        state: [{ partition: 0, namespace: 'dedup', key: 'server-1', value: v1 }],
      });
      const records = [stamped({ seq: 5 }), stamped({ seq: 4 }), stamped({ seq: 3 }), stamped({ seq: 6 })].map((x) => x.record);
      const { p, events } = await runAll(records, sink);
      expect(events).toBe(2);
      expect(p.stats().batches).toMatchObject({ new: 2, duplicate: 2, collision: 0 });
      const state = (await sink.loadCheckpoint('processor')).state.filter((e) => e.namespace === 'dedup');
      expect(state.map((e) => e.key)).toEqual(['g\u0000server-1']);
      expect(state[0]!.value![0]).toBe(2);
    });
  });

  it('after a crash, restarts from the last commit and ends with exact totals', async () => {
    const traffic = generateTraffic({ seed: 2, installs: 40, batchesPerInstall: 8, duplicateShare: 0.25, poison: 1 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    // Commits by size only (the fake clock stands still), so the crash leaves deltas behind.
    const a = start({ log, sink, maxBatchRecords: 5, maxPendingRows: 200 });
    let crashed = false;
    log.beforeDeliver = (n) => {
      if (n === 40 && !crashed) {
        crashed = true;
        log.crashConsumers();
      }
    };
    await a.start();
    await until(() => crashed, 'the crash point');
    await new Promise((r) => setTimeout(r, 20)); // let the batch in hand finish
    expect(sink.commits).toBeGreaterThanOrEqual(2);
    const atCrash = a.stats();
    expect(atCrash.events).toBeGreaterThan(atCrash.eventsCommitted); // folded but never committed: lost with the process
    expect(consumed(a)).toBeLessThan(traffic.records.length);

    const b = start({ log, sink, maxBatchRecords: 11 });
    await b.start();
    await until(() => consumed(b) === traffic.records.length, 'all records after restart');
    await b.stop();
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
    expect(sink.deadLetters).toHaveLength(1);
  });

  it('on a failed commit discards its deltas, reloads the checkpoint and still ends exact', async () => {
    const traffic = generateTraffic({ seed: 3, installs: 30, batchesPerInstall: 6, duplicateShare: 0.3, poison: 1 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const clock = new FakeClock();
    const p = start({ log, sink, clock, maxBatchRecords: 4, maxPendingRows: 50 });
    await p.start();
    await until(() => sink.commits >= 1, 'first commit');
    sink.failCommits = 2; // this commit and the first one after recovery
    await until(
      () => p.stats().recoveries >= 2 && consumed(p) === traffic.records.length && p.stats().state !== 'failed',
      'recovery and the rest',
    );
    await p.stop();
    expect(p.stats().commitFailures).toBe(2);
    expect(clock.sleeps).toEqual([100, 200]); // backoff doubles between consecutive failures
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
    expect(sink.deadLetters).toHaveLength(1);
  });

  it('folds the next batches while a commit is written; they go into the next commit, totals exact', async () => {
    const traffic = generateTraffic({ seed: 31, installs: 30, batchesPerInstall: 6, duplicateShare: 0.3, poison: 1 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const p = start({ log, sink, maxBatchRecords: 4, maxPendingRows: 40 });
    await duringHeldCommit(p, sink, async (covered) => {
      // Folding goes on (until maxPendingRows holds it) past what the held write covers.
      await until(() => consumed(p) > covered, 'batches folded during the write');
      expect(p.stats().state).toBe('committing');
      expect(sink.commits).toBe(0);
    });
    await until(() => consumed(p) === traffic.records.length, 'all records');
    await p.stop();
    expect(sink.commits).toBeGreaterThanOrEqual(2);
    expect(p.stats().commitFailures).toBe(0);
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
    expect(sink.deadLetters).toHaveLength(1);
    const stored = Array.from({ length: PARTITIONS }, (_, partition) => sink.positionOf('processor', topics.events, partition) ?? 0);
    expect(stored.reduce((a, b) => a + b, 0)).toBe(traffic.records.length);
  });

  it('a failed write also discards what was folded while it ran; the recovery still ends exact', async () => {
    const traffic = generateTraffic({ seed: 32, installs: 30, batchesPerInstall: 6, duplicateShare: 0.3 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const p = start({ log, sink, maxBatchRecords: 4, maxPendingRows: 40 });
    await duringHeldCommit(p, sink, async (covered) => {
      await until(() => consumed(p) > covered, 'batches folded during the write');
      sink.failCommits = 1;
    });
    await until(
      () =>
        p.stats().recoveries >= 1 &&
        consumed(p) === traffic.records.length &&
        p.stats().state !== 'failed' &&
        p.stats().state !== 'recovering',
      'recovery and the rest',
    );
    await p.stop();
    expect(p.stats().commitFailures).toBe(1);
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
  });

  it('with overlapCommits off, nothing is folded while a commit is written', async () => {
    const traffic = generateTraffic({ seed: 33, installs: 20, batchesPerInstall: 4 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const p = start({ log, sink, maxBatchRecords: 4, maxPendingRows: 40, overlapCommits: false });
    await duringHeldCommit(p, sink, async (covered) => {
      await new Promise((r) => setTimeout(r, 50));
      // Everything read is in the held write: nothing folded beyond it.
      expect(consumed(p)).toBe(covered);
    });
    await until(() => consumed(p) === traffic.records.length, 'all records');
    await p.stop();
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
  });

  it('retries a failing checkpoint load during recovery', async () => {
    const traffic = generateTraffic({ seed: 4, installs: 10, batchesPerInstall: 4 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const p = start({ log, sink, maxBatchRecords: 3, maxPendingRows: 20 });
    await p.start();
    await until(() => sink.commits >= 1, 'first commit');
    sink.failCommits = 1;
    sink.failLoads = 1;
    await until(
      () => consumed(p) === traffic.records.length && p.stats().state !== 'failed' && p.stats().state !== 'recovering',
      'all records',
    );
    await p.stop();
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
  });

  it('gives up after maxConsecutiveFailures and rejects done', async () => {
    const traffic = generateTraffic({ seed: 5, installs: 5, batchesPerInstall: 3 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    sink.failCommits = 1000;
    const p = start({ log, sink, maxPendingRows: 1, maxConsecutiveFailures: 3 });
    await p.start();
    await expect(p.done).rejects.toMatchObject({ code: 'GP_PROCESSOR_RECOVERY_EXHAUSTED', retryable: false });
    expect(p.stats().state).toBe('stopped');
    expect(p.stats().commitFailures).toBe(4); // the first, then one per recovery
    expect(sink.rollups).toHaveLength(0);
    expect(p.health().ok).toBe(false);
  });

  it('commits from the idle timer once the interval passed, not before', async () => {
    const traffic = generateTraffic({ seed: 6, installs: 5, batchesPerInstall: 2, duplicateShare: 0, poison: 0 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const clock = new FakeClock();
    const p = start({ log, sink, clock, commitIntervalMs: 1000 });
    await p.start();
    await until(() => consumed(p) === traffic.records.length, 'all records');
    expect(p.stats().state).toBe('aggregating');
    clock.advance(999);
    await new Promise((r) => setTimeout(r, 10));
    expect(sink.commits).toBe(0);
    clock.advance(1);
    await until(() => sink.commits === 1, 'timer commit');
    expect(p.stats().state).toBe('idle');
    expect(p.stats().eventsCommitted).toBe(traffic.events);
    expect(p.health()).toEqual({ ok: true, detail: 'commit cycle idle' });
  });

  it('commits early when pending rows reach maxPendingRows', async () => {
    const traffic = generateTraffic({ seed: 7, installs: 20, batchesPerInstall: 3, duplicateShare: 0, poison: 0 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const p = start({ log, sink, maxBatchRecords: 1, maxPendingRows: 10 });
    await p.start();
    await until(() => consumed(p) === traffic.records.length, 'all records');
    // every commit happened by size (the clock stands still): none is far above the cap
    expect(sink.commits).toBeGreaterThan(5);
    expect(p.stats().pendingRows).toBeLessThan(10);
  });

  it('stop() commits what is pending, is safe twice, and resolves done', async () => {
    const traffic = generateTraffic({ seed: 8, installs: 8, batchesPerInstall: 3 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const p = start({ log, sink });
    await p.start();
    await until(() => consumed(p) === traffic.records.length, 'all records');
    expect(sink.commits).toBe(0);
    await Promise.all([p.stop(), p.stop()]);
    await expect(p.done).resolves.toBeUndefined();
    expect(sink.commits).toBe(1);
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
  });

  it('stop() rejects when the final commit fails, without moving positions', async () => {
    const traffic = generateTraffic({ seed: 9, installs: 4, batchesPerInstall: 2 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    const p = start({ log, sink });
    await p.start();
    await until(() => consumed(p) === traffic.records.length, 'all records');
    sink.failCommits = 1;
    await expect(p.stop()).rejects.toMatchObject({ code: 'GP_PROCESSOR_COMMIT_FAILED' });
    expect(sink.positionOf('processor', topics.events, 0)).toBeUndefined();
    expect(p.stats().state).toBe('stopped');
  });

  it('recovers when the very first checkpoint load fails', async () => {
    const traffic = generateTraffic({ seed: 10, installs: 10, batchesPerInstall: 3 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    sink.failLoads = 1;
    const p = start({ log, sink, maxPendingRows: 10 });
    await p.start(); // resolves: the recovery loop takes over
    await until(
      () => consumed(p) === traffic.records.length && p.stats().state !== 'failed' && p.stats().state !== 'recovering',
      'all records',
    );
    await p.stop();
    expect(p.stats().recoveries).toBe(1);
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
  });

  it('keeps its uncommitted state when a rebalance re-lists partitions it holds', async () => {
    const traffic = generateTraffic({ seed: 11, installs: 20, batchesPerInstall: 5, duplicateShare: 0.2 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    log.reassignBefore = 12;
    const p = start({ log, sink, maxBatchRecords: 4, maxPendingRows: 40 });
    await p.start();
    await until(() => consumed(p) === traffic.records.length && log.reassignments === 1, 'all records');
    await p.stop();
    expect(totalsFromRows(sink.rollups, sink.players)).toEqual(groundTruth(traffic.unique));
  });

  it('stop() cuts a recovery backoff short', async () => {
    const traffic = generateTraffic({ seed: 12, installs: 4, batchesPerInstall: 2 });
    const log = await logWith(traffic);
    const sink = new MemorySink();
    sink.failCommits = 1;
    const clock = new FakeClock();
    clock.sleep = () => new Promise(() => undefined); // a backoff that never ends by itself
    const p = start({ log, sink, clock, maxPendingRows: 1 });
    await p.start();
    await until(() => p.stats().commitFailures === 1, 'the failed commit');
    await expect(p.stop()).rejects.toMatchObject({ code: 'GP_PROCESSOR_COMMIT_FAILED' }); // ended failed: work discarded, not lost
    expect(p.stats().state).toBe('stopped');
    expect(sink.rollups).toHaveLength(0);
  });
});
