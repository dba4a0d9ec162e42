import { describe, expect, it } from 'vitest';
import { CompressionTypes } from 'kafkajs';
import { compressionType, consumerConfig, consumerRunConfig, kafkaConfig, producerConfig, transactionalProducerConfig } from './config.ts';
import { KafkaLogError } from './errors.ts';
import { resolveKafkaLogOptions } from './options.ts';

describe('log/src/kafka/options and config', () => {
  const o = resolveKafkaLogOptions({ brokers: ['127.0.0.1:19092'] });

  it('documents defaults once: gzip, acks=all idempotent producer with 1 in flight, bounded retries, RF 1', () => {
    expect(o.compression).toBe('gzip');
    expect(compressionType(o)).toBe(CompressionTypes.GZIP);
    expect(o.maxInFlightRequests).toBe(1);
    expect(o.retry).toEqual({ retries: 5, initialRetryTimeMs: 300, maxRetryTimeMs: 30_000, factor: 0.2, multiplier: 2 });
    expect(o.replicationFactor).toBe(1);
    expect(o.topicConfig).toEqual({ 'min.insync.replicas': '1' });
    expect(resolveKafkaLogOptions({ brokers: ['b:1'], replicationFactor: 3 }).topicConfig).toEqual({ 'min.insync.replicas': '2' });
  });

  it('rejects settings that cannot work', () => {
    const bad = [
      { brokers: [] },
      { brokers: ['b:1'], maxInFlightRequests: 6 },
      { brokers: ['b:1'], heartbeatIntervalMs: 30_000, sessionTimeoutMs: 10_000 },
      { brokers: ['b:1'], topicConfig: { 'min.insync.replicas': '2' } },
      { brokers: ['b:1'], compression: 'snappy' as 'gzip' },
      { brokers: ['b:1'], retry: { retries: -1 } },
    ];
    for (const b of bad) expect(() => resolveKafkaLogOptions(b), JSON.stringify(b)).toThrow(KafkaLogError);
  });

  it('producer: idempotent, ≤ 5 in flight, no auto topic creation; transactional: 1 in flight, id and timeout', () => {
    expect(producerConfig(o)).toMatchObject({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 5 },
    });
    expect(transactionalProducerConfig(o, 'tx-1')).toMatchObject({
      idempotent: true,
      transactionalId: 'tx-1',
      transactionTimeout: 60_000,
      maxInFlightRequests: 1,
    });
  });

  it('consumer: read_committed, no auto-commit, manual resolve, one batch at a time', () => {
    expect(consumerConfig(o, { groupId: 'g', topics: ['t'] })).toMatchObject({
      groupId: 'g',
      readUncommitted: false,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100,
    });
    const run = consumerRunConfig(async () => {});
    expect(run).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1 });
  });

  it('client: ms option names mapped to kafkajs, request timeout enforced, ssl/sasl passed through', () => {
    const c = kafkaConfig(
      resolveKafkaLogOptions({
        brokers: ['b:1'],
        ssl: true,
        sasl: { mechanism: 'plain', username: 'u', password: 'p' },
        connectionTimeoutMs: 1234,
      }),
    );
    expect(c).toMatchObject({
      brokers: ['b:1'],
      ssl: true,
      sasl: { mechanism: 'plain' },
      connectionTimeout: 1234,
      requestTimeout: 30_000,
      enforceRequestTimeout: true,
    });
    expect(kafkaConfig(o)).not.toHaveProperty('ssl');
  });
});
