/**
 * Process entry: `npx tsx apps/src/processor.ts [--config file.json]`.
 *
 * Embedded mode (default): opens the embedded log read-only (the collector process is
 * its writer) and the DuckDB store, starts the processor and the deletions consumer
 * (player deletion requests → erased rows and state, audited; loader/src/deletions), and
 * serves the query API — with the console and /healthz, /readyz, /metrics — on one port
 * in this same process, because DuckDB lets one process open the file read-write.
 *
 * Kafka mode (`GAMEPULSE_LOG_KIND=kafka`): reads Kafka/Redpanda and writes each input
 * partition's rollups, state changelog, dead letters and offset in one Kafka
 * transaction (processor-kafka.ts); serves /healthz, /readyz, /metrics only. Run as many as
 * there are events partitions; the store is filled by the loader process.
 *
 * SIGTERM/SIGINT: stop the processor (finish the batch in hand, final commit), stop
 * HTTP, close the store/producers and the log, exit 0; exit 1 if the final commit
 * failed (nothing is lost: the next start resumes before it). If the processor gives
 * up after repeated failures it exits 1 for the supervisor.
 */
import { createDeletionsConsumer, deletionsMetrics, type DeletionsConsumer } from '@gamepulse/loader';
import { startQueryApi } from '@gamepulse/api';
import { openDuckDbStore } from '@gamepulse/store';
import { openEmbeddedLog, topicNames } from '@gamepulse/log';
import { ConfigError, createLogger, createRegistry, createShutdown, type Logger, type Registry, type Shutdown } from '@gamepulse/service';
import { VARIANT_NAMESPACE, PLAYER_NAMESPACE, loadProcessorConfig, type ProcessorConfig, createProcessorMetrics, createProcessor, type Processor } from '@gamepulse/processor';
import { startKafkaMode } from './processor-kafka.ts';
import { waitForTopic } from './wait-for-topic.ts';

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

export interface ModeContext {
  config: ProcessorConfig;
  logger: Logger;
  registry: Registry;
  shutdown: Shutdown;
  /** Marks the final exit code as failed (the last commit did not make it). */
  failExit(): void;
}

/** What a mode started: the processor, and what to start once it consumes. */
export interface StartedMode {
  processor: Processor;
  port: number;
  topic: string;
  afterStart?: () => Promise<void>;
}

async function startEmbeddedMode({ config, logger, registry, shutdown, failExit }: ModeContext): Promise<StartedMode | undefined> {
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
  // Deletion requests: erased in the store together with this consumer's position, once
  // the processor has folded and committed every event before them (loader/src/deletions).
  const deletions: DeletionsConsumer = createDeletionsConsumer({
    log,
    sink: store,
    topic: topics.deletions,
    groupId: `${config.groupId}.deletions`,
    state: { consumer: config.groupId, namespaces: [PLAYER_NAMESPACE, VARIANT_NAMESPACE] },
    coordinate: async (requests, erase, signal) =>
      processor.erasePlayers(
        requests.map((r) => r.playerId),
        await log.endOffsets(topics.events),
        erase,
        { signal },
      ),
    logger,
    metrics: deletionsMetrics(registry),
  });
  let deletionsStarted = false;
  const startDeletions = async () => {
    if (!(await waitForTopic(log, topics.deletions, config.topicWaitMs, () => shutdown.draining, logger))) return;
    await deletions.start();
    deletionsStarted = true;
  };
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
      // Not ready only once it runs and fails: until the collector created the deletions
      // topic there is nothing to apply, and rollups must not wait for it.
      { name: 'deletions', check: async () => (deletionsStarted ? deletions.health() : { ok: true, detail: `waiting for ${topics.deletions}` }) },
    ],
  });
  // First: a deletion waiting for the processor to catch up is aborted (and retried on
  // the next start), before the processor stops.
  shutdown.add({ name: 'deletions: finish the request in hand, leave the group', run: () => deletions.stop(), timeoutMs: 30_000 });
  shutdown.add({
    name: 'processor: finish the batch, final commit, leave the group',
    run: () =>
      processor.stop().catch((err: unknown) => {
        failExit();
        throw err;
      }),
    timeoutMs: 30_000,
  });
  shutdown.add({ name: 'http: stop serving', run: () => api.close() });
  shutdown.add({ name: 'store: close (checkpoints the WAL)', run: () => store.close() });
  shutdown.add({ name: 'log: close', run: () => log.close() });
  logger.info('processor listening', { port: api.port, host: config.host, storePath: config.storePath, logDir: config.logDir });
  if (!(await waitForTopic(log, topics.events, config.topicWaitMs, () => shutdown.draining, logger))) return undefined;
  // The collector creates the deletions topic with the events topic; a log written by
  // something else may lack it: the consumer starts whenever it appears.
  const afterStart = async () =>
    void startDeletions().catch((err: unknown) => logger.error('deletions consumer failed to start; deletion requests are not applied', { err }));
  return { processor, port: api.port, topic: topics.events, afterStart };
}

async function main(): Promise<void> {
  const logger = createLogger({ service: 'processor' });
  const config = loadOrExit(logger);
  const registry = createRegistry('processor');
  let exitCode = 0;
  const shutdown = createShutdown({ logger, exit: (code) => process.exit(code === 0 ? exitCode : code) });
  const ctx: ModeContext = { config, logger, registry, shutdown, failExit: () => (exitCode = 1) };
  const started = config.logKind === 'kafka' ? await startKafkaMode(ctx) : await startEmbeddedMode(ctx);
  if (!started) return; // shut down while waiting for the topic
  const { processor, port, topic, afterStart } = started;
  processor.done.catch(async (err: unknown) => {
    logger.error('processor gave up; exiting for the supervisor to restart', { err });
    exitCode = 1;
    await shutdown.run('processor failed');
    process.exit(1);
  });
  await processor.start();
  await afterStart?.();
  logger.info('processor started', { port, topic, groupId: config.groupId, log: config.logKind });
}

main().catch((err: unknown) => {
  createLogger({ service: 'processor' }).error('processor failed to start', { err });
  process.exit(1);
});
