/**
 * A capability some `Log`s have: a transactional producer, for exactly-once processors
 * (consume → transform → produce, with the input offsets committed in the same
 * transaction: KIP-98 / KIP-129's consume-transform-produce loop).
 *
 * How a processor uses it so that nothing is counted twice, even when a partition is
 * briefly processed by two members during a rebalance or by a "zombie" (a paused or
 * partitioned instance that still believes it owns its input):
 *
 *  1. One transactional id per INPUT partition, stable across restarts and members:
 *     `transactionalIdFor(groupId, topic, partition)`. Whoever processes a partition
 *     creates its producer with that id; creating it fences every older producer with
 *     the same id (its next write, offset commit or commit fails with FENCED) and
 *     completes or aborts that producer's open transaction. This is the pre-KIP-447
 *     pattern; it is what works with kafkajs, whose TxnOffsetCommit (v1) carries no
 *     group generation, so the broker cannot fence zombies by generation.
 *  2. In `onAssigned`: first create (initialize) the partition's producer, THEN read the
 *     group's committed offset (`log.committed`) and return it. In that order the read
 *     sees the last transaction of any previous owner settled (committed or aborted).
 *  3. Per transaction: begin → append outputs → sendOffsets(groupId, next input
 *     offsets) → commit. Consumers of the outputs read committed only (KafkaLog always
 *     does), so an aborted or fenced transaction's records are never seen.
 *  4. On FENCED: stop processing that partition and drop its in-memory state; another
 *     instance owns it. On FAILED (the commit's outcome is unknown) or after an abort:
 *     discard in-memory state, close, create a new producer with the same id and
 *     restart the partition from `log.committed` (the committed offsets say exactly
 *     which outputs are in).
 */
import { defineErrors, GamepulseError, GRPC_STATUS, type GamepulseErrorOptions } from '@gamepulse/service/errors';
import type { AppendResult, Log, LogRecord, TopicPartitionOffset } from './types.ts';

/**
 * Lifecycle of a transactional producer. The valid transitions are a table
 * (`log/src/kafka/transaction-state.ts`):
 *
 *   READY ──begin──▶ IN_TRANSACTION ──commit──▶ COMMITTING ──▶ READY
 *                      │   │  ▲ append/sendOffsets ok   └──▶ FENCED | FAILED
 *                      │   └─abort──▶ ABORTING ──▶ READY | FENCED | FAILED
 *     append/sendOffsets failed ──▶ ABORTABLE ──abort──▶ ABORTING
 *   any write refused as fenced ──▶ FENCED (terminal)      close() ──▶ CLOSED
 */
export type TxState =
  /** No transaction open; `begin()` may be called. */
  | 'READY'
  /** A transaction is open: append, sendOffsets, commit or abort. */
  | 'IN_TRANSACTION'
  /** A write of the open transaction failed: its outputs may be partial, so only `abort()` is allowed. */
  | 'ABORTABLE'
  | 'COMMITTING'
  | 'ABORTING'
  /**
   * Another producer with the same transactional id took over (zombie fencing, KIP-98),
   * or the broker aborted the transaction for exceeding its timeout. Terminal: this
   * instance no longer owns the id. Nothing of the open transaction becomes visible.
   */
  | 'FENCED'
  /**
   * Commit or abort failed without a verdict (broker unreachable, timeout). Terminal
   * for this object: the transaction may or may not have committed. Close it and create
   * a new producer with the same id — its initialization settles the open transaction —
   * then resume from the committed offsets.
   */
  | 'FAILED'
  | 'CLOSED';

/** The transactional producer's codes (log/README.md, "Transactions"). */
export const TRANSACTION_ERRORS = defineErrors(
  { name: 'log-transactions', docsUrl: 'log/README.md#transactions' },
  {
    GP_LOG_TX_INVALID_STATE: {
      message: 'a transactional producer method called in a state that does not allow it: a bug in the caller',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.FAILED_PRECONDITION,
    },
    GP_LOG_TX_FENCED: {
      message:
        'another producer with the same transactional id took over (or the broker aborted the transaction); this instance no longer owns the id',
      retryable: false,
      httpStatus: 409,
      grpcStatus: GRPC_STATUS.ABORTED,
    },
    GP_LOG_TX_ABORTABLE: {
      message: 'a write inside the transaction failed; abort it and redo the work',
      retryable: true,
      httpStatus: 409,
      grpcStatus: GRPC_STATUS.ABORTED,
    },
    GP_LOG_TX_FAILED: {
      message:
        'commit or abort failed without a verdict; close the producer, create a new one with the same id and resume from the committed offsets',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
    GP_LOG_TX_INIT_FAILED: {
      message: 'the transactional producer could not be created (broker unreachable)',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
  },
);

export type TransactionErrorCode = keyof typeof TRANSACTION_ERRORS;

/** `retryable`: whether retrying (after abort, or with a new producer for FAILED) can succeed. */
export class TransactionError extends GamepulseError<TransactionErrorCode> {
  constructor(
    code: TransactionErrorCode,
    message: string,
    /** The producer's state after the failure. */
    readonly state: TxState,
    options?: GamepulseErrorOptions,
  ) {
    super(TRANSACTION_ERRORS[code], message, options);
  }
}

export interface TransactionalProducer {
  /** The transactional id this producer owns (until fenced). */
  readonly transactionalId: string;
  /** Opens a transaction. Only in READY. */
  begin(): Promise<void>;
  /**
   * Appends inside the open transaction (partitioned with `partitionForKey`, like
   * `LogProducer.append`). Broker failures come back as a `LogFailure` value and move
   * the producer to ABORTABLE (or FENCED); the records become visible only on commit.
   */
  append(topic: string, records: LogRecord[]): Promise<AppendResult>;
  /** Adds the group's next input offsets to the transaction (committed with it). Throws TransactionError. */
  sendOffsets(groupId: string, offsets: TopicPartitionOffset[]): Promise<void>;
  /** Commits outputs and offsets atomically. Throws TransactionError (FENCED, FAILED). */
  commit(): Promise<void>;
  /** Aborts: no output of the transaction becomes visible, offsets stay. Throws TransactionError. */
  abort(): Promise<void>;
  /** Aborts an open transaction (best effort) and disconnects. Safe to call twice. */
  close(): Promise<void>;
  state(): TxState;
}

export interface TransactionalProducerOptions {
  /**
   * Stable across restarts; one per input partition (see `transactionalIdFor`). Two live
   * producers with the same id fence each other: the newer wins.
   */
  transactionalId: string;
}

/** A `Log` that can also produce transactionally (KafkaLog). */
export type TransactionalLog = Log & {
  transactionalProducer(opts: TransactionalProducerOptions): Promise<TransactionalProducer>;
};

export function isTransactionalLog(log: Log): log is TransactionalLog {
  return typeof (log as Partial<TransactionalLog>).transactionalProducer === 'function';
}

/** The transactional id of the processor instance that owns one input partition (rule 1 above). */
export function transactionalIdFor(groupId: string, topic: string, partition: number): string {
  return `${groupId}.${topic}.${partition}`;
}
