/**
 * Fetches Java artifacts and their dependencies from Maven Central with the machine's
 * `mvn`, into a cache folder outside the repo. A finished fetch leaves a `.complete`
 * marker listing the artifacts, so a second run costs one stat.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MavenFetchOptions {
  /** Folder that receives `lib/*.jar` (and the generated pom and `.complete` marker). */
  dir: string;
  /**
   * Where the jars go instead of `<dir>/lib`, for layouts that want jars in a folder of
   * their own (Druid lists `extensions/<name>/*.jar` without recursing). @default `<dir>/lib`
   */
  libDir?: string;
  /** `group:artifact:version` coordinates; transitive dependencies come along. */
  artifacts: string[];
  /** Coordinates (`group:artifact`) to leave out, e.g. a logging binding we replace. */
  exclusions?: string[];
  /** Progress lines go here. @default console.error */
  log?: (line: string) => void;
}

function pom(artifacts: string[], exclusions: string[]): string {
  const excl = exclusions
    .map((c) => {
      const [g, a] = c.split(':');
      return `<exclusion><groupId>${g}</groupId><artifactId>${a}</artifactId></exclusion>`;
    })
    .join('');
  const deps = artifacts
    .map((c) => {
      const [g, a, v] = c.split(':');
      return `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version><exclusions>${excl}</exclusions></dependency>`;
    })
    .join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.gamepulse</groupId>
  <artifactId>engine-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    ${deps}
  </dependencies>
</project>
`;
}

/** Returns the jar paths, fetching them first unless the cache already has them. */
export async function fetchMavenJars(opts: MavenFetchOptions): Promise<string[]> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const lib = opts.libDir ?? join(opts.dir, 'lib');
  const marker = join(opts.dir, '.complete');
  // Exclusions change the jar set too; left out of the marker when empty so that caches
  // written before exclusions were recorded stay valid.
  const exclusions = opts.exclusions ?? [];
  const want = exclusions.length ? JSON.stringify({ artifacts: opts.artifacts, exclusions }) : JSON.stringify(opts.artifacts);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) return jars(lib);

  rmSync(lib, { recursive: true, force: true });
  mkdirSync(lib, { recursive: true });
  mkdirSync(opts.dir, { recursive: true });
  writeFileSync(join(opts.dir, 'pom.xml'), pom(opts.artifacts, exclusions));
  log(`[maven] fetching ${opts.artifacts.join(', ')} into ${lib}`);
  const started = Date.now();
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    const mvn = spawn(
      'mvn',
      ['-B', '-f', join(opts.dir, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`, '-DincludeScope=runtime'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let tail = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) {
        if (line.includes('Downloaded from')) {
          count++;
          if (count % 25 === 0) log(`[maven] ${count} files downloaded (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      }
    };
    mvn.stdout.on('data', onData);
    mvn.stderr.on('data', onData);
    mvn.on('error', (err) => reject(new Error(`cannot run mvn (is Maven installed?): ${err.message}`)));
    mvn.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mvn exited with ${code}:\n${tail}`))));
  });
  writeFileSync(marker, want);
  const found = jars(lib);
  log(`[maven] ${found.length} jars ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return found;
}

function jars(lib: string): string[] {
  return readdirSync(lib)
    .filter((f) => f.endsWith('.jar'))
    .sort()
    .map((f) => join(lib, f));
}
