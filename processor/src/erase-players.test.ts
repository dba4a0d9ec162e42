/**
 * Processor.erasePlayers (deletion requests in embedded mode): the erase runs only once
 * everything up to the request is folded AND committed, between two batches; afterwards
 * the players' in-memory state is gone, so nothing derived from it is written again.
 */
import { topicNames } from '@gamepulse/log';
import { IngestedBatch } from '@gamepulse/proto';
import { createLogger } from '@gamepulse/service';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, MemoryLog, MemorySink, until } from '@gamepulse/testkit';
import { createProcessor, type Processor } from './processor.ts';
import type { ProcessorOptions } from './options.ts';

const topics = topicNames('test');
const quiet = createLogger({ service: 'processor', write: () => undefined });
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 10, 12, 0);

/** Sleeps let the log deliver (a macrotask) while the fake time stands still. */
class YieldingClock extends FakeClock {
  override async sleep(ms: number): Promise<void> {
    await super.sleep(ms);
    await new Promise((r) => setImmediate(r));
  }
}

/** A clock whose sleeps pass time: timeouts are reached without waiting. */
class SleepingClock extends YieldingClock {
  override async sleep(ms: number): Promise<void> {
    await super.sleep(ms);
    this.advance(ms);
  }
}

const batch = (installId: string, seq: number, tsMs: number, payload: Record<string, unknown>): { key: string; value: Uint8Array } => ({
  key: installId,
  value: IngestedBatch.encode({
    installId,
    batchSequence: seq,
    context: { gameId: 'g' },
    events: [{ installId, playerId: installId.replace('i', 'p'), clientTsMs: tsMs, ...payload }],
  }).finish(),
});

async function logWith(records: Array<{ key: string; value: Uint8Array }>): Promise<MemoryLog> {
  const log = new MemoryLog();
  await log.ensureTopics([{ name: topics.events, partitions: 2 }]);
  await log.producer().append(topics.events, records);
  return log;
}

const running: Processor[] = [];
function start(opts: Partial<ProcessorOptions> & Pick<ProcessorOptions, 'log' | 'sink'>): Processor {
  // Commits by size only: the fake clock stands still, and maxPendingRows is far away.
  const p = createProcessor({
    topics,
    logger: quiet,
    clock: new YieldingClock(),
    commitIntervalMs: 1000,
    maxPendingRows: 1_000_000,
    ...opts,
  });
  running.push(p);
  return p;
}
afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((p) => p.stop()));
});

const consumed = (p: Processor) => p.stats().partitions.reduce((n, s) => n + s.nextOffset, 0);

const history = [
  batch('i1', 1, T0, { sessionStart: {} }),
  batch('i1', 2, T0 + 1000, { experimentExposure: { experiment: 'shop_layout', variant: 'grid' } }),
  batch('i1', 3, T0 + 2000, { purchase: { currency: 'EUR', amountMinor: 499, itemType: 'gems' } }),
  batch('i2', 1, T0, { sessionStart: {} }),
  batch('i2', 2, T0 + 1000, { experimentExposure: { experiment: 'shop_layout', variant: 'control' } }),
];

describe('processor/src/processor (erasePlayers)', () => {
  it('erases after committing everything up to the request, then forgets the player: a later event starts afresh', async () => {
    const log = await logWith(history);
    const sink = new MemorySink();
    const p = start({ log, sink });
    await p.start();
    const ends = await log.endOffsets(topics.events);
    let seen: { positions: Array<number | undefined>; rows: number } | undefined;
    const result = await p.erasePlayers(['p1'], ends, async () => {
      // What the store holds when the erase transaction runs: everything before the request.
      seen = {
        positions: ends.map((e) => sink.positionOf('processor', topics.events, e.partition)),
        rows: sink.players.filter((r) => r.playerId === 'p1').length,
      };
      // As the store's erase transaction does: the player's rows and per-player state go.
      sink.players = sink.players.filter((r) => r.playerId !== 'p1');
      const state = (await sink.loadCheckpoint('processor')).state.filter((e) => e.key === 'p1' && e.namespace !== 'dedup');
      await sink.commit({
        consumer: 'processor',
        rollups: [],
        players: [],
        positions: [],
        deadLetters: [],
        state: state.map((e) => ({ ...e, value: undefined })),
      });
      return 'erased';
    });
    expect(result).toBe('erased');
    expect(seen).toEqual({ positions: ends.map((e) => (e.offset > 0 ? e.offset : undefined)), rows: 2 });

    // After the request, p1 plays on (not blocked) a day later: a new cohort, no assignment.
    await log
      .producer()
      .append(topics.events, [
        batch('i1', 4, T0 + DAY, { purchase: { currency: 'EUR', amountMinor: 100, itemType: 'gems' } }),
        batch('i2', 3, T0 + DAY, { sessionStart: {} }),
      ]);
    await until(() => consumed(p) === history.length + 2, 'the later events');
    await p.stop();
    const later = (id: string) => sink.players.filter((r) => r.playerId === id && r.windowStartMs === T0 + DAY);
    expect(later('p1')).toEqual([
      expect.objectContaining({ firstSeenDayMs: Date.UTC(2025, 2, 11), variant: '', purchases: 1, gapSessions: 1, activeMs: 0 }),
    ]);
    expect(later('p2')).toEqual([expect.objectContaining({ firstSeenDayMs: Date.UTC(2025, 2, 10), variant: 'shop_layout:control' })]);
    const state = await sink.loadCheckpoint('processor');
    const p1 = state.state.filter((e) => e.key === 'p1').map((e) => e.namespace);
    // Written again for the new cohort and the install's activity; no assignment.
    expect(p1).toEqual(['player', 'activity']);
    const rollup = sink.rollups.find((r) => r.windowStartMs === T0 + DAY && r.eventType === 'purchase');
    expect(rollup?.variant).toBe('');
  });

  it('waits for the events before the request, and gives up with GP_PROCESSOR_ERASE_BEHIND when they do not come', async () => {
    const log = await logWith(history);
    const p = start({ log, sink: new MemorySink(), clock: new SleepingClock() });
    await p.start();
    const ends = await log.endOffsets(topics.events);
    let erased = 0;
    const beyond = ends.map((e) => ({ ...e, offset: e.offset + 1 })); // a record not appended yet
    await expect(p.erasePlayers(['p1'], beyond, async () => void erased++, { timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'GP_PROCESSOR_ERASE_BEHIND',
    });
    expect(erased).toBe(0);
    // appended meanwhile: the next attempt succeeds
    await log
      .producer()
      .append(topics.events, [batch('i1', 4, T0 + 5000, { sessionStart: {} }), batch('i2', 3, T0 + 5000, { sessionStart: {} })]);
    await p.erasePlayers(['p1'], beyond, async () => void erased++, { timeoutMs: 60_000 });
    expect(erased).toBe(1);
  });

  it('keeps the in-memory state when the erase fails (the store rolled back; the request is retried)', async () => {
    const log = await logWith(history);
    const sink = new MemorySink();
    const p = start({ log, sink });
    await p.start();
    const ends = await log.endOffsets(topics.events);
    await expect(p.erasePlayers(['p1'], ends, async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    await log
      .producer()
      .append(topics.events, [batch('i1', 4, T0 + DAY, { purchase: { currency: 'EUR', amountMinor: 100, itemType: 'gems' } })]);
    await until(() => consumed(p) === history.length + 1, 'the later event');
    await p.stop();
    expect(sink.players.filter((r) => r.windowStartMs === T0 + DAY)).toEqual([
      expect.objectContaining({ playerId: 'p1', firstSeenDayMs: Date.UTC(2025, 2, 10), variant: 'shop_layout:grid' }),
    ]);
  });
});
