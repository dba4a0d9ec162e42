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
import type { ServiceGroup } from './service-group.ts';
import type { ServiceSupervisor } from './supervisor.ts';

export interface KafkaProfile {
  collector: ServiceSupervisor;
  processors: ServiceSupervisor[];
  loader: ServiceSupervisor;
  brokers: string;
  /** /metrics of every processor (committed events are summed over them). */
  processorMetricsUrls: string[];
  stopBroker(): Promise<void>;
}

/**
 * Starts the broker, then the services under `group`'s supervision (a crashed one is
 * restarted; the other processor takes its partitions meanwhile). The processors' ops
 * ports are the query port + 1, + 2, …
 */
export async function startKafkaProfile(
  opts: StartOptions,
  dataDir: string,
  group: ServiceGroup,
  /** Extra environment of the loader, which serves the API on DuckDB and runs the alert engine. */
  loaderEnv: Record<string, string> = {},
): Promise<KafkaProfile> {
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
  const collector = await group.start({
    name: 'collector',
    entry: 'apps/src/collector.ts',
    env: {
      ...env,
      GAMEPULSE_COLLECTOR_HTTP_PORT: String(opts.collectorHttpPort),
      GAMEPULSE_COLLECTOR_GRPC_PORT: String(opts.collectorGrpcPort),
    },
    readyUrl: `http://127.0.0.1:${opts.collectorHttpPort}/readyz`,
  });
  const ports = Array.from({ length: opts.processors }, (_, i) => opts.queryPort + 1 + i);
  const [loader, ...processors] = await Promise.all([
    group.start({
      name: 'loader',
      entry: 'apps/src/rollups-loader.ts',
      env: { ...env, GAMEPULSE_LOADER_PORT: String(opts.queryPort), ...loaderEnv },
      readyUrl: `http://127.0.0.1:${opts.queryPort}/readyz`,
    }),
    ...ports.map((port, i) =>
      group.start({
        name: `processor-${i}`,
        entry: 'apps/src/processor.ts',
        env: { ...env, GAMEPULSE_PROCESSOR_PORT: String(port) },
        readyUrl: `http://127.0.0.1:${port}/readyz`,
      }),
    ),
  ]);
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
