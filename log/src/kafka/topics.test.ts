import { describe, expect, it } from 'vitest';
import { topicNames } from '../topics.ts';
import { durabilityProblems, fetchPartitionCounts, gamepulseTopicConfigs, PartitionCountCache, topicsToCreate } from './topics.ts';

describe('log/src/kafka/topics', () => {
  const settings = {
    replicationFactor: 3,
    topicConfig: { 'min.insync.replicas': '2' },
    topicConfigs: gamepulseTopicConfigs(topicNames('gp')),
  };

  it('creates only missing topics, with replication factor and merged per-topic config (deletions compacted)', () => {
    const plan = topicsToCreate(
      [
        { name: 'gp.events.v1', partitions: 4 },
        { name: 'gp.deletions.v1', partitions: 1 },
        { name: 'gp.events.v1', partitions: 8 },
        { name: 'old', partitions: 9 },
      ],
      new Map([['old', 2]]),
      settings,
    );
    expect(plan.map((t) => [t.topic, t.numPartitions, t.replicationFactor])).toEqual([
      ['gp.events.v1', 4, 3],
      ['gp.deletions.v1', 1, 3],
    ]);
    expect(plan[0]!.configEntries).toEqual([{ name: 'min.insync.replicas', value: '2' }]);
    expect(plan[1]!.configEntries).toEqual([
      { name: 'min.insync.replicas', value: '2' },
      { name: 'cleanup.policy', value: 'compact' },
    ]);
    expect(() => topicsToCreate([{ name: 'x', partitions: 0 }], new Map(), settings)).toThrow(/partitions/);
  });

  it('caches partition counts, refreshes on a miss, after maxAge and on invalidate; one fetch at a time', async () => {
    let now = 0;
    let fetches = 0;
    let counts = new Map([['a', 2]]);
    const cache = new PartitionCountCache(
      async () => (fetches++, new Map(counts)),
      1000,
      () => now,
    );
    const [x, y] = await Promise.all([cache.get('a'), cache.get('a')]);
    expect([x, y, fetches]).toEqual([2, 2, 1]);
    expect(await cache.get('a')).toBe(2);
    expect(fetches).toBe(1);
    counts = new Map([
      ['a', 4],
      ['b', 1],
    ]);
    expect(await cache.get('b')).toBe(1); // miss → refresh
    expect(fetches).toBe(2);
    counts = new Map([
      ['a', 6],
      ['b', 1],
    ]);
    now = 5000;
    expect(await cache.get('a')).toBe(6);
    expect(await cache.get('zzz')).toBeUndefined();
    cache.invalidate();
    await cache.get('a');
    expect(fetches).toBe(5);
  });

  it('after invalidate() a lookup does not join a refresh begun before it, and that refresh is not stored', async () => {
    // The fetch begun before a topic was created answers without it; a lookup made after
    // ensureTopics (which invalidates) must see the topic.
    const pending: Array<(m: Map<string, number>) => void> = [];
    const cache = new PartitionCountCache(() => new Promise((resolve) => pending.push(resolve)), 60_000);
    const early = cache.get('other');
    cache.invalidate(); // ensureTopics created 'fresh' meanwhile
    const late = cache.get('fresh');
    expect(pending).toHaveLength(2); // a new fetch, not the early one
    pending[0]!(new Map([['other', 1]])); // the early answer, without 'fresh'
    pending[1]!(
      new Map([
        ['other', 1],
        ['fresh', 4],
      ]),
    );
    expect(await early).toBe(1);
    expect(await late).toBe(4);
    expect(await cache.get('fresh')).toBe(4); // cached from the late fetch, not overwritten by the early one
  });

  it('metadata: retries a retryable error (a broker just restarted) within the window, throws other errors and the last one at once', async () => {
    const unknown = Object.assign(new Error('This server does not host this topic-partition'), {
      name: 'KafkaJSProtocolError',
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
      retriable: true,
    });
    const denied = Object.assign(new Error('not authorized'), {
      name: 'KafkaJSProtocolError',
      type: 'TOPIC_AUTHORIZATION_FAILED',
      retriable: false,
    });
    const answers = (...as: Array<Error | string>) => ({
      calls: 0,
      async fetchTopicMetadata() {
        const a = as[Math.min(this.calls++, as.length - 1)]!;
        if (a instanceof Error) throw a;
        return { topics: [{ name: a, partitions: [{}, {}] as never }] };
      },
    });
    let clock = 0;
    const slept: number[] = [];
    const retry = { forMs: 1_000, now: () => clock, sleep: async (ms: number) => void (slept.push(ms), (clock += ms)) };

    const recovers = answers(unknown, unknown, 'events');
    expect(await fetchPartitionCounts(recovers, retry)).toEqual(new Map([['events', 2]]));
    expect(recovers.calls).toBe(3);
    expect(slept).toEqual([25, 50]);

    const refused = answers(denied, 'events');
    await expect(fetchPartitionCounts(refused, retry)).rejects.toBe(denied);
    expect(refused.calls).toBe(1);

    clock = 0;
    const down = answers(unknown);
    await expect(fetchPartitionCounts(down, retry)).rejects.toBe(unknown);
    expect(clock).toBeLessThanOrEqual(1_000); // gave up within the window
    expect(down.calls).toBeGreaterThan(3);

    const once = answers(unknown, 'events');
    await expect(fetchPartitionCounts(once)).rejects.toBe(unknown); // no window: no retry
  });

  it('refuses existing topics with fewer replicas or a lower min.insync.replicas than configured, naming topic, values and the fix', () => {
    const described = new Map([
      ['gp.events.v1', { replicationFactor: 3, minInsyncReplicas: 2 }],
      ['gp.rollups.v1', { replicationFactor: 1, minInsyncReplicas: 1 }],
      ['gp.deletions.v1', { replicationFactor: 3, minInsyncReplicas: 1 }],
      ['gp.dead-letter.v1', { replicationFactor: 3, minInsyncReplicas: undefined }],
    ]);
    const specs = ['gp.events.v1', 'gp.rollups.v1', 'gp.deletions.v1', 'gp.dead-letter.v1'].map((name) => ({ name, partitions: 1 }));
    const problems = durabilityProblems(specs, described, settings);
    expect(problems).toEqual([
      'topic gp.rollups.v1 has replication factor 1, configured 3 (kafkaReplicationFactor): raise it with kafka-reassign-partitions, or configure 1 if this cluster cannot hold more',
      'topic gp.rollups.v1 has min.insync.replicas 1, configured 2 (kafkaMinInsyncReplicas): raise it with kafka-configs --alter --add-config min.insync.replicas=2',
      'topic gp.deletions.v1 has min.insync.replicas 1, configured 2 (kafkaMinInsyncReplicas): raise it with kafka-configs --alter --add-config min.insync.replicas=2',
    ]);
    // Higher than configured is fine; topics not described (just deleted) are not judged.
    expect(durabilityProblems(specs, new Map([['gp.events.v1', { replicationFactor: 5, minInsyncReplicas: 3 }]]), settings)).toEqual([]);
  });
});
