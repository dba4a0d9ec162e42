/**
 * An in-memory `Log`, for unit tests that must run without engines (the processor's
 * commit cycle, say). It passes the same `Log` contract suite as the embedded log and
 * Kafka (`describeLogContract`, @gamepulse/testkit/contracts): keyed (or explicit)
 * partitioning, offsets increasing per partition, onAssigned positions, group commits
 * and committed(), one onBatch at a time per partition, onRevoked after the last batch
 * on stop, GP_LOG_CLOSED after close. Integration tests use the real logs.
 *
 * Not modelled: group membership. Every consumer is assigned every partition of its
 * topics, whatever its group; the tests that need a rebalance use `reassignBefore`.
 *
 * Extra for tests: `crashConsumers()` halts delivery without revoking, the way a crashed
 * process goes silent; `beforeDeliver` and `reassignBefore` hook into delivery.
 */
import {
  partitionForKey,
  type AppendResult,
  type ConsumedRecord,
  type ConsumerHandlers,
  type ConsumerOptions,
  type Log,
  type LogConsumer,
  type LogFailure,
  type LogHealth,
  type LogProducer,
  type LogRecord,
  type TopicPartition,
  type TopicPartitionOffset,
  type TopicSpec,
} from '@gamepulse/log';

export interface MemoryLogOptions {
  /** The producer's clock, for records appended without `timestampMs`. @default Date.now */
  now?: () => number;
}

export class MemoryLog implements Log {
  readonly kind = 'embedded' as const;
  private readonly topics = new Map<string, ConsumedRecord[][]>();
  /** groupId → "topic\0partition" → next offset. */
  private readonly groups = new Map<string, Map<string, number>>();
  private readonly crashHooks: Array<() => void> = [];
  private readonly running = new Set<LogConsumer>();
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly now: () => number;
  /** Batches handed to onBatch, for assertions. */
  delivered = 0;
  reassignments = 0;
  /** Called before each delivery with the count so far (e.g. to crash at a chosen point). */
  beforeDeliver: ((delivered: number) => void) | undefined;
  /** Before this delivery, every consumer is handed its partitions again (a rebalance re-listing them). */
  reassignBefore: number | undefined;

  constructor(options: MemoryLogOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    for (const s of specs)
      if (!this.topics.has(s.name))
        this.topics.set(
          s.name,
          Array.from({ length: s.partitions }, () => []),
        );
  }

  async partitions(topic: string): Promise<number | undefined> {
    return this.topics.get(topic)?.length;
  }

  producer(): LogProducer {
    return {
      append: async (topic: string, records: LogRecord[]): Promise<AppendResult> => {
        if (this.closed) return failure('GP_LOG_CLOSED', 'the memory log is closed');
        const parts = this.topics.get(topic);
        if (!parts) return failure('GP_LOG_UNKNOWN_TOPIC', topic);
        const now = this.now();
        const placements = records.map((r) => {
          const partition = r.partition ?? partitionForKey(r.key, parts.length);
          const log = parts[partition]!;
          log.push({ topic, partition, offset: log.length, key: r.key, value: r.value, timestampMs: r.timestampMs ?? now });
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
    const max = options.maxBatchRecords ?? 5000;
    let stopped = false;
    let crashed = false;
    this.crashHooks.push(() => (crashed = true));
    let loop: Promise<void> | undefined;
    let handlers: ConsumerHandlers | undefined;
    const assigned: TopicPartitionOffset[] = [];
    const listed = () => assigned.map(({ topic, partition }) => ({ topic, partition }));
    /** Positions from onAssigned win; partitions left out start at the group's committed offset, else at 0. */
    const place = (positions: TopicPartitionOffset[] | void) => {
      for (const a of assigned) {
        const given = positions?.find((s) => s.topic === a.topic && s.partition === a.partition);
        a.offset = given?.offset ?? this.groups.get(options.groupId)?.get(tpKey(a)) ?? 0;
      }
    };
    const consumer: LogConsumer = {
      run: async (h) => {
        if (this.closed) throw new Error('GP_LOG_CLOSED: the memory log is closed');
        handlers = h;
        this.running.add(consumer);
        for (const topic of options.topics) {
          const parts = this.topics.get(topic) ?? [];
          parts.forEach((_, partition) => assigned.push({ topic, partition, offset: 0 }));
        }
        place(await h.onAssigned?.(listed()));
        loop = (async () => {
          while (!stopped && !crashed) {
            let any = false;
            for (const a of assigned) {
              this.beforeDeliver?.(this.delivered);
              if (this.reassignBefore === this.delivered) {
                this.reassignBefore = undefined;
                const again = (await h.onAssigned?.(listed())) ?? [];
                for (const s of again) {
                  const x = assigned.find((y) => y.topic === s.topic && y.partition === s.partition);
                  if (x) x.offset = s.offset;
                }
                this.reassignments += 1;
                continue; // offsets may have changed: fetch again
              }
              if (stopped || crashed) break;
              const records = this.topics.get(a.topic)![a.partition]!;
              if (a.offset >= records.length) continue;
              const slice = records.slice(a.offset, a.offset + max);
              const nextOffset = a.offset + slice.length;
              this.delivered += 1;
              await h.onBatch({ topic: a.topic, partition: a.partition, records: slice, nextOffset, highWatermark: records.length });
              a.offset = nextOffset;
              any = true;
              await new Promise((r) => setImmediate(r)); // let timers and other tasks in, as real I/O would
            }
            if (!any) await new Promise((r) => setTimeout(r, 2));
          }
        })();
      },
      commit: async (offsets) => {
        let group = this.groups.get(options.groupId);
        if (!group) this.groups.set(options.groupId, (group = new Map<string, number>()));
        for (const o of offsets) group.set(tpKey(o), o.offset);
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await loop;
        this.running.delete(consumer);
        if (!crashed) await handlers?.onRevoked?.(listed());
      },
    };
    return consumer;
  }

  async committed(groupId: string, topic: string): Promise<TopicPartitionOffset[]> {
    const out: TopicPartitionOffset[] = [];
    for (const [key, offset] of this.groups.get(groupId) ?? []) {
      const [t, partition] = key.split('\u0000') as [string, string];
      if (t === topic) out.push({ topic, partition: Number(partition), offset });
    }
    return out.sort((a, b) => a.partition - b.partition);
  }

  async endOffsets(topic: string): Promise<TopicPartitionOffset[]> {
    return (this.topics.get(topic) ?? []).map((p, partition) => ({ topic, partition, offset: p.length }));
  }

  async health(): Promise<LogHealth> {
    return this.closed ? { ok: false, detail: 'closed' } : { ok: true, detail: 'memory' };
  }

  /** Stops every running consumer (with onRevoked, as the real logs do), then refuses appends. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.running].map((c) => c.stop()));
      this.closed = true;
    })();
    return this.closing;
  }
}

const tpKey = (tp: TopicPartition) => `${tp.topic}\u0000${tp.partition}`;

function failure(code: LogFailure['code'], message: string): LogFailure {
  return { ok: false, code, message, retryable: false };
}
