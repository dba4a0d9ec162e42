import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig } from '@gamepulse/service';
import { PROCESSOR_CONFIG, loadProcessorConfig, processorKafkaOptions } from './config.ts';

describe('processor/config', () => {
  it('defaults: embedded log in .data/log, DuckDB in .data, port 8081', () => {
    expect(loadProcessorConfig({ env: {} })).toMatchObject({
      logKind: 'embedded',
      logDir: '.data/log',
      topicPrefix: 'gamepulse',
      storePath: '.data/gamepulse.duckdb',
      port: 8081,
      groupId: 'processor',
    });
  });

  it('Kafka mode: the topics it creates are configured (compacted changelog) and Kafka settings are checked', () => {
    const config = loadProcessorConfig({
      env: { GAMEPULSE_LOG_KIND: 'kafka', GAMEPULSE_TOPIC_PREFIX: 'p', GAMEPULSE_KAFKA_TRANSACTION_TIMEOUT_MS: '30000' },
    });
    const options = processorKafkaOptions(config);
    expect(options.transactionTimeoutMs).toBe(30_000);
    expect(options.topicConfigs?.['p.processor.changelog.v1']).toEqual({
      'cleanup.policy': 'compact',
      'message.timestamp.type': 'LogAppendTime',
    });
    expect(options.topicConfigs?.['p.rollups.v1']).toEqual({ 'message.timestamp.type': 'LogAppendTime' });
    expect(() => loadProcessorConfig({ env: { GAMEPULSE_LOG_KIND: 'kafka', GAMEPULSE_KAFKA_BROKERS: '' } })).toThrow(ConfigError);
  });

  it('the README configuration reference is the generated one', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')).toContain(describeConfig(PROCESSOR_CONFIG));
  });
});
