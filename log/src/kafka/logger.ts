/**
 * kafkajs's log lines, mapped onto one callback of ours.
 *
 * kafkajs logs every error response at ERROR, including the ones its retry handles by
 * design. Those would bury real failures, so they are demoted to debug (see
 * scripts/engines/KAFKA.md "Expected, retried errors"):
 *  - a group/transaction coordinator still loading or moving right after a broker start
 *    (COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR);
 *  - CONCURRENT_TRANSACTIONS while the broker writes the previous transaction's markers
 *    (KIP-98), retried by kafkajs;
 *  - REBALANCE_IN_PROGRESS answers to heartbeats: how the classic group protocol tells
 *    members to rejoin; the consumer acts on it (see consumer.ts);
 *  - TOPIC_ALREADY_EXISTS from a createTopics race (ensureTopics treats it as success);
 *  - the warning that bounded retries "may invalidate EoS guarantees": bounded retries
 *    are deliberate here (append must return during an outage), see options.ts.
 */
import { logLevel, type logCreator, type LogEntry } from 'kafkajs';

export type KafkaLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface KafkaLogEntry {
  level: KafkaLogLevel;
  /** kafkajs namespace (Producer, Consumer, ConsumerGroup, Runner, …) or KafkaLog for ours. */
  namespace: string;
  message: string;
  fields: Record<string, unknown>;
}

/** Receives every line at or above the configured level. */
export type KafkaLogLogger = (entry: KafkaLogEntry) => void;

const RANK: Readonly<Record<KafkaLogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Messages kafkajs logs at WARN/ERROR that describe a condition it retries by design. */
export const BENIGN_KAFKAJS_MESSAGES: readonly RegExp[] = [
  /coordinator is loading/i,
  /coordinator is not available/i,
  /not the correct coordinator/i,
  /another concurrent operation on the same transaction/i,
  /The group is rebalancing, so a rejoin is needed/i,
  /Topic with this name already exists/i,
  /Topic creation errors/i,
  /Limiting retries for the idempotent producer/i,
];

function fromKafkajs(level: logLevel): KafkaLogLevel {
  switch (level) {
    case logLevel.ERROR:
    case logLevel.NOTHING:
      return 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'info';
    default:
      return 'debug';
  }
}

/** The kafkajs level to ask for: our minimum, so kafkajs does not build lines we drop. */
export function kafkajsLogLevel(min: KafkaLogLevel): logLevel {
  return { debug: logLevel.DEBUG, info: logLevel.INFO, warn: logLevel.WARN, error: logLevel.ERROR }[min];
}

export function isBenign(message: string, fields: Record<string, unknown>): boolean {
  // kafkajs's `error` field holds a message string or the Error itself.
  const { error } = fields;
  const text = `${message} ${typeof error === 'string' ? error : error instanceof Error ? String(error) : ''}`;
  return BENIGN_KAFKAJS_MESSAGES.some((re) => re.test(text));
}

/** A kafkajs `logCreator` that demotes benign lines, filters by level and forwards to `logger`. */
export function kafkajsLogCreator(logger: KafkaLogLogger, min: KafkaLogLevel): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _name, ...fields } = log as LogEntry['log'] & Record<string, unknown>;
      let mapped = fromKafkajs(level);
      if (mapped !== 'debug' && mapped !== 'info' && isBenign(message, fields)) mapped = 'debug';
      if (RANK[mapped] < RANK[min]) return;
      logger({ level: mapped, namespace, message, fields });
    };
}

/** Our own lines (consumer lifecycle, producer resets), through the same callback and level. */
export class ScopedLogger {
  constructor(
    private readonly logger: KafkaLogLogger,
    private readonly min: KafkaLogLevel,
    private readonly namespace = 'KafkaLog',
  ) {}

  log(level: KafkaLogLevel, message: string, fields: Record<string, unknown> = {}): void {
    if (RANK[level] < RANK[this.min]) return;
    this.logger({ level, namespace: this.namespace, message, fields });
  }
  debug(message: string, fields?: Record<string, unknown>): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.log('error', message, fields);
  }
}

export const silentLogger: KafkaLogLogger = () => {};
