/**
 * @gamepulse/testkit/collector — the REAL collector (HTTP + gRPC, and WebSocket /
 * Stream / deletion where it has them) in-process over a real embedded log in a temp
 * dir, for the integration tests of what talks to it (the SDK, the samples), and a
 * reader that decodes what landed on the events topic (IngestedBatch) — the ground
 * truth for "delivered exactly once". A subpath of its own: it loads the collector.
 */
import { IngestedBatch, type IngestedBatchMessage } from '@gamepulse/proto';
import { topicNames, type Log } from '@gamepulse/log';
import { createLogger } from '@gamepulse/service';
import { loadCollectorConfig, startCollector, type RunningCollector } from '@gamepulse/collector';
import { readTopic } from './read-topic.ts';
import { openTempLog } from './temp-dir.ts';

export const GAME_ID = 'demo';
export const GAME_KEY = 'gk-sdk-it';

export interface DeliveredEvent {
  installId: string;
  /** EventBatch.stream_id (0: none sent). */
  streamId: number;
  batchSequence: number;
  eventId: string;
  sequence: number;
  sessionId: string;
  sessionNumber: number;
  payload: string;
  custom: Record<string, string>;
  sampleRate: number;
}

export interface RealCollector {
  collector: RunningCollector;
  log: Log;
  /** http://127.0.0.1:<port> */
  httpUrl: string;
  /** http://127.0.0.1:<grpc port> */
  grpcUrl: string;
  /** Every event record on the events topic, in log order (re-sent batches appear again). */
  delivered(): Promise<DeliveredEvent[]>;
  /** Every record on the events topic, decoded, in log order: the batches as the collector stored them. */
  batches(): Promise<IngestedBatchMessage[]>;
  close(): Promise<void>;
}

const silent = createLogger({ service: 'collector-sdk-it', write: () => {} });

export async function startRealCollector(overrides: Record<string, unknown> = {}): Promise<RealCollector> {
  const temp = await openTempLog({}, 'gp-sdk-it-');
  const log = temp.log;
  const prefix = `sdkit${Math.floor(Math.random() * 1e6)}`;
  const config = loadCollectorConfig({
    env: {},
    overrides: { httpPort: 0, grpcPort: 0, keys: [`${GAME_KEY}=${GAME_ID}:sdk`], topicPrefix: prefix, ...overrides },
  });
  const collector = await startCollector({ config, log, logger: silent });
  const topic = topicNames(prefix).events;
  return {
    collector,
    log,
    httpUrl: `http://127.0.0.1:${collector.httpPort}`,
    grpcUrl: `http://127.0.0.1:${collector.grpcPort}`,
    delivered: () => readEvents(log, topic),
    batches: async () => (await readTopic(log, topic)).map((r) => IngestedBatch.decode(r.value)),
    async close() {
      await collector.close();
      await temp.dispose();
    },
  };
}

async function readEvents(log: Log, topic: string): Promise<DeliveredEvent[]> {
  const records = await readTopic(log, topic);
  return records.flatMap((r) => {
    const b = IngestedBatch.toObject(IngestedBatch.decode(r.value), {
      longs: Number,
      arrays: true,
      objects: true,
      defaults: true,
      oneofs: true,
    }) as {
      installId: string;
      streamId: number;
      batchSequence: number;
      events: Array<Record<string, unknown>>;
    };
    return b.events.map((e) => ({
      installId: b.installId,
      streamId: b.streamId,
      batchSequence: b.batchSequence,
      eventId: e.eventId as string,
      sequence: e.sequence as number,
      sessionId: e.sessionId as string,
      sessionNumber: e.sessionNumber as number,
      payload: e.payload as string,
      custom: (e.custom ?? {}) as Record<string, string>,
      sampleRate: (e.sampleRate as number) ?? 0,
    }));
  });
}

export interface ExactlyOnce {
  /** Events after dropping re-sent batches by (install, stream, batch_sequence), as the processor does. */
  unique: DeliveredEvent[];
  /** Records that were copies of a batch already in the log (same install, stream and sequence). */
  resentCopies: number;
}

/**
 * What the processor would count: batches deduplicated by (install_id, stream_id,
 * batch_sequence); every test here runs one game.
 * Throws if an event id appears under two different batches (which no dedup could fix)
 * or a batch sequence carries two different event lists.
 */
export function exactlyOnce(events: readonly DeliveredEvent[]): ExactlyOnce {
  const byBatch = new Map<string, DeliveredEvent[]>();
  for (const e of events) {
    const key = `${e.installId}/${e.streamId}/${e.batchSequence}`;
    byBatch.set(key, [...(byBatch.get(key) ?? []), e]);
  }
  let resentCopies = 0;
  const unique: DeliveredEvent[] = [];
  const batchOfEvent = new Map<string, string>();
  for (const [key, list] of byBatch) {
    // A re-sent batch is byte-identical: the records of one key repeat the same event list.
    const first = [...new Map(list.map((e) => [e.eventId, e])).values()];
    const ids = list.map((e) => e.eventId).join();
    const one = first.map((e) => e.eventId).join();
    const copies = list.length / first.length;
    if (!Number.isInteger(copies) || ids !== Array(copies).fill(one).join()) throw new Error(`batch ${key}: copies differ`);
    resentCopies += copies - 1;
    for (const e of first) {
      const other = batchOfEvent.get(e.eventId);
      if (other !== undefined) throw new Error(`event ${e.eventId} delivered in two batches: ${other} and ${key}`);
      batchOfEvent.set(e.eventId, key);
      unique.push(e);
    }
  }
  return { unique, resentCopies };
}
