/**
 * Errors of KafkaLog, and how kafkajs errors map onto our stable codes: the common ones of
 * every log (../errors.ts) and the Kafka log's own, below (log/README.md, "Kafka log").
 *
 * Appends never throw: kafkajs errors become `LogFailure` values whose `retryable` comes
 * from kafkajs's verdict on the root cause (its errors' `retriable` property). kafkajs
 * wraps a retryable cause in `KafkaJSNumberOfRetriesExceeded` (itself marked not
 * retryable: "this client gave up"), but for our caller a broker that was down for the
 * whole retry budget may well be up on its next attempt, so the cause decides.
 */
import { defineErrors, GamepulseError, GRPC_STATUS, type GamepulseErrorOptions } from '@gamepulse/service/errors';
import { LOG_ERRORS } from '../errors.ts';
import type { LogErrorCode, LogFailure } from '../types.ts';

export const KAFKA_LOG_ERRORS = defineErrors(
  { name: 'log-kafka', docsUrl: 'log/README.md#kafka-log' },
  {
    GP_LOG_INVALID_OPTIONS: {
      message: 'KafkaLogOptions or consumer options that cannot work (e.g. maxInFlightRequests > 5 with idempotence)',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
    },
    GP_LOG_INVALID_STATE: {
      message: 'a method called in a state that does not allow it (run twice, use after stop): a bug in the caller',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.FAILED_PRECONDITION,
    },
    GP_LOG_NOT_ASSIGNED: {
      message: 'commit() of a partition this consumer does not own (any more): another member may',
      retryable: false,
      httpStatus: 409,
      grpcStatus: GRPC_STATUS.ABORTED,
    },
    GP_LOG_TOPIC_UNDER_REPLICATED: {
      message:
        'an existing topic has a lower replication factor or min.insync.replicas than configured: the process refuses to use it (raise them with kafka-reassign-partitions / kafka-configs, or configure lower)',
      retryable: false,
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.FAILED_PRECONDITION,
    },
    GP_LOG_CONSUMER_STALLED: {
      message:
        'a consumer held partitions with records waiting but fetched nothing for consumerStallTimeoutMs; it gave up (onFailed) so its owner starts a new one',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
    },
  },
);

export type KafkaLogErrorCode = LogErrorCode | keyof typeof KAFKA_LOG_ERRORS;

const CODES = { ...LOG_ERRORS, ...KAFKA_LOG_ERRORS };

export class KafkaLogError extends GamepulseError<KafkaLogErrorCode> {
  constructor(code: KafkaLogErrorCode, message?: string, options?: GamepulseErrorOptions) {
    super(CODES[code], message, options);
  }
}

/** The fields of a kafkajs error we act on (kafkajs errors are plain JS classes). */
export interface KafkaErrorInfo {
  /** Class name of the root cause, e.g. KafkaJSProtocolError, KafkaJSConnectionError. */
  name: string;
  /** Kafka protocol error type for protocol errors, e.g. NOT_ENOUGH_REPLICAS. */
  type: string | undefined;
  /** Kafka protocol error code, when known. */
  code: number | undefined;
  /** kafkajs's verdict: whether the same request may succeed later. */
  retryable: boolean;
  message: string;
}

/** A thrown value as kafkajs shapes its errors (`retriable` is kafkajs's property). */
interface ErrorLike {
  name?: unknown;
  type?: unknown;
  code?: unknown;
  retriable?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The deepest `cause` (kafkajs chains retries-exceeded → non-retryable → protocol error). */
function rootCause(err: unknown): ErrorLike | undefined {
  let cur = err as ErrorLike | undefined;
  for (let depth = 0; depth < 10 && cur && typeof cur === 'object'; depth++) {
    const next = cur.cause as ErrorLike | undefined;
    if (!next || typeof next !== 'object' || next === cur) break;
    cur = next;
  }
  return cur && typeof cur === 'object' ? cur : undefined;
}

export function describeKafkaError(err: unknown): KafkaErrorInfo {
  const root = rootCause(err);
  if (!root) return { name: typeof err, type: undefined, code: undefined, retryable: false, message: String(err) };
  const name = typeof root.name === 'string' ? root.name : 'Error';
  const isKafkaJs = name.startsWith('KafkaJS');
  return {
    name,
    type: typeof root.type === 'string' ? root.type : undefined,
    code: typeof root.code === 'number' ? root.code : undefined,
    // kafkajs's retry helper treats "no flag" as retryable; a non-kafkajs error (a bug
    // such as a TypeError) is not.
    retryable: isKafkaJs ? root.retriable !== false : root.retriable === true,
    message: typeof root.message === 'string' ? root.message : errorMessage(root),
  };
}

/** Protocol error types (kafkajs names, see kafkajs src/protocol/error.js) with a code of ours. */
const CODE_BY_TYPE: Readonly<Record<string, LogErrorCode>> = {
  MESSAGE_TOO_LARGE: 'GP_LOG_RECORD_TOO_LARGE',
  RECORD_LIST_TOO_LARGE: 'GP_LOG_RECORD_TOO_LARGE',
  INVALID_RECORD: 'GP_LOG_RECORD_TOO_LARGE',
  UNKNOWN_TOPIC_OR_PARTITION: 'GP_LOG_UNKNOWN_TOPIC',
  REQUEST_TIMED_OUT: 'GP_LOG_TIMEOUT',
  KAFKA_STORAGE_ERROR: 'GP_LOG_IO',
  CORRUPT_MESSAGE: 'GP_LOG_IO',
};

/** kafkajs client-side error classes with a code of ours; everything else is UNAVAILABLE. */
const CODE_BY_NAME: Readonly<Record<string, LogErrorCode>> = {
  KafkaJSRequestTimeoutError: 'GP_LOG_TIMEOUT',
  KafkaJSTimeout: 'GP_LOG_TIMEOUT',
  KafkaJSLockTimeout: 'GP_LOG_TIMEOUT',
};

/**
 * Errors after which kafkajs's idempotent producer cannot continue: its sequence numbers
 * (or producer id) no longer match the broker's — e.g. a send timed out after the broker
 * wrote it and kafkajs rolled its sequence back, so the next, different batch reuses the
 * numbers. kafkajs never recovers from these by itself; a fresh producer (new id) does.
 */
const PRODUCER_RESET_TYPES = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_ID_MAPPING',
  'INVALID_PRODUCER_EPOCH',
  'DUPLICATE_SEQUENCE_NUMBER',
]);

export function needsProducerReset(err: unknown): boolean {
  const { type } = describeKafkaError(err);
  return type !== undefined && PRODUCER_RESET_TYPES.has(type);
}

/**
 * Fencing (KIP-98): a newer producer with the same transactional id bumped the epoch.
 * Brokers answer kafkajs's old request versions with INVALID_PRODUCER_EPOCH; newer
 * versions say PRODUCER_FENCED (code 90, KIP-588), which kafkajs 2.2.4 does not know by
 * name, so the code is checked too.
 */
const PRODUCER_FENCED_CODE = 90;

export function isFencingError(err: unknown): boolean {
  const { type, message } = describeKafkaError(err);
  if (type === 'INVALID_PRODUCER_EPOCH' || type === 'PRODUCER_FENCED') return true;
  return type === 'KAFKAJS_UNKNOWN_ERROR_CODE' && message.endsWith(` ${PRODUCER_FENCED_CODE}`);
}

export function toLogFailure(err: unknown, context = ''): LogFailure {
  const info = describeKafkaError(err);
  let code: LogErrorCode = (info.type && CODE_BY_TYPE[info.type]) || CODE_BY_NAME[info.name] || 'GP_LOG_UNAVAILABLE';
  let retryable = info.retryable;
  if (err instanceof KafkaLogError) {
    code = Object.hasOwn(LOG_ERRORS, err.code) ? (err.code as LogErrorCode) : 'GP_LOG_UNAVAILABLE';
    retryable = err.retryable;
  } else if (needsProducerReset(err)) {
    // The producer is replaced before the next append, which can then succeed.
    retryable = true;
  }
  const detail = info.type ? `${info.type}: ${info.message}` : `${info.name}: ${info.message}`;
  return { ok: false, code, message: context ? `${context}: ${detail}` : detail, retryable };
}

/** For thrown errors outside append (admin calls, consumer start). */
export function toKafkaLogError(err: unknown, context: string): KafkaLogError {
  if (err instanceof KafkaLogError) return err;
  const f = toLogFailure(err, context);
  return new KafkaLogError(f.code, f.message, { retryable: f.retryable, cause: err });
}

/** Group membership errors (kafkajs names) seen on a heartbeat. */
export type MembershipSignal =
  /** The group is rebalancing and waits for this member to rejoin: it still owns its partitions. */
  | 'rebalance'
  /** This member's generation is gone (evicted, or the group moved on): others may own its partitions. */
  | 'lost'
  | 'none';

export function membershipSignal(err: unknown): MembershipSignal {
  const { type } = describeKafkaError(err);
  if (type === 'REBALANCE_IN_PROGRESS') return 'rebalance';
  if (
    type === 'ILLEGAL_GENERATION' ||
    type === 'UNKNOWN_MEMBER_ID' ||
    type === 'NOT_COORDINATOR_FOR_GROUP' ||
    type === 'FENCED_INSTANCE_ID'
  )
    return 'lost';
  return 'none';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
