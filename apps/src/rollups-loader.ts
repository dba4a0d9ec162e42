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
 *
 * Refusals (refusals.ts): a topic with a lower replication factor or min.insync.replicas
 * than configured, or a stored position below a topic's log start, keep the process up
 * but not ready — /readyz names the problem — and nothing is loaded or applied.
 */
import { DEFAULT_PARTITIONS, openKafkaLog, topicNames } from '@gamepulse/log';
import { runService } from '@gamepulse/service';
import { startQueryApi } from '@gamepulse/api';
import { openDuckDbStore } from '@gamepulse/store';
import { ensureTopicsOrRefuse, refusal, refusalCode } from './refusals.ts';
import { startProcessAlerting } from './alerting.ts';
import {
  loadLoaderConfig,
  loaderKafkaOptions,
  createDeletionsConsumer,
  deletionsMetrics,
  coverThenErase,
  createRollupsLoader,
  loaderMetrics,
} from '@gamepulse/loader';

void runService({
  name: 'loader',
  configFileEnv: 'GAMEPULSE_LOADER_CONFIG',
  config: loadLoaderConfig,
  start: async (ctx) => {
    const { config, logger, registry } = ctx;
    const topics = topicNames(config.topicPrefix);
    const log = await openKafkaLog(loaderKafkaOptions(config, logger));
    // The processors (rollups) and the collector (deletions) create them too; whoever is
    // first decides the partition count.
    const refused = await ensureTopicsOrRefuse(
      log,
      [
        { name: topics.rollups, partitions: DEFAULT_PARTITIONS.rollups },
        { name: topics.deletions, partitions: DEFAULT_PARTITIONS.deletions },
      ],
      logger,
    );
    const store = await openDuckDbStore({ path: config.storePath, registry, logger });
    const loader = createRollupsLoader({
      log,
      sink: store,
      topic: topics.rollups,
      groupId: config.groupId,
      logger,
      metrics: loaderMetrics(registry),
      acceptPositionGaps: config.kafkaAcceptPositionGaps,
    });
    // No processor state here (it lives in the processors' changelog; see loader/README.md,
    // "Privacy: deleting a player"): only the store's rows.
    const deletions = createDeletionsConsumer({
      log,
      sink: store,
      topic: topics.deletions,
      groupId: `${config.groupId}.deletions`,
      coordinate: coverThenErase({ log, loader, topics, processorGroupId: config.processorGroupId }),
      logger,
      metrics: deletionsMetrics(registry),
      acceptPositionGaps: config.kafkaAcceptPositionGaps,
    });
    // The loader holds the DuckDB file in Kafka mode: the alert engine reads it here.
    const alerts = startProcessAlerting(ctx, store, config);
    const api = await startQueryApi({
      store,
      alerts: alerts?.engine,
      port: config.port,
      host: config.host,
      registry,
      logger,
      console: config.console,
      isDraining: () => ctx.stopping,
      checks: [
        ...(refused ? [refused] : []),
        { name: 'loader', check: async () => loader.health() },
        { name: 'deletions', check: async () => deletions.health() },
      ],
    });
    const stop = [
      { name: 'alerts: finish the cycle under way', run: async () => alerts?.stop() },
      { name: 'deletions: finish the request in hand, leave the group', run: () => deletions.stop(), timeoutMs: 30_000 },
      { name: 'loader: finish the batch, leave the group', run: () => loader.stop(), timeoutMs: 30_000 },
      { name: 'http: stop serving', run: () => api.close() },
      { name: 'store: close (checkpoints the WAL)', run: () => store.close() },
      { name: 'log: close', run: () => log.close() },
    ];
    if (refused) return { stop };
    try {
      await loader.start();
      await deletions.start();
    } catch (err) {
      // A lost position: the consumer's health says so; the process stays up, not ready.
      if (!refusalCode(err)) throw err;
      refusal('loader', err, logger);
      return { stop };
    }
    logger.info('loader started', {
      port: api.port,
      host: config.host,
      topic: topics.rollups,
      storePath: config.storePath,
      brokers: config.kafkaBrokers,
    });
    return { stop };
  },
});
