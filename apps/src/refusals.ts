/**
 * Refusals: conditions a restart cannot fix, where a Kafka-mode process stays up but not
 * ready — /readyz answers 503 naming the problem, the error is logged once with its code —
 * instead of exiting into a crash loop whose reason scrolls away. An operator decides.
 *
 *  - GP_LOG_TOPIC_UNDER_REPLICATED: an existing topic has a lower replication factor or
 *    min.insync.replicas than configured (ensureTopics);
 *  - GP_LOG_POSITION_LOST: a consumer's stored position is below the log start
 *    (log/README.md, "Gaps").
 */
import type { Log, TopicSpec } from '@gamepulse/log';
import type { Logger, ReadinessCheck } from '@gamepulse/service';

const REFUSAL_CODES = new Set(['GP_LOG_TOPIC_UNDER_REPLICATED', 'GP_LOG_POSITION_LOST']);

/** The refusal code in an error's cause chain, if any. */
export function refusalCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === 'object' && depth < 10; depth++) {
    if (typeof e.code === 'string' && REFUSAL_CODES.has(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** A readiness check that always fails with the refusal, after logging it once. */
export function refusal(name: string, err: unknown, logger: Logger): ReadinessCheck {
  const code = refusalCode(err)!;
  const message = err instanceof Error ? err.message : String(err);
  logger.error(`${name}: refusing to run; not ready until an operator acts (log/README.md)`, { code, err });
  const detail = message.startsWith(code) ? message : `${code}: ${message}`;
  return { name, check: async () => ({ ok: false, detail }) };
}

/** ensureTopics; a refusal becomes a failing readiness check, other errors are thrown. */
export async function ensureTopicsOrRefuse(log: Log, topics: TopicSpec[], logger: Logger): Promise<ReadinessCheck | undefined> {
  try {
    await log.ensureTopics(topics);
    return undefined;
  } catch (err) {
    if (refusalCode(err) === undefined) throw err;
    return refusal('kafka topics', err, logger);
  }
}
