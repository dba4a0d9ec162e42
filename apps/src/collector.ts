/**
 * Process entry: `npx tsx apps/src/collector.ts [--config file.json]`.
 *
 * Configuration: defaults ← JSON file (`--config` or GAMEPULSE_COLLECTOR_CONFIG) ←
 * environment (collector/README.md). Opens the log (embedded, or Kafka with
 * GAMEPULSE_LOG_KIND=kafka) and starts the collector — one process, or with `workers` ≠ 1
 * a cluster (collector/src/cluster: the primary owns the embedded log, workers serve).
 * The collector serves /healthz, /readyz and /metrics on its HTTP port. SIGTERM/SIGINT:
 * stop accepting, finish in-flight batches and streams, flush and close the log, exit 0.
 */
import cluster from 'node:cluster';
import { runService, type ServiceContext } from '@gamepulse/service';
import {
  runPrimary,
  workerCount,
  runWorker,
  loadCollectorConfig,
  type CollectorConfig,
  openCollectorLog,
  startCollector,
} from '@gamepulse/collector';

async function startSingle({ config, logger, registry }: ServiceContext<CollectorConfig>) {
  const log = await openCollectorLog(config, logger);
  const collector = await startCollector({ config, log, logger, registry });
  logger.info('collector started', {
    httpPort: collector.httpPort,
    grpcPort: collector.grpcPort,
    host: config.host,
    log: config.logKind,
    logDir: config.logDir,
    keys: collector.keys.size,
  });
  return {
    stop: [
      // The drain has its own deadline; leave it room to cut connections afterwards.
      {
        name: 'collector: stop accepting, finish in-flight batches',
        run: () => collector.close(),
        timeoutMs: config.drainTimeoutMs + 5_000,
      },
      { name: 'log: flush and close', run: () => log.close() },
    ],
  };
}

void runService({
  name: 'collector',
  configFileEnv: 'GAMEPULSE_COLLECTOR_CONFIG',
  config: loadCollectorConfig,
  logFields: cluster.isWorker ? { worker: cluster.worker?.id } : {},
  start: async (ctx) => {
    if (cluster.isPrimary && ctx.config.keys.some((k) => k.secret === 'dev-key'))
      ctx.logger.warn('the development ingest key "dev-key" is enabled; configure keys for production');
    // A worker's ports come through the environment, made concrete by the primary
    // (port 0 becomes one port shared by every worker).
    if (cluster.isWorker) return runWorker(ctx);
    if (workerCount(ctx.config) > 1) return runPrimary(ctx);
    return startSingle(ctx);
  },
});
