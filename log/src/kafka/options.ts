/**
 * Options of KafkaLog: one type with the defaults documented once, one resolved type,
 * one function that applies defaults and rejects settings that cannot work.
 *
 * What is NOT an option, because the guarantees depend on it: producers are idempotent
 * with acks=all (-1), consumers read committed only, consumer offsets are never
 * auto-committed, topics are never auto-created.
 */
import type { KafkaConfig } from 'kafkajs';
import { KafkaLogError } from './errors.ts';
import { silentLogger, type KafkaLogLevel, type KafkaLogLogger } from './logger.ts';

export interface KafkaRetryOptions {
  /**
   * Retries after the first attempt, for every kafkajs request (produce, admin,
   * consumer). Bounded on purpose: kafkajs's idempotent producer would otherwise retry
   * forever (Number.MAX_SAFE_INTEGER) and an append during a broker outage would never
   * return; we return a retryable LogFailure instead and let the caller decide.
   * @default 5
   */
  retries?: number;
  /** First backoff. @default 300 */
  initialRetryTimeMs?: number;
  /** Largest backoff. @default 30_000 */
  maxRetryTimeMs?: number;
  /** Jitter: each backoff is randomized by ±factor. @default 0.2 */
  factor?: number;
  /** Backoff growth per retry. @default 2 */
  multiplier?: number;
}

export interface KafkaLogOptions {
  /** Bootstrap brokers, `host:port`. Required. */
  brokers: string[];
  /** Client id in broker logs and quotas. @default 'gamepulse' */
  clientId?: string;
  /**
   * TLS, passed to kafkajs (and from there to Node's `tls.connect`): `true` for the
   * system CAs, or `{ ca, cert, key, servername, rejectUnauthorized }`. Not exercised by
   * the tests here (the test broker listens on PLAINTEXT). @default undefined (plaintext)
   */
  ssl?: KafkaConfig['ssl'];
  /**
   * SASL, passed to kafkajs: `{ mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512',
   * username, password }`, `{ mechanism: 'aws', … }` or `{ mechanism: 'oauthbearer',
   * oauthBearerProvider }`. Use with `ssl` outside a private network. Not exercised by
   * the tests here. @default undefined
   */
  sasl?: KafkaConfig['sasl'];
  /**
   * Record batch compression. kafkajs ships gzip only; snappy, lz4 and zstd need codec
   * packages registered in kafkajs's CompressionCodecs, which we do not depend on.
   * @default 'gzip'
   */
  compression?: 'gzip' | 'none';
  /** TCP connect timeout. kafkajs's 1 s default is short for a loaded broker. @default 3_000 */
  connectionTimeoutMs?: number;
  /** Time to wait for any response. @default 30_000 */
  requestTimeoutMs?: number;
  /** How long the partition leader waits for all in-sync replicas to ack a produce (acks=all). @default 30_000 */
  ackTimeoutMs?: number;
  /** Retry policy of all kafkajs calls. */
  retry?: KafkaRetryOptions;
  /**
   * In-flight requests per broker connection. Idempotence keeps per-partition order only
   * up to 5 (KIP-98; the Java client's max.in.flight.requests.per.connection limit), so
   * more is rejected. kafkajs also serializes an idempotent producer's produce requests
   * per broker, so values above 1 change little for produce. @default 1
   */
  maxInFlightRequests?: number;
  /**
   * Largest uncompressed bytes (keys + values + 64 B overhead per record) of one
   * partition's record batch in one produce request. kafkajs puts all of a request's
   * records for a partition into ONE record batch, which the broker rejects above
   * `message.max.bytes` (1 MiB by default); larger appends are split into several
   * requests, and concurrent small appends are coalesced up to this size.
   * @default 900_000
   */
  maxBatchBytes?: number;
  /**
   * Replication factor of topics created by ensureTopics. 1 fits a single local broker;
   * production uses 3 (with `min.insync.replicas` 2: an acks=all write then survives the
   * loss of one broker). @default 1
   */
  replicationFactor?: number;
  /**
   * Config of every topic ensureTopics creates (Kafka topic configs, string values).
   * @default { 'min.insync.replicas': String(max(1, replicationFactor - 1)) }
   */
  topicConfig?: Record<string, string>;
  /**
   * Extra config per topic name, over `topicConfig`, e.g. `{ [names.deletions]:
   * { 'cleanup.policy': 'compact' } }` (see `gamepulseTopicConfigs`). Applied on
   * creation only: existing topics keep theirs. @default {}
   */
  topicConfigs?: Record<string, Record<string, string>>;
  /** Consumer group session: a member silent this long is evicted. @default 30_000 */
  sessionTimeoutMs?: number;
  /** How long the coordinator waits for every member to rejoin during a rebalance. @default 60_000 */
  rebalanceTimeoutMs?: number;
  /** Heartbeat period; also how often a long onBatch heartbeats. Below sessionTimeoutMs / 3. @default 3_000 */
  heartbeatIntervalMs?: number;
  /** Bytes fetched per partition per request (a larger record is still fetched whole). @default 1_048_576 */
  maxBytesPerPartition?: number;
  /** First wait before redelivering a batch whose onBatch rejected; doubles up to 30 s. @default 500 */
  consumerRetryBackoffMs?: number;
  /**
   * A consumer that holds partitions, is not inside a callback, and saw no fetch complete
   * for this long while records wait on its partitions is stalled: it logs an error,
   * `health()` turns false, and it gives up (onFailed, GP_LOG_CONSUMER_STALLED) so its
   * owner starts a new one. kafkajs fetches every maxWaitMs while it runs. @default 60_000
   */
  consumerStallTimeoutMs?: number;
  /** Transaction timeout asked of the coordinator; must not exceed the broker's transaction.max.timeout.ms (15 min). @default 60_000 */
  transactionTimeoutMs?: number;
  /** health() gives up after this long. @default 2_000 */
  healthTimeoutMs?: number;
  /** Topic partition counts are cached this long (partitions only grow). @default 300_000 */
  metadataMaxAgeMs?: number;
  /** Receives log lines (kafkajs's and ours). @default silent */
  logger?: KafkaLogLogger;
  /** Lowest level passed to `logger`. @default 'warn' */
  logLevel?: KafkaLogLevel;
  /** Clock (epoch ms) for record timestamps when a record has none and for consumer ownership leases. @default Date.now */
  now?: () => number;
}

export interface ResolvedKafkaRetryOptions {
  retries: number;
  initialRetryTimeMs: number;
  maxRetryTimeMs: number;
  factor: number;
  multiplier: number;
}

export type ResolvedKafkaLogOptions = Required<Omit<KafkaLogOptions, 'ssl' | 'sasl' | 'retry'>> &
  Pick<KafkaLogOptions, 'ssl' | 'sasl'> & { retry: ResolvedKafkaRetryOptions };

/** Idempotence keeps order with at most 5 requests in flight (KIP-98). */
export const MAX_IDEMPOTENT_IN_FLIGHT = 5;

function invalid(message: string): KafkaLogError {
  return new KafkaLogError('GP_LOG_INVALID_OPTIONS', `openKafkaLog: ${message}`);
}

function positiveInt(name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) throw invalid(`${name} must be an integer ≥ ${min}, got ${value}`);
  return value;
}

export function resolveKafkaLogOptions(options: KafkaLogOptions): ResolvedKafkaLogOptions {
  if (
    !options ||
    !Array.isArray(options.brokers) ||
    options.brokers.length === 0 ||
    options.brokers.some((b) => typeof b !== 'string' || b === '')
  )
    throw invalid('brokers must be a non-empty array of host:port strings');
  const replicationFactor = positiveInt('replicationFactor', options.replicationFactor ?? 1);
  const retry = options.retry ?? {};
  const r: ResolvedKafkaLogOptions = {
    brokers: [...options.brokers],
    clientId: options.clientId ?? 'gamepulse',
    ssl: options.ssl,
    sasl: options.sasl,
    compression: options.compression ?? 'gzip',
    connectionTimeoutMs: positiveInt('connectionTimeoutMs', options.connectionTimeoutMs ?? 3_000),
    requestTimeoutMs: positiveInt('requestTimeoutMs', options.requestTimeoutMs ?? 30_000),
    ackTimeoutMs: positiveInt('ackTimeoutMs', options.ackTimeoutMs ?? 30_000),
    retry: {
      retries: positiveInt('retry.retries', retry.retries ?? 5, 0),
      initialRetryTimeMs: positiveInt('retry.initialRetryTimeMs', retry.initialRetryTimeMs ?? 300),
      maxRetryTimeMs: positiveInt('retry.maxRetryTimeMs', retry.maxRetryTimeMs ?? 30_000),
      factor: retry.factor ?? 0.2,
      multiplier: retry.multiplier ?? 2,
    },
    maxInFlightRequests: positiveInt('maxInFlightRequests', options.maxInFlightRequests ?? 1),
    maxBatchBytes: positiveInt('maxBatchBytes', options.maxBatchBytes ?? 900_000),
    replicationFactor,
    topicConfig: options.topicConfig ?? { 'min.insync.replicas': String(Math.max(1, replicationFactor - 1)) },
    topicConfigs: options.topicConfigs ?? {},
    sessionTimeoutMs: positiveInt('sessionTimeoutMs', options.sessionTimeoutMs ?? 30_000),
    rebalanceTimeoutMs: positiveInt('rebalanceTimeoutMs', options.rebalanceTimeoutMs ?? 60_000),
    heartbeatIntervalMs: positiveInt('heartbeatIntervalMs', options.heartbeatIntervalMs ?? 3_000),
    maxBytesPerPartition: positiveInt('maxBytesPerPartition', options.maxBytesPerPartition ?? 1_048_576),
    consumerRetryBackoffMs: positiveInt('consumerRetryBackoffMs', options.consumerRetryBackoffMs ?? 500),
    consumerStallTimeoutMs: positiveInt('consumerStallTimeoutMs', options.consumerStallTimeoutMs ?? 60_000),
    transactionTimeoutMs: positiveInt('transactionTimeoutMs', options.transactionTimeoutMs ?? 60_000),
    healthTimeoutMs: positiveInt('healthTimeoutMs', options.healthTimeoutMs ?? 2_000),
    metadataMaxAgeMs: positiveInt('metadataMaxAgeMs', options.metadataMaxAgeMs ?? 300_000, 0),
    logger: options.logger ?? silentLogger,
    logLevel: options.logLevel ?? 'warn',
    now: options.now ?? Date.now,
  };
  if (r.compression !== 'gzip' && r.compression !== 'none')
    throw invalid(`compression must be 'gzip' or 'none' (kafkajs ships gzip only), got ${String(r.compression)}`);
  if (r.maxInFlightRequests > MAX_IDEMPOTENT_IN_FLIGHT)
    throw invalid(
      `maxInFlightRequests must be ≤ ${MAX_IDEMPOTENT_IN_FLIGHT}: the idempotent producer keeps order only up to 5 in-flight requests (KIP-98)`,
    );
  if (r.heartbeatIntervalMs >= r.sessionTimeoutMs)
    throw invalid(`heartbeatIntervalMs (${r.heartbeatIntervalMs}) must be below sessionTimeoutMs (${r.sessionTimeoutMs})`);
  if (r.retry.factor < 0 || r.retry.factor >= 1) throw invalid(`retry.factor must be in [0, 1), got ${r.retry.factor}`);
  if (r.retry.multiplier < 1) throw invalid(`retry.multiplier must be ≥ 1, got ${r.retry.multiplier}`);
  const minIsr = Number(r.topicConfig['min.insync.replicas'] ?? 1);
  if (Number.isFinite(minIsr) && minIsr > replicationFactor)
    throw invalid(
      `topicConfig min.insync.replicas (${minIsr}) exceeds replicationFactor (${replicationFactor}): every acks=all append would fail with NOT_ENOUGH_REPLICAS`,
    );
  return r;
}

/** kafkajs's retry options from ours (kafkajs names them without units). */
export function kafkajsRetry(r: ResolvedKafkaRetryOptions) {
  return {
    retries: r.retries,
    initialRetryTime: r.initialRetryTimeMs,
    maxRetryTime: r.maxRetryTimeMs,
    factor: r.factor,
    multiplier: r.multiplier,
  };
}
