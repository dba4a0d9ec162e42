import { describe, expect, it } from 'vitest';
import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  type RecordMetadata,
} from 'kafkajs';
import { TransactionError, type TxState } from '../transactions.ts';
import { ScopedLogger } from './logger.ts';
import { resolveKafkaLogOptions } from './options.ts';
import { TX_METHOD_STATES, TX_TRANSITIONS, TxStateMachine, type TxMethod } from './transaction-state.ts';
import { KafkaTransactionalProducer, type TxClient, type TxHandle } from './transactional-producer.ts';

/** kafkajs's typings omit the second constructor argument its JS takes. */
const retriesExceeded = (cause: Error, info: { retryCount: number; retryTime: number }) =>
  new (KafkaJSNumberOfRetriesExceeded as unknown as new (e: Error, i: object) => Error)(cause, info);

const STATES: TxState[] = ['READY', 'IN_TRANSACTION', 'ABORTABLE', 'COMMITTING', 'ABORTING', 'FENCED', 'FAILED', 'CLOSED'];
const METHODS: TxMethod[] = ['begin', 'append', 'sendOffsets', 'commit', 'abort'];

/** A machine put into `state` along valid transitions only. */
function machineIn(state: TxState): TxStateMachine {
  const path: Record<TxState, TxState[]> = {
    READY: [],
    IN_TRANSACTION: ['IN_TRANSACTION'],
    ABORTABLE: ['IN_TRANSACTION', 'ABORTABLE'],
    COMMITTING: ['IN_TRANSACTION', 'COMMITTING'],
    ABORTING: ['IN_TRANSACTION', 'ABORTING'],
    FENCED: ['IN_TRANSACTION', 'FENCED'],
    FAILED: ['IN_TRANSACTION', 'COMMITTING', 'FAILED'],
    CLOSED: ['CLOSED'],
  };
  const m = new TxStateMachine();
  for (const s of path[state]) m.transitionTo(s);
  expect(m.state).toBe(state);
  return m;
}

describe('log/src/kafka/transaction-state: the transition table', () => {
  it('allows exactly the transitions in the table and throws GP_LOG_TX_INVALID_STATE for every other pair', () => {
    for (const from of STATES) {
      for (const to of STATES) {
        const m = machineIn(from);
        if (TX_TRANSITIONS[from].includes(to)) {
          m.transitionTo(to);
          expect(m.state).toBe(to);
        } else {
          expect(() => m.transitionTo(to), `${from} → ${to}`).toThrow(TransactionError);
          expect(m.state).toBe(from);
        }
      }
    }
  });

  it('guards each method by state (begin only in READY; commit never after a failed write; nothing after FENCED/FAILED/CLOSED)', () => {
    for (const state of STATES) {
      for (const method of METHODS) {
        const m = machineIn(state);
        if (TX_METHOD_STATES[method].includes(state)) expect(() => m.guard(method)).not.toThrow();
        else {
          try {
            m.guard(method);
            expect.unreachable(`${method} in ${state}`);
          } catch (err) {
            expect(err).toBeInstanceOf(TransactionError);
            expect((err as TransactionError).code).toBe('GP_LOG_TX_INVALID_STATE');
            expect((err as TransactionError).retryable).toBe(false);
          }
        }
      }
    }
    expect(TX_METHOD_STATES.commit).toEqual(['IN_TRANSACTION']);
    expect(TX_METHOD_STATES.abort).toContain('ABORTABLE');
  });

  it('FENCED, FAILED and CLOSED are terminal (only CLOSED follows), READY is reachable again after commit and abort', () => {
    expect(TX_TRANSITIONS.FENCED).toEqual(['CLOSED']);
    expect(TX_TRANSITIONS.FAILED).toEqual(['CLOSED']);
    expect(TX_TRANSITIONS.CLOSED).toEqual([]);
    expect(TX_TRANSITIONS.COMMITTING).toContain('READY');
    expect(TX_TRANSITIONS.ABORTING).toContain('READY');
    // every state can reach CLOSED
    for (const s of STATES) {
      const seen = new Set<TxState>([s]);
      const todo = [s];
      while (todo.length)
        for (const n of TX_TRANSITIONS[todo.pop()!])
          if (!seen.has(n)) {
            seen.add(n);
            todo.push(n);
          }
      expect(seen.has('CLOSED'), `${s} reaches CLOSED`).toBe(true);
    }
  });
});

// ── KafkaTransactionalProducer against a scripted fake of kafkajs's producer ─────────

/** A kafkajs protocol error; `retriable` is kafkajs's own property. */
const protocolError = (type: string, code: number, retryable: boolean) =>
  new KafkaJSProtocolError({ type, code, retriable: retryable, message: type } as unknown as Error);
/** How kafkajs surfaces a non-retryable protocol error from a send: wrapped by its retrier. */
const bailed = (e: Error) => new (KafkaJSNonRetriableError as unknown as new (e: Error, o: object) => Error)(e, { cause: e });

interface Script {
  sendBatch?: () => Promise<RecordMetadata[]>;
  sendOffsets?: () => Promise<void>;
  commit?: () => Promise<void>;
  abort?: () => Promise<void>;
}

function fake(script: Script = {}) {
  const calls: string[] = [];
  const tx: TxHandle = {
    sendBatch: async (batch) => {
      calls.push('sendBatch');
      if (script.sendBatch) return script.sendBatch();
      const parts = new Map<number, number>();
      for (const m of batch.topicMessages![0]!.messages) parts.set(m.partition!, (parts.get(m.partition!) ?? 0) + 1);
      return [...parts.keys()].map((partition) => ({
        topicName: batch.topicMessages![0]!.topic,
        partition,
        errorCode: 0,
        baseOffset: '10',
      }));
    },
    sendOffsets: async () => (calls.push('sendOffsets'), script.sendOffsets?.()),
    commit: async () => (calls.push('commit'), script.commit?.()),
    abort: async () => (calls.push('abort'), script.abort?.()),
  };
  const client = {
    transaction: async () => (calls.push('transaction'), tx),
    disconnect: async () => void calls.push('disconnect'),
  } as unknown as TxClient;
  const host = {
    options: resolveKafkaLogOptions({ brokers: ['127.0.0.1:1'] }),
    logger: new ScopedLogger(() => {}, 'error'),
    partitions: async (topic: string) => (topic === 'missing' ? undefined : 4),
    trackTransactional: () => {},
  };
  const reconnect = async () => (calls.push('reconnect'), client);
  return { producer: new KafkaTransactionalProducer(client, host, 'g.events.0', reconnect), calls };
}

const recs = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`v${i}`) }));

describe('log/src/kafka/transactional-producer: state changes driven by kafkajs results (no broker)', () => {
  it('begin → append → sendOffsets → commit returns to READY; placements per record', async () => {
    const { producer, calls } = fake();
    await producer.begin();
    expect(producer.state()).toBe('IN_TRANSACTION');
    const r = await producer.append('out', recs(3));
    expect(r.ok).toBe(true);
    expect(r.ok && r.placements).toHaveLength(3);
    await producer.sendOffsets('g', [{ topic: 'events', partition: 0, offset: 7 }]);
    await producer.commit();
    expect(producer.state()).toBe('READY');
    expect(calls).toEqual(['transaction', 'sendBatch', 'sendOffsets', 'commit']);
  });

  it('a failed append makes the transaction ABORTABLE: commit is refused, abort leads back to READY', async () => {
    const { producer } = fake({
      sendBatch: () => Promise.reject(retriesExceeded(new KafkaJSConnectionError('down'), { retryCount: 5, retryTime: 1 })),
    });
    await producer.begin();
    const r = await producer.append('out', recs(2));
    expect(r).toMatchObject({ ok: false, code: 'GP_LOG_UNAVAILABLE', retryable: true });
    expect(producer.state()).toBe('ABORTABLE');
    await expect(producer.commit()).rejects.toMatchObject({ code: 'GP_LOG_TX_INVALID_STATE' });
    await producer.abort();
    expect(producer.state()).toBe('READY');
  });

  it('aborting after a failed write replaces the kafkajs client (epoch bump) instead of reusing its sequence numbers', async () => {
    let fail = true;
    const { producer, calls } = fake({
      sendBatch: () =>
        fail
          ? Promise.reject(new KafkaJSConnectionError('reset'))
          : Promise.resolve([{ topicName: 'out', partition: 0, errorCode: 0, baseOffset: '3' }]),
    });
    await producer.begin();
    await producer.append('out', [{ key: 'k', value: Buffer.from('v') }]);
    await producer.abort();
    expect(calls).toEqual(['transaction', 'sendBatch', 'disconnect', 'reconnect']);
    fail = false;
    await producer.begin();
    expect((await producer.append('out', [{ key: 'k', value: Buffer.from('v') }])).ok).toBe(true);
    await producer.commit();
    expect(producer.state()).toBe('READY');
  });

  it('maps INVALID_PRODUCER_EPOCH (and PRODUCER_FENCED, code 90) to FENCED, terminal and not retryable', async () => {
    for (const err of [
      bailed(protocolError('INVALID_PRODUCER_EPOCH', 47, false)),
      protocolError('KAFKAJS_UNKNOWN_ERROR_CODE', -99, false),
    ]) {
      if (err.message === 'KAFKAJS_UNKNOWN_ERROR_CODE') (err as { message: string }).message = 'Unknown error code 90';
      const { producer } = fake({ sendBatch: () => Promise.reject(err) });
      await producer.begin();
      const r = await producer.append('out', recs(1));
      expect(r).toMatchObject({ ok: false, retryable: false });
      expect(producer.state()).toBe('FENCED');
      await expect(producer.abort()).rejects.toMatchObject({ code: 'GP_LOG_TX_INVALID_STATE', state: 'FENCED' });
      await expect(producer.begin()).rejects.toBeInstanceOf(TransactionError);
      await producer.close();
      expect(producer.state()).toBe('CLOSED');
    }
  });

  it('a fenced commit throws GP_LOG_TX_FENCED; a commit without a verdict throws GP_LOG_TX_FAILED (retryable with a new producer)', async () => {
    const fenced = fake({ commit: () => Promise.reject(protocolError('INVALID_PRODUCER_EPOCH', 47, false)) });
    await fenced.producer.begin();
    await expect(fenced.producer.commit()).rejects.toMatchObject({ code: 'GP_LOG_TX_FENCED', retryable: false, state: 'FENCED' });

    const unknown = fake({
      commit: () => Promise.reject(retriesExceeded(protocolError('REQUEST_TIMED_OUT', 7, true), { retryCount: 5, retryTime: 1 })),
    });
    await unknown.producer.begin();
    await expect(unknown.producer.commit()).rejects.toMatchObject({ code: 'GP_LOG_TX_FAILED', retryable: true, state: 'FAILED' });
    await expect(unknown.producer.begin()).rejects.toMatchObject({ code: 'GP_LOG_TX_INVALID_STATE' });
  });

  it('sendOffsets failure → ABORTABLE (GP_LOG_TX_ABORTABLE); unknown topic leaves the transaction whole', async () => {
    const { producer } = fake({ sendOffsets: () => Promise.reject(protocolError('COORDINATOR_NOT_AVAILABLE', 15, true)) });
    await producer.begin();
    expect(await producer.append('missing', recs(1))).toMatchObject({ ok: false, code: 'GP_LOG_UNKNOWN_TOPIC' });
    expect(producer.state()).toBe('IN_TRANSACTION');
    await expect(producer.sendOffsets('g', [{ topic: 'events', partition: 1, offset: 3 }])).rejects.toMatchObject({
      code: 'GP_LOG_TX_ABORTABLE',
      retryable: true,
    });
    expect(producer.state()).toBe('ABORTABLE');
  });

  it('append outside a transaction is a programming error; close() aborts an open transaction and is safe twice', async () => {
    const { producer, calls } = fake();
    await expect(producer.append('out', recs(1))).rejects.toMatchObject({ code: 'GP_LOG_TX_INVALID_STATE' });
    await producer.begin();
    await producer.append('out', recs(1));
    await producer.close();
    await producer.close();
    expect(producer.state()).toBe('CLOSED');
    expect(calls.filter((c) => c === 'abort')).toHaveLength(1);
    expect(calls.at(-1)).toBe('disconnect');
  });

  it('refuses commit while an append is in flight', async () => {
    let release!: () => void;
    const { producer } = fake({
      sendBatch: () => new Promise((r) => (release = () => r([{ topicName: 'out', partition: 0, errorCode: 0, baseOffset: '0' }]))),
    });
    await producer.begin();
    const pending = producer.append('out', [{ key: 'k', value: Buffer.from('v') }]);
    await new Promise((r) => setTimeout(r, 5));
    await expect(producer.commit()).rejects.toMatchObject({ code: 'GP_LOG_TX_INVALID_STATE' });
    release();
    await pending;
    await producer.commit();
    expect(producer.state()).toBe('READY');
  });
});
