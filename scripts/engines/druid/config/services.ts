/**
 * The lightest process set that runs ingestion and SQL on one machine, sized for
 * 2 cores / 24 GiB with room to spare for the rest of the pipeline:
 *
 * | process     | heap   | direct | why                                                   |
 * |-------------|--------|--------|-------------------------------------------------------|
 * | zookeeper   | 128 MiB|   —    | a few dozen znodes                                    |
 * | coordinator | 512 MiB|   —    | also the overlord (task queue, supervisors) and Derby |
 * | historical  | 512 MiB| 320 MiB| serves published segments                             |
 * | indexer     |  1 GiB | 320 MiB| runs tasks as threads, one JVM instead of MM + peons  |
 * | broker      | 512 MiB| 320 MiB| SQL planning and merging                              |
 * | router      | 128 MiB|   —    | optional: console and single entry point              |
 *
 * Direct memory must cover `buffer.sizeBytes * (numMergeBuffers + numThreads + 1)`
 * (Druid checks this at start): 64 MiB * (2 + 1 + 1) = 256 MiB, so 320 MiB.
 */
import type { ClusterPaths } from '../layout.ts';
import type { DruidPorts } from '../options.ts';
import type { Properties } from './properties.ts';

export type DruidServiceName = 'coordinator' | 'historical' | 'indexer' | 'broker' | 'router';

export interface ServiceSpec {
  name: DruidServiceName;
  port: number;
  heapMb: number;
  /** -XX:MaxDirectMemorySize; unset leaves the JVM default (= heap). */
  directMb?: number;
  properties: Properties;
  /** Extra -D flags for this JVM only. */
  systemProperties?: Record<string, string>;
}

export interface ServicesConfig {
  ports: DruidPorts;
  paths: ClusterPaths;
  router: boolean;
}

/**
 * One processing thread (2 cores) and 64 MiB buffers: a groupBy per player over a month
 * of 100k players (player_lifecycle: a latest-variant slot of 128 bytes per player and
 * day) overflows 32 MiB. A query that still overflows spills to `tmpDir` instead of
 * failing ("Not enough merge buffer memory"): `maxOnDiskStorage` is Druid's switch for
 * that, off by default. The merge buffers are allocated at start, 2 × 64 MiB per process.
 */
function processing(paths: ClusterPaths, service: string): Properties {
  return {
    'druid.processing.numThreads': 1,
    'druid.processing.numMergeBuffers': 2,
    'druid.processing.buffer.sizeBytes': 64 * 1024 * 1024,
    'druid.processing.tmpDir': `${paths.tmp}/processing-${service}`,
    'druid.query.groupBy.maxOnDiskStorage': 4 * 1024 ** 3,
  };
}

/** Start order; stop goes in reverse, so the indexer reports to a live overlord while it shuts down. */
export function serviceSpecs(c: ServicesConfig): ServiceSpec[] {
  const { ports, paths } = c;
  const specs: ServiceSpec[] = [
    {
      name: 'coordinator',
      port: ports.coordinator,
      heapMb: 512,
      systemProperties: { 'derby.system.home': paths.metadata, 'derby.stream.error.file': `${paths.logs}/derby.log` },
      properties: {
        'druid.service': 'druid/coordinator',
        'druid.plaintextPort': ports.coordinator,
        'druid.server.http.numThreads': 16,
        // One process for coordinator and overlord (Druid's single-server layout).
        'druid.coordinator.asOverlord.enabled': true,
        'druid.coordinator.asOverlord.overlordService': 'druid/overlord',
        // Defaults (PT300S start delay, PT60S period, PT60S segment poll, PT1M queue
        // start delay) make a fresh cluster wait minutes before it loads a new segment or
        // runs a task; tests want seconds.
        'druid.coordinator.startDelay': 'PT5S',
        'druid.coordinator.period': 'PT5S',
        'druid.manager.segments.pollDuration': 'PT5S',
        'druid.manager.rules.pollDuration': 'PT5S',
        'druid.indexer.queue.startDelay': 'PT1S',
        'druid.indexer.runner.type': 'httpRemote',
        'druid.indexer.storage.type': 'metadata',
      },
    },
    {
      name: 'historical',
      port: ports.historical,
      heapMb: 512,
      directMb: 320,
      properties: {
        'druid.service': 'druid/historical',
        'druid.plaintextPort': ports.historical,
        'druid.server.http.numThreads': 16,
        ...processing(paths, 'historical'),
        'druid.segmentCache.locations': JSON.stringify([{ path: paths.segmentCache, maxSize: 10 * 1024 ** 3 }]),
        'druid.historical.cache.useCache': false,
        'druid.historical.cache.populateCache': false,
      },
    },
    {
      name: 'indexer',
      port: ports.indexer,
      heapMb: 1024,
      directMb: 320,
      properties: {
        'druid.service': 'druid/indexer',
        'druid.plaintextPort': ports.indexer,
        'druid.server.http.numThreads': 24,
        // The default is cores - 1 = 1 here. gamepulse runs three Kafka supervisors
        // (druid/ingestion): each needs a slot for its reading task and, for a moment
        // after every taskDuration, one for the task that publishes, plus room for a
        // batch task: 3 × 2 + 1 = 7. Tasks are threads here, so idle slots cost nothing.
        'druid.worker.capacity': 7,
        'druid.indexer.task.baseTaskDir': paths.taskDir,
        // How often a task asks the coordinator whether its segments are served yet:
        // batch tasks with awaitSegmentAvailabilityTimeoutMillis and every streaming
        // (Kafka) task's handoff wait on it. The default PT1M added a minute to each.
        'druid.segment.handoff.pollDuration': 'PT2S',
        ...processing(paths, 'indexer'),
      },
    },
    {
      name: 'broker',
      port: ports.broker,
      heapMb: 512,
      directMb: 320,
      properties: {
        'druid.service': 'druid/broker',
        'druid.plaintextPort': ports.broker,
        'druid.server.http.numThreads': 16,
        'druid.broker.http.numConnections': 8,
        'druid.broker.http.maxQueuedBytes': '5MiB',
        ...processing(paths, 'broker'),
        'druid.broker.cache.useCache': false,
        'druid.broker.cache.populateCache': false,
        // A new datasource shows up in SQL only after the broker refreshed its segment
        // metadata; the default PT1M makes freshly ingested data invisible to SQL for a minute.
        'druid.sql.planner.metadataRefreshPeriod': 'PT5S',
      },
    },
  ];
  if (c.router) {
    specs.push({
      name: 'router',
      port: ports.router,
      heapMb: 128,
      properties: {
        'druid.service': 'druid/router',
        'druid.plaintextPort': ports.router,
        'druid.server.http.numThreads': 16,
        'druid.router.http.numConnections': 8,
        'druid.router.defaultBrokerServiceName': 'druid/broker',
        'druid.router.coordinatorServiceName': 'druid/coordinator',
        // Serves the web console and proxies its coordinator/overlord calls.
        'druid.router.managementProxy.enabled': true,
      },
    });
  }
  return specs;
}
