import { describe, expect, it } from 'vitest';
import { GamepulseError } from '@gamepulse/service/errors';
import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from 'kafkajs';
import { describeKafkaError, isFencingError, KafkaLogError, membershipSignal, needsProducerReset, toLogFailure } from './errors.ts';

/** kafkajs's typings omit the second constructor argument its JS takes. */
const retriesExceeded = (cause: Error, info: { retryCount: number; retryTime: number }) =>
  new (KafkaJSNumberOfRetriesExceeded as unknown as new (e: Error, i: object) => Error)(cause, info);

/** A kafkajs protocol error; `retriable` is kafkajs's own property. */
const protocol = (type: string, code: number, retryable: boolean) =>
  new KafkaJSProtocolError({ type, code, retriable: retryable, message: `${type} message` } as unknown as Error);
const exhausted = (cause: Error) => retriesExceeded(cause, { retryCount: 5, retryTime: 100 });
const bailed = (cause: Error) => new (KafkaJSNonRetriableError as unknown as new (e: Error, o: object) => Error)(cause, { cause });

describe('log/src/kafka/errors: kafkajs errors → LogFailure', () => {
  it('takes retryable from the root cause, not from the retries-exceeded wrapper', () => {
    const down = exhausted(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:19092'));
    expect(describeKafkaError(down).name).toBe('KafkaJSConnectionError');
    expect(toLogFailure(down)).toMatchObject({ ok: false, code: 'GP_LOG_UNAVAILABLE', retryable: true });
  });

  it.each([
    [protocol('MESSAGE_TOO_LARGE', 10, false), 'GP_LOG_RECORD_TOO_LARGE', false],
    [bailed(protocol('RECORD_LIST_TOO_LARGE', 18, false)), 'GP_LOG_RECORD_TOO_LARGE', false],
    [exhausted(protocol('NOT_ENOUGH_REPLICAS', 19, true)), 'GP_LOG_UNAVAILABLE', true],
    [exhausted(protocol('REQUEST_TIMED_OUT', 7, true)), 'GP_LOG_TIMEOUT', true],
    [exhausted(new KafkaJSRequestTimeoutError('Request produce(key: 0, version: 7) timed out')), 'GP_LOG_TIMEOUT', true],
    [exhausted(protocol('UNKNOWN_TOPIC_OR_PARTITION', 3, true)), 'GP_LOG_UNKNOWN_TOPIC', true],
    [exhausted(protocol('LEADER_NOT_AVAILABLE', 5, true)), 'GP_LOG_UNAVAILABLE', true],
    [protocol('KAFKA_STORAGE_ERROR', 56, true), 'GP_LOG_IO', true],
    [new TypeError('a bug'), 'GP_LOG_UNAVAILABLE', false],
  ] as const)('%s → %s (retryable %s)', (err, code, retryable) => {
    expect(toLogFailure(err)).toMatchObject({ ok: false, code, retryable });
  });

  it('idempotence desyncs are retryable (the producer is replaced) and flagged for reset', () => {
    const ooo = bailed(protocol('OUT_OF_ORDER_SEQUENCE_NUMBER', 45, false));
    expect(needsProducerReset(ooo)).toBe(true);
    expect(toLogFailure(ooo).retryable).toBe(true);
    expect(needsProducerReset(protocol('NOT_ENOUGH_REPLICAS', 19, true))).toBe(false);
  });

  it('recognizes fencing: INVALID_PRODUCER_EPOCH, and PRODUCER_FENCED (code 90) which kafkajs does not name', () => {
    expect(isFencingError(bailed(protocol('INVALID_PRODUCER_EPOCH', 47, false)))).toBe(true);
    const unnamed = new KafkaJSProtocolError({
      type: 'KAFKAJS_UNKNOWN_ERROR_CODE',
      code: -99,
      retriable: false,
      message: 'Unknown error code 90',
    } as unknown as Error);
    expect(isFencingError(unnamed)).toBe(true);
    expect(isFencingError(protocol('CONCURRENT_TRANSACTIONS', 51, true))).toBe(false);
  });

  it('keeps a KafkaLogError code and flag', () => {
    expect(toLogFailure(new KafkaLogError('GP_LOG_CLOSED', 'closed'))).toMatchObject({ code: 'GP_LOG_CLOSED', retryable: false });
    expect(toLogFailure(new KafkaLogError('GP_LOG_TIMEOUT', 'slow', { retryable: false }))).toMatchObject({
      code: 'GP_LOG_TIMEOUT',
      retryable: false,
    });
    expect(toLogFailure(new KafkaLogError('GP_LOG_NOT_ASSIGNED', 'x'))).toMatchObject({ code: 'GP_LOG_UNAVAILABLE', retryable: false });
  });

  it("a KafkaLogError is a GamepulseError with its code's statuses and docs", () => {
    const err = new KafkaLogError('GP_LOG_NOT_ASSIGNED', 'revoked');
    expect(err).toBeInstanceOf(GamepulseError);
    expect(err).toMatchObject({
      name: 'KafkaLogError',
      code: 'GP_LOG_NOT_ASSIGNED',
      retryable: false,
      httpStatus: 409,
      docsUrl: 'log/README.md#kafka-log',
    });
    expect(new KafkaLogError('GP_LOG_UNAVAILABLE')).toMatchObject({ retryable: true, httpStatus: 503, docsUrl: 'log/README.md#every-log' });
  });

  it('classifies heartbeat errors: rebalance (still owned) vs lost', () => {
    expect(membershipSignal(protocol('REBALANCE_IN_PROGRESS', 27, false))).toBe('rebalance');
    expect(membershipSignal(protocol('ILLEGAL_GENERATION', 22, false))).toBe('lost');
    expect(membershipSignal(protocol('UNKNOWN_MEMBER_ID', 25, false))).toBe('lost');
    expect(membershipSignal(new KafkaJSConnectionError('x'))).toBe('none');
  });
});
