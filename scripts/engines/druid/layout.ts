/**
 * Where Druid's jars and a cluster's files live. Jars are shared per version under the
 * engine cache (outside the repo); a cluster's config, data, logs and pid files live in
 * its data dir (inside the repo's git-ignored `.data/` by default).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot } from '../cache.ts';

/**
 * Why 33.0.0 and not 37.x: the Maven Central this project reaches serves only part of
 * Central, and for 37.0.0 it serves druid-services but not druid-sql nor
 * druid-multi-stage-query (which druid-services 37 depends on), nor the 37.x
 * druid-kafka-indexing-service. 33.0.0 is the newest release whose core, SQL, Kafka
 * indexing and DataSketches artifacts all resolve there. It runs on Java 17.
 */
export const DEFAULT_DRUID_VERSION = '33.0.0';

/** The extensions our clusters load, by Maven artifact id (= folder name under `extensions/`). */
export const DRUID_EXTENSIONS = ['druid-kafka-indexing-service', 'druid-datasketches'] as const;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function druidVersion(version?: string): string {
  return version ?? process.env.GAMEPULSE_DRUID_VERSION ?? DEFAULT_DRUID_VERSION;
}

/** Jars of one Druid version, laid out like the binary distribution: `lib/` and `extensions/<name>/`. */
export function druidHome(version: string): { home: string; lib: string; extensions: string } {
  const home = join(cacheRoot(), `druid-${version}`);
  return { home, lib: join(home, 'lib'), extensions: join(home, 'extensions') };
}

/** Default data dir: per version, because a newer Druid may migrate Derby tables an older one cannot read. */
export function defaultDruidDataDir(version: string): string {
  return join(REPO_ROOT, '.data', 'druid', version);
}

/** The files of one cluster inside its data dir. */
export function clusterPaths(dataDir: string) {
  return {
    conf: join(dataDir, 'conf'),
    commonConf: join(dataDir, 'conf', '_common'),
    serviceConf: (service: string) => join(dataDir, 'conf', service),
    zkData: join(dataDir, 'zk'),
    metadata: join(dataDir, 'metadata'),
    deepStorage: join(dataDir, 'deep-storage'),
    indexingLogs: join(dataDir, 'indexing-logs'),
    segmentCache: join(dataDir, 'segment-cache'),
    taskDir: join(dataDir, 'task'),
    tmp: join(dataDir, 'tmp'),
    logs: join(dataDir, 'log'),
    run: join(dataDir, 'run'),
    logFile: (service: string) => join(dataDir, 'log', `${service}.log`),
    pidFile: (service: string) => join(dataDir, 'run', `${service}.pid`),
    /** The config a running cluster was started with; a different one means restart. */
    fingerprint: join(dataDir, 'run', 'config.fingerprint'),
  };
}

export type ClusterPaths = ReturnType<typeof clusterPaths>;
