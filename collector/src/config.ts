/**
 * The collector's configuration: one spec (defaults, environment variables, docs) that
 * `loadConfig` resolves and the README's reference table is generated from
 * (`npx tsx collector/scripts/readme-tables.ts`). The log and Kafka keys are the shared
 * fragments of @gamepulse/log (the processor and the loader spread the same ones).
 * `resolveCollectorConfig` adds the checks a flat spec cannot express (key entries,
 * CIDRs, limits that depend on each other, Kafka credentials).
 */
import { KAFKA_CONFIG, LOG_CONFIG, kafkaConfigProblems } from '@gamepulse/log';
import { ConfigError, loadConfig, type ConfigOf, type ConfigSpec, type LoadConfigOptions } from '@gamepulse/service';
import { parseKeys, type InlineKey } from './keys/index.ts';
import { parseCidrs } from './transports/client-ip.ts';

const MiB = 1024 * 1024;
const DAY_MS = 86_400_000;

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
    doc: 'HTTP port: `POST /v1/batch`, `GET /v1/ws` (WebSocket), `POST /v1/privacy/deletion`, `/healthz`, `/readyz`, `/metrics`. `0` picks a free port.',
  },
  grpcPort: {
    kind: 'int',
    default: 50051,
    env: 'GAMEPULSE_COLLECTOR_GRPC_PORT',
    min: 0,
    max: 65535,
    doc: 'gRPC port (`gamepulse.v1.Collector`: `Send` and `Stream`; 50051 is the customary gRPC port). `0` picks a free port.',
  },
  workers: {
    kind: 'int',
    default: 1,
    env: 'GAMEPULSE_COLLECTOR_WORKERS',
    min: 0,
    max: 256,
    doc: "Worker processes sharing the ports (node:cluster). `1`: one process, no cluster. `0`: one per CPU core. In embedded-log mode the primary process owns the log and workers append through it (acked only after the primary's durable append); in Kafka mode every worker has its own producer.",
  },
  keys: {
    kind: 'list',
    default: ['dev-key=demo:dev'],
    env: 'GAMEPULSE_COLLECTOR_KEYS',
    doc: 'Inline ingest keys, comma-separated: `<secret>=<gameId>[:<keyId>]`; hashed at start. The default dev key (`dev-key` for game `demo`) is for local use only. Production: set this to `""` and use `keysFile`.',
  },
  keysFile: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_COLLECTOR_KEYS_FILE',
    doc: 'JSON keys file with hashed ingest keys and admin keys (see *Keys*); re-read when it changes. `""`: none.',
  },
  keysReloadIntervalMs: {
    kind: 'int',
    default: 5_000,
    env: 'GAMEPULSE_COLLECTOR_KEYS_RELOAD_INTERVAL_MS',
    min: 100,
    max: 3_600_000,
    doc: 'How often the keys file is checked for changes besides file-system notifications (the upper bound for a revocation to take effect).',
  },
  signatureToleranceS: {
    kind: 'int',
    default: 300,
    env: 'GAMEPULSE_COLLECTOR_SIGNATURE_TOLERANCE_S',
    min: 1,
    max: 86_400,
    doc: 'Replay window of `x-gamepulse-signature`: the signed time may differ from the collector clock by at most this.',
  },
  maxBodyBytes: {
    kind: 'int',
    default: 1 * MiB,
    env: 'GAMEPULSE_COLLECTOR_MAX_BODY_BYTES',
    min: 1024,
    max: 64 * MiB,
    doc: 'Largest request body (or WebSocket message) as sent, compressed or not; larger is `GP_BODY_TOO_LARGE` (WebSocket: close 1009).',
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
  maxEventsPerBatch: {
    kind: 'int',
    default: 1000,
    env: 'GAMEPULSE_COLLECTOR_MAX_EVENTS_PER_BATCH',
    min: 1,
    max: 1000,
    doc: 'Events per batch; more is `GP_BATCH_TOO_MANY_EVENTS`. At most the shared limit (1000) the SDK respects.',
  },
  rateLimitKeyEventsPerS: {
    kind: 'int',
    default: 100_000,
    env: 'GAMEPULSE_COLLECTOR_RATE_LIMIT_KEY_EVENTS_PER_S',
    min: 0,
    max: 100_000_000,
    doc: 'Events per second per ingest key and collector (split evenly between cluster workers); `0` disables. A keys-file entry may set its own (`eventsPerSecond`).',
  },
  rateLimitKeyBurstEvents: {
    kind: 'int',
    default: 200_000,
    env: 'GAMEPULSE_COLLECTOR_RATE_LIMIT_KEY_BURST_EVENTS',
    min: 1,
    max: 1_000_000_000,
    doc: 'Token-bucket size of the per-key limit (`burstEvents` in the keys file).',
  },
  rateLimitPlayerEventsPerS: {
    kind: 'int',
    default: 100,
    env: 'GAMEPULSE_COLLECTOR_RATE_LIMIT_PLAYER_EVENTS_PER_S',
    min: 0,
    max: 1_000_000,
    doc: "Events per second per player (the events' player_id, else the install id) and collector process; `0` disables.",
  },
  rateLimitPlayerBurstEvents: {
    kind: 'int',
    default: 5_000,
    env: 'GAMEPULSE_COLLECTOR_RATE_LIMIT_PLAYER_BURST_EVENTS',
    min: 1,
    max: 10_000_000,
    doc: 'Token-bucket size of the per-player limit: what an SDK coming back online may send at once.',
  },
  rateLimitMaxPlayers: {
    kind: 'int',
    default: 100_000,
    env: 'GAMEPULSE_COLLECTOR_RATE_LIMIT_MAX_PLAYERS',
    min: 100,
    max: 10_000_000,
    doc: 'Player buckets kept in memory at most (about 100 bytes each); beyond, the oldest are dropped.',
  },
  maxInFlightBatches: {
    kind: 'int',
    default: 512,
    env: 'GAMEPULSE_COLLECTOR_MAX_INFLIGHT_BATCHES',
    min: 1,
    max: 1_000_000,
    doc: 'Backpressure: batches being processed at once per process; more is `503 GP_SERVER_OVERLOADED` + Retry-After.',
  },
  maxInFlightBytes: {
    kind: 'int',
    default: 256 * MiB,
    env: 'GAMEPULSE_COLLECTOR_MAX_INFLIGHT_BYTES',
    min: 1 * MiB,
    max: 64 * 1024 * MiB,
    doc: 'Backpressure: body bytes (compressed + decompressed) held by in-flight batches per process; more is `GP_SERVER_OVERLOADED`.',
  },
  maxAppendLatencyMs: {
    kind: 'int',
    default: 2_000,
    env: 'GAMEPULSE_COLLECTOR_MAX_APPEND_LATENCY_MS',
    min: 10,
    max: 600_000,
    doc: 'Backpressure: when the oldest pending log append, or the recent average, takes longer, new batches get `GP_SERVER_OVERLOADED` until the log catches up.',
  },
  shedRetryAfterS: {
    kind: 'int',
    default: 1,
    env: 'GAMEPULSE_COLLECTOR_SHED_RETRY_AFTER_S',
    min: 1,
    max: 3600,
    doc: '`Retry-After` sent with `GP_SERVER_OVERLOADED`.',
  },
  logRetryAfterS: {
    kind: 'int',
    default: 2,
    env: 'GAMEPULSE_COLLECTOR_LOG_RETRY_AFTER_S',
    min: 1,
    max: 3600,
    doc: '`Retry-After` (seconds; gRPC: trailing metadata `retry-after`) sent with `GP_LOG_UNAVAILABLE`, `GP_LOG_WRITE_FAILED` and `GP_SHUTTING_DOWN`.',
  },
  streamMaxInFlight: {
    kind: 'int',
    default: 16,
    env: 'GAMEPULSE_COLLECTOR_STREAM_MAX_INFLIGHT',
    min: 1,
    max: 64,
    doc: 'Batches per WebSocket connection or gRPC stream being processed at once; beyond, the collector stops reading that connection (TCP / HTTP/2 flow control pushes back). At most 64: the processor tolerates that much reordering per install.',
  },
  wsMaxConnections: {
    kind: 'int',
    default: 10_000,
    env: 'GAMEPULSE_COLLECTOR_WS_MAX_CONNECTIONS',
    min: 1,
    max: 1_000_000,
    doc: 'Open WebSocket connections per process; more are closed with 1013.',
  },
  wsPingIntervalMs: {
    kind: 'int',
    default: 30_000,
    env: 'GAMEPULSE_COLLECTOR_WS_PING_INTERVAL_MS',
    min: 1_000,
    max: 600_000,
    doc: 'WebSocket keep-alive: a ping this often; a connection that did not answer the previous one is dropped.',
  },
  httpRequestTimeoutMs: {
    kind: 'int',
    default: 30_000,
    env: 'GAMEPULSE_COLLECTOR_HTTP_REQUEST_TIMEOUT_MS',
    min: 1_000,
    max: 600_000,
    doc: 'Longest time to receive a whole HTTP request (slow uploads are cut, so they cannot hold memory).',
  },
  eventTimeMaxFutureMs: {
    kind: 'int',
    default: 300_000,
    env: 'GAMEPULSE_COLLECTOR_EVENT_TIME_MAX_FUTURE_MS',
    min: 0,
    max: 365 * DAY_MS,
    doc: 'Event-time rule: an event later than receive time + this is corrected (see *Event time*).',
  },
  eventTimeMaxPastMs: {
    kind: 'int',
    default: 90 * DAY_MS,
    env: 'GAMEPULSE_COLLECTOR_EVENT_TIME_MAX_PAST_MS',
    min: 60_000,
    max: 3650 * DAY_MS,
    doc: 'Event-time rule: an event earlier than receive time − this is corrected. Old but plausible times (offline play) are kept.',
  },
  eventTimeCorrectSkewAboveMs: {
    kind: 'int',
    default: 0,
    env: 'GAMEPULSE_COLLECTOR_EVENT_TIME_CORRECT_SKEW_ABOVE_MS',
    min: 0,
    max: 3650 * DAY_MS,
    doc: "Event-time rule, optional: also shift plausible times by the SDK's `clock_offset_ms` when it exceeds this (players who set their clock back). `0`: off.",
  },
  geoip: {
    kind: 'bool',
    default: true,
    env: 'GAMEPULSE_COLLECTOR_GEOIP',
    doc: "Fill an empty `context.country` from the client IP with geoip-lite's bundled database (about 150 MB of memory per process).",
  },
  clientIp: {
    kind: 'string',
    default: 'drop',
    env: 'GAMEPULSE_COLLECTOR_CLIENT_IP',
    oneOf: ['drop', 'truncate'],
    doc: 'What happens to the client IP after enrichment: `drop` (used for geoip and per-request decisions only, never written), `truncate` (additionally logged, /24 for IPv4 and /48 for IPv6, on refusals). Never stored raw.',
  },
  trustedProxies: {
    kind: 'list',
    default: ['127.0.0.0/8', '::1/128'],
    env: 'GAMEPULSE_COLLECTOR_TRUSTED_PROXIES',
    doc: 'CIDRs of proxies / load balancers whose `X-Forwarded-For` is believed: the client is the right-most address not in this list. `""` trusts none.',
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
    doc: 'On shutdown, how long in-flight requests and open streams may take to finish before connections are cut.',
  },
  ...LOG_CONFIG,
  ...KAFKA_CONFIG,
} as const satisfies ConfigSpec;

export type RawCollectorConfig = ConfigOf<typeof COLLECTOR_CONFIG>;

/** The configuration with inline keys parsed: what `startCollector` takes. */
export interface CollectorConfig extends Omit<RawCollectorConfig, 'keys' | 'clientIp'> {
  keys: InlineKey[];
  clientIp: 'drop' | 'truncate';
}

/** Checks the cross-field rules and parses keys; throws ConfigError listing every problem. */
export function resolveCollectorConfig(raw: RawCollectorConfig): CollectorConfig {
  const problems: string[] = [];
  const parsed = parseKeys(raw.keys);
  if (!parsed.ok) problems.push(...parsed.problems);
  else if (parsed.keys.length === 0 && !raw.keysFile)
    problems.push('keys: at least one ingest key is required (inline `keys` or a `keysFile`)');
  if (raw.maxDecompressedBytes < raw.maxBodyBytes)
    problems.push(`maxDecompressedBytes (${raw.maxDecompressedBytes}) must be >= maxBodyBytes (${raw.maxBodyBytes})`);
  const cidrs = parseCidrs(raw.trustedProxies);
  if (!cidrs.ok) problems.push(...cidrs.problems.map((p) => `trustedProxies: ${p}`));
  if (raw.logKind === 'kafka') problems.push(...kafkaConfigProblems(raw));
  if (problems.length || !parsed.ok) throw new ConfigError(problems);
  return { ...raw, keys: parsed.keys, clientIp: raw.clientIp as 'drop' | 'truncate' };
}

/** defaults ← file ← environment ← overrides, then `resolveCollectorConfig`. */
export function loadCollectorConfig(options: LoadConfigOptions = {}): CollectorConfig {
  return resolveCollectorConfig(loadConfig(COLLECTOR_CONFIG, options));
}
