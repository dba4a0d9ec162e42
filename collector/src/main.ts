/**
 * Process entry: `npx tsx collector/src/main.ts [--config file.json]`.
 *
 * Configuration: defaults ← JSON file (`--config` or GAMEPULSE_COLLECTOR_CONFIG) ←
 * environment (see README). Opens the embedded log, starts the collector, and on
 * SIGTERM/SIGINT drains (stop accepting, finish in-flight batches), closes the log
 * (flush) and exits 0. Every line on stdout is one JSON object.
 */
import { openEmbeddedLog } from '@gamepulse/log';
import { ConfigError, createLogger, createShutdown } from '@gamepulse/service';
import { loadCollectorConfig } from './config.ts';
import { startCollector } from './server.ts';

function configFile(argv: string[]): string | undefined {
  const i = argv.indexOf('--config');
  return i !== -1 ? argv[i + 1] : process.env.GAMEPULSE_COLLECTOR_CONFIG;
}

async function main(): Promise<void> {
  const logger = createLogger({ service: 'collector' });
  let config;
  try {
    config = loadCollectorConfig({ file: configFile(process.argv.slice(2)) });
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.error('invalid configuration', { code: err.code, problems: err.problems });
      process.exit(2);
    }
    throw err;
  }
  if (config.keys.has('dev-key')) logger.warn('the development ingest key "dev-key" is enabled; configure keys for production');

  const log = await openEmbeddedLog({ dir: config.logDir });
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
    keys: config.keys.size,
  });
}

main().catch((err: unknown) => {
  createLogger({ service: 'collector' }).error('collector failed to start', { err });
  process.exit(1);
});
