/**
 * Builds Go tools (Alertmanager, promtool, …) from the Go module proxy with the
 * machine's `go install module@version`, into a cache folder outside the repo:
 * `<cache>/go/<binary>@<version>/<binary>`. The module and build caches live under
 * `<cache>/go/` too, so a second tool reuses the first one's downloads. A finished
 * build is an executable at the final path (written under a temporary name and renamed),
 * so a second run costs one stat and an interrupted build leaves nothing half-made.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { cacheRoot } from './cache.ts';

export interface GoTool {
  /** Package path of the command, e.g. `github.com/prometheus/alertmanager/cmd/alertmanager`. */
  module: string;
  /** Exact version, e.g. `v0.35.0`. */
  version: string;
  /** Binary name `go install` writes (the last path element of `module`). */
  binary: string;
  /**
   * For a module whose published zip cannot be built by `go install` because a
   * `//go:embed` pattern names build output the zip leaves out (Alertmanager ≥ 0.32
   * embeds `ui/app/dist`, made by its Makefile's npm step: prometheus/alertmanager#5163):
   * the module root, and files to create (empty) in a writable copy of its source before
   * `go build`. The binary then serves an empty web UI; its APIs are unaffected.
   */
  sourceBuild?: { moduleRoot: string; embedStubs: readonly string[] };
}

/** The tools the repo builds, pinned. */
export const GO_TOOLS = {
  alertmanager: {
    module: 'github.com/prometheus/alertmanager/cmd/alertmanager',
    version: 'v0.35.0',
    binary: 'alertmanager',
    sourceBuild: {
      moduleRoot: 'github.com/prometheus/alertmanager',
      embedStubs: ['ui/app/dist/elm/index.html', 'ui/app/dist/mantine/index.html'],
    },
  },
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
  const env = {
    ...process.env,
    GOBIN: staging,
    GOPATH: join(root, 'path'),
    GOMODCACHE: join(root, 'mod'),
    GOCACHE: join(root, 'build'),
    GOFLAGS: '-modcacherw',
    CGO_ENABLED: '0',
  };
  const progress = setInterval(() => log(`[go] still building ${tool.binary} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  try {
    if (tool.sourceBuild) await buildFromSource(tool, tool.sourceBuild, staging, env);
    else await runGo(tool, ['install', `${tool.module}@${tool.version}`], { env });
  } finally {
    clearInterval(progress);
  }
  mkdirSync(join(final, '..'), { recursive: true });
  renameSync(join(staging, tool.binary), final);
  rmSync(staging, { recursive: true, force: true });
  log(`[go] built ${tool.binary} ${tool.version} in ${Math.round((Date.now() - started) / 1000)} s`);
  return final;
}

/**
 * `go build` of the command in a writable copy of its module's source (from the module
 * cache, downloaded through the proxy like `go install` does), with the stub files its
 * `//go:embed` patterns need. Writes `<staging>/<binary>`.
 */
async function buildFromSource(
  tool: GoTool,
  source: { moduleRoot: string; embedStubs: readonly string[] },
  staging: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const info = JSON.parse(await runGo(tool, ['mod', 'download', '-json', `${source.moduleRoot}@${tool.version}`], { env })) as {
    Dir?: string;
    Error?: string;
  };
  if (!info.Dir) throw new Error(`go mod download ${source.moduleRoot}@${tool.version}: ${info.Error ?? 'no source directory'}`);
  const src = join(staging, 'src');
  cpSync(info.Dir, src, { recursive: true });
  for (const stub of source.embedStubs) {
    mkdirSync(dirname(join(src, stub)), { recursive: true });
    writeFileSync(join(src, stub), '');
  }
  const pkg = `./${relative(source.moduleRoot, tool.module)}`;
  // What the project's Makefile (promu) stamps, so `--version`, the start log line and
  // /api/v2/status name the release.
  const ldflags = `-X github.com/prometheus/common/version.Version=${tool.version.replace(/^v/, '')} -X github.com/prometheus/common/version.Branch=${tool.version}`;
  await runGo(tool, ['build', '-trimpath', '-ldflags', ldflags, '-o', join(staging, tool.binary), pkg], { env, cwd: src });
}

/** Runs `go <args>`; resolves with its stdout, rejects with the tail of its output. */
function runGo(tool: GoTool, args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const go = spawn('go', args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env, cwd: opts.cwd });
    let stdout = '';
    let tail = '';
    go.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      tail = (tail + chunk.toString()).slice(-4000);
    });
    go.stderr.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    });
    go.on('error', (err) =>
      reject(new Error(`go ${args[0]} ${tool.module}@${tool.version}: cannot run go (${err.message}); install Go ≥ 1.26`)),
    );
    go.on('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`go ${args.join(' ')} (${tool.module}@${tool.version}) exited ${code}:\n${tail}`));
    });
  });
}
