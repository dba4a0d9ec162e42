/**
 * The processor's state changelog on Kafka: a compacted topic partitioned like the
 * events topic, so the state of input partition p (dedup windows, first-seen days)
 * lives in changelog partition p and moves with it (Kafka Streams' changelog pattern).
 * Records are written in the same transaction as the rollups and the input offset, so
 * the changelog never runs ahead of or behind the committed offsets; a new owner
 * restores by reading its partitions to the end, read_committed.
 *
 * Record: key `<namespace>\0<key>`, value the state bytes; an empty value deletes
 * (the compaction keeps the latest record per key).
 */
import { randomUUID } from 'node:crypto';
import type { StateEntry } from '@gamepulse/store';
import type { ConsumedRecord, Log, LogRecord } from '@gamepulse/log';

const SEP = '\u0000';
const EMPTY = new Uint8Array(0);

/** `<prefix>.<groupId>.changelog.v1`: one changelog per processor group. */
export function changelogTopicFor(prefix: string, groupId: string): string {
  return `${prefix}.${groupId}.changelog.v1`;
}

/**
 * Topic configs of a changelog: compacted, never deleted by age; record timestamps are
 * the broker's append time (compaction lags go by them; log/README.md, "Retention").
 */
export const CHANGELOG_TOPIC_CONFIG: Readonly<Record<string, string>> = {
  'cleanup.policy': 'compact',
  'message.timestamp.type': 'LogAppendTime',
};

export function changelogRecord(e: StateEntry): LogRecord {
  return { key: `${e.namespace}${SEP}${e.key}`, value: e.value ?? EMPTY, partition: e.partition };
}

/** Folds changelog records (in offset order) into the latest entry per key. */
export function stateFromChangelog(records: Iterable<ConsumedRecord>): StateEntry[] {
  const latest = new Map<string, StateEntry>();
  for (const r of records) {
    const cut = r.key.indexOf(SEP);
    if (cut < 0) continue; // not ours: ignore rather than guess
    const id = `${r.partition}${SEP}${r.key}`;
    if (r.value.length === 0) latest.delete(id);
    else latest.set(id, { partition: r.partition, namespace: r.key.slice(0, cut), key: r.key.slice(cut + 1), value: r.value });
  }
  return [...latest.values()];
}

export interface ReadToEndOptions {
  /** Prefix of the throwaway consumer group the read uses (never commits offsets). */
  groupPrefix: string;
  /** Give up (throw) after this long. @default 60_000 */
  timeoutMs?: number;
}

/**
 * Every record of the given partitions, from the beginning to the end as of the call,
 * read_committed. The `Log` has consumer groups only (kafkajs has no manual assign),
 * so a throwaway group reads it: partitions not asked for are sought to their end.
 * The end is the high watermark: callers first settle every transaction that could be
 * open on these partitions (creating the partition's transactional producer does).
 */
export async function readPartitionsToEnd(
  log: Log,
  topic: string,
  partitions: readonly number[],
  o: ReadToEndOptions,
): Promise<ConsumedRecord[]> {
  const ends = new Map((await log.endOffsets(topic)).map((e) => [e.partition, e.offset]));
  const want = new Map<number, number>();
  for (const p of partitions) if ((ends.get(p) ?? 0) > 0) want.set(p, ends.get(p)!);
  if (want.size === 0) return [];
  const records: ConsumedRecord[] = [];
  const reached = new Set<number>();
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const consumer = log.consumer({ groupId: `${o.groupPrefix}.restore.${randomUUID()}`, topics: [topic], maxWaitMs: 50 });
  const timeoutMs = o.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.run({
      onAssigned: async (tps) => tps.map((tp) => ({ ...tp, offset: want.has(tp.partition) ? 0 : (ends.get(tp.partition) ?? 0) })),
      onBatch: async (b) => {
        const end = want.get(b.partition);
        if (end === undefined) return;
        for (const r of b.records) if (r.offset < end) records.push(r);
        if (b.nextOffset >= end) reached.add(b.partition);
        if (reached.size === want.size) finish();
      },
    });
    await Promise.race([
      done,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `changelog ${topic}: partitions ${[...want.keys()].filter((p) => !reached.has(p)).join(',')} not read to the end within ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.stop().catch(() => undefined);
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
