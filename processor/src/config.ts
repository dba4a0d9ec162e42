/**
 * The processor process's configuration: one spec (defaults, environment variables,
 * docs) for `loadConfig`; `describeConfig(PROCESSOR_CONFIG)` renders the reference.
 * Shared keys (logDir, topicPrefix) use the collector's variables, so one environment
 * configures both processes of an embedded deployment.
 */
import { loadConfig, type ConfigOf, type ConfigSpec, type LoadConfigOptions } from '@gamepulse/service';

export const PROCESSOR_CONFIG = {
  logKind: {
    kind: 'string',
    default: 'embedded',
    env: 'GAMEPULSE_LOG_KIND',
    oneOf: ['embedded', 'kafka'],
    doc: '`embedded`: read the embedded log, write DuckDB, serve the query API. `kafka`: read Kafka/Redpanda, write rollups + state + offsets in one Kafka transaction per input partition (no store here: the loader, `apps/src/rollups-loader.ts`, fills DuckDB from the rollups topic).',
  },
  kafkaBrokers: {
    kind: 'list',
    default: ['127.0.0.1:19092'],
    env: 'GAMEPULSE_KAFKA_BROKERS',
    doc: 'Kafka mode: bootstrap brokers (`host:port`, comma-separated).',
  },
  kafkaSessionTimeoutMs: {
    kind: 'int',
    default: 30_000,
    env: 'GAMEPULSE_KAFKA_SESSION_TIMEOUT_MS',
    min: 1_000,
    max: 300_000,
    doc: 'Kafka mode: a member silent this long (crashed) is evicted and its partitions move to the others.',
  },
  kafkaHeartbeatIntervalMs: {
    kind: 'int',
    default: 3_000,
    env: 'GAMEPULSE_KAFKA_HEARTBEAT_INTERVAL_MS',
    min: 100,
    max: 100_000,
    doc: 'Kafka mode: consumer heartbeat period (below a third of the session timeout).',
  },
  kafkaRebalanceTimeoutMs: {
    kind: 'int',
    default: 60_000,
    env: 'GAMEPULSE_KAFKA_REBALANCE_TIMEOUT_MS',
    min: 1_000,
    max: 600_000,
    doc: 'Kafka mode: how long the coordinator waits for members to rejoin during a rebalance.',
  },
  kafkaTransactionTimeoutMs: {
    kind: 'int',
    default: 60_000,
    env: 'GAMEPULSE_KAFKA_TRANSACTION_TIMEOUT_MS',
    min: 1_000,
    max: 900_000,
    doc: "Kafka mode: the broker aborts a transaction open this long (a hung processor); at most the broker's transaction.max.timeout.ms.",
  },
  logDir: {
    kind: 'string',
    default: '.data/log',
    env: 'GAMEPULSE_LOG_DIR',
    doc: "Directory of the embedded log, opened read-only (the collector is its writer).",
  },
  topicPrefix: {
    kind: 'string',
    default: 'gamepulse',
    env: 'GAMEPULSE_TOPIC_PREFIX',
    doc: 'Prefix of topic names; the processor reads `<prefix>.events.v1`.',
  },
  storePath: {
    kind: 'string',
    default: '.data/gamepulse.duckdb',
    env: 'GAMEPULSE_STORE_PATH',
    doc: 'DuckDB file the rollups go to. DuckDB allows one read-write process per file, so the query API is served by this process.',
  },
  groupId: {
    kind: 'string',
    default: 'processor',
    env: 'GAMEPULSE_PROCESSOR_GROUP',
    doc: 'Consumer group, and the owner of positions and state in the store.',
  },
  commitIntervalMs: {
    kind: 'int',
    default: 1000,
    env: 'GAMEPULSE_PROCESSOR_COMMIT_INTERVAL_MS',
    min: 10,
    max: 600_000,
    doc: 'Commit at least this often while there is new input: the freshness of the numbers, and the work a crash redoes.',
  },
  maxPendingRows: {
    kind: 'int',
    default: 50_000,
    env: 'GAMEPULSE_PROCESSOR_MAX_PENDING_ROWS',
    min: 1,
    max: 10_000_000,
    doc: 'Commit early once this many rollup rows + player windows wait: bounds memory and commit size.',
  },
  maxBatchRecords: {
    kind: 'int',
    default: 5000,
    env: 'GAMEPULSE_PROCESSOR_MAX_BATCH_RECORDS',
    min: 1,
    max: 100_000,
    doc: 'Log records (collector batches) handed to the processor per fetch.',
  },
  maxConsecutiveFailures: {
    kind: 'int',
    default: 10,
    env: 'GAMEPULSE_PROCESSOR_MAX_CONSECUTIVE_FAILURES',
    min: 1,
    max: 1000,
    doc: 'Failed commits / checkpoint loads in a row (with backoff) before the process exits 1 for its supervisor.',
  },
  host: {
    kind: 'string',
    default: '127.0.0.1',
    env: 'GAMEPULSE_PROCESSOR_HOST',
    doc: 'Address of the HTTP listener (query API, console, /healthz, /readyz, /metrics).',
  },
  port: {
    kind: 'int',
    default: 8081,
    env: 'GAMEPULSE_PROCESSOR_PORT',
    min: 0,
    max: 65535,
    doc: 'HTTP port of the query API and the ops endpoints (Kafka mode: the ops endpoints only). `0` picks a free port (logged at start).',
  },
  console: {
    kind: 'bool',
    default: true,
    env: 'GAMEPULSE_PROCESSOR_CONSOLE',
    doc: 'Serve the live console at `/`.',
  },
  topicWaitMs: {
    kind: 'int',
    default: 500,
    env: 'GAMEPULSE_PROCESSOR_TOPIC_WAIT_MS',
    min: 10,
    max: 60_000,
    doc: 'Until the collector has created the events topic, how often to look for it.',
  },
} as const satisfies ConfigSpec;

export type ProcessorConfig = ConfigOf<typeof PROCESSOR_CONFIG>;

/** defaults ← file ← environment ← overrides. */
export function loadProcessorConfig(options: LoadConfigOptions = {}): ProcessorConfig {
  return loadConfig(PROCESSOR_CONFIG, options);
}
