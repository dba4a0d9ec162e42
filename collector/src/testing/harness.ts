/**
 * A pipeline over the real embedded log in a temp dir, with helpers to send a batch and
 * to read back, decoded, what landed on the events and dead-letter topics.
 */
import { DeadLetter, IngestedBatch, type DeadLetterData, type IngestedBatchData } from '@gamepulse/proto';
import { DEFAULT_PARTITIONS, topicNames, type Log, type LogProducer } from '@gamepulse/log';
import { Registry } from '@gamepulse/service';
import { createKeyRing, parseKeys, type KeysFileData } from '../keys/index.ts';
import { createCollectorMetrics, type CollectorMetrics } from '../metrics.ts';
import {
  ingestBatch,
  resolvePipelineLimits,
  type IngestDeps,
  type IngestInput,
  type IngestResult,
  type PipelineLimits,
} from '../pipeline/index.ts';
import { TEST_NOW_MS } from './batches.ts';
import { openTempLog, readTopic, type TempLog, type TempLogOptions } from '@gamepulse/testkit';

/** Ingest keys of the tests: `test-key` writes for game `demo`, `other-key` for `other`. */
export const TEST_KEYS = ['test-key=demo:k1', 'other-key=other:k2'];
export const TEST_TOPICS = topicNames('test');

export interface Harness {
  temp: TempLog;
  log: Log;
  deps: IngestDeps;
  metrics: CollectorMetrics;
  registry: Registry;
  /** Sends `body` with the defaults: gzip off, key `test-key`, received at TEST_NOW_MS. */
  send(body: Uint8Array, input?: Partial<IngestInput>): Promise<IngestResult>;
  events(): Promise<Array<IngestedBatchData & { recordKey: string }>>;
  deadLetters(): Promise<Array<DeadLetterData & { recordKey: string }>>;
  /** Records in each topic so far. */
  counts(): Promise<{ events: number; deadLetters: number }>;
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  limits?: PipelineLimits;
  logOptions?: TempLogOptions;
  /** Wraps the real producer (fault injection). */
  producer?: (real: LogProducer) => LogProducer;
  /** Extra pipeline dependencies (rate limiter, load shedder, enricher). */
  deps?: Partial<Pick<IngestDeps, 'rateLimiter' | 'shedder' | 'enricher' | 'now'>>;
  /** A keys file's content besides the test keys. */
  keysFile?: KeysFileData;
}

async function total(log: Log, topic: string): Promise<number> {
  return (await log.endOffsets(topic)).reduce((n, p) => n + p.offset, 0);
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const temp = await openTempLog(options.logOptions);
  const { log } = temp;
  await log.ensureTopics([
    { name: TEST_TOPICS.events, partitions: DEFAULT_PARTITIONS.events },
    { name: TEST_TOPICS.deadLetter, partitions: DEFAULT_PARTITIONS.deadLetter },
  ]);
  const keys = parseKeys(TEST_KEYS);
  if (!keys.ok) throw new Error(keys.problems.join('; '));
  const registry = new Registry();
  const metrics = createCollectorMetrics(registry);
  const real = log.producer();
  const deps: IngestDeps = {
    keys: createKeyRing(keys.keys, options.keysFile),
    producer: options.producer ? options.producer(real) : real,
    topics: { events: TEST_TOPICS.events, deadLetter: TEST_TOPICS.deadLetter },
    limits: resolvePipelineLimits(options.limits),
    now: () => TEST_NOW_MS,
    metrics,
    ...options.deps,
  };
  return {
    temp,
    log,
    deps,
    metrics,
    registry,
    send: (body, input = {}) =>
      ingestBatch(
        { body, contentEncoding: 'identity', key: 'test-key', receivedAtMs: TEST_NOW_MS, remote: { ip: '127.0.0.1' }, ...input },
        deps,
      ),
    events: async () =>
      (await readTopic(log, TEST_TOPICS.events)).map((r) => ({
        ...(IngestedBatch.toObject(IngestedBatch.decode(r.value), { longs: Number, arrays: true }) as IngestedBatchData),
        recordKey: r.key,
      })),
    deadLetters: async () =>
      (await readTopic(log, TEST_TOPICS.deadLetter)).map((r) => ({
        ...(DeadLetter.toObject(DeadLetter.decode(r.value), { longs: Number }) as DeadLetterData),
        recordKey: r.key,
      })),
    counts: async () => ({ events: await total(log, TEST_TOPICS.events), deadLetters: await total(log, TEST_TOPICS.deadLetter) }),
    dispose: () => temp.dispose(),
  };
}
