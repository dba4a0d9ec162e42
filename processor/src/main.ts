/**
 * Process entry: `npx tsx processor/src/main.ts [--config file.json]`.
 *
 * Opens the embedded log read-only (the collector process is its writer) and the
 * DuckDB store, starts the processor, and serves the query API — with the console and
 * /healthz, /readyz, /metrics — on one port in this same process, because DuckDB lets
 * one process open the file read-write. SIGTERM/SIGINT: stop the processor (finish the
 * batch in hand, final commit), stop HTTP, close the store and the log, exit 0; exit 1
 * if the final commit failed (nothing is lost: the next start resumes before it). If
 * the processor gives up after repeated failures it exits 1 for the supervisor.
 */
import { openDuckDbStore, startQueryApi } from '@gamepulse/druid';
import { openEmbeddedLog, topicNames, type Log } from '@gamepulse/log';
import { ConfigError, createLogger, createRegistry, createShutdown, type Logger } from '@gamepulse/service';
import { loadProcessorConfig, type ProcessorConfig } from './config.ts';
import { createProcessorMetrics } from './metrics.ts';
import { createProcessor } from './processor.ts';

function configFile(argv: string[]): string | undefined {
  const i = argv.indexOf('--config');
  return i !== -1 ? argv[i + 1] : process.env.GAMEPULSE_PROCESSOR_CONFIG;
}

function loadOrExit(logger: Logger): ProcessorConfig {
  try {
    return loadProcessorConfig({ file: configFile(process.argv.slice(2)) });
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.error('invalid configuration', { code: err.code, problems: err.problems });
      process.exit(2);
    }
    throw err;
  }
}

/** The collector creates the topics; a processor started first waits for them. */
async function waitForTopic(log: Log, topic: string, everyMs: number, stopped: () => boolean, logger: Logger): Promise<boolean> {
  let warned = false;
  while (!stopped()) {
    if ((await log.partitions(topic)) !== undefined) return true;
    if (!warned) logger.warn('waiting for the collector to create the events topic', { topic });
    warned = true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

async function main(): Promise<void> {
  const logger = createLogger({ service: 'processor' });
  const config = loadOrExit(logger);
  const registry = createRegistry('processor');
  let exitCode = 0;
  const shutdown = createShutdown({ logger, exit: (code) => process.exit(code === 0 ? exitCode : code) });

  const log = await openEmbeddedLog({ dir: config.logDir, readOnly: true, logger });
  const store = await openDuckDbStore({ path: config.storePath, registry, logger });
  const topics = topicNames(config.topicPrefix);
  const processor = createProcessor({
    log,
    sink: store,
    topics,
    groupId: config.groupId,
    commitIntervalMs: config.commitIntervalMs,
    maxPendingRows: config.maxPendingRows,
    maxBatchRecords: config.maxBatchRecords,
    maxConsecutiveFailures: config.maxConsecutiveFailures,
    logger,
    metrics: createProcessorMetrics(registry),
  });
  const api = await startQueryApi({
    store,
    port: config.port,
    host: config.host,
    registry,
    logger,
    console: config.console,
    isDraining: () => shutdown.draining,
    checks: [
      { name: 'log (read-only)', check: () => log.health() },
      { name: 'processor', check: async () => processor.health() },
    ],
  });

  shutdown.add({
    name: 'processor: finish the batch, final commit, leave the group',
    run: () =>
      processor.stop().catch((err: unknown) => {
        exitCode = 1;
        throw err;
      }),
    timeoutMs: 30_000,
  });
  shutdown.add({ name: 'http: stop serving', run: () => api.close() });
  shutdown.add({ name: 'store: close (checkpoints the WAL)', run: () => store.close() });
  shutdown.add({ name: 'log: close', run: () => log.close() });

  processor.done.catch(async (err: unknown) => {
    logger.error('processor gave up; exiting for the supervisor to restart', { err });
    exitCode = 1;
    await shutdown.run('processor failed');
    process.exit(1);
  });

  logger.info('processor listening', { port: api.port, host: config.host, storePath: config.storePath, logDir: config.logDir });
  if (!(await waitForTopic(log, topics.events, config.topicWaitMs, () => shutdown.draining, logger))) return;
  await processor.start();
  logger.info('processor started', { port: api.port, topic: topics.events, groupId: config.groupId });
}

main().catch((err: unknown) => {
  createLogger({ service: 'processor' }).error('processor failed to start', { err });
  process.exit(1);
});
