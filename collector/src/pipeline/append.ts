/**
 * The durable append: events and dead letters go to their topics in parallel, and the
 * batch counts as stored only when both appends resolved durably (`LogProducer.append`
 * resolves after fsync / acks=all). Any failure means no ack: the client keeps the
 * batch and sends it again. Dead letters of a batch whose events append failed may then
 * be written twice; they are diagnostics, counted at least once, never exactly once.
 */
import type { LogFailure, LogProducer, LogRecord } from '@gamepulse/log';
import { failure, type CollectorFailure } from '../errors.ts';
import type { BatchRecords } from './records.ts';
import type { IngestTopics } from './types.ts';

const OK = { ok: true } as const;

export function toLogFailure(f: LogFailure, retryAfterS: number): CollectorFailure {
  if (f.code === 'GP_LOG_RECORD_TOO_LARGE') return failure('GP_LOG_RECORD_TOO_LARGE');
  // A closed log is a replica shutting down: another replica (or this one, restarted) can take it.
  if (f.retryable || f.code === 'GP_LOG_CLOSED')
    return failure(
      'GP_LOG_UNAVAILABLE',
      `the event log cannot take writes right now (${f.code}); nothing was stored, retry later`,
      retryAfterS,
    );
  return failure('GP_LOG_WRITE_FAILED', `the event log refused the write (${f.code}); retry later`, retryAfterS);
}

async function appendOne(producer: LogProducer, topic: string, records: LogRecord[]): Promise<LogFailure | undefined> {
  if (records.length === 0) return undefined;
  try {
    const result = await producer.append(topic, records);
    return result.ok ? undefined : result;
  } catch (err) {
    // The Log contract says append reports failures as values; a throw is a bug in an
    // implementation, but it must still never turn into an ack.
    return { ok: false, code: 'GP_LOG_IO', message: (err as Error).message, retryable: false };
  }
}

export async function appendDurably(
  producer: LogProducer,
  topics: IngestTopics,
  records: BatchRecords,
  retryAfterS: number,
): Promise<{ ok: true } | (CollectorFailure & { cause: LogFailure })> {
  const [events, deadLetters] = await Promise.all([
    appendOne(producer, topics.events, records.events ? [records.events] : []),
    appendOne(producer, topics.deadLetter, records.deadLetters),
  ]);
  const first = events ?? deadLetters;
  return first ? { ...toLogFailure(first, retryAfterS), cause: first } : OK;
}
