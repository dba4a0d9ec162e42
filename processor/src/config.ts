/**
 * The processor process's configuration: one spec (defaults, environment variables,
 * docs) for `loadConfig`; `describeConfig(PROCESSOR_CONFIG)` renders the README's table
 * (`npx tsx processor/scripts/readme-tables.ts`). The log and Kafka keys are the shared
 * fragments of @gamepulse/log, with the collector's variables, so one environment
 * configures every process of a deployment.
 */
import {
  gamepulseTopicConfigs,
  kafkaConfigProblems,
  kafkaLogOptionsFromConfig,
  topicNames,
  KAFKA_CONFIG,
  KAFKA_CONSUMER_CONFIG,
  LOG_CONFIG,
  type KafkaLogOptions,
} from '@gamepulse/log';
import { ConfigError, loadConfig, type ConfigOf, type ConfigSpec, type LoadConfigOptions, type Logger } from '@gamepulse/service';
import { CHANGELOG_TOPIC_CONFIG, changelogTopicFor } from './sink/changelog.ts';

export const PROCESSOR_CONFIG = {
  ...LOG_CONFIG,
  ...KAFKA_CONFIG,
  ...KAFKA_CONSUMER_CONFIG,
  kafkaTransactionTimeoutMs: {
    kind: 'int',
    default: 60_000,
    env: 'GAMEPULSE_KAFKA_TRANSACTION_TIMEOUT_MS',
    min: 1_000,
    max: 900_000,
    doc: "Kafka mode: the broker aborts a transaction open this long (a hung processor); at most the broker's transaction.max.timeout.ms.",
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
  maxPendingStepRows: {
    kind: 'int',
    default: 0,
    env: 'GAMEPULSE_PROCESSOR_MAX_PENDING_STEP_ROWS',
    min: 0,
    max: 30_000_000,
    doc: 'Commit early once this many player-funnel step facts wait (their own budget: they do not count toward maxPendingRows); 0 = three times maxPendingRows.',
  },
  allowedLatenessMs: {
    kind: 'int',
    default: 600_000,
    env: 'GAMEPULSE_PROCESSOR_ALLOWED_LATENESS_MS',
    min: 0,
    max: 30 * 86_400_000,
    doc: 'Late data: an event older than its partition\'s largest event time minus this is still counted in its own window and flagged late (`late_events`, README "Late data").',
  },
  maxFutureMs: {
    kind: 'int',
    default: 300_000,
    env: 'GAMEPULSE_PROCESSOR_MAX_FUTURE_MS',
    min: 0,
    max: 86_400_000,
    doc: "An event time more than this after its batch's receive time is clamped to the receive time: a clock-skewed client cannot open future windows.",
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
  sessionGapMs: {
    kind: 'int',
    default: 1_800_000,
    env: 'GAMEPULSE_PROCESSOR_SESSION_GAP_MS',
    min: 1_000,
    max: 86_400_000,
    doc: "Sessions by inactivity gap: an install's event more than this long after its previous one opens a new session (player rows' gap_sessions).",
  },
  topicWaitMs: {
    kind: 'int',
    default: 500,
    env: 'GAMEPULSE_PROCESSOR_TOPIC_WAIT_MS',
    min: 10,
    max: 60_000,
    doc: 'Until the collector has created the events topic, how often to look for it.',
  },
  reportingCurrency: {
    kind: 'string',
    default: 'USD',
    env: 'GAMEPULSE_PROCESSOR_REPORTING_CURRENCY',
    doc: 'Currency (ISO 4217) purchases are converted into at fold time (`revenue_reporting_minor`), for games not in `reportingCurrencyByGame`; it needs a rate (rates file or built-in: USD EUR GBP BRL JPY).',
  },
  reportingCurrencyByGame: {
    kind: 'list',
    default: [],
    env: 'GAMEPULSE_PROCESSOR_REPORTING_CURRENCY_BY_GAME',
    doc: 'Per-game reporting currencies, `gameId=CUR` comma-separated (`word-quest=EUR,space-miner=JPY`).',
  },
  fxRatesPath: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_PROCESSOR_FX_RATES_PATH',
    doc: 'Exchange rates by day, ECB euro reference rates as JSON (`config/fx-rates.json`, processor/README.md "Reporting currency"); empty: built-in default rates only. Read at start.',
  },
  fxRatesUrl: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_PROCESSOR_FX_RATES_URL',
    doc: 'An endpoint serving the same JSON, fetched at start instead of the file (a failed fetch stops the start: exit 2 is better than silent default rates).',
  },
  analytics: {
    kind: 'string',
    default: 'full',
    env: 'GAMEPULSE_PROCESSOR_ANALYTICS',
    oneOf: ['full', 'plain'],
    doc: '`full`: rollups with every live-ops fact (step facts, gap sessions, progress, reporting currency, late data, region); `plain`: the base rollup and player rows only, for operators who want just those and for the bench\'s comparison (README "Analytics: full or plain").',
  },
} as const satisfies ConfigSpec;

export type ProcessorConfig = ConfigOf<typeof PROCESSOR_CONFIG>;

/** Checks what a flat spec cannot (Kafka credentials and durability in Kafka mode); throws ConfigError listing every problem. */
export function resolveProcessorConfig(config: ProcessorConfig): ProcessorConfig {
  const problems = config.logKind === 'kafka' ? kafkaConfigProblems(config) : [];
  for (const entry of config.reportingCurrencyByGame)
    if (!/^[^=]+=[A-Z]{3}$/.test(entry)) problems.push(`reportingCurrencyByGame: "${entry}" is not gameId=CUR (ISO 4217, upper case)`);
  if (!/^[A-Z]{3}$/.test(config.reportingCurrency))
    problems.push(`reportingCurrency: "${config.reportingCurrency}" is not an ISO 4217 code`);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** defaults ← file ← environment ← overrides, then `resolveProcessorConfig`. */
export function loadProcessorConfig(options: LoadConfigOptions = {}): ProcessorConfig {
  return resolveProcessorConfig(loadConfig(PROCESSOR_CONFIG, options));
}

/**
 * The processor's KafkaLog options in Kafka mode: the shared Kafka settings, the
 * transaction timeout, and the configs of the topics it creates (rollups, dead letters,
 * and its compacted state changelog).
 */
export function processorKafkaOptions(config: ProcessorConfig, logger?: Logger): KafkaLogOptions {
  const changelog = changelogTopicFor(config.topicPrefix, config.groupId);
  return {
    ...kafkaLogOptionsFromConfig(config, { defaultClientId: `gamepulse-processor-${process.pid}`, ...(logger ? { logger } : {}) }),
    transactionTimeoutMs: config.kafkaTransactionTimeoutMs,
    topicConfigs: { ...gamepulseTopicConfigs(topicNames(config.topicPrefix)), [changelog]: { ...CHANGELOG_TOPIC_CONFIG } },
  };
}
