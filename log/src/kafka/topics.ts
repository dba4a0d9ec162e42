/**
 * Topic creation and partition-count lookups through kafkajs's admin client.
 *
 * Topics are created on purpose, never by a producer or consumer touching them
 * (auto-creation is off in every client, like in production), so a typo in a name fails
 * loudly with GP_LOG_UNKNOWN_TOPIC instead of creating a one-partition topic. Existing
 * topics are checked against the configured durability (`durabilityProblems`): a process
 * refuses a topic with fewer replicas than it would create (GP_LOG_TOPIC_UNDER_REPLICATED).
 */
import type { Admin, ITopicConfig } from 'kafkajs';
import type { TopicNames } from '../topics.ts';
import type { TopicSpec } from '../types.ts';
import { describeKafkaError, KafkaLogError } from './errors.ts';

export interface TopicCreationSettings {
  replicationFactor: number;
  topicConfig: Record<string, string>;
  topicConfigs: Record<string, Record<string, string>>;
}

/**
 * The createTopics entries for the specs that do not exist yet. Existing topics keep
 * their partition count and config (growing partitions would re-map keys; shrinking is
 * impossible in Kafka).
 */
export function topicsToCreate(
  specs: readonly TopicSpec[],
  existing: ReadonlyMap<string, number>,
  s: TopicCreationSettings,
): ITopicConfig[] {
  const out = new Map<string, ITopicConfig>();
  for (const spec of specs) {
    if (typeof spec.name !== 'string' || spec.name === '')
      throw new KafkaLogError('GP_LOG_INVALID_STATE', 'ensureTopics: topic name must be a non-empty string');
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1)
      throw new KafkaLogError(
        'GP_LOG_INVALID_STATE',
        `ensureTopics: ${spec.name}: partitions must be an integer ≥ 1, got ${spec.partitions}`,
      );
    if (existing.has(spec.name) || out.has(spec.name)) continue;
    const config = { ...s.topicConfig, ...(s.topicConfigs[spec.name] ?? {}) };
    out.set(spec.name, {
      topic: spec.name,
      numPartitions: spec.partitions,
      replicationFactor: s.replicationFactor,
      configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
    });
  }
  return [...out.values()];
}

/**
 * Per-topic configs of a gamepulse deployment: the deletions topic is compacted by
 * player key, so the latest request per player is kept forever while older ones go. The
 * processor's output (rollups, dead letters) takes the broker's append time as record
 * timestamp: time-based retention goes by the newest timestamp of a segment, and output
 * stamped with old event times could be deleted before anyone read it (log/README.md,
 * "Retention").
 */
export function gamepulseTopicConfigs(names: TopicNames): Record<string, Record<string, string>> {
  const appendTime = { 'message.timestamp.type': 'LogAppendTime' };
  return {
    [names.deletions]: { 'cleanup.policy': 'compact' },
    [names.rollups]: { ...appendTime },
    [names.deadLetter]: { ...appendTime },
  };
}

/** What the broker says of an existing topic's durability. */
export interface TopicDurability {
  /** Fewest replicas of any of its partitions. */
  replicationFactor: number;
  /** Its effective min.insync.replicas (topic or broker default); undefined when not described. */
  minInsyncReplicas: number | undefined;
}

/**
 * Topics whose replication factor or min.insync.replicas is below what this process is
 * configured to create them with, as sentences naming the topic, the values and what to
 * do. An acks=all append to such a topic is acknowledged with fewer copies than the
 * deployment promises (issue #13: the processor once created its output with RF 1).
 */
export function durabilityProblems(
  specs: readonly TopicSpec[],
  described: ReadonlyMap<string, TopicDurability>,
  s: TopicCreationSettings,
): string[] {
  const problems: string[] = [];
  for (const name of new Set(specs.map((t) => t.name))) {
    const d = described.get(name);
    if (!d) continue;
    if (d.replicationFactor < s.replicationFactor)
      problems.push(
        `topic ${name} has replication factor ${d.replicationFactor}, configured ${s.replicationFactor} (kafkaReplicationFactor): raise it with kafka-reassign-partitions, or configure ${d.replicationFactor} if this cluster cannot hold more`,
      );
    const wanted = Number({ ...s.topicConfig, ...(s.topicConfigs[name] ?? {}) }['min.insync.replicas']);
    if (Number.isFinite(wanted) && d.minInsyncReplicas !== undefined && d.minInsyncReplicas < wanted)
      problems.push(
        `topic ${name} has min.insync.replicas ${d.minInsyncReplicas}, configured ${wanted} (kafkaMinInsyncReplicas): raise it with kafka-configs --alter --add-config min.insync.replicas=${wanted}`,
      );
  }
  return problems;
}

/**
 * DescribeConfigs resource type of a topic (kafkajs's ConfigResourceTypes.TOPIC, which
 * Node's ESM loader does not see as a named export of the CommonJS kafkajs).
 */
const TOPIC_RESOURCE = 2;

/** Replication factor (metadata) and min.insync.replicas (DescribeConfigs) of existing topics. */
export async function describeDurability(
  admin: Pick<Admin, 'fetchTopicMetadata' | 'describeConfigs'>,
  names: readonly string[],
): Promise<Map<string, TopicDurability>> {
  const out = new Map<string, TopicDurability>();
  if (names.length === 0) return out;
  const { topics } = await admin.fetchTopicMetadata({ topics: [...names] });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({ type: TOPIC_RESOURCE, name, configNames: ['min.insync.replicas'] })),
  });
  for (const t of topics) {
    if (t.partitions.length === 0) continue;
    const entry = configs.resources
      .find((r) => r.resourceName === t.name)
      ?.configEntries.find((c) => c.configName === 'min.insync.replicas');
    const minIsr = entry ? Number(entry.configValue) : Number.NaN;
    out.set(t.name, {
      replicationFactor: Math.min(...t.partitions.map((p) => p.replicas.length)),
      minInsyncReplicas: Number.isFinite(minIsr) ? minIsr : undefined,
    });
  }
  return out;
}

export interface MetadataRetry {
  /** Keep retrying retryable errors this long. */
  forMs: number;
  /** Injectable for tests. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Partition count of every topic, from one metadata request (an empty list means all
 * topics). kafkajs sends that request without its retrier, and a broker that has just
 * restarted answers UNKNOWN_TOPIC_OR_PARTITION (retryable) for partitions it does not
 * host yet — a processor restarted then failed to start in a chaos run. So retryable
 * errors are retried with backoff (25 ms doubling to 1 s) for `retry.forMs`; the last
 * one, or any other, is thrown.
 */
export async function fetchPartitionCounts(
  admin: Pick<Admin, 'fetchTopicMetadata'>,
  retry: MetadataRetry = { forMs: 0 },
): Promise<Map<string, number>> {
  const now = retry.now ?? Date.now;
  const deadline = now() + retry.forMs;
  for (let waitMs = 25; ; waitMs = Math.min(waitMs * 2, 1_000)) {
    try {
      const { topics } = await admin.fetchTopicMetadata();
      return new Map(topics.map((t) => [t.name, t.partitions.length]));
    } catch (err) {
      if (!describeKafkaError(err).retryable || now() + waitMs > deadline) throw err;
      await (retry.sleep ?? realSleep)(waitMs);
    }
  }
}

/**
 * Partition counts cached for `maxAgeMs` (partition counts only grow; a stale count
 * sends keys where a Java producer with the same stale metadata would send them).
 * Misses always refresh, so a topic created a moment ago is found. One refresh at a time,
 * except that a refresh begun before `invalidate()` is neither joined nor stored: it may
 * predate the topics that were just created.
 */
export class PartitionCountCache {
  private counts = new Map<string, number>();
  private fetchedAtMs = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<Map<string, number>> | undefined;
  private generation = 0;

  constructor(
    private readonly fetchAll: () => Promise<Map<string, number>>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(topic: string, opts: { fresh?: boolean } = {}): Promise<number | undefined> {
    const stale = this.now() - this.fetchedAtMs > this.maxAgeMs;
    if (!opts.fresh && !stale && this.counts.has(topic)) return this.counts.get(topic);
    return (await this.refresh()).get(topic);
  }

  invalidate(): void {
    this.fetchedAtMs = Number.NEGATIVE_INFINITY;
    this.generation += 1;
    this.refreshing = undefined;
  }

  private refresh(): Promise<Map<string, number>> {
    if (this.refreshing) return this.refreshing;
    const generation = this.generation;
    const current = () => generation === this.generation;
    const refreshing = this.fetchAll()
      .then((counts) => {
        if (current()) {
          this.counts = counts;
          this.fetchedAtMs = this.now();
        }
        return counts;
      })
      .finally(() => {
        if (this.refreshing === refreshing) this.refreshing = undefined;
      });
    this.refreshing = refreshing;
    return refreshing;
  }
}
