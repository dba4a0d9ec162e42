/**
 * The Kafka client settings of every gamepulse process, defined once: a spec fragment
 * (keys, environment variables, defaults, docs) that the collector, the processor and
 * the loader spread into their own specs, the cross-field checks a flat spec cannot
 * express, and the one mapping from the resolved values to `KafkaLogOptions` — so TLS,
 * SASL, timeouts and topic durability reach every Kafka client the same way.
 *
 * It lives beside KafkaLogOptions because it is their configuration surface: the
 * defaults here are the ones `resolveKafkaLogOptions` applies (options.test.ts checks
 * it), and the mapping needs kafkajs's TLS and SASL shapes, which `service` does not
 * know.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import type { ConfigOf, ConfigSpec, Logger } from '@gamepulse/service';
import type { KafkaLogOptions } from './options.ts';

/** Connection, security and topic-creation settings: every process with a Kafka client. */
export const KAFKA_CONFIG = {
  kafkaBrokers: {
    kind: 'list',
    default: ['127.0.0.1:19092'],
    env: 'GAMEPULSE_KAFKA_BROKERS',
    doc: 'Kafka / Redpanda bootstrap brokers (`host:port`, comma-separated).',
  },
  kafkaClientId: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_KAFKA_CLIENT_ID',
    doc: 'Client id in broker logs and quotas. `""`: `gamepulse-collector`, `gamepulse-processor-<pid>`, `gamepulse-loader-<pid>`.',
  },
  kafkaConnectionTimeoutMs: {
    kind: 'int',
    default: 3_000,
    env: 'GAMEPULSE_KAFKA_CONNECTION_TIMEOUT_MS',
    min: 100,
    max: 300_000,
    doc: 'TCP (and TLS) connect timeout per broker connection.',
  },
  kafkaRequestTimeoutMs: {
    kind: 'int',
    default: 30_000,
    env: 'GAMEPULSE_KAFKA_REQUEST_TIMEOUT_MS',
    min: 100,
    max: 600_000,
    doc: "How long any request waits for the broker's answer before it is retried.",
  },
  kafkaSsl: {
    kind: 'bool',
    default: false,
    env: 'GAMEPULSE_KAFKA_SSL',
    doc: 'TLS to the brokers, verified against the system CAs (or `kafkaSslCaFile`). Setting any `kafkaSsl*File` turns TLS on as well.',
  },
  kafkaSslCaFile: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_KAFKA_SSL_CA_FILE',
    doc: 'PEM file of the CA certificates the brokers\' certificates are verified against, instead of the system CAs. `""`: system CAs.',
  },
  kafkaSslCertFile: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_KAFKA_SSL_CERT_FILE',
    doc: 'Mutual TLS: PEM file of this client\'s certificate (with `kafkaSslKeyFile`). `""`: none.',
  },
  kafkaSslKeyFile: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_KAFKA_SSL_KEY_FILE',
    doc: 'Mutual TLS: PEM file of this client\'s private key (with `kafkaSslCertFile`). `""`: none.',
  },
  kafkaSaslMechanism: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_KAFKA_SASL_MECHANISM',
    oneOf: ['', 'plain', 'scram-sha-256', 'scram-sha-512'],
    doc: 'SASL mechanism; `""` for none. Use with TLS outside a private network (`plain` sends the password as is).',
  },
  kafkaSaslUsername: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_KAFKA_SASL_USERNAME',
    doc: 'SASL user name.',
  },
  kafkaSaslPassword: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_KAFKA_SASL_PASSWORD',
    doc: 'SASL password (prefer the environment to a file).',
  },
  kafkaReplicationFactor: {
    kind: 'int',
    default: 1,
    env: 'GAMEPULSE_KAFKA_REPLICATION_FACTOR',
    min: 1,
    max: 7,
    doc: 'Replication factor of the topics this process creates (3 in production). Existing topics keep theirs.',
  },
  kafkaMinInsyncReplicas: {
    kind: 'int',
    default: 0,
    env: 'GAMEPULSE_KAFKA_MIN_INSYNC_REPLICAS',
    min: 0,
    max: 7,
    doc: '`min.insync.replicas` of the topics this process creates: an acks=all write needs this many replicas in sync. `0`: replication factor − 1, at least 1 (2 with 3 replicas: one broker may be lost).',
  },
} as const satisfies ConfigSpec;

/** Consumer-group timings: the processes that consume (processor, loader). */
export const KAFKA_CONSUMER_CONFIG = {
  kafkaSessionTimeoutMs: {
    kind: 'int',
    default: 30_000,
    env: 'GAMEPULSE_KAFKA_SESSION_TIMEOUT_MS',
    min: 1_000,
    max: 300_000,
    doc: 'A group member silent this long (crashed) is evicted and its partitions move to the others.',
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
  kafkaAcceptPositionGaps: {
    kind: 'bool',
    default: false,
    env: 'GAMEPULSE_KAFKA_ACCEPT_POSITION_GAPS',
    doc: 'A stored position below the partition\'s log start (records removed unread by retention) stops the consumer with GP_LOG_POSITION_LOST. `true`: resume at the log start instead, logged and counted — an operator\'s decision for one restart, then back to `false` (log/README.md, "Gaps").',
  },
} as const satisfies ConfigSpec;

export type KafkaConfigValues = ConfigOf<typeof KAFKA_CONFIG>;
export type KafkaConsumerConfigValues = ConfigOf<typeof KAFKA_CONSUMER_CONFIG>;

/**
 * What a flat spec cannot check: SASL credentials, mutual-TLS pairs, readable PEM
 * files, min.insync.replicas within the replication factor, heartbeat below session
 * timeout. Call it when the process uses Kafka; an empty list means valid.
 */
export function kafkaConfigProblems(c: KafkaConfigValues & Partial<KafkaConsumerConfigValues>): string[] {
  const problems: string[] = [];
  if (c.kafkaBrokers.length === 0) problems.push('kafkaBrokers: at least one broker is required in Kafka mode');
  if (c.kafkaSaslMechanism && (!c.kafkaSaslUsername || !c.kafkaSaslPassword))
    problems.push('kafkaSaslMechanism needs kafkaSaslUsername and kafkaSaslPassword');
  if (Boolean(c.kafkaSslCertFile) !== Boolean(c.kafkaSslKeyFile))
    problems.push('kafkaSslCertFile and kafkaSslKeyFile go together (mutual TLS)');
  for (const key of ['kafkaSslCaFile', 'kafkaSslCertFile', 'kafkaSslKeyFile'] as const) {
    const path = c[key];
    if (!path) continue;
    try {
      accessSync(path, constants.R_OK);
    } catch (err) {
      problems.push(`${key}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  if (c.kafkaMinInsyncReplicas > c.kafkaReplicationFactor)
    problems.push(
      `kafkaMinInsyncReplicas (${c.kafkaMinInsyncReplicas}) exceeds kafkaReplicationFactor (${c.kafkaReplicationFactor}): every acks=all write would fail`,
    );
  if (
    c.kafkaHeartbeatIntervalMs !== undefined &&
    c.kafkaSessionTimeoutMs !== undefined &&
    c.kafkaHeartbeatIntervalMs >= c.kafkaSessionTimeoutMs
  )
    problems.push(
      `kafkaHeartbeatIntervalMs (${c.kafkaHeartbeatIntervalMs}) must be below kafkaSessionTimeoutMs (${c.kafkaSessionTimeoutMs})`,
    );
  return problems;
}

export interface KafkaOptionsFromConfig {
  /** Client id when `kafkaClientId` is `""`. */
  defaultClientId: string;
  /** Receives KafkaLog's and kafkajs's lines, as `kafka: <message>`. @default silent */
  logger?: Logger;
}

/** TLS from the configuration: `true` (system CAs), PEM contents, or off. */
function tlsOptions(c: KafkaConfigValues): KafkaLogOptions['ssl'] {
  const files = { ca: c.kafkaSslCaFile, cert: c.kafkaSslCertFile, key: c.kafkaSslKeyFile };
  if (!files.ca && !files.cert && !files.key) return c.kafkaSsl ? true : undefined;
  const read = (path: string) => readFileSync(path, 'utf8');
  return {
    ...(files.ca ? { ca: [read(files.ca)] } : {}),
    ...(files.cert ? { cert: read(files.cert) } : {}),
    ...(files.key ? { key: read(files.key) } : {}),
  };
}

/**
 * KafkaLogOptions from a process's configuration: brokers, client id, timeouts, TLS,
 * SASL, topic durability and (when the spec has them) the group timings. The caller
 * adds what is its own (topic configs, transaction timeout).
 */
export function kafkaLogOptionsFromConfig(
  c: KafkaConfigValues & Partial<KafkaConsumerConfigValues>,
  o: KafkaOptionsFromConfig,
): KafkaLogOptions {
  const options: KafkaLogOptions = {
    brokers: [...c.kafkaBrokers],
    clientId: c.kafkaClientId || o.defaultClientId,
    connectionTimeoutMs: c.kafkaConnectionTimeoutMs,
    requestTimeoutMs: c.kafkaRequestTimeoutMs,
    replicationFactor: c.kafkaReplicationFactor,
  };
  if (c.kafkaMinInsyncReplicas > 0) options.topicConfig = { 'min.insync.replicas': String(c.kafkaMinInsyncReplicas) };
  const ssl = tlsOptions(c);
  if (ssl !== undefined) options.ssl = ssl;
  if (c.kafkaSaslMechanism)
    options.sasl = {
      mechanism: c.kafkaSaslMechanism,
      username: c.kafkaSaslUsername,
      password: c.kafkaSaslPassword,
    } as KafkaLogOptions['sasl'];
  if (c.kafkaSessionTimeoutMs !== undefined) options.sessionTimeoutMs = c.kafkaSessionTimeoutMs;
  if (c.kafkaHeartbeatIntervalMs !== undefined) options.heartbeatIntervalMs = c.kafkaHeartbeatIntervalMs;
  if (c.kafkaRebalanceTimeoutMs !== undefined) options.rebalanceTimeoutMs = c.kafkaRebalanceTimeoutMs;
  const logger = o.logger;
  if (logger) options.logger = (e) => logger[e.level](`kafka: ${e.message}`, { namespace: e.namespace, ...e.fields });
  return options;
}
