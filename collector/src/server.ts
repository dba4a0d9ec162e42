/**
 * Wires one pipeline to the transports: `startCollector` opens the topics, serves HTTP
 * (batches + ops routes) and gRPC, and returns a handle whose `close()` drains:
 * refuse new batches (readiness goes 503), let in-flight ones reach the log and be
 * acknowledged, then close the listeners. The log belongs to the caller.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_PARTITIONS, topicNames, type Log, type LogFailure } from '@gamepulse/log';
import { createLogger, createRegistry, type Logger, type Registry } from '@gamepulse/service';
import type { CollectorConfig } from './config.ts';
import { createCollectorMetrics, type CollectorMetrics } from './metrics.ts';
import { ingestBatch, resolvePipelineLimits, type IngestDeps, type IngestInput, type IngestResult } from './pipeline/index.ts';
import { startGrpcTransport } from './transports/grpc.ts';
import { createHttpApp } from './transports/http.ts';
import type { TransportContext } from './transports/shared.ts';

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
}

export interface RunningCollector {
  httpPort: number;
  grpcPort: number;
  registry: Registry;
  metrics: CollectorMetrics;
  /** True once `close()` was called. */
  readonly draining: boolean;
  /** Drains and stops both listeners; safe to call twice. */
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
  let idle: (() => void) | undefined;
  return {
    track<T>(p: Promise<T>): Promise<T> {
      count++;
      return p.finally(() => {
        if (--count === 0 && idle) idle();
      });
    },
    whenIdle(timeoutMs: number): Promise<void> {
      if (count === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}

export async function startCollector(options: StartCollectorOptions): Promise<RunningCollector> {
  const { config, log } = options;
  const logger = options.logger ?? createLogger({ service: 'collector' });
  const registry = options.registry ?? createRegistry('collector');
  const now = options.now ?? Date.now;
  const metrics = createCollectorMetrics(registry);

  const names = topicNames(config.topicPrefix);
  await log.ensureTopics([
    { name: names.events, partitions: DEFAULT_PARTITIONS.events },
    { name: names.deadLetter, partitions: DEFAULT_PARTITIONS.deadLetter },
  ]);

  const limits = resolvePipelineLimits({
    maxBodyBytes: config.maxBodyBytes,
    maxDecompressedBytes: config.maxDecompressedBytes,
    maxCompressionRatio: config.maxCompressionRatio,
    logRetryAfterS: config.logRetryAfterS,
  });
  const deps: IngestDeps = {
    keys: config.keys,
    producer: log.producer(),
    topics: { events: names.events, deadLetter: names.deadLetter },
    limits,
    now,
    metrics,
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
    keys: config.keys,
    maxBodyBytes: limits.maxBodyBytes,
    maxDecompressedBytes: limits.maxDecompressedBytes,
    retryAfterS: config.logRetryAfterS,
    metrics,
    logger,
    now,
    isDraining: () => draining,
  };

  const app = createHttpApp({
    ...ctx,
    corsOrigins: config.corsOrigins,
    ops: { registry, checks: [{ name: 'log', check: () => log.health() }], isDraining: () => draining },
  });
  const http = createServer(app);
  const httpPort = await listen(http, config.host, config.httpPort);
  let grpc;
  try {
    grpc = await startGrpcTransport(ctx, config.host, config.grpcPort);
  } catch (err) {
    http.close();
    throw err;
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      // Stop listening; idle keep-alive connections go now, busy ones after their answer
      // (answers sent while draining carry `Connection: close`).
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await Promise.all([grpc.close(config.drainTimeoutMs), inFlight.whenIdle(config.drainTimeoutMs)]);
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
    get draining() {
      return draining;
    },
    close,
  };
}
