/**
 * Process entry: `npx tsx apps/src/collector.ts [--config file.json]`.
 *
 * Configuration: defaults ← JSON file (`--config` or GAMEPULSE_COLLECTOR_CONFIG) ←
 * environment (see README). Opens the log (embedded, or Kafka with
 * GAMEPULSE_LOG_KIND=kafka), starts the collector — one process, or with `workers` ≠ 1
 * a cluster (cluster/cluster-main.ts) — and on SIGTERM/SIGINT drains (stop accepting,
 * finish in-flight batches and streams), closes the log (flush) and exits 0. Every line
 * on stdout is one JSON object.
 */
import cluster from 'node:cluster';
import { ConfigError, createLogger, createShutdown, type Logger } from '@gamepulse/service';
import { runPrimary, workerCount, runWorker, loadCollectorConfig, type CollectorConfig, openCollectorLog, startCollector } from '@gamepulse/collector';

function configFile(argv: string[]): string | undefined {
  const i = argv.indexOf('--config');
  return i !== -1 ? argv[i + 1] : process.env.GAMEPULSE_COLLECTOR_CONFIG;
}

function loadOrExit(logger: Logger): CollectorConfig {
  try {
    return loadCollectorConfig({ file: configFile(process.argv.slice(2)) });
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.error('invalid configuration', { code: err.code, problems: err.problems });
      process.exit(2);
    }
    throw err;
  }
}

async function runSingle(config: CollectorConfig, logger: Logger): Promise<void> {
  const log = await openCollectorLog(config, logger);
  const shutdown = createShutdown({ logger });
  const collector = await startCollector({ config, log, logger });
  shutdown.add({
    name: 'collector: stop accepting, finish in-flight batches',
    run: () => collector.close(),
    // The drain has its own deadline; leave it room to cut connections afterwards.
    timeoutMs: config.drainTimeoutMs + 5_000,
  });
  shutdown.add({ name: 'log: flush and close', run: () => log.close() });
  logger.info('collector started', {
    httpPort: collector.httpPort,
    grpcPort: collector.grpcPort,
    host: config.host,
    log: config.logKind,
    logDir: config.logDir,
    keys: collector.keys.size,
  });
}

async function main(): Promise<void> {
  const logger = createLogger({ service: 'collector' }, cluster.isWorker ? { worker: cluster.worker?.id } : {});
  const config = loadOrExit(logger);
  if (cluster.isPrimary && config.keys.some((k) => k.secret === 'dev-key'))
    logger.warn('the development ingest key "dev-key" is enabled; configure keys for production');
  // A worker's ports come through the environment, made concrete by the primary
  // (port 0 becomes one port shared by every worker).
  if (cluster.isWorker) return runWorker(config, logger);
  if (workerCount(config) > 1) return runPrimary(config, logger, process.argv);
  return runSingle(config, logger);
}

main().catch((err: unknown) => {
  const logger = createLogger({ service: 'collector' });
  if (err instanceof ConfigError) {
    // e.g. a keys file that does not parse: a configuration problem, like a bad variable.
    logger.error('invalid configuration', { code: err.code, problems: err.problems });
    process.exit(2);
  }
  logger.error('collector failed to start', { err });
  process.exit(1);
});
