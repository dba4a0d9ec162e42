/**
 * Builds Go tools (Alertmanager, promtool, …) from the Go module proxy with the
 * machine's `go install module@version`, into a cache folder outside the repo:
 * `<cache>/go/<binary>@<version>/<binary>`. The module and build caches live under
 * `<cache>/go/` too, so a second tool reuses the first one's downloads. A finished
 * build is an executable at the final path (written under a temporary name and renamed),
 * so a second run costs one stat and an interrupted build leaves nothing half-made.
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheRoot } from './cache.ts';

export interface GoTool {
  /** Package path of the command, e.g. `github.com/prometheus/alertmanager/cmd/alertmanager`. */
  module: string;
  /** Exact version, e.g. `v0.35.0`. */
  version: string;
  /** Binary name `go install` writes (the last path element of `module`). */
  binary: string;
  /**
   * Build from the module's source instead of `go install`, after writing these files
   * into it (path → content). For modules whose `go:embed` names assets the module zip
   * leaves out: Alertmanager embeds its web UI from `ui/app/dist`, built by npm and elm
   * in its release process and absent from the module proxy's zip, so `go install`
   * fails with "pattern app/dist: no matching files found". The API needs no UI.
   */
  placeholders?: Readonly<Record<string, string>>;
  /** Module root of the source build (`module` minus the command's path). */
  root?: string;
}

const UI_PLACEHOLDER =
  '<!doctype html><title>Alertmanager</title><p>Built by gamepulse from the Go module proxy without the web UI; use the API (/api/v2) or amtool.</p>\n';

/** The tools the repo builds, pinned. */
export const GO_TOOLS = {
  alertmanager: {
    module: 'github.com/prometheus/alertmanager/cmd/alertmanager',
    version: 'v0.35.0',
    binary: 'alertmanager',
    root: 'github.com/prometheus/alertmanager',
    placeholders: {
      'ui/app/dist/elm/index.html': UI_PLACEHOLDER,
      'ui/app/dist/mantine/index.html': UI_PLACEHOLDER,
    },
  },
  amtool: {
    module: 'github.com/prometheus/alertmanager/cmd/amtool',
    version: 'v0.35.0',
    binary: 'amtool',
    root: 'github.com/prometheus/alertmanager',
    placeholders: {
      'ui/app/dist/elm/index.html': UI_PLACEHOLDER,
      'ui/app/dist/mantine/index.html': UI_PLACEHOLDER,
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
    GOPATH: join(root, 'path'),
    GOMODCACHE: join(root, 'mod'),
    GOCACHE: join(root, 'build'),
    GOFLAGS: '-modcacherw',
    CGO_ENABLED: '0',
  };
  const progress = setInterval(() => log(`[go] still building ${tool.binary} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  try {
    if (!tool.placeholders) {
      await runGo(['install', `${tool.module}@${tool.version}`], { ...env, GOBIN: staging });
    } else {
      const moduleRoot = tool.root ?? tool.module;
      const info = JSON.parse(await runGo(['mod', 'download', '-json', `${moduleRoot}@${tool.version}`], env)) as { Dir: string };
      const src = join(staging, 'src');
      cpSync(info.Dir, src, { recursive: true });
      chmodTree(src);
      for (const [path, content] of Object.entries(tool.placeholders)) {
        mkdirSync(dirname(join(src, path)), { recursive: true });
        writeFileSync(join(src, path), content);
      }
      await runGo(['build', '-o', join(staging, tool.binary), `./${tool.module.slice(moduleRoot.length + 1)}`], env, src);
    }
  } finally {
    clearInterval(progress);
  }
  mkdirSync(join(final, '..'), { recursive: true });
  renameSync(join(staging, tool.binary), final);
  rmSync(staging, { recursive: true, force: true });
  log(`[go] built ${tool.binary} ${tool.version} in ${Math.round((Date.now() - started) / 1000)} s`);
  return final;
}

/** Runs a go command; resolves with its stdout, rejects with the tail of its output. */
function runGo(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const go = spawn('go', args, { stdio: ['ignore', 'pipe', 'pipe'], env, cwd });
    let out = '';
    let tail = '';
    go.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      tail = (tail + chunk.toString()).slice(-4000);
    });
    go.stderr.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    });
    go.on('error', (err) => reject(new Error(`go ${args.join(' ')}: cannot run go (${err.message}); install Go ≥ 1.26`)));
    go.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`go ${args.join(' ')} exited ${code}:\n${tail}`))));
  });
}

/** Module-cache copies are read-only; the source build writes into its copy. */
function chmodTree(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) chmodTree(p);
    else chmodSync(p, 0o644);
  }
}
