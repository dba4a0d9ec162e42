/**
 * Real-engine test of a KafkaLog consumer stopped while kafkajs is still joining its
 * group — what a processor does when it recovers in-process during a broker restart
 * (stop the consumer, start a new one). Found by the chaos test (seed chaos-1): kafkajs
 * restarted the stopped consumer behind our back, and that member, with nobody
 * listening, held an events partition for good; ~900 acknowledged events were never
 * folded.
 *
 * Own broker (ports 19692/19693, data dir .data/kafka-consumer-stop-it), stopped at the
 * end. Waits follow the broker's own signals (the group's state and members).
 */
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { DEFAULT_KAFKA_VERSION, startKafka, stopKafka, type KafkaHandle, type KafkaOptions } from '../../../scripts/engines/kafka.ts';
import { openKafkaLog, type KafkaLog } from '../../src/kafka/kafka-log.ts';
import type { KafkaLogEntry } from '../../src/kafka/logger.ts';
import type { KafkaLogOptions } from '../../src/kafka/options.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BROKER: KafkaOptions = {
  port: 19692,
  controllerPort: 19693,
  dataDir: join(REPO, '.data', 'kafka-consumer-stop-it', DEFAULT_KAFKA_VERSION),
  heapMb: 512,
  log: (l) => console.info(l),
};
const RUN = `${Date.now().toString(36)}-${process.pid}`;

let broker: KafkaHandle;
const logLines: KafkaLogEntry[] = [];

function open(clientId: string, extra: Partial<KafkaLogOptions> = {}): Promise<KafkaLog> {
  return openKafkaLog({
    brokers: broker.brokers,
    clientId: `${clientId}-${RUN}`,
    heartbeatIntervalMs: 500,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 20_000,
    logger: (e) => void logLines.push(e),
    ...extra,
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string | Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${await what()}`);
    await sleep(50);
  }
}

describe('log/test/integration/kafka-consumer-stop: a consumer stopped while kafkajs joins its group', () => {
  beforeAll(async () => {
    broker = await startKafka(BROKER);
  }, 300_000);

  afterAll(async () => {
    await stopKafka(BROKER);
  }, 120_000);

  it('leaves no member behind: the remaining member gets every partition and every record', async () => {
    const T = `it-consumer-stop-${RUN}-${randomUUID().slice(0, 6)}`;
    const G = `it-consumer-stop-${randomUUID().slice(0, 8)}`;
    const N = 400;
    const a = await open('it-member-a');
    const x = await open('it-member-x');
    const admin = new Kafka({ clientId: `it-admin-${RUN}`, brokers: broker.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const group = async () => (await admin.describeGroups([G])).groups[0]!;
    const members = async () => {
      const g = await group();
      return `group ${g.state}, members ${g.members.map((m) => m.clientId).join(', ') || 'none'}`;
    };
    try {
      await a.ensureTopics([{ name: T, partitions: 4 }]);
      expect(
        (
          await a.producer().append(
            T,
            Array.from({ length: N }, (_, i) => ({ key: `player-${i}`, value: Buffer.from(`r${i}`) })),
          )
        ).ok,
      ).toBe(true);

      // Member a holds every partition and is busy in its first onBatch, so the rebalance
      // that x's join starts waits for a: x's JoinGroup stays in flight meanwhile.
      const seen = new Set<string>();
      let letGo!: () => void;
      const held = new Promise<void>((r) => (letGo = r));
      let holding = false;
      const ca = a.consumer({ groupId: G, topics: [T], maxBatchRecords: 20, maxWaitMs: 50 });
      await ca.run({
        onAssigned: async (tps) => tps.map((tp) => ({ ...tp, offset: 0 })),
        onBatch: async (b) => {
          if (!holding) {
            holding = true;
            await held;
          }
          for (const r of b.records) seen.add(Buffer.from(r.value).toString());
        },
      });
      await waitUntil(
        () => holding,
        30_000,
        () => 'member a is in onBatch',
      );

      const cx = x.consumer({ groupId: G, topics: [T], maxWaitMs: 50 });
      const xRun = cx.run({ onBatch: async () => undefined });
      await waitUntil(async () => (await group()).state === 'PreparingRebalance', 30_000, members);
      // Stopped while its JoinGroup is in flight (kafkajs's Runner.stop() is then a no-op).
      await cx.stop();
      await xRun;
      letGo();

      await waitUntil(
        () => seen.size >= N,
        90_000,
        async () => `member a has all ${N} records (has ${seen.size}); ${await members()}; x ${JSON.stringify(cx.stats())}`,
      );
      const g = await group();
      expect(g.members.map((m) => m.clientId)).toEqual([`it-member-a-${RUN}`]);
      expect(cx.stats().state).toBe('stopped');
      expect((await x.health()).ok).toBe(true);
      console.info(`[kafka-consumer-stop] a got all ${N} records; ${await members()}; x ${JSON.stringify(cx.stats())}`);
      await ca.stop();
    } finally {
      await admin.disconnect();
      await Promise.all([a.close(), x.close()]);
    }
  }, 240_000);
});
