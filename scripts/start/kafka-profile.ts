/**
 * `npm start -- --kafka`: the pipeline against a real Apache Kafka broker instead of the
 * embedded log — the production shape on one machine:
 *
 *   broker (scripts/engines/kafka.ts: KRaft single node, jars from Maven Central)
 *   collector (GAMEPULSE_LOG_KIND=kafka: idempotent acks=all producer)
 *   N processors (consumer group on the events topic, one Kafka transaction per input
 *     partition: rollups + state changelog + dead letters + input offset)
 *   loader (rollups topic, read_committed → DuckDB exactly-once; query API + console)
 *
 * The broker keeps its data in .data/kafka/<version> between runs (`--fresh` wipes the
 * whole data dir); it is stopped on Ctrl-C after the services.
 */
import { join } from 'node:path';
import { startKafka, stopKafka } from '../engines/kafka.ts';
import type { StartOptions } from './args.ts';
import { startService, waitReady, type Service } from './services.ts';

export interface KafkaProfile {
  collector: Service;
  processors: Service[];
  loader: Service;
  brokers: string;
  /** /metrics of every processor (committed events are summed over them). */
  processorMetricsUrls: string[];
  stopBroker(): Promise<void>;
}

/** First ops port of the processors: query port + 1, + 2, … */
export async function startKafkaProfile(opts: StartOptions, dataDir: string, logDir: string, root: string): Promise<KafkaProfile> {
  const kafkaOpts = {
    port: opts.kafkaPort,
    controllerPort: opts.kafkaPort + 1,
    dataDir: join(dataDir, 'kafka'),
    log: (l: string) => process.stdout.write(`${l}\n`),
  };
  const broker = await startKafka(kafkaOpts);
  const brokers = broker.brokers.join(',');
  const env = {
    GAMEPULSE_LOG_KIND: 'kafka',
    GAMEPULSE_KAFKA_BROKERS: brokers,
    GAMEPULSE_TOPIC_PREFIX: 'gamepulse',
    GAMEPULSE_STORE_PATH: join(dataDir, 'gamepulse.duckdb'),
  };
  const collector = startService(
    'collector',
    'apps/src/collector.ts',
    {
      ...env,
      GAMEPULSE_COLLECTOR_HTTP_PORT: String(opts.collectorHttpPort),
      GAMEPULSE_COLLECTOR_GRPC_PORT: String(opts.collectorGrpcPort),
    },
    `http://127.0.0.1:${opts.collectorHttpPort}/readyz`,
    logDir,
    root,
  );
  await waitReady(collector, 60_000);
  const ports = Array.from({ length: opts.processors }, (_, i) => opts.queryPort + 1 + i);
  const processors = ports.map((port, i) =>
    startService(
      `processor-${i}`,
      'apps/src/processor.ts',
      { ...env, GAMEPULSE_PROCESSOR_PORT: String(port) },
      `http://127.0.0.1:${port}/readyz`,
      logDir,
      root,
    ),
  );
  const loader = startService(
    'loader',
    'apps/src/rollups-loader.ts',
    { ...env, GAMEPULSE_LOADER_PORT: String(opts.queryPort) },
    `http://127.0.0.1:${opts.queryPort}/readyz`,
    logDir,
    root,
  );
  await Promise.all([...processors, loader].map((s) => waitReady(s, 90_000)));
  return {
    collector,
    processors,
    loader,
    brokers,
    processorMetricsUrls: ports.map((p) => `http://127.0.0.1:${p}/metrics`),
    stopBroker: async () => {
      await stopKafka({ ...kafkaOpts, log: () => undefined });
    },
  };
}
