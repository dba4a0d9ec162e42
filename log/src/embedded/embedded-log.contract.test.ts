import type { Log } from '../types.ts';
import { describeLogContract } from '@gamepulse/testkit/contracts';
import { openEmbeddedLog } from './embedded-log.ts';
import { makeTempDir } from '@gamepulse/testkit';

describeLogContract('embedded (writer process)', async () => {
  const tmp = await makeTempDir();
  const log = await openEmbeddedLog({ dir: tmp.dir });
  return {
    log,
    cleanup: async () => {
      await log.close();
      await tmp.cleanup();
    },
  };
});

describeLogContract('embedded (fsync off, tiny segments and read chunks)', async () => {
  const tmp = await makeTempDir();
  const log = await openEmbeddedLog({ dir: tmp.dir, fsync: false, segmentBytes: 2048, readChunkBytes: 4096, fetchMaxBytes: 3000 });
  return {
    log,
    cleanup: async () => {
      await log.close();
      await tmp.cleanup();
    },
  };
});

/**
 * A writer and a read-only reader of the same directory, seen as one Log: appends and
 * topics go to the writer, consuming and end offsets to the reader, which follows the
 * files through the durable mark as a processor in another process does.
 */
describeLogContract('embedded (read-only reader tailing a writer)', async () => {
  const tmp = await makeTempDir();
  const writer = await openEmbeddedLog({ dir: tmp.dir });
  const reader = await openEmbeddedLog({ dir: tmp.dir, readOnly: true });
  let closed = false;
  const log: Log = {
    kind: 'embedded',
    ensureTopics: async (topics) => {
      await writer.ensureTopics(topics);
      await reader.ensureTopics(topics);
    },
    partitions: (topic) => reader.partitions(topic),
    producer: () => writer.producer(),
    consumer: (options) => reader.consumer(options),
    committed: (groupId, topic) => reader.committed(groupId, topic),
    endOffsets: (topic) => reader.endOffsets(topic),
    health: async () =>
      (await writer.health()).ok && (await reader.health()).ok ? { ok: true, detail: 'both' } : { ok: false, detail: 'closed' },
    close: async () => {
      closed = true;
      await reader.close();
      await writer.close();
    },
  };
  return {
    log,
    cleanup: async () => {
      if (!closed) await log.close();
      await tmp.cleanup();
    },
  };
});
