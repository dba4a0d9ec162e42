/**
 * Command lines for the cluster's JVMs.
 */
import type { ClusterPaths } from '../layout.ts';
import type { ServiceSpec } from './services.ts';

/**
 * Java 17 strong encapsulation: Druid reaches into these JDK internals (direct buffers,
 * cleaners, process stats). The list is the one in Druid's `bin/run-java` and
 * docs/operations/java.md, "Strong encapsulation".
 */
export const JAVA17_OPENS = [
  '--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED',
];

/** Tags every JVM we start, so a stale pid file never makes us stop someone else's process. */
export const PROCESS_TAG = 'gamepulse.druid.process';

export interface JvmConfig {
  paths: ClusterPaths;
  /** Folder of Druid's jars. */
  lib: string;
  /** See DruidOptions.jit. */
  jit: 'quick-start' | 'full';
}

function baseFlags(name: string, heapMb: number, c: JvmConfig): string[] {
  const { paths } = c;
  return [
    `-D${PROCESS_TAG}=${name}`,
    `-Xms${Math.min(heapMb, 128)}m`,
    `-Xmx${heapMb}m`,
    // Serial GC: small heaps, 2 cores; G1's concurrent threads and regions only add RSS.
    '-XX:+UseSerialGC',
    ...(c.jit === 'quick-start' ? ['-XX:TieredStopAtLevel=1'] : []),
    '-XX:+ExitOnOutOfMemoryError',
    '-Duser.timezone=UTC',
    '-Dfile.encoding=UTF-8',
    `-Djava.io.tmpdir=${paths.tmp}`,
    '-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager',
    `-Dlog4j.configurationFile=${paths.commonConf}/log4j2.xml`,
  ];
}

/** `java` arguments for one Druid service (`org.apache.druid.cli.Main server <name>`). */
export function druidServiceArgs(spec: ServiceSpec, c: JvmConfig): string[] {
  const { paths, lib } = c;
  return [
    ...JAVA17_OPENS,
    ...baseFlags(spec.name, spec.heapMb, c),
    ...(spec.directMb ? [`-XX:MaxDirectMemorySize=${spec.directMb}m`] : []),
    ...Object.entries(spec.systemProperties ?? {}).map(([k, v]) => `-D${k}=${v}`),
    // Druid reads common.runtime.properties and runtime.properties from the classpath.
    '-cp',
    [paths.commonConf, paths.serviceConf(spec.name), `${lib}/*`].join(':'),
    'org.apache.druid.cli.Main',
    'server',
    spec.name,
  ];
}

/** `java` arguments for the standalone ZooKeeper. */
export function zookeeperArgs(c: JvmConfig, main: string, heapMb = 128): string[] {
  const { paths, lib } = c;
  return [
    ...baseFlags('zookeeper', heapMb, c),
    '-Dzookeeper.jmx.log4j.disable=true',
    '-cp',
    `${lib}/*`,
    main,
    `${paths.serviceConf('zk')}/zoo.cfg`,
  ];
}
