/**
 * Builds Go tools (Alertmanager, promtool, …) from the Go module proxy with the
 * machine's `go install module@version`, into a cache folder outside the repo:
 * `<cache>/go/<binary>@<version>/<binary>`. The module and build caches live under
 * `<cache>/go/` too, so a second tool reuses the first one's downloads. A finished
 * build is an executable at the final path (written under a temporary name and renamed),
 * so a second run costs one stat and an interrupted build leaves nothing half-made.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot } from './cache.ts';

export interface GoTool {
  /** Package path of the command, e.g. `github.com/prometheus/alertmanager/cmd/alertmanager`. */
  module: string;
  /** Exact version, e.g. `v0.35.0`. */
  version: string;
  /** Binary name `go install` writes (the last path element of `module`). */
  binary: string;
}

/** The tools the repo builds, pinned. */
export const GO_TOOLS = {
  alertmanager: { module: 'github.com/prometheus/alertmanager/cmd/alertmanager', version: 'v0.35.0', binary: 'alertmanager' },
  amtool: { module: 'github.com/prometheus/alertmanager/cmd/amtool', version: 'v0.35.0', binary: 'amtool' },
  promtool: { module: 'github.com/prometheus/prometheus/cmd/promtool', version: 'v0.316.0', binary: 'promtool' },
} as const satisfies Record<string, GoTool>;

export interface EnsureGoToolOptions {
  /** Progress lines go here. @default console.error */
  log?: (line: string) => void;
  /** Cache root. @default cacheRoot() (GAMEPULSE_CACHE or ~/.cache/gamepulse) */
  cacheDir?: string;
}

/** Where a tool's binary lives once built. */
export function goToolPath(tool: GoTool, cacheDir = cacheRoot()): string {
  return join(cacheDir, 'go', `${tool.binary}@${tool.version}`, tool.binary);
}

/** Whether the machine has a `go` command. */
export async function haveGo(): Promise<boolean> {
  return new Promise((resolve) => {
    const p = spawn('go', ['version'], { stdio: 'ignore' });
    p.on('error', () => resolve(false));
    p.on('exit', (code) => resolve(code === 0));
  });
}

/** Returns the tool's binary path, building it first unless the cache has it. */
export async function ensureGoTool(tool: GoTool, opts: EnsureGoToolOptions = {}): Promise<string> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const root = join(opts.cacheDir ?? cacheRoot(), 'go');
  const final = goToolPath(tool, opts.cacheDir ?? cacheRoot());
  if (existsSync(final)) return final;
  const staging = join(root, `.building-${tool.binary}@${tool.version}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log(`[go] building ${tool.module}@${tool.version} (first time only; cached in ${final})`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const go = spawn('go', ['install', `${tool.module}@${tool.version}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GOBIN: staging,
        GOPATH: join(root, 'path'),
        GOMODCACHE: join(root, 'mod'),
        GOCACHE: join(root, 'build'),
        GOFLAGS: '-modcacherw',
        CGO_ENABLED: '0',
      },
    });
    let tail = '';
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    go.stdout.on('data', onData);
    go.stderr.on('data', onData);
    const progress = setInterval(() => log(`[go] still building ${tool.binary} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    go.on('error', (err) => {
      clearInterval(progress);
      reject(new Error(`go install ${tool.module}@${tool.version}: cannot run go (${err.message}); install Go ≥ 1.26`));
    });
    go.on('exit', (code) => {
      clearInterval(progress);
      if (code === 0) resolve();
      else reject(new Error(`go install ${tool.module}@${tool.version} exited ${code}:\n${tail}`));
    });
  });
  mkdirSync(join(final, '..'), { recursive: true });
  renameSync(join(staging, tool.binary), final);
  rmSync(staging, { recursive: true, force: true });
  log(`[go] built ${tool.binary} ${tool.version} in ${Math.round((Date.now() - started) / 1000)} s`);
  return final;
}
