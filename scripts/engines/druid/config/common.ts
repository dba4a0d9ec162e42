/**
 * `common.runtime.properties`: what every Druid process of the cluster shares. Single
 * machine: Derby metadata (served by the coordinator), local deep storage, ZooKeeper on
 * loopback. Adapted from Druid's `single-server/nano-quickstart` example.
 */
import type { ClusterPaths } from '../layout.ts';
import type { DruidPorts } from '../options.ts';
import type { Properties } from './properties.ts';

export interface CommonConfig {
  ports: DruidPorts;
  paths: ClusterPaths;
  /** `druid.extensions.directory`: the install's `extensions/` folder. */
  extensionsDir: string;
  extensionNames: string[];
  /** Overrides, applied last. */
  properties: Record<string, string>;
}

export function commonProperties(c: CommonConfig): Properties {
  return {
    'druid.extensions.directory': c.extensionsDir,
    'druid.extensions.loadList': JSON.stringify(c.extensionNames),
    'druid.startup.logging.logProperties': true,

    'druid.host': '127.0.0.1',
    // Without this Jetty listens on all interfaces; druid.host alone only sets what is announced.
    'druid.bindOnHost': true,
    // Unset, Jetty waits its own 30 s default on stop for open long-polls (the overlord
    // keeps one open on the indexer at all times), so every stop took 30 s.
    'druid.server.http.gracefulShutdownTimeout': 'PT2S',

    'druid.zk.service.host': `127.0.0.1:${c.ports.zookeeper}`,
    'druid.zk.paths.base': '/druid',

    // Derby runs as a network server inside the coordinator (only viable with one
    // coordinator). The database name is relative to derby.system.home, which the
    // coordinator's JVM flags point at `<dataDir>/metadata`.
    'druid.metadata.storage.type': 'derby',
    'druid.metadata.storage.connector.connectURI': `jdbc:derby://127.0.0.1:${c.ports.derby}/druid;create=true`,
    'druid.metadata.storage.connector.host': '127.0.0.1',
    'druid.metadata.storage.connector.port': c.ports.derby,

    'druid.storage.type': 'local',
    'druid.storage.storageDirectory': c.paths.deepStorage,
    'druid.indexer.logs.type': 'file',
    'druid.indexer.logs.directory': c.paths.indexingLogs,

    'druid.selectors.indexing.serviceName': 'druid/overlord',
    'druid.selectors.coordinator.serviceName': 'druid/coordinator',

    // No metrics emitter and no monitors: nothing reads them locally and each costs a thread.
    'druid.emitter': 'noop',
    'druid.monitoring.monitors': '[]',

    'druid.indexing.doubleStorage': 'double',
    'druid.sql.enable': true,
    'druid.lookup.enableLookupSyncOnStartup': false,
    'druid.expressions.useStrictBooleans': true,
    'druid.server.hiddenProperties': '["druid.metadata.storage.connector.password"]',
    ...c.properties,
  };
}
