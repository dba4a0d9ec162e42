import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeConfig, loadConfig } from '@gamepulse/service';
import { describe, expect, it } from 'vitest';
import { ALERTS_CONFIG } from './config.ts';

describe('alerts configuration', () => {
  it('the README configuration reference is the generated one', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')).toContain(describeConfig(ALERTS_CONFIG));
  });

  it('reads Alertmanager URLs as a list from the environment', () => {
    const c = loadConfig(ALERTS_CONFIG, { env: { GAMEPULSE_ALERTMANAGER_URLS: 'http://am-0:9093,http://am-1:9093' } });
    expect(c.alertmanagerUrls).toEqual(['http://am-0:9093', 'http://am-1:9093']);
    expect(c.alertRules).toBe('config/alert-rules.yml');
  });
});
