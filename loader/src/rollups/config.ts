/**
 * The loader process's configuration (`npx tsx apps/src/rollups-loader.ts`): one spec
 * for `loadConfig`. Shared keys use the same variables as the collector and the
 * processor (GAMEPULSE_KAFKA_BROKERS, GAMEPULSE_TOPIC_PREFIX, GAMEPULSE_STORE_PATH), so
 * one environment configures the whole Kafka profile.
 */
import { loadConfig, type ConfigOf, type ConfigSpec, type LoadConfigOptions } from '@gamepulse/service';

export const LOADER_CONFIG = {
  kafkaBrokers: {
    kind: 'list',
    default: ['127.0.0.1:19092'],
    env: 'GAMEPULSE_KAFKA_BROKERS',
    doc: 'Bootstrap brokers (`host:port`, comma-separated) of Kafka or Redpanda.',
  },
  topicPrefix: {
    kind: 'string',
    default: 'gamepulse',
    env: 'GAMEPULSE_TOPIC_PREFIX',
    doc: 'Prefix of topic names; the loader reads `<prefix>.rollups.v1`.',
  },
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
  kafkaSessionTimeoutMs: {
    kind: 'int',
    default: 30_000,
    env: 'GAMEPULSE_KAFKA_SESSION_TIMEOUT_MS',
    min: 1_000,
    max: 300_000,
    doc: 'Consumer group session timeout: a member silent this long is evicted and its partitions move.',
  },
  kafkaHeartbeatIntervalMs: {
    kind: 'int',
    default: 3_000,
    env: 'GAMEPULSE_KAFKA_HEARTBEAT_INTERVAL_MS',
    min: 100,
    max: 100_000,
    doc: 'Consumer heartbeat period (below a third of the session timeout).',
  },
  kafkaRebalanceTimeoutMs: {
    kind: 'int',
    default: 60_000,
    env: 'GAMEPULSE_KAFKA_REBALANCE_TIMEOUT_MS',
    min: 1_000,
    max: 600_000,
    doc: 'How long the group coordinator waits for members to rejoin during a rebalance.',
  },
} as const satisfies ConfigSpec;

export type LoaderConfig = ConfigOf<typeof LOADER_CONFIG>;

export function loadLoaderConfig(options: LoadConfigOptions = {}): LoaderConfig {
  return loadConfig(LOADER_CONFIG, options);
}
