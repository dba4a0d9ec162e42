import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '@gamepulse/testkit';
import { durableMarkPath, encodeDurableMark } from './durable-mark.ts';
import { fileSource } from './partition-source.ts';

describe('fileSource: a partition written by another process', () => {
  it('freshMark sees a mark written before the call even when no change event has arrived yet; mark may not', async () => {
    const tmp = await makeTempDir();
    const path = durableMarkPath(tmp.dir);
    writeFileSync(path, encodeDurableMark({ nextOffset: 3, segmentBase: 0, segmentBytes: 90 }));
    const source = fileSource('t', 0, tmp.dir, { pollIntervalMs: 60_000, logger: { warn: () => {} } });
    try {
      const unsubscribe = source.subscribe(() => {});
      expect((await source.mark()).nextOffset).toBe(3);
      // Written synchronously: the watcher's event cannot have been delivered before the
      // next calls, so mark() answers from its last read and freshMark() must read the file.
      writeFileSync(path, encodeDurableMark({ nextOffset: 7, segmentBase: 0, segmentBytes: 210 }));
      const cached = source.mark();
      const fresh = source.freshMark();
      expect((await cached).nextOffset).toBe(3);
      expect((await fresh).nextOffset).toBe(7);
      unsubscribe();
    } finally {
      await source.close();
      await tmp.cleanup();
    }
  });
});
