/**
 * TransactionalProducer on kafkajs (KIP-98 transactions, classic protocol): outputs and
 * the consumer group's input offsets committed atomically, zombies fenced by
 * transactional id. The lifecycle is the table in transaction-state.ts; how a processor
 * uses this (one id per input partition, initialize before reading offsets) is in
 * ../transactions.ts.
 */
import type { Kafka, Producer, Transaction } from 'kafkajs';
import { TransactionError, type TransactionalProducer, type TxState } from '../transactions.ts';
import type { AppendResult, LogRecord, TopicPartitionOffset } from '../types.ts';
import { transactionalProducerConfig } from './config.ts';
import { describeKafkaError, isFencingError, toLogFailure } from './errors.ts';
import type { ScopedLogger } from './logger.ts';
import type { ResolvedKafkaLogOptions } from './options.ts';
import { splitByPartitionBytes, toMessages, type Placement } from './placements.ts';
import { sendParts } from './producer.ts';
import { TxStateMachine, type TxMethod } from './transaction-state.ts';

export interface TransactionalHost {
  readonly options: ResolvedKafkaLogOptions;
  readonly logger: ScopedLogger;
  partitions(topic: string): Promise<number | undefined>;
  /** Told when a producer is created and closed (so the log's close() can close the open ones). */
  trackTransactional(producer: KafkaTransactionalProducer, open: boolean): void;
}

/** The part of a kafkajs producer this needs (a fake in unit tests). */
export type TxClient = Pick<Producer, 'transaction' | 'disconnect'>;
export type TxHandle = Pick<Transaction, 'sendBatch' | 'sendOffsets' | 'commit' | 'abort'>;

/**
 * A connected kafkajs producer whose producer id is initialized. kafkajs sends
 * InitProducerId lazily, at the first transaction(); opening and aborting an empty
 * transaction does it now (an abort with nothing added sends no EndTxn). That request is
 * what fences every older producer with this id (epoch bump) and completes or aborts its
 * open transaction — before this resolves, so a caller may read committed offsets right
 * after (transactions.ts, rule 2).
 */
async function initializedClient(kafka: Kafka, host: TransactionalHost, transactionalId: string): Promise<TxClient> {
  const producer = kafka.producer(transactionalProducerConfig(host.options, transactionalId));
  try {
    await producer.connect();
    const init = await producer.transaction();
    await init.abort();
    return producer;
  } catch (err) {
    await producer.disconnect().catch(() => undefined);
    throw err;
  }
}

/** Connects and initializes (fences older producers with this id) before resolving. */
export async function createTransactionalProducer(
  kafka: Kafka,
  host: TransactionalHost,
  transactionalId: string,
): Promise<KafkaTransactionalProducer> {
  if (typeof transactionalId !== 'string' || transactionalId === '')
    throw new TransactionError('GP_LOG_TX_INVALID_STATE', 'transactionalProducer: transactionalId must be a non-empty string', 'CLOSED');
  const connect = () => initializedClient(kafka, host, transactionalId);
  let client: TxClient;
  try {
    client = await connect();
  } catch (err) {
    const f = toLogFailure(err, `transactional producer "${transactionalId}"`);
    throw new TransactionError('GP_LOG_TX_INIT_FAILED', f.message, 'CLOSED', { retryable: f.retryable, cause: err });
  }
  const created = new KafkaTransactionalProducer(client, host, transactionalId, connect);
  host.trackTransactional(created, true);
  return created;
}

function byTopic(offsets: readonly TopicPartitionOffset[]) {
  const topics = new Map<string, Array<{ partition: number; offset: string }>>();
  for (const o of offsets) {
    if (!Number.isSafeInteger(o.offset) || o.offset < 0)
      throw new TransactionError(
        'GP_LOG_TX_INVALID_STATE',
        `sendOffsets: invalid offset ${o.offset} for ${o.topic}/${o.partition}`,
        'IN_TRANSACTION',
      );
    const list = topics.get(o.topic) ?? [];
    list.push({ partition: o.partition, offset: String(o.offset) });
    topics.set(o.topic, list);
  }
  return [...topics].map(([topic, partitions]) => ({ topic, partitions }));
}

export class KafkaTransactionalProducer implements TransactionalProducer {
  private readonly machine: TxStateMachine;
  private tx: TxHandle | undefined;
  /** Operations in flight: close() waits for them; commit/abort/sendOffsets refuse to overlap appends. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private pendingAppends = 0;
  private closing: Promise<void> | undefined;

  constructor(
    private client: TxClient,
    private readonly host: TransactionalHost,
    readonly transactionalId: string,
    /** A new, initialized client with the same id (see end()). */
    private readonly reconnect: () => Promise<TxClient>,
  ) {
    this.machine = new TxStateMachine((from, to) => this.host.logger.debug('transaction state', { transactionalId, from, to }));
  }

  state(): TxState {
    return this.machine.state;
  }

  async begin(): Promise<void> {
    this.machine.guard('begin');
    // No request: the producer id was initialized on creation.
    this.tx = await this.track(this.client.transaction());
    this.machine.transitionTo('IN_TRANSACTION');
  }

  async append(topic: string, records: LogRecord[]): Promise<AppendResult> {
    this.machine.guard('append');
    this.pendingAppends += 1;
    try {
      return await this.track(this.appendInTransaction(this.tx!, topic, records));
    } finally {
      this.pendingAppends -= 1;
    }
  }

  async sendOffsets(groupId: string, offsets: TopicPartitionOffset[]): Promise<void> {
    this.guardExclusive('sendOffsets');
    const topics = byTopic(offsets);
    if (topics.length === 0) return;
    try {
      await this.track(this.tx!.sendOffsets({ consumerGroupId: groupId, topics }));
    } catch (err) {
      const state = this.afterWriteFailure(err);
      throw this.error(state === 'FENCED' ? 'GP_LOG_TX_FENCED' : 'GP_LOG_TX_ABORTABLE', 'sendOffsets', err);
    }
  }

  async commit(): Promise<void> {
    await this.end('commit');
  }

  async abort(): Promise<void> {
    await this.end('abort');
  }

  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    if (this.machine.canCall('abort')) {
      // The broker would abort it after transactionTimeoutMs anyway; sooner is kinder to
      // read_committed consumers, whose last stable offset waits for it.
      await this.abort().catch(() => undefined);
    }
    if (this.machine.state !== 'CLOSED') this.machine.transitionTo('CLOSED');
    await this.client.disconnect().catch(() => undefined);
    this.host.trackTransactional(this, false);
  }

  private async end(method: 'commit' | 'abort'): Promise<void> {
    this.guardExclusive(method);
    const afterFailedWrite = this.machine.state === 'ABORTABLE';
    this.machine.transitionTo(method === 'commit' ? 'COMMITTING' : 'ABORTING');
    try {
      if (afterFailedWrite) await this.track(this.replaceClient());
      else await this.track(method === 'commit' ? this.tx!.commit() : this.tx!.abort());
    } catch (err) {
      const fenced = isFencingError(err);
      this.machine.transitionTo(fenced ? 'FENCED' : 'FAILED');
      this.host.logger.warn(`transaction ${method} failed`, {
        transactionalId: this.transactionalId,
        state: this.machine.state,
        error: describeKafkaError(err).message,
      });
      throw this.error(fenced ? 'GP_LOG_TX_FENCED' : 'GP_LOG_TX_FAILED', method, err);
    }
    this.tx = undefined;
    this.machine.transitionTo('READY');
  }

  /**
   * Aborting after a failed write: kafkajs rolls its sequence numbers back when a send
   * fails, but the broker may have written that batch (the response was lost). The next
   * transaction would then reuse those numbers, and a batch of the same length would be
   * acknowledged as a duplicate without being written — silent loss. So the client is
   * replaced instead: a new InitProducerId with the same id aborts the open transaction
   * and bumps the epoch, which starts sequences afresh (what KIP-360 does for Java).
   */
  private async replaceClient(): Promise<void> {
    const old = this.client;
    await old.disconnect().catch(() => undefined);
    this.client = await this.reconnect();
  }

  private async appendInTransaction(tx: TxHandle, topic: string, records: LogRecord[]): Promise<AppendResult> {
    const o = this.host.options;
    try {
      if (records.length === 0) return { ok: true, placements: [] };
      const partitions = await this.host.partitions(topic);
      // Nothing was sent, so the transaction is still whole.
      if (partitions === undefined)
        return { ok: false, code: 'GP_LOG_UNKNOWN_TOPIC', message: `topic "${topic}" does not exist`, retryable: false };
      const placements: Placement[] = [];
      for (const chunk of splitByPartitionBytes(toMessages(records, partitions, o.now()), o.maxBatchBytes)) {
        const [placed] = await sendParts(tx, o, [{ topic, messages: chunk }]);
        placements.push(...placed!);
      }
      return { ok: true, placements };
    } catch (err) {
      const state = this.afterWriteFailure(err);
      const failure = toLogFailure(err, `transactional append to ${topic}`);
      return state === 'FENCED' ? { ...failure, retryable: false } : failure;
    }
  }

  /** A write of the open transaction failed: FENCED, or ABORTABLE (only abort may follow). */
  private afterWriteFailure(err: unknown): TxState {
    const to: TxState = isFencingError(err) ? 'FENCED' : 'ABORTABLE';
    if (this.machine.canTransitionTo(to)) this.machine.transitionTo(to);
    return this.machine.state;
  }

  /** commit/abort/sendOffsets must not overlap an append: they would end a transaction whose content is still changing. */
  private guardExclusive(method: TxMethod): void {
    this.machine.guard(method);
    if (this.pendingAppends > 0)
      throw new TransactionError(
        'GP_LOG_TX_INVALID_STATE',
        `transactional producer: ${method}() while ${this.pendingAppends} append(s) are in flight; await them first`,
        this.machine.state,
      );
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  private error(code: 'GP_LOG_TX_FENCED' | 'GP_LOG_TX_FAILED' | 'GP_LOG_TX_ABORTABLE', method: string, cause: unknown): TransactionError {
    const info = describeKafkaError(cause);
    const what = {
      GP_LOG_TX_FENCED: 'fenced by a newer producer with the same transactional id (or the transaction timed out)',
      GP_LOG_TX_FAILED: 'outcome unknown; close and create a new producer with the same id',
      GP_LOG_TX_ABORTABLE: 'abort the transaction and retry',
    }[code];
    return new TransactionError(
      code,
      `${method}() of "${this.transactionalId}" failed: ${info.type ?? info.name}: ${info.message} (${what})`,
      this.machine.state,
      { cause },
    );
  }
}
