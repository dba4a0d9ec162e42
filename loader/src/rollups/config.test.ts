import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig } from '@gamepulse/service';
import { LOADER_CONFIG, loadLoaderConfig, loaderKafkaOptions } from './config.ts';

describe('loader/rollups/config', () => {
  it('defaults: port 8090, its own group, the processors’ group to wait for', () => {
    const config = loadLoaderConfig({ env: {} });
    expect(config).toMatchObject({
      port: 8090,
      groupId: 'rollups-loader',
      processorGroupId: 'processor',
      kafkaBrokers: ['127.0.0.1:19092'],
    });
    expect(loaderKafkaOptions(config).topicConfigs?.['gamepulse.deletions.v1']).toMatchObject({ 'cleanup.policy': 'compact' });
  });

  it('the README configuration reference is the generated one', () => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')).toContain(describeConfig(LOADER_CONFIG));
  });
});
