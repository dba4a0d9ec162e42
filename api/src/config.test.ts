import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig } from '@gamepulse/service';
import { QUERY_API_CONFIG, loadQueryApiConfig } from './config.ts';

describe('api/config', () => {
  it('flags win over the environment, which wins over the defaults', () => {
    expect(loadQueryApiConfig({ env: {} })).toEqual({
      store: 'duckdb',
      storePath: '.data/gamepulse.duckdb',
      druidUrl: 'http://127.0.0.1:18082',
      host: '127.0.0.1',
      port: 8090,
    });
    const c = loadQueryApiConfig({
      env: { GAMEPULSE_STORE: 'druid', GAMEPULSE_QUERY_PORT: '9000' },
      argv: ['--port', '9100', '--druid-url', 'http://d:8082', '--config', 'x.json'],
    });
    expect(c).toMatchObject({ store: 'druid', port: 9100, druidUrl: 'http://d:8082' });
  });

  it('an unknown flag or engine is a configuration problem', () => {
    expect(() => loadQueryApiConfig({ env: {}, argv: ['--nope'] })).toThrow(ConfigError);
    expect(() => loadQueryApiConfig({ env: {}, argv: ['--store', 'mysql'] })).toThrow(/store/);
  });

  it('the README configuration reference is the generated one', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')).toContain(describeConfig(QUERY_API_CONFIG));
  });
});
