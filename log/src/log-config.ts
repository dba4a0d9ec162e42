/**
 * Configuration fragments for the log a process reads or writes: which implementation,
 * where the embedded one lives, and the topic names. Each process spreads them into its
 * own spec (`loadConfig` in @gamepulse/service), so one environment configures every
 * process of a deployment with the same keys and variables.
 */
import type { ConfigSpec } from '@gamepulse/service';

/** Topic names: `topicNames(config.topicPrefix)`. */
export const TOPIC_CONFIG = {
  topicPrefix: {
    kind: 'string',
    default: 'gamepulse',
    env: 'GAMEPULSE_TOPIC_PREFIX',
    doc: "Prefix of topic names: `<prefix>.events.v1`, `<prefix>.dead-letter.v1`, `<prefix>.deletions.v1`, `<prefix>.rollups.v1` (and the processors' state changelog). One prefix per deployment sharing a broker.",
  },
} as const satisfies ConfigSpec;

/** The log a process uses: the embedded one in `logDir`, or Kafka (see KAFKA_CONFIG). */
export const LOG_CONFIG = {
  logKind: {
    kind: 'string',
    default: 'embedded',
    env: 'GAMEPULSE_LOG_KIND',
    oneOf: ['embedded', 'kafka'],
    doc: '`embedded`: the durable log in `logDir` on this machine (the collector writes it, the processor reads it). `kafka`: Apache Kafka / Redpanda at `kafkaBrokers`.',
  },
  logDir: {
    kind: 'string',
    default: '.data/log',
    env: 'GAMEPULSE_LOG_DIR',
    doc: "Directory of the embedded log's segment files, relative to the working directory (the collector is its writer; the processor opens it read-only).",
  },
  ...TOPIC_CONFIG,
} as const satisfies ConfigSpec;
