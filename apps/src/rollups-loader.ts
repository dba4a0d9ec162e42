/**
 * Process entry of the Kafka profile's store side:
 * `npx tsx apps/src/rollups-loader.ts [--config file.json]`.
 *
 * Loads the rollups topic (read_committed) into the DuckDB store exactly-once, applies
 * player deletion requests from the deletions topic (loader/src/deletions: the players'
 * player_windows rows, audited, exactly-once), and serves the query API, the console and
 * /healthz, /readyz, /metrics on one port — in this process, because DuckDB lets one
 * process open the file read-write. The processors (any number, in other processes)
 * write only to Kafka. SIGTERM/SIGINT: finish the batch in hand, leave the groups, stop
 * HTTP, close the store, exit 0.
 */
import { DEFAULT_PARTITIONS, gamepulseTopicConfigs, openKafkaLog, topicNames } from '@gamepulse/log';
import { ConfigError, createLogger, createRegistry, createShutdown } from '@gamepulse/service';
import { startQueryApi } from '@gamepulse/api';
import { openDuckDbStore } from '@gamepulse/store';
import { loadLoaderConfig, type LoaderConfig, createDeletionsConsumer, deletionsMetrics, coverThenErase, createRollupsLoader, loaderMetrics } from '@gamepulse/loader';

function configFile(argv: string[]): string | undefined {
  const i = argv.indexOf('--config');
  return i !== -1 ? argv[i + 1] : process.env.GAMEPULSE_LOADER_CONFIG;
}

async function main(): Promise<void> {
  const logger = createLogger({ service: 'loader' });
  let config: LoaderConfig;
  try {
    config = loadLoaderConfig({ file: configFile(process.argv.slice(2)) });
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.error('invalid configuration', { code: err.code, problems: err.problems });
      process.exit(2);
    }
    throw err;
  }
  const registry = createRegistry('loader');
  const shutdown = createShutdown({ logger });
  const topics = topicNames(config.topicPrefix);
  const log = await openKafkaLog({
    brokers: config.kafkaBrokers,
    clientId: `gamepulse-loader-${process.pid}`,
    sessionTimeoutMs: config.kafkaSessionTimeoutMs,
    heartbeatIntervalMs: config.kafkaHeartbeatIntervalMs,
    rebalanceTimeoutMs: config.kafkaRebalanceTimeoutMs,
    topicConfigs: gamepulseTopicConfigs(topics),
    logger: (e) => logger[e.level](`kafka: ${e.message}`, { namespace: e.namespace, ...e.fields }),
  });
  // The processors (rollups) and the collector (deletions) create them too; whoever is
  // first decides the partition count.
  await log.ensureTopics([
    { name: topics.rollups, partitions: DEFAULT_PARTITIONS.rollups },
    { name: topics.deletions, partitions: DEFAULT_PARTITIONS.deletions },
  ]);
  const store = await openDuckDbStore({ path: config.storePath, registry, logger });
  const loader = createRollupsLoader({ log, sink: store, topic: topics.rollups, groupId: config.groupId, logger, metrics: loaderMetrics(registry) });
  // No processor state here (it lives in the processors' changelog; see druid/README.md,
  // "Privacy: deleting a player"): only the store's rows.
  const deletions = createDeletionsConsumer({
    log,
    sink: store,
    topic: topics.deletions,
    groupId: `${config.groupId}.deletions`,
    coordinate: coverThenErase({ log, loader, topics, processorGroupId: config.processorGroupId }),
    logger,
    metrics: deletionsMetrics(registry),
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
      { name: 'loader', check: async () => loader.health() },
      { name: 'deletions', check: async () => deletions.health() },
    ],
  });
  shutdown.add({ name: 'deletions: finish the request in hand, leave the group', run: () => deletions.stop(), timeoutMs: 30_000 });
  shutdown.add({ name: 'loader: finish the batch, leave the group', run: () => loader.stop(), timeoutMs: 30_000 });
  shutdown.add({ name: 'http: stop serving', run: () => api.close() });
  shutdown.add({ name: 'store: close (checkpoints the WAL)', run: () => store.close() });
  shutdown.add({ name: 'log: close', run: () => log.close() });
  await loader.start();
  await deletions.start();
  logger.info('loader started', { port: api.port, host: config.host, topic: topics.rollups, storePath: config.storePath, brokers: config.kafkaBrokers });
}

main().catch((err: unknown) => {
  createLogger({ service: 'loader' }).error('loader failed to start', { err });
  process.exit(1);
});
