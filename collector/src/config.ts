/**
 * The collector's configuration: one spec (defaults, environment variables, docs) that
 * `loadConfig` resolves and the README's reference table is generated from
 * (`npx tsx collector/scripts/readme-tables.ts`). `resolveCollectorConfig` adds the checks
 * a flat spec cannot express (key entries, limits that depend on each other).
 */
import { ConfigError, loadConfig, type ConfigOf, type ConfigSpec, type LoadConfigOptions } from '@gamepulse/service';
import { parseKeys, type KeyRing } from './keys.ts';

const MiB = 1024 * 1024;

export const COLLECTOR_CONFIG = {
  host: {
    kind: 'string',
    default: '127.0.0.1',
    env: 'GAMEPULSE_COLLECTOR_HOST',
    doc: 'Address both listeners bind to. Loopback by default; `0.0.0.0` behind a load balancer.',
  },
  httpPort: {
    kind: 'int',
    default: 8080,
    env: 'GAMEPULSE_COLLECTOR_HTTP_PORT',
    min: 0,
    max: 65535,
    doc: 'HTTP port: `POST /v1/batch`, `/healthz`, `/readyz`, `/metrics`. `0` picks a free port.',
  },
  grpcPort: {
    kind: 'int',
    default: 50051,
    env: 'GAMEPULSE_COLLECTOR_GRPC_PORT',
    min: 0,
    max: 65535,
    doc: 'gRPC port (`gamepulse.v1.Collector`; 50051 is the customary gRPC port). `0` picks a free port.',
  },
  keys: {
    kind: 'list',
    default: ['dev-key=demo:dev'],
    env: 'GAMEPULSE_COLLECTOR_KEYS',
    doc: 'Ingest keys, comma-separated: `<secret>=<gameId>[:<keyId>]`. The default dev key (`dev-key` for game `demo`) is for local use only: set your own in production.',
  },
  maxBodyBytes: {
    kind: 'int',
    default: 1 * MiB,
    env: 'GAMEPULSE_COLLECTOR_MAX_BODY_BYTES',
    min: 1024,
    max: 64 * MiB,
    doc: 'Largest request body as sent (compressed or not); larger is `GP_BODY_TOO_LARGE`.',
  },
  maxDecompressedBytes: {
    kind: 'int',
    default: 8 * MiB,
    env: 'GAMEPULSE_COLLECTOR_MAX_DECOMPRESSED_BYTES',
    min: 1024,
    max: 256 * MiB,
    doc: 'Hard cap on a body after decompression (also the gRPC max receive message length); larger is `GP_BODY_DECOMPRESSED_TOO_LARGE`.',
  },
  maxCompressionRatio: {
    kind: 'int',
    default: 100,
    env: 'GAMEPULSE_COLLECTOR_MAX_COMPRESSION_RATIO',
    min: 2,
    max: 10_000,
    doc: 'Largest decompressed/compressed ratio once the output exceeds `maxBodyBytes`. Real batches compress 5-20×; a gzip bomb of zeros about 1000×.',
  },
  logRetryAfterS: {
    kind: 'int',
    default: 2,
    env: 'GAMEPULSE_COLLECTOR_LOG_RETRY_AFTER_S',
    min: 1,
    max: 3600,
    doc: '`Retry-After` (seconds; gRPC: trailing metadata `retry-after`) sent with `GP_LOG_UNAVAILABLE`, `GP_LOG_WRITE_FAILED` and `GP_SHUTTING_DOWN`.',
  },
  corsOrigins: {
    kind: 'list',
    default: ['*'],
    env: 'GAMEPULSE_COLLECTOR_CORS_ORIGINS',
    doc: 'Origins allowed to send batches from a browser; `*` for any (the key is a header, not a cookie, so no credentials are involved).',
  },
  drainTimeoutMs: {
    kind: 'int',
    default: 10_000,
    env: 'GAMEPULSE_COLLECTOR_DRAIN_TIMEOUT_MS',
    min: 0,
    max: 600_000,
    doc: 'On shutdown, how long in-flight requests may take to finish before connections are cut.',
  },
  logKind: {
    kind: 'string',
    default: 'embedded',
    env: 'GAMEPULSE_LOG_KIND',
    oneOf: ['embedded'],
    doc: 'Which log to write to. `embedded` is the in-process durable log; Kafka/Redpanda comes with a later issue.',
  },
  logDir: {
    kind: 'string',
    default: '.data/log',
    env: 'GAMEPULSE_LOG_DIR',
    doc: "Directory of the embedded log's segment files (relative to the working directory).",
  },
  topicPrefix: {
    kind: 'string',
    default: 'gamepulse',
    env: 'GAMEPULSE_TOPIC_PREFIX',
    doc: 'Prefix of topic names: `<prefix>.events.v1` and `<prefix>.dead-letter.v1`.',
  },
} as const satisfies ConfigSpec;

export type RawCollectorConfig = ConfigOf<typeof COLLECTOR_CONFIG>;

/** The configuration with keys parsed: what `startCollector` takes. */
export interface CollectorConfig extends Omit<RawCollectorConfig, 'keys'> {
  keys: KeyRing;
}

/** Checks the cross-field rules and parses keys; throws ConfigError listing every problem. */
export function resolveCollectorConfig(raw: RawCollectorConfig): CollectorConfig {
  const problems: string[] = [];
  const parsed = parseKeys(raw.keys);
  if (!parsed.ok) problems.push(...parsed.problems);
  else if (parsed.keys.size === 0) problems.push('keys: at least one ingest key is required');
  if (raw.maxDecompressedBytes < raw.maxBodyBytes)
    problems.push(`maxDecompressedBytes (${raw.maxDecompressedBytes}) must be >= maxBodyBytes (${raw.maxBodyBytes})`);
  if (problems.length || !parsed.ok) throw new ConfigError(problems);
  return { ...raw, keys: parsed.keys };
}

/** defaults ← file ← environment ← overrides, then `resolveCollectorConfig`. */
export function loadCollectorConfig(options: LoadConfigOptions = {}): CollectorConfig {
  return resolveCollectorConfig(loadConfig(COLLECTOR_CONFIG, options));
}
