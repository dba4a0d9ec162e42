/**
 * The loader process's configuration (`npx tsx apps/src/rollups-loader.ts`): one spec
 * for `loadConfig`, rendered into the README by `npx tsx loader/scripts/readme-tables.ts`.
 * The Kafka and topic keys are the shared fragments of @gamepulse/log, with the same
 * variables as the collector and the processor (GAMEPULSE_KAFKA_BROKERS,
 * GAMEPULSE_TOPIC_PREFIX, …), so one environment configures the whole Kafka profile.
 */
import {
  gamepulseTopicConfigs,
  kafkaConfigProblems,
  kafkaLogOptionsFromConfig,
  topicNames,
  KAFKA_CONFIG,
  KAFKA_CONSUMER_CONFIG,
  TOPIC_CONFIG,
  type KafkaLogOptions,
} from '@gamepulse/log';
import { ConfigError, loadConfig, type ConfigOf, type ConfigSpec, type LoadConfigOptions, type Logger } from '@gamepulse/service';

export const LOADER_CONFIG = {
  ...TOPIC_CONFIG,
  ...KAFKA_CONFIG,
  ...KAFKA_CONSUMER_CONFIG,
  storePath: {
    kind: 'string',
    default: '.data/gamepulse.duckdb',
    env: 'GAMEPULSE_STORE_PATH',
    doc: 'DuckDB file the rows are loaded into (this process is its only writer and serves its query API).',
  },
  groupId: {
    kind: 'string',
    default: 'rollups-loader',
    env: 'GAMEPULSE_LOADER_GROUP',
    doc: 'Consumer group, and the owner of the positions stored with the rows.',
  },
  processorGroupId: {
    kind: 'string',
    default: 'processor',
    env: 'GAMEPULSE_PROCESSOR_GROUP',
    doc: "The processors' consumer group: a deletion request waits until their committed offsets on the events topic cover it.",
  },
  host: {
    kind: 'string',
    default: '127.0.0.1',
    env: 'GAMEPULSE_LOADER_HOST',
    doc: 'Address of the HTTP listener (query API, console, /healthz, /readyz, /metrics).',
  },
  port: {
    kind: 'int',
    default: 8090,
    env: 'GAMEPULSE_LOADER_PORT',
    min: 0,
    max: 65535,
    doc: 'HTTP port of the query API. `0` picks a free port (logged at start).',
  },
  console: {
    kind: 'bool',
    default: true,
    env: 'GAMEPULSE_LOADER_CONSOLE',
    doc: 'Serve the live console at `/`.',
  },
} as const satisfies ConfigSpec;

export type LoaderConfig = ConfigOf<typeof LOADER_CONFIG>;

/** Checks what a flat spec cannot (Kafka credentials and durability); throws ConfigError listing every problem. */
export function resolveLoaderConfig(config: LoaderConfig): LoaderConfig {
  const problems = kafkaConfigProblems(config);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** defaults ← file ← environment ← overrides, then `resolveLoaderConfig`. */
export function loadLoaderConfig(options: LoadConfigOptions = {}): LoaderConfig {
  return resolveLoaderConfig(loadConfig(LOADER_CONFIG, options));
}

/** The loader's KafkaLog options (its deletions consumer shares the log): the shared Kafka settings and the configs of the topics it creates. */
export function loaderKafkaOptions(config: LoaderConfig, logger?: Logger): KafkaLogOptions {
  return {
    ...kafkaLogOptionsFromConfig(config, { defaultClientId: `gamepulse-loader-${process.pid}`, ...(logger ? { logger } : {}) }),
    topicConfigs: gamepulseTopicConfigs(topicNames(config.topicPrefix)),
  };
}
