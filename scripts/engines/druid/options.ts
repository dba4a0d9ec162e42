/**
 * Options of a local Druid cluster: one type with documented defaults, resolved once.
 */
import { resolve } from 'node:path';
import { defaultDruidDataDir, druidVersion } from './layout.ts';

/**
 * Ports on 127.0.0.1. Druid's defaults (2181, 1527, 8081–8091, 8888) plus 10000 where
 * possible, so a Druid quickstart or another ZooKeeper on this machine does not clash.
 */
export interface DruidPorts {
  /** ZooKeeper client port. @default 12181 */
  zookeeper: number;
  /** Derby network server, started inside the coordinator. @default 11527 */
  derby: number;
  /** Coordinator; also serves the overlord API (`/druid/indexer/v1/*`). @default 18081 */
  coordinator: number;
  /** Broker: Druid SQL at `/druid/v2/sql`. @default 18082 */
  broker: number;
  /** Historical. @default 18083 */
  historical: number;
  /** Indexer (runs ingestion tasks as threads). @default 18091 */
  indexer: number;
  /** Router (web console and one entry point); only started with `router: true`. @default 18888 */
  router: number;
}

export const DEFAULT_DRUID_PORTS: DruidPorts = {
  zookeeper: 12181,
  derby: 11527,
  coordinator: 18081,
  broker: 18082,
  historical: 18083,
  indexer: 18091,
  router: 18888,
};

export interface DruidOptions {
  /** Druid release. @default GAMEPULSE_DRUID_VERSION or DEFAULT_DRUID_VERSION (33.0.0) */
  version?: string;
  /** Config, metadata, segments, logs and pid files. @default `<repo>/.data/druid/<version>` */
  dataDir?: string;
  /** Port overrides. @default DEFAULT_DRUID_PORTS */
  ports?: Partial<DruidPorts>;
  /** Also start the router (web console, proxy to broker and coordinator). @default false */
  router?: boolean;
  /** How long the whole start may take before it fails with a log tail. @default 300_000 */
  startTimeoutMs?: number;
  /** The Java 17 launcher. @default GAMEPULSE_DRUID_JAVA or `java` on PATH */
  javaBin?: string;
  /**
   * `quick-start` runs the JIT's C1 tier only: on 2 cores the cluster is ready in about
   * half the time (C2 compiling Guice/Jackson start-up code competes with five JVMs
   * starting), at a cost in peak query speed that test-sized data never notices. Use
   * `full` for benchmarks. @default 'quick-start'
   */
  jit?: 'quick-start' | 'full';
  /** Extra or overriding `common.runtime.properties` entries. @default {} */
  properties?: Record<string, string>;
  /** Progress lines. @default console.error */
  log?: (line: string) => void;
}

export interface ResolvedDruidOptions {
  version: string;
  dataDir: string;
  ports: DruidPorts;
  router: boolean;
  startTimeoutMs: number;
  javaBin: string;
  jit: 'quick-start' | 'full';
  properties: Record<string, string>;
  log: (line: string) => void;
}

export function resolveDruidOptions(opts: DruidOptions = {}): ResolvedDruidOptions {
  const version = druidVersion(opts.version);
  return {
    version,
    dataDir: resolve(opts.dataDir ?? process.env.GAMEPULSE_DRUID_DATA ?? defaultDruidDataDir(version)),
    ports: { ...DEFAULT_DRUID_PORTS, ...opts.ports },
    router: opts.router ?? false,
    startTimeoutMs: opts.startTimeoutMs ?? 300_000,
    javaBin: opts.javaBin ?? process.env.GAMEPULSE_DRUID_JAVA ?? 'java',
    jit: opts.jit ?? 'quick-start',
    properties: opts.properties ?? {},
    log: opts.log ?? ((l: string) => console.error(l)),
  };
}
