/**
 * Waiting until a reader has reached given offsets: how a deletion request makes sure
 * it covers every event acknowledged before it (deletions-consumer.ts, "Coverage").
 */
import type { TopicPartitionOffset } from '@gamepulse/log';

export interface WaitForOffsetsOptions {
  /** What is awaited, for the error message, e.g. "processors' committed offsets on gp.events.v1". */
  what: string;
  /** Give up (throw, the batch is retried) after this long. @default 60_000 */
  timeoutMs?: number;
  /** @default 200 */
  pollMs?: number;
  signal?: AbortSignal;
  /** @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  nowMs?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Resolves once `read()` (partition → offset reached) is at or past every target offset;
 * a partition without a reading counts as 0. Targets of 0 are met from the start.
 */
export async function waitForOffsets(
  targets: readonly TopicPartitionOffset[],
  read: () => Promise<ReadonlyMap<number, number>>,
  o: WaitForOffsetsOptions,
): Promise<void> {
  const sleep = o.sleep ?? defaultSleep;
  const now = o.nowMs ?? Date.now;
  const deadline = now() + (o.timeoutMs ?? 60_000);
  for (;;) {
    if (o.signal?.aborted) throw new Error(`stopped while waiting for ${o.what}`);
    const reached = await read();
    const behind = targets.filter((t) => t.offset > 0 && (reached.get(t.partition) ?? 0) < t.offset);
    if (behind.length === 0) return;
    if (now() >= deadline) {
      const detail = behind.map((t) => `${t.partition}: ${reached.get(t.partition) ?? 0} < ${t.offset}`).join(', ');
      throw new Error(`${o.what} did not reach the offsets the deletion must cover within ${o.timeoutMs ?? 60_000} ms (${detail})`);
    }
    await sleep(o.pollMs ?? 200);
  }
}
