import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@gamepulse/testkit';
import { createLogger } from '@gamepulse/service';
import { loadCollectorConfig } from './config.ts';
import { openCollectorLog } from './log-factory.ts';

describe('collector/log-factory', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  beforeEach(async () => {
    tmp = await makeTempDir();
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it("hands the embedded log the collector's logger: recovery's torn-tail warning reaches it", async () => {
    const config = loadCollectorConfig({ env: {}, overrides: { logDir: tmp.dir } });
    const first = await openCollectorLog(config);
    await first.ensureTopics([{ name: 't', partitions: 1 }]);
    expect((await first.producer().append('t', [{ key: 'k', value: Buffer.from('v') }])).ok).toBe(true);
    await first.close();
    await appendFile(join(tmp.dir, 't', '0', `${'0'.repeat(20)}.log`), Buffer.alloc(64, 0xab));

    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      service: 'collector',
      level: 'info',
      write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const log = await openCollectorLog(config, logger);
    await log.close();
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'embedded log: truncating torn tail of segment', topic: 't', partition: 0, nextOffset: 1 }),
    );
  });
});
