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
import { createDeletionsConsumer, deletionsMetrics } from '@gamepulse/loader';
import { startQueryApi } from '@gamepulse/api';
import { openDuckDbStore } from '@gamepulse/store';
import { openEmbeddedLog, topicNames } from '@gamepulse/log';
import { runService, type ReadinessCheck, type ServiceContext, type ShutdownStep } from '@gamepulse/service';
import {
  VARIANT_NAMESPACE,
  ACTIVITY_NAMESPACE,
  PLAYER_NAMESPACE,
  loadProcessorConfig,
  type ProcessorConfig,
  createProcessor,
  type Processor,
} from '@gamepulse/processor';
import { startKafkaMode } from './processor-kafka.ts';
import { configuredProcessorOptions } from './processor-options.ts';
import { processorStopStep } from './processor-stop-step.ts';
import { refusal, refusalCode } from './refusals.ts';
import { startProcessAlerting } from './alerting.ts';
import { waitForTopic } from './wait-for-topic.ts';

/** What a mode started: its shutdown steps and checks, and the processor once its input topic exists. */
export interface StartedMode {
  stop: ShutdownStep[];
  /** Readiness checks of the ops server (Kafka mode). */
  checks?: ReadinessCheck[];
  /** Undefined when shutdown began while waiting for the input topic. */
  processor?: Processor;
  port: number;
  topic: string;
  /** Started once the processor consumes. */
  afterStart?: () => Promise<void>;
}

async function startEmbeddedMode(ctx: ServiceContext<ProcessorConfig>): Promise<StartedMode> {
  const { config, logger, registry } = ctx;
  const log = await openEmbeddedLog({ dir: config.logDir, readOnly: true, logger });
  const store = await openDuckDbStore({ path: config.storePath, registry, logger });
  const topics = topicNames(config.topicPrefix);
  const processor = createProcessor({ ...(await configuredProcessorOptions(ctx)), log, sink: store, topics });
  // Deletion requests: erased in the store together with this consumer's position, once
  // the processor has folded and committed every event before them (loader/src/deletions).
  const deletions = createDeletionsConsumer({
    log,
    sink: store,
    topic: topics.deletions,
    groupId: `${config.groupId}.deletions`,
    state: { consumer: config.groupId, namespaces: [PLAYER_NAMESPACE, VARIANT_NAMESPACE, ACTIVITY_NAMESPACE] },
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
  // The alert engine reads the store this process holds (DuckDB allows one process per file).
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
      { name: 'log (read-only)', check: () => log.health() },
      { name: 'processor', check: async () => processor.health() },
      // Not ready only once it runs and fails: until the collector created the deletions
      // topic there is nothing to apply, and rollups must not wait for it.
      {
        name: 'deletions',
        check: async () => (deletionsStarted ? deletions.health() : { ok: true, detail: `waiting for ${topics.deletions}` }),
      },
    ],
  });
  const stop: ShutdownStep[] = [
    { name: 'alerts: finish the cycle under way', run: async () => alerts?.stop() },
    // Then: a deletion waiting for the processor to catch up is aborted (and retried on
    // the next start), before the processor stops.
    { name: 'deletions: finish the request in hand, leave the group', run: () => deletions.stop(), timeoutMs: 30_000 },
    processorStopStep(processor, ctx, 'final commit'),
    { name: 'http: stop serving', run: () => api.close() },
    { name: 'store: close (checkpoints the WAL)', run: () => store.close() },
    { name: 'log: close', run: () => log.close() },
  ];
  logger.info('processor listening', { port: api.port, host: config.host, storePath: config.storePath, logDir: config.logDir });
  if (!(await waitForTopic(log, topics.events, config.topicWaitMs, () => ctx.stopping, logger)))
    return { stop, port: api.port, topic: topics.events };
  // The collector creates the deletions topic with the events topic; a log written by
  // something else may lack it: the consumer starts whenever it appears.
  const startDeletions = async () => {
    if (!(await waitForTopic(log, topics.deletions, config.topicWaitMs, () => ctx.stopping, logger))) return;
    await deletions.start();
    deletionsStarted = true;
  };
  const afterStart = async () =>
    void startDeletions().catch((err: unknown) =>
      logger.error('deletions consumer failed to start; deletion requests are not applied', { err }),
    );
  return { stop, processor, port: api.port, topic: topics.events, afterStart };
}

void runService({
  name: 'processor',
  configFileEnv: 'GAMEPULSE_PROCESSOR_CONFIG',
  config: loadProcessorConfig,
  // Embedded mode serves the ops endpoints with the query API, Kafka mode alone.
  ops: (config) => (config.logKind === 'kafka' ? { port: config.port, host: config.host } : undefined),
  start: async (ctx) => {
    const mode = ctx.config.logKind === 'kafka' ? await startKafkaMode(ctx) : await startEmbeddedMode(ctx);
    const { processor } = mode;
    if (!processor) return mode; // shut down while waiting for the topic
    processor.done.catch((err: unknown) => {
      // A lost position is not fixed by a restart: stay up, not ready (processor health
      // names it), until an operator decides (refusals.ts).
      if (refusalCode(err)) return void ctx.logger.error('processor stopped: an operator decides (log/README.md, "Gaps")', { err });
      ctx.logger.error('processor gave up; exiting for the supervisor to restart', { err });
      ctx.stop('processor failed', { failed: true });
    });
    try {
      await processor.start();
    } catch (err) {
      if (!refusalCode(err)) throw err;
      return { ...mode, checks: [refusal('processor', err, ctx.logger), ...(mode.checks ?? [])] };
    }
    await mode.afterStart?.();
    ctx.logger.info('processor started', { port: mode.port, topic: mode.topic, groupId: ctx.config.groupId, log: ctx.config.logKind });
    return mode;
  },
});
