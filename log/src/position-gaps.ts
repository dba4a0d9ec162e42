/**
 * Gaps: a consumer's stored position below the partition's log start. Retention (or a
 * DeleteRecords call, or a topic recreated) removed records the group never read. Every
 * log treats it the same way, so a consumer never skips records silently:
 *
 *  - a stored position of 0 means "from the beginning": nothing can be below it, so a new
 *    group (nothing stored yet) starts at the log start, whatever retention removed;
 *  - any other position below the log start is a gap: the consumer stops with
 *    GP_LOG_POSITION_LOST (onAssigned's partitions are not delivered), unless the owner
 *    accepts gaps (`acceptPositionGaps`, an operator's decision), when it resumes at the
 *    log start and logs the records it skipped;
 *  - either way `onPositionGap` hears of it, for the gamepulse_log_position_gaps_total
 *    counter (`positionGapCounter`).
 *
 * The Kafka log compares with the low watermark (Kafka offsets have holes for transaction
 * markers, so "first record == stored position" would be wrong) and never lets kafkajs
 * reset an out-of-range position by itself (kafka/offset-reset-guard.ts). The embedded log
 * never deletes records today (every log start is 0), so it cannot meet a gap yet; its
 * consumer runs the same check, so retention there inherits the behaviour.
 */
import { Counter, registerOnce, type Registry } from '@gamepulse/service';
import { GamepulseError, type GamepulseErrorOptions } from '@gamepulse/service/errors';
import { LOG_ERRORS } from './errors.ts';
import type { TopicPartitionOffset } from './types.ts';

export interface PositionGap {
  groupId: string;
  topic: string;
  partition: number;
  /** The stored position (next offset to read). */
  position: number;
  /** The partition's first offset still in the log. */
  logStart: number;
  /** True when the owner accepts gaps: the consumer resumes at `logStart`. */
  accepted: boolean;
}

/** What a consumer does about gaps (ConsumerOptions). */
export interface PositionGapHandling {
  /** Resume at the log start instead of stopping (logged, counted). @default false */
  acceptPositionGaps?: boolean;
  /** Hears of every gap, accepted or not (metrics). @default none */
  onPositionGap?: (gap: PositionGap) => void;
}

export class PositionLostError extends GamepulseError<'GP_LOG_POSITION_LOST'> {
  constructor(message: string, options?: GamepulseErrorOptions) {
    super(LOG_ERRORS.GP_LOG_POSITION_LOST, message, options);
  }
}

/** The records a gap skips, in words: what was lost and what to do. */
export function describeGap(g: PositionGap): string {
  const where = `consumer group "${g.groupId}" on ${g.topic}/${g.partition}`;
  const lost = `offsets ${g.position}..${g.logStart - 1} were removed (retention, DeleteRecords or a recreated topic) before this group read them`;
  return g.accepted
    ? `${where}: stored position ${g.position} is below the log start ${g.logStart}: ${lost}; resuming at ${g.logStart} because acceptPositionGaps is set`
    : `${where}: stored position ${g.position} is below the log start ${g.logStart}: ${lost}. Stopped rather than skip them; to resume at the log start and accept the loss, restart with acceptPositionGaps (GAMEPULSE_KAFKA_ACCEPT_POSITION_GAPS=true) — log/README.md, "Gaps"`;
}

export interface SeekPlan {
  /** Where each partition starts: the stored position, or the log start for "from the beginning" and accepted gaps. */
  seeks: TopicPartitionOffset[];
  /** Every gap found, accepted or not. */
  gaps: PositionGap[];
  /** A PositionLostError when some gap is not accepted: the consumer stops with it. */
  error: PositionLostError | undefined;
}

/**
 * Where to start each partition given the stored positions and the log starts (keyed by
 * `topic/partition`; a partition without one starts at 0).
 */
export function planSeeks(
  groupId: string,
  positions: readonly TopicPartitionOffset[],
  logStarts: ReadonlyMap<string, number>,
  acceptPositionGaps = false,
): SeekPlan {
  const seeks: TopicPartitionOffset[] = [];
  const gaps: PositionGap[] = [];
  for (const p of positions) {
    const logStart = logStarts.get(`${p.topic}/${p.partition}`) ?? 0;
    if (p.offset >= logStart) seeks.push(p);
    else if (p.offset === 0) seeks.push({ ...p, offset: logStart });
    else {
      const gap = { groupId, topic: p.topic, partition: p.partition, position: p.offset, logStart, accepted: acceptPositionGaps };
      gaps.push(gap);
      seeks.push(acceptPositionGaps ? { ...p, offset: logStart } : p);
    }
  }
  const lost = gaps.filter((g) => !g.accepted);
  const error =
    lost.length === 0
      ? undefined
      : new PositionLostError(lost.map(describeGap).join('; '), {
          context: { gaps: lost.map(({ topic, partition, position, logStart }) => ({ topic, partition, position, logStart })), groupId },
        });
  return { seeks, gaps, error };
}

export const POSITION_GAPS_METRIC = 'gamepulse_log_position_gaps_total';

/**
 * gamepulse_log_position_gaps_total{group, topic, partition, outcome="stopped"|"accepted"},
 * one per registry however many consumers share it; `onPositionGap` for a consumer.
 */
export function positionGapCounter(registry: Registry): (gap: PositionGap) => void {
  const counter = registerOnce(
    registry,
    POSITION_GAPS_METRIC,
    () =>
      new Counter({
        name: POSITION_GAPS_METRIC,
        help: "Stored consumer positions found below the partition's log start (records removed unread); outcome stopped (the consumer refused) or accepted (acceptPositionGaps)",
        labelNames: ['group', 'topic', 'partition', 'outcome'],
        registers: [registry],
      }),
  );
  return (g) =>
    counter.inc({ group: g.groupId, topic: g.topic, partition: String(g.partition), outcome: g.accepted ? 'accepted' : 'stopped' });
}
