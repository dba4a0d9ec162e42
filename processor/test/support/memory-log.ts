/**
 * An in-memory `Log` for the processor's unit tests, which must run without engines.
 * It stands in for the embedded log only there; the integration tests use the real
 * one. Semantics kept: dense offsets per partition, keyed partitioning, onAssigned
 * positions, one onBatch at a time per consumer, onRevoked on stop. Extra for tests:
 * `freeze()` halts delivery without revoking, the way a crashed process goes silent.
 */
import {
  partitionForKey,
  type AppendResult,
  type ConsumedRecord,
  type ConsumerHandlers,
  type ConsumerOptions,
  type Log,
  type LogConsumer,
  type LogRecord,
  type TopicPartitionOffset,
  type TopicSpec,
} from '@gamepulse/log';

export class MemoryLog implements Log {
  readonly kind = 'embedded' as const;
  private readonly topics = new Map<string, ConsumedRecord[][]>();
  private readonly crashHooks: Array<() => void> = [];
  /** Batches handed to onBatch, for assertions. */
  delivered = 0;
  reassignments = 0;
  /** Called before each delivery with the count so far (e.g. to crash at a chosen point). */
  beforeDeliver: ((delivered: number) => void) | undefined;
  /** Before this delivery, every consumer is handed its partitions again (a rebalance re-listing them). */
  reassignBefore: number | undefined;

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    for (const s of specs) if (!this.topics.has(s.name)) this.topics.set(s.name, Array.from({ length: s.partitions }, () => []));
  }

  async partitions(topic: string): Promise<number | undefined> {
    return this.topics.get(topic)?.length;
  }

  producer() {
    return {
      append: async (topic: string, records: LogRecord[]): Promise<AppendResult> => {
        const parts = this.topics.get(topic);
        if (!parts) return { ok: false, code: 'GP_LOG_UNKNOWN_TOPIC', message: topic, retryable: false };
        const placements = records.map((r) => {
          const partition = partitionForKey(r.key, parts.length);
          const log = parts[partition]!;
          log.push({ topic, partition, offset: log.length, key: r.key, value: r.value, timestampMs: r.timestampMs ?? 0 });
          return { partition, offset: log.length - 1 };
        });
        return { ok: true, placements };
      },
    };
  }

  /** Stops delivery of every existing consumer at once, without onRevoked. */
  crashConsumers(): void {
    for (const hook of this.crashHooks.splice(0)) hook();
  }

  consumer(options: ConsumerOptions): LogConsumer {
    const log = this;
    const max = options.maxBatchRecords ?? 5000;
    let stopped = false;
    let crashed = false;
    this.crashHooks.push(() => (crashed = true));
    let loop: Promise<void> | undefined;
    let handlers: ConsumerHandlers | undefined;
    const assigned: TopicPartitionOffset[] = [];
    return {
      async run(h) {
        handlers = h;
        for (const topic of options.topics) {
          const parts = log.topics.get(topic) ?? [];
          parts.forEach((_, partition) => assigned.push({ topic, partition, offset: 0 }));
        }
        const start = (await h.onAssigned?.(assigned.map(({ topic, partition }) => ({ topic, partition })))) ?? [];
        for (const s of start) {
          const a = assigned.find((x) => x.topic === s.topic && x.partition === s.partition);
          if (a) a.offset = s.offset;
        }
        loop = (async () => {
          while (!stopped && !crashed) {
            let any = false;
            for (const a of assigned) {
              log.beforeDeliver?.(log.delivered);
              if (log.reassignBefore === log.delivered) {
                log.reassignBefore = undefined;
                const again = (await h.onAssigned?.(assigned.map(({ topic, partition }) => ({ topic, partition })))) ?? [];
                for (const s of again) {
                  const x = assigned.find((y) => y.topic === s.topic && y.partition === s.partition);
                  if (x) x.offset = s.offset;
                }
                log.reassignments += 1;
                continue; // offsets may have changed: fetch again
              }
              if (stopped || crashed) break;
              const records = log.topics.get(a.topic)![a.partition]!;
              if (a.offset >= records.length) continue;
              const slice = records.slice(a.offset, a.offset + max);
              const nextOffset = a.offset + slice.length;
              log.delivered += 1;
              await h.onBatch({ topic: a.topic, partition: a.partition, records: slice, nextOffset, highWatermark: records.length });
              a.offset = nextOffset;
              any = true;
              await new Promise((r) => setImmediate(r)); // let timers and other tasks in, as real I/O would
            }
            if (!any) await new Promise((r) => setTimeout(r, 2));
          }
        })();
      },
      async commit() {},
      async stop() {
        if (stopped) return;
        stopped = true;
        await loop;
        if (!crashed) await handlers?.onRevoked?.(assigned.map(({ topic, partition }) => ({ topic, partition })));
      },
    };
  }

  async committed(): Promise<TopicPartitionOffset[]> {
    return [];
  }

  async endOffsets(topic: string): Promise<TopicPartitionOffset[]> {
    return (this.topics.get(topic) ?? []).map((p, partition) => ({ topic, partition, offset: p.length }));
  }

  async health() {
    return { ok: true, detail: 'memory' };
  }

  async close(): Promise<void> {}
}
