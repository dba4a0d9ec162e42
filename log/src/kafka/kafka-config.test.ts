import { describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@gamepulse/service';
import { KAFKA_CONFIG, KAFKA_CONSUMER_CONFIG, kafkaLogOptionsFromConfig } from './kafka-config.ts';
import { resolveKafkaLogOptions } from './options.ts';

describe('log/src/kafka/kafka-config', () => {
  const spec = { ...KAFKA_CONFIG, ...KAFKA_CONSUMER_CONFIG };

  it('the fragment defaults are KafkaLogOptions defaults: an unconfigured process gets what openKafkaLog would choose', () => {
    const fromConfig = resolveKafkaLogOptions(kafkaLogOptionsFromConfig(loadConfig(spec, { env: {} }), { defaultClientId: 'gamepulse' }));
    const bare = resolveKafkaLogOptions({ brokers: ['127.0.0.1:19092'] });
    for (const key of [
      'brokers',
      'clientId',
      'ssl',
      'sasl',
      'connectionTimeoutMs',
      'requestTimeoutMs',
      'replicationFactor',
      'topicConfig',
      'sessionTimeoutMs',
      'heartbeatIntervalMs',
      'rebalanceTimeoutMs',
    ] as const)
      expect(fromConfig[key], key).toEqual(bare[key]);
  });

  it('min.insync.replicas 0 follows the replication factor; a value is passed as the topic config', () => {
    const rf3 = kafkaLogOptionsFromConfig(loadConfig(spec, { env: { GAMEPULSE_KAFKA_REPLICATION_FACTOR: '3' } }), { defaultClientId: 'x' });
    expect(resolveKafkaLogOptions(rf3).topicConfig).toEqual({ 'min.insync.replicas': '2' });
    const set = kafkaLogOptionsFromConfig(
      loadConfig(spec, { env: { GAMEPULSE_KAFKA_REPLICATION_FACTOR: '3', GAMEPULSE_KAFKA_MIN_INSYNC_REPLICAS: '3' } }),
      { defaultClientId: 'x' },
    );
    expect(resolveKafkaLogOptions(set).topicConfig).toEqual({ 'min.insync.replicas': '3' });
  });

  it('KafkaLog lines go to the service logger as `kafka: <message>`', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 't', write: (l) => void lines.push(l) });
    const o = kafkaLogOptionsFromConfig(loadConfig(spec, { env: {} }), { defaultClientId: 'x', logger });
    o.logger!({ level: 'warn', namespace: 'Producer', message: 'slow', fields: { broker: 'b:1' } });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'kafka: slow', namespace: 'Producer', broker: 'b:1' });
  });
});
