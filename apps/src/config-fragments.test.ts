/**
 * The processes share their log and Kafka settings through the fragments of
 * @gamepulse/log: each spec holds the fragment's fields themselves (same keys, variables,
 * defaults, docs), and one configuration reaches every Kafka client the same way —
 * TLS and SASL included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLECTOR_CONFIG, collectorKafkaOptions, loadCollectorConfig } from '@gamepulse/collector';
import { LOADER_CONFIG, loadLoaderConfig, loaderKafkaOptions } from '@gamepulse/loader';
import { KAFKA_CONFIG, KAFKA_CONSUMER_CONFIG, LOG_CONFIG, TOPIC_CONFIG, kafkajsClientConfig, type KafkaLogOptions } from '@gamepulse/log';
import { PROCESSOR_CONFIG, loadProcessorConfig, processorKafkaOptions } from '@gamepulse/processor';
import { ConfigError, type ConfigSpec } from '@gamepulse/service';

const SPECS: Record<string, ConfigSpec> = { collector: COLLECTOR_CONFIG, processor: PROCESSOR_CONFIG, loader: LOADER_CONFIG };
const FRAGMENTS: Record<string, { fragment: ConfigSpec; in: string[] }> = {
  KAFKA_CONFIG: { fragment: KAFKA_CONFIG, in: ['collector', 'processor', 'loader'] },
  TOPIC_CONFIG: { fragment: TOPIC_CONFIG, in: ['collector', 'processor', 'loader'] },
  LOG_CONFIG: { fragment: LOG_CONFIG, in: ['collector', 'processor'] },
  KAFKA_CONSUMER_CONFIG: { fragment: KAFKA_CONSUMER_CONFIG, in: ['processor', 'loader'] },
};
/** Kafka keys that belong to one process only. */
const OWN_KAFKA_KEYS = new Set(['processor.kafkaTransactionTimeoutMs']);

const dir = mkdtempSync(join(tmpdir(), 'gp-kafka-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pem(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `-----BEGIN ${body}-----\n${name}\n-----END ${body}-----\n`);
  return path;
}

const TLS_SASL_ENV = {
  GAMEPULSE_LOG_KIND: 'kafka',
  GAMEPULSE_KAFKA_BROKERS: 'b1.example:9093,b2.example:9093',
  GAMEPULSE_KAFKA_CLIENT_ID: 'game-a',
  GAMEPULSE_KAFKA_SSL_CA_FILE: pem('ca.pem', 'CERTIFICATE'),
  GAMEPULSE_KAFKA_SSL_CERT_FILE: pem('client.pem', 'CERTIFICATE'),
  GAMEPULSE_KAFKA_SSL_KEY_FILE: pem('client.key', 'PRIVATE KEY'),
  GAMEPULSE_KAFKA_SASL_MECHANISM: 'scram-sha-512',
  GAMEPULSE_KAFKA_SASL_USERNAME: 'gamepulse',
  GAMEPULSE_KAFKA_SASL_PASSWORD: 's3cret',
  GAMEPULSE_KAFKA_CONNECTION_TIMEOUT_MS: '5000',
  GAMEPULSE_KAFKA_REQUEST_TIMEOUT_MS: '20000',
  GAMEPULSE_KAFKA_REPLICATION_FACTOR: '3',
  GAMEPULSE_KAFKA_MIN_INSYNC_REPLICAS: '2',
};

function optionsOfEach(env: NodeJS.ProcessEnv): Record<string, KafkaLogOptions> {
  return {
    collector: collectorKafkaOptions(loadCollectorConfig({ env })),
    processor: processorKafkaOptions(loadProcessorConfig({ env })),
    loader: loaderKafkaOptions(loadLoaderConfig({ env })),
  };
}

/** The kafkajs client configuration, without the per-instance log callback. */
function clientConfig(options: KafkaLogOptions) {
  const { logCreator, ...rest } = kafkajsClientConfig(options);
  expect(typeof logCreator).toBe('function');
  return rest;
}

describe('apps/config-fragments: the log and Kafka settings are defined once', () => {
  it('each spec holds the fragments’ fields themselves', () => {
    for (const [fragmentName, { fragment, in: users }] of Object.entries(FRAGMENTS)) {
      for (const user of users) {
        for (const [key, field] of Object.entries(fragment)) expect(SPECS[user]![key], `${user}.${key} (${fragmentName})`).toBe(field);
      }
    }
  });

  it('no spec has Kafka, log or topic settings of its own beside the fragments', () => {
    const shared = new Map<string, unknown>(Object.values(FRAGMENTS).flatMap(({ fragment }) => Object.entries(fragment)));
    const sharedEnv = new Set([...shared.values()].map((f) => (f as { env: string }).env));
    const own: string[] = [];
    for (const [name, spec] of Object.entries(SPECS)) {
      for (const [key, field] of Object.entries(spec)) {
        const looksShared = /^GAMEPULSE_(KAFKA|LOG|TOPIC)_/.test(field.env) || sharedEnv.has(field.env);
        if (looksShared && shared.get(key) !== field && !OWN_KAFKA_KEYS.has(`${name}.${key}`)) own.push(`${name}.${key} (${field.env})`);
      }
    }
    expect(own).toEqual([]);
  });

  it('a TLS + SASL configuration yields the same kafkajs client options in the collector, the processor and the loader', () => {
    const options = optionsOfEach(TLS_SASL_ENV);
    const collector = clientConfig(options.collector!);
    /* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any */
    expect(collector).toMatchObject({
      clientId: 'game-a',
      brokers: ['b1.example:9093', 'b2.example:9093'],
      ssl: {
        ca: [expect.stringContaining('ca.pem')],
        cert: expect.stringContaining('client.pem'),
        key: expect.stringContaining('client.key'),
      },
      sasl: { mechanism: 'scram-sha-512', username: 'gamepulse', password: 's3cret' },
      connectionTimeout: 5000,
      requestTimeout: 20000,
    });
    /* eslint-enable @typescript-eslint/no-unsafe-assignment */
    expect(clientConfig(options.processor!)).toEqual(collector);
    expect(clientConfig(options.loader!)).toEqual(collector);
    // Topic durability of what each creates.
    for (const o of Object.values(options)) expect([o.replicationFactor, o.topicConfig]).toEqual([3, { 'min.insync.replicas': '2' }]);
  });

  it('TLS on its own uses the system CAs; without TLS or SASL nothing is set; client ids default per process', () => {
    for (const o of Object.values(optionsOfEach({ GAMEPULSE_LOG_KIND: 'kafka', GAMEPULSE_KAFKA_SSL: 'true' })))
      expect([o.ssl, o.sasl]).toEqual([true, undefined]);
    const plain = optionsOfEach({ GAMEPULSE_LOG_KIND: 'kafka' });
    for (const o of Object.values(plain))
      expect([o.ssl, o.sasl, o.brokers, o.topicConfig]).toEqual([undefined, undefined, ['127.0.0.1:19092'], undefined]);
    expect([plain.collector!.clientId, plain.processor!.clientId, plain.loader!.clientId]).toEqual([
      'gamepulse-collector',
      `gamepulse-processor-${process.pid}`,
      `gamepulse-loader-${process.pid}`,
    ]);
    // The consumers' group timings reach both consumers.
    const timed = optionsOfEach({
      GAMEPULSE_LOG_KIND: 'kafka',
      GAMEPULSE_KAFKA_SESSION_TIMEOUT_MS: '6000',
      GAMEPULSE_KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    });
    for (const o of [timed.processor!, timed.loader!])
      expect([o.sessionTimeoutMs, o.heartbeatIntervalMs, o.rebalanceTimeoutMs]).toEqual([6000, 500, 60_000]);
  });

  it('every process refuses the same broken Kafka settings, each problem listed', () => {
    const env = {
      GAMEPULSE_LOG_KIND: 'kafka',
      GAMEPULSE_KAFKA_SASL_MECHANISM: 'plain',
      GAMEPULSE_KAFKA_SSL_CERT_FILE: join(dir, 'missing.pem'),
      GAMEPULSE_KAFKA_MIN_INSYNC_REPLICAS: '2',
    };
    const problems = (load: () => unknown) => {
      try {
        load();
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
      }
      throw new Error('expected a ConfigError');
    };
    const collector = problems(() => loadCollectorConfig({ env }));
    expect(collector).toEqual([
      'kafkaSaslMechanism needs kafkaSaslUsername and kafkaSaslPassword',
      'kafkaSslCertFile and kafkaSslKeyFile go together (mutual TLS)',
      expect.stringMatching(/^kafkaSslCertFile: cannot read .*missing\.pem: ENOENT$/),
      expect.stringContaining('kafkaMinInsyncReplicas (2) exceeds kafkaReplicationFactor (1)'),
    ]);
    expect(problems(() => loadProcessorConfig({ env }))).toEqual(collector);
    expect(problems(() => loadLoaderConfig({ env }))).toEqual(collector);
    // The embedded log does not need Kafka settings.
    expect(() => loadProcessorConfig({ env: { ...env, GAMEPULSE_LOG_KIND: 'embedded' } })).not.toThrow();
  });
});
