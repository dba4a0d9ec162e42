import { describe, expect, it } from 'vitest';
import { ConfigError } from '@gamepulse/service';
import { loadCollectorConfig } from './config.ts';

describe('collector/config', () => {
  it('defaults: loopback, 8080/50051, dev key for demo, 1 MiB / 8 MiB, embedded log in .data/log', () => {
    const c = loadCollectorConfig({ env: {} });
    expect(c).toMatchObject({
      host: '127.0.0.1',
      httpPort: 8080,
      grpcPort: 50051,
      maxBodyBytes: 1024 * 1024,
      maxDecompressedBytes: 8 * 1024 * 1024,
      maxCompressionRatio: 100,
      logKind: 'embedded',
      logDir: '.data/log',
      topicPrefix: 'gamepulse',
    });
    expect(c.keys).toEqual([{ secret: 'dev-key', gameId: 'demo', keyId: 'dev' }]);
  });

  it('environment overrides defaults; ports may be 0', () => {
    const c = loadCollectorConfig({
      env: { GAMEPULSE_COLLECTOR_HTTP_PORT: '0', GAMEPULSE_COLLECTOR_GRPC_PORT: '0', GAMEPULSE_COLLECTOR_KEYS: 'a=g1:k1, b=g2:k2' },
    });
    expect([c.httpPort, c.grpcPort]).toEqual([0, 0]);
    expect(c.keys.map((k) => k.secret)).toEqual(['a', 'b']);
  });

  it('reports every problem at once, key entries and cross-field rules included', () => {
    let error: unknown;
    try {
      loadCollectorConfig({
        env: {},
        overrides: { keys: ['broken'], maxBodyBytes: 4 * 1024 * 1024, maxDecompressedBytes: 2 * 1024 * 1024 },
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringContaining('keys[0]'), expect.stringContaining('maxDecompressedBytes')]);
    expect(() => loadCollectorConfig({ env: {}, overrides: { keys: [] } })).toThrow(/at least one ingest key/);
    expect(() => loadCollectorConfig({ env: {}, overrides: { trustedProxies: ['10.0.0.0/33', 'nope'] } })).toThrow(/trustedProxies/);
    expect(() => loadCollectorConfig({ env: { GAMEPULSE_LOG_KIND: 'kafka', GAMEPULSE_KAFKA_BROKERS: '' } })).toThrow(/kafkaBrokers/);
  });
});
