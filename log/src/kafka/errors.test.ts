import { describe, expect, it } from 'vitest';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from 'kafkajs';
import { describeKafkaError, isFencingError, KAFKA_LOG_ERROR_CODES, KafkaLogError, membershipSignal, needsProducerReset, toLogFailure, type KafkaLogErrorCode } from './errors.ts';

/** kafkajs's typings omit the second constructor argument its JS takes. */
const retriesExceeded = (cause: Error, info: { retryCount: number; retryTime: number }) =>
  new (KafkaJSNumberOfRetriesExceeded as unknown as new (e: Error, i: object) => Error)(cause, info);

const protocol = (type: string, code: number, retriable: boolean) => new KafkaJSProtocolError({ type, code, retriable, message: `${type} message` } as unknown as Error);
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
    const unnamed = new KafkaJSProtocolError({ type: 'KAFKAJS_UNKNOWN_ERROR_CODE', code: -99, retriable: false, message: 'Unknown error code 90' } as unknown as Error);
    expect(isFencingError(unnamed)).toBe(true);
    expect(isFencingError(protocol('CONCURRENT_TRANSACTIONS', 51, true))).toBe(false);
  });

  it('keeps a KafkaLogError code and flag', () => {
    expect(toLogFailure(new KafkaLogError('GP_LOG_CLOSED', 'closed'))).toMatchObject({ code: 'GP_LOG_CLOSED', retryable: false });
    expect(toLogFailure(new KafkaLogError('GP_LOG_NOT_ASSIGNED', 'x', false))).toMatchObject({ code: 'GP_LOG_UNAVAILABLE' });
  });

  it('classifies heartbeat errors: rebalance (still owned) vs lost', () => {
    expect(membershipSignal(protocol('REBALANCE_IN_PROGRESS', 27, false))).toBe('rebalance');
    expect(membershipSignal(protocol('ILLEGAL_GENERATION', 22, false))).toBe('lost');
    expect(membershipSignal(protocol('UNKNOWN_MEMBER_ID', 25, false))).toBe('lost');
    expect(membershipSignal(new KafkaJSConnectionError('x'))).toBe('none');
  });

  it('documents every code', () => {
    const codes: KafkaLogErrorCode[] = ['GP_LOG_CLOSED', 'GP_LOG_UNKNOWN_TOPIC', 'GP_LOG_RECORD_TOO_LARGE', 'GP_LOG_IO', 'GP_LOG_TIMEOUT', 'GP_LOG_UNAVAILABLE', 'GP_LOG_INVALID_OPTIONS', 'GP_LOG_INVALID_STATE', 'GP_LOG_NOT_ASSIGNED'];
    for (const c of codes) expect(KAFKA_LOG_ERROR_CODES[c]?.length, c).toBeGreaterThan(10);
    expect(Object.keys(KAFKA_LOG_ERROR_CODES).sort()).toEqual([...codes].sort());
  });
});
