/**
 * Kafka mode: when the loader may apply a deletion request (loader/src/deletions,
 * "Coverage"). Everything the collector acknowledged before the request must be in
 * the store first, or rows of the player's earlier events would arrive after the
 * erase and stay.
 */
import type { Log, TopicPartitionOffset } from '@gamepulse/log';
import { waitForOffsets, type CoordinateErase } from '../deletions/index.ts';
import type { RollupsLoader } from './loader.ts';

const byPartition = (offsets: readonly TopicPartitionOffset[]) => new Map(offsets.map((o) => [o.partition, o.offset]));

export interface CoverageOptions {
  log: Log;
  loader: Pick<RollupsLoader, 'stats'>;
  topics: { events: string; rollups: string };
  /** The processors' consumer group (their offsets on the events topic). */
  processorGroupId: string;
  /** Per wait. @default 60_000 */
  timeoutMs?: number;
  /** @default 200 */
  pollMs?: number;
}

/**
 * First the processors have committed the events topic up to its end as of now — their
 * rows are then in the rollups topic, committed in the same transactions — then this
 * loader has stored the rollups topic up to its end as of that moment; then the erase.
 */
export function coverThenErase(o: CoverageOptions): CoordinateErase {
  const wait = {
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
  };
  return async (_requests, erase, signal) => {
    const eventsEnd = await o.log.endOffsets(o.topics.events);
    await waitForOffsets(eventsEnd, async () => byPartition(await o.log.committed(o.processorGroupId, o.topics.events)), {
      what: `processors' (group ${o.processorGroupId}) committed offsets on ${o.topics.events}`,
      signal,
      ...wait,
    });
    const rollupsEnd = await o.log.endOffsets(o.topics.rollups);
    await waitForOffsets(rollupsEnd, async () => new Map(o.loader.stats().positions.map((p) => [p.partition, p.offset])), {
      what: `the loader's positions on ${o.topics.rollups}`,
      signal,
      ...wait,
    });
    return erase();
  };
}
