/**
 * Reads a whole topic back from a real `Log`: tests compare what was written (by the
 * collector, say) with what was acknowledged. A fresh consumer group runs until it has
 * the end offsets taken at the start.
 */
import { randomUUID } from 'node:crypto';
import type { ConsumedRecord, Log } from '@gamepulse/log';

/** Every record of `topic` up to its current end, sorted by partition and offset. */
export async function readTopic(log: Log, topic: string, timeoutMs = 10_000): Promise<ConsumedRecord[]> {
  const ends = await log.endOffsets(topic);
  const total = ends.reduce((n, e) => n + e.offset, 0);
  const out: ConsumedRecord[] = [];
  if (total === 0) return out;
  const consumer = log.consumer({ groupId: `test-reader-${randomUUID()}`, topics: [topic] });
  let done!: () => void;
  const reached = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    onBatch: async (b) => {
      const end = ends.find((e) => e.partition === b.partition)?.offset ?? 0;
      for (const r of b.records) if (r.offset < end) out.push(r);
      if (out.length >= total) done();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      reached,
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`readTopic(${topic}): ${out.length}/${total} after ${timeoutMs} ms`)), timeoutMs)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.stop();
  }
  return out.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
