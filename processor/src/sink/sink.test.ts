/**
 * The sinks without engines: the store sink's single conditional commit, the Kafka
 * sink's per-partition transaction (order of writes, fencing, abort on failure) against
 * a fake transactional log, the changelog record format, and the output state table.
 * Real Kafka: processor/test/integration/kafka-processor.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  TransactionError,
  type AppendResult,
  type LogRecord,
  type TopicPartitionOffset,
  type TransactionalLog,
  type TransactionalProducer,
  type TxState,
} from '@gamepulse/log';
import { decodeRollupsRecord, DeadLetter } from '@gamepulse/proto';
import { createLogger } from '@gamepulse/service';
import { changelogRecord, stateFromChangelog } from './changelog.ts';
import { kafkaTransactionSink } from './kafka-sink.ts';
import { OUTPUT_TRANSITIONS, OutputStateMachine } from './partition-output-state.ts';
import { toRollupCommit } from './store-sink.ts';
import type { PartitionCommit } from './types.ts';

const quiet = createLogger({ service: 'test', write: () => undefined });
const topics = { events: 'ev', rollups: 'ro', deadLetter: 'dl', changelog: 'cl' };

function part(partition: number, over: Partial<PartitionCommit> = {}): PartitionCommit {
  return {
    topic: 'ev',
    partition,
    fromOffset: 10,
    nextOffset: 20,
    rollups: [
      {
        windowStartMs: 60_000,
        gameId: 'g',
        build: 'b',
        platform: 'web',
        country: 'DE',
        eventType: 'purchase',
        action: '',
        currency: 'EUR',
        item: 'i',
        variant: '',
        events: 2,
        amount: 5,
        value: 0,
      },
    ],
    players: [
      {
        windowStartMs: 60_000,
        gameId: 'g',
        build: 'b',
        platform: 'web',
        country: 'DE',
        playerId: 'p',
        firstSeenDayMs: 0,
        events: 2,
        purchases: 1,
        sessions: 0,
      },
    ],
    deadLetters: [
      {
        code: 'GP_PROCESSOR_RECORD_UNDECODABLE',
        message: 'bad',
        keyId: '',
        receivedAtMs: 1,
        raw: new Uint8Array([1]),
        source: 'processor',
      },
    ],
    state: [{ partition, namespace: 'dedup', key: 'install-1', value: new Uint8Array([1, 2]) }],
    events: 2,
    ...over,
  };
}

class FakeTx implements TransactionalProducer {
  calls: string[] = [];
  appended = new Map<string, LogRecord[]>();
  offsets: TopicPartitionOffset[] = [];
  private s: TxState = 'READY';
  fenceOn: string | undefined;
  failOn: string | undefined;
  constructor(readonly transactionalId: string) {}
  state(): TxState {
    return this.s;
  }
  async begin() {
    this.calls.push('begin');
    this.s = 'IN_TRANSACTION';
  }
  async append(topic: string, records: LogRecord[]): Promise<AppendResult> {
    this.calls.push(`append:${topic}`);
    if (this.fenceOn === topic) {
      this.s = 'FENCED';
      return { ok: false, code: 'GP_LOG_UNAVAILABLE', message: 'fenced', retryable: false };
    }
    if (this.failOn === topic) {
      this.s = 'ABORTABLE';
      return { ok: false, code: 'GP_LOG_TIMEOUT', message: 'timeout', retryable: true };
    }
    this.appended.set(topic, records);
    return { ok: true, placements: [] };
  }
  async sendOffsets(_group: string, offsets: TopicPartitionOffset[]) {
    this.calls.push('sendOffsets');
    this.offsets = offsets;
  }
  async commit() {
    this.calls.push('commit');
    if (this.fenceOn === 'commit') {
      this.s = 'FENCED';
      throw new TransactionError('GP_LOG_TX_FENCED', 'fenced', 'FENCED');
    }
    this.s = 'READY';
  }
  async abort() {
    this.calls.push('abort');
    this.s = 'READY';
  }
  async close() {
    this.calls.push('close');
    this.s = 'CLOSED';
  }
}

function fakeLog() {
  const producers: FakeTx[] = [];
  const log = {
    kind: 'kafka',
    transactionalProducer: async ({ transactionalId }: { transactionalId: string }) => {
      const p = new FakeTx(transactionalId);
      producers.push(p);
      return p;
    },
    committed: async () => [{ topic: 'ev', partition: 1, offset: 42 }],
    endOffsets: async () => [0, 1, 2].map((partition) => ({ topic: 'cl', partition, offset: 0 })),
  } as unknown as TransactionalLog;
  return { log, producers };
}

describe('processor/sink', () => {
  it('store sink: every partition in one commit, positions that moved, and the positions it started from as the condition', () => {
    const c = toRollupCommit('processor', [part(0), part(1, { nextOffset: 10 })]);
    expect(c.rollups).toHaveLength(2);
    expect(c.positions).toEqual([{ topic: 'ev', partition: 0, offset: 20 }]);
    expect(c.expectedPositions).toEqual([
      { topic: 'ev', partition: 0, offset: 10 },
      { topic: 'ev', partition: 1, offset: 10 },
    ]);
  });

  it('kafka sink: assign fences first (one producer per partition, stable id), then reads offsets; a commit is one transaction with rows, changelog, dead letters and the offset', async () => {
    const { log, producers } = fakeLog();
    const sink = kafkaTransactionSink({ log, groupId: 'processor', topics, logger: quiet });
    const checkpoint = await sink.assign('ev', [1, 2]);
    expect(producers.map((p) => p.transactionalId)).toEqual(['processor.ev.1', 'processor.ev.2']);
    expect(checkpoint.positions).toEqual([{ topic: 'ev', partition: 1, offset: 42 }]);
    await sink.commit([part(1)]);
    const tx = producers[0]!;
    expect(tx.calls).toEqual(['begin', 'append:ro', 'append:cl', 'append:dl', 'sendOffsets', 'commit']);
    expect(tx.offsets).toEqual([{ topic: 'ev', partition: 1, offset: 20 }]);
    expect(tx.appended.get('ro')!.map((r) => decodeRollupsRecord(r.value).kind)).toEqual(['rollup', 'player']);
    expect(tx.appended.get('cl')![0]).toMatchObject({ key: 'dedup\u0000install-1', partition: 1 });
    expect(DeadLetter.decode(tx.appended.get('dl')![0]!.value).code).toBe('GP_PROCESSOR_RECORD_UNDECODABLE');
    await sink.close();
    expect(producers.every((p) => p.calls.at(-1) === 'close')).toBe(true);
  });

  it('kafka sink: rollups records carry no event-time timestamp (the producer stamps the produce time), whatever their window', async () => {
    const { log, producers } = fakeLog();
    const sink = kafkaTransactionSink({ log, groupId: 'processor', topics, logger: quiet });
    await sink.assign('ev', [1]);
    await sink.commit([part(1)]);
    const rollups = producers[0]!.appended.get('ro')!;
    expect(rollups.map((r) => decodeRollupsRecord(r.value).window_start).every((w) => w < Date.UTC(2026, 0, 1))).toBe(true);
    // An old window's start as the record timestamp would let time-based retention delete
    // unread output at once (log/README.md, "Retention").
    expect(rollups.map((r) => r.timestampMs)).toEqual([undefined, undefined]);
    await sink.close();
  });

  it('kafka sink: a fenced partition fails the commit and refuses further commits until assigned again; a failed write aborts', async () => {
    const { log, producers } = fakeLog();
    const sink = kafkaTransactionSink({ log, groupId: 'processor', topics, logger: quiet });
    await sink.assign('ev', [1, 2]);
    producers[0]!.fenceOn = 'commit';
    producers[1]!.fenceOn = 'cl';
    await expect(sink.commit([part(1), part(2)])).rejects.toBeDefined();
    expect(producers[1]!.calls).toEqual(['begin', 'append:ro', 'append:cl']); // FENCED: nothing to abort
    await expect(sink.commit([part(1)])).rejects.toThrow(/not owned \(lost\)/);
    await sink.assign('ev', [1]);
    expect(producers[0]!.calls.at(-1)).toBe('close'); // the old producer is given up
    producers[2]!.failOn = 'dl';
    await expect(sink.commit([part(1)])).rejects.toThrow(/GP_LOG_TIMEOUT/);
    expect(producers[2]!.calls.slice(-2)).toEqual(['append:dl', 'abort']); // nothing of it becomes visible
    await sink.assign('ev', [1]);
    await sink.commit([part(1)]);
    expect(producers[3]!.calls.at(-1)).toBe('commit');
  });

  it('changelog: entries keyed namespace\\0key on their partition; the latest value wins, an empty value deletes', () => {
    const recs = [
      { ...changelogRecord({ partition: 3, namespace: 'dedup', key: 'a', value: new Uint8Array([1]) }), offset: 0 },
      { ...changelogRecord({ partition: 3, namespace: 'dedup', key: 'a', value: new Uint8Array([2]) }), offset: 1 },
      { ...changelogRecord({ partition: 3, namespace: 'player', key: 'b', value: new Uint8Array([3]) }), offset: 2 },
      { ...changelogRecord({ partition: 3, namespace: 'player', key: 'b', value: undefined }), offset: 3 },
    ].map((r) => ({ topic: 'cl', partition: r.partition!, offset: r.offset, key: r.key, value: r.value, timestampMs: 0 }));
    expect(stateFromChangelog(recs)).toEqual([{ partition: 3, namespace: 'dedup', key: 'a', value: new Uint8Array([2]) }]);
  });

  it('partition output: every state reaches released; committing only from owned; lost and broken never commit again', () => {
    // committing settles first (committed | fenced | failed): never released mid-transaction.
    for (const state of Object.keys(OUTPUT_TRANSITIONS))
      if (state !== 'released' && state !== 'committing')
        expect(Object.values(OUTPUT_TRANSITIONS[state as keyof typeof OUTPUT_TRANSITIONS])).toContain('released');
    const m = new OutputStateMachine(0);
    expect(() => m.fire('begin')).toThrow(/GP_PROCESSOR_ILLEGAL_TRANSITION|begin in state fencing/);
    m.fire('fenced_older');
    m.fire('restored');
    m.fire('begin');
    m.fire('fenced');
    expect(m.can('begin')).toBe(false);
    expect(m.fire('release')).toBe('released');
  });
});
