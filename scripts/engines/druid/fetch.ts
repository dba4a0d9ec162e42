/**
 * Fetches Apache Druid from Maven Central into `<cacheRoot>/druid-<version>/`, laid out
 * like the binary distribution (there is no tarball to download here):
 *
 *   lib/                     druid-services and its runtime dependencies (ZooKeeper,
 *                            Derby, log4j included)
 *   extensions/<name>/*.jar  each extension with its own runtime dependencies; Druid's
 *                            own modules are `provided` in extension poms, so they stay out
 *
 * No Hadoop: the Hadoop client is `provided` in druid-indexing-hadoop and we never run
 * `index_hadoop` tasks, so there is no `hadoop-dependencies/` folder.
 * Each part leaves a `.complete` marker (see maven.ts): a second run reads the disk only.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fetchMavenJars } from '../maven.ts';
import { DRUID_EXTENSIONS, druidHome, druidVersion } from './layout.ts';

export interface DruidFetchOptions {
  /** Druid release. @default GAMEPULSE_DRUID_VERSION or DEFAULT_DRUID_VERSION */
  version?: string;
  /** Progress lines. @default console.error */
  log?: (line: string) => void;
}

export interface DruidInstall {
  version: string;
  /** `<cacheRoot>/druid-<version>` */
  home: string;
  /** Folder of the core jars; the JVM classpath is `<lib>/*`. */
  lib: string;
  /** Value for `druid.extensions.directory`. */
  extensions: string;
  /** Extension names, each a folder under `extensions`. */
  extensionNames: string[];
  /** Size of all jars on disk. */
  totalBytes: number;
}

/**
 * druid-processing depends on org.hyperic:sigar, which Maven Central does not hold (Druid
 * declares a third-party repository for it, unreachable here). It only backs the optional
 * SysMonitor, which we do not enable.
 */
const CORE_EXCLUSIONS = ['org.hyperic:sigar'];

/** Returns the install, fetching whatever part of it the cache does not have yet. */
export async function fetchDruid(opts: DruidFetchOptions = {}): Promise<DruidInstall> {
  const version = druidVersion(opts.version);
  const log = opts.log ?? ((l: string) => console.error(l));
  const paths = druidHome(version);
  const started = Date.now();

  await fetchMavenJars({ dir: paths.home, artifacts: [`org.apache.druid:druid-services:${version}`], exclusions: CORE_EXCLUSIONS, log });
  for (const name of DRUID_EXTENSIONS) {
    await fetchMavenJars({
      // The pom and marker stay out of the extension folder, which must hold jars only.
      dir: join(paths.home, 'maven', name),
      libDir: join(paths.extensions, name),
      artifacts: [`org.apache.druid.extensions:${name}:${version}`],
      log,
    });
  }

  const totalBytes = [paths.lib, ...DRUID_EXTENSIONS.map((n) => join(paths.extensions, n))].reduce((sum, dir) => sum + jarBytes(dir), 0);
  log(
    `[druid] Druid ${version} ready in ${paths.home} (${(totalBytes / 1048576).toFixed(0)} MiB of jars, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return { version, home: paths.home, lib: paths.lib, extensions: paths.extensions, extensionNames: [...DRUID_EXTENSIONS], totalBytes };
}

function jarBytes(dir: string): number {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jar'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}
