/**
 * Wires one pipeline to the transports: `startCollector` opens the topics, serves HTTP
 * (batches, deletions, WebSocket, ops routes) and gRPC (Send, Stream), and returns a
 * handle whose `close()` drains: refuse new batches (readiness goes 503), let in-flight
 * ones reach the log and be acknowledged (open streams and WebSockets included), then
 * close the listeners. The log belongs to the caller.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_PARTITIONS, topicNames, type Log, type LogFailure } from '@gamepulse/log';
import { ConfigError, createLogger, createRegistry, type Logger, type Registry } from '@gamepulse/service';
import type { CollectorConfig } from './config.ts';
import { createKeyRing, readKeysFile, watchKeysFile, type KeyRing, type KeyStore } from './keys/index.ts';
import { createLoadShedder, createRateLimiter } from './limits/index.ts';
import { createCollectorMetrics, type CollectorMetrics } from './metrics.ts';
import {
  createEnricher,
  ingestBatch,
  loadGeoip,
  preloadJsonSchema,
  resolvePipelineLimits,
  type GeoLookup,
  type IngestDeps,
  type IngestInput,
  type IngestResult,
} from './pipeline/index.ts';
import { createClientIpResolver } from './transports/client-ip.ts';
import { startGrpcTransport } from './transports/grpc.ts';
import { createHttpHandler } from './transports/http.ts';
import type { TransportContext } from './transports/shared.ts';
import { attachWebSocket } from './transports/websocket.ts';

/** Log-failure lines are throttled: an outage must not turn into a line per request. */
const LOG_FAILURE_LINE_INTERVAL_MS = 5_000;

export interface StartCollectorOptions {
  config: CollectorConfig;
  /** An open log; `close()` does not close it (its owner flushes it last). */
  log: Log;
  /** @default a JSON logger for service "collector" */
  logger?: Logger;
  /** @default a new registry with Node's default metrics */
  registry?: Registry;
  /** @default Date.now */
  now?: () => number;
  /** Country lookup; `null` for none. @default geoip-lite when `config.geoip` */
  geo?: GeoLookup | null;
  /** Cluster workers sharing the key rate limits. @default 1 */
  workerShare?: number;
  /** What `/metrics` serves (cluster mode: the sum over all workers). @default `registry` */
  metricsSource?: { metrics(): Promise<string>; contentType: string };
}

export interface RunningCollector {
  httpPort: number;
  grpcPort: number;
  registry: Registry;
  metrics: CollectorMetrics;
  keys: KeyRing;
  /** Re-reads the keys file now (tests; operators just edit the file). */
  reloadKeys(): Promise<boolean>;
  /** True once `close()` was called. */
  readonly draining: boolean;
  /** Drains and stops every listener; safe to call twice. */
  close(): Promise<void>;
}

function listen(server: HttpServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Counts pipeline runs in flight so that a drain can wait for them. */
function inFlightTracker() {
  let count = 0;
  const idle: Array<() => void> = [];
  return {
    track<T>(p: Promise<T>): Promise<T> {
      count++;
      return p.finally(() => {
        if (--count === 0) for (const resolve of idle.splice(0)) resolve();
      });
    },
    whenIdle(timeoutMs: number): Promise<void> {
      if (count === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        idle.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

export async function startCollector(options: StartCollectorOptions): Promise<RunningCollector> {
  const { config, log } = options;
  const logger = options.logger ?? createLogger({ service: 'collector' });
  const registry = options.registry ?? createRegistry('collector');
  const now = options.now ?? Date.now;

  // Keys: inline ones plus the keys file, which is watched from here on.
  let keyFile;
  if (config.keysFile) {
    const read = await readKeysFile(config.keysFile);
    if (!read.ok) throw new ConfigError(read.problems);
    keyFile = read.data;
  }
  const keys = createKeyRing(config.keys, keyFile);

  const limits = resolvePipelineLimits({
    maxBodyBytes: config.maxBodyBytes,
    maxDecompressedBytes: config.maxDecompressedBytes,
    maxCompressionRatio: config.maxCompressionRatio,
    maxEventsPerBatch: config.maxEventsPerBatch,
    logRetryAfterS: config.logRetryAfterS,
    signatureToleranceS: config.signatureToleranceS,
    eventTimeMaxFutureMs: config.eventTimeMaxFutureMs,
    eventTimeMaxPastMs: config.eventTimeMaxPastMs,
    eventTimeCorrectSkewAboveMs: config.eventTimeCorrectSkewAboveMs,
  });
  const shedder = createLoadShedder({
    maxInFlightBatches: config.maxInFlightBatches,
    maxInFlightBytes: config.maxInFlightBytes,
    maxAppendLatencyMs: config.maxAppendLatencyMs,
    retryAfterS: config.shedRetryAfterS,
    now,
  });
  const rateLimiter = createRateLimiter({
    keyEventsPerS: config.rateLimitKeyEventsPerS,
    keyBurstEvents: config.rateLimitKeyBurstEvents,
    playerEventsPerS: config.rateLimitPlayerEventsPerS,
    playerBurstEvents: config.rateLimitPlayerBurstEvents,
    maxPlayers: config.rateLimitMaxPlayers,
    shareOf: options.workerShare ?? 1,
  });
  const metrics = createCollectorMetrics(registry, {
    inFlightBatches: () => shedder.inFlightBatches,
    inFlightBytes: () => shedder.inFlightBytes,
    appendLatencyMs: () => shedder.appendLatencyMs,
  });
  let keyStore: KeyStore | undefined;
  if (config.keysFile)
    keyStore = watchKeysFile({
      ring: keys,
      file: config.keysFile,
      pollIntervalMs: config.keysReloadIntervalMs,
      logger,
      onReload: (ok) => metrics.keysReloads.inc({ outcome: ok ? 'ok' : 'invalid' }),
    });

  const geo = options.geo !== undefined ? (options.geo ?? undefined) : config.geoip ? await loadGeoip() : undefined;
  preloadJsonSchema();

  const names = topicNames(config.topicPrefix);
  await log.ensureTopics([
    { name: names.events, partitions: DEFAULT_PARTITIONS.events },
    { name: names.deadLetter, partitions: DEFAULT_PARTITIONS.deadLetter },
    { name: names.deletions, partitions: DEFAULT_PARTITIONS.deletions },
  ]);
  const producer = log.producer();
  const deps: IngestDeps = {
    keys,
    producer,
    topics: { events: names.events, deadLetter: names.deadLetter },
    limits,
    now,
    metrics,
    rateLimiter,
    shedder,
    enricher: createEnricher({ geo }),
  };

  let lastLogFailureLineMs = -Infinity;
  const inFlight = inFlightTracker();
  const ingest = async (input: IngestInput): Promise<IngestResult> => {
    const result = await inFlight.track(ingestBatch(input, deps));
    if (!result.ok && 'cause' in result && now() - lastLogFailureLineMs >= LOG_FAILURE_LINE_INTERVAL_MS) {
      lastLogFailureLineMs = now();
      logger.warn('log append failed; batches are refused until it recovers', { code: result.code, cause: result.cause as LogFailure });
    }
    return result;
  };

  let draining = false;
  const ctx: TransportContext = {
    ingest,
    keys,
    rateLimiter,
    shedder,
    producer,
    deletionsTopic: names.deletions,
    maxBodyBytes: limits.maxBodyBytes,
    maxDecompressedBytes: limits.maxDecompressedBytes,
    signatureToleranceS: limits.signatureToleranceS,
    retryAfterS: config.logRetryAfterS,
    streamMaxInFlight: config.streamMaxInFlight,
    metrics,
    logger,
    now,
    isDraining: () => draining,
    clientIp: createClientIpResolver(config.trustedProxies),
    clientIpMode: config.clientIp,
  };

  const handler = createHttpHandler({
    ...ctx,
    corsOrigins: config.corsOrigins,
    ops: {
      registry: (options.metricsSource ?? registry) as Registry,
      checks: [{ name: 'log', check: () => log.health() }],
      isDraining: () => draining,
    },
  });
  const http = createServer(handler);
  http.requestTimeout = config.httpRequestTimeoutMs;
  const ws = attachWebSocket(http, ctx, { maxConnections: config.wsMaxConnections, pingIntervalMs: config.wsPingIntervalMs });
  const httpPort = await listen(http, config.host, config.httpPort);
  let grpc;
  try {
    grpc = await startGrpcTransport(ctx, config.host, config.grpcPort);
  } catch (err) {
    http.close();
    keyStore?.close();
    throw err;
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      keyStore?.close();
      // Stop listening; idle keep-alive connections go now, busy ones after their answer
      // (answers sent while draining carry `Connection: close`).
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await Promise.all([grpc.close(config.drainTimeoutMs), ws.close(config.drainTimeoutMs), inFlight.whenIdle(config.drainTimeoutMs)]);
      // Let the handlers of the last batches write their acks, then drop the connections
      // that went idle since; whatever is still open after the deadline is cut.
      await new Promise((resolve) => setImmediate(resolve));
      http.closeIdleConnections();
      const cut = setTimeout(() => http.closeAllConnections(), config.drainTimeoutMs);
      cut.unref();
      await httpClosed;
      clearTimeout(cut);
    })());

  return {
    httpPort,
    grpcPort: grpc.port,
    registry,
    metrics,
    keys,
    reloadKeys: () => keyStore?.check() ?? Promise.resolve(false),
    get draining() {
      return draining;
    },
    close,
  };
}
