/**
 * The pipeline's processes: collector (embedded log writer) and processor (log reader,
 * DuckDB, query API, console). Two processes so the 2 cores of a small machine both
 * work; JSON logs go to files so the terminal keeps the summary line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import type { SupervisedProcess } from './supervisor.ts';

export interface Service {
  name: string;
  child: ChildProcess;
  logFile: string;
  readyUrl: string;
  exited: Promise<number>;
}

/**
 * Node flags every service starts with. A 32 MB young generation (V8's default is 16):
 * the collector and the processor allocate an object per decoded event and field, and
 * fewer scavenges give more events/s end to end (docs/performance.md). Deployments
 * should pass the same flag (NODE_OPTIONS).
 */
export const SERVICE_NODE_ARGS = ['--max-semi-space-size=32'];

export function startService(
  name: string,
  entry: string,
  env: Record<string, string>,
  readyUrl: string,
  logDir: string,
  root: string,
): Service {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const out = createWriteStream(logFile, { flags: 'a' });
  // GAMEPULSE_NODE_ARGS adds Node flags to every service, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // (later flags win, so it can also override the defaults).
  const extra = [...SERVICE_NODE_ARGS, ...(process.env.GAMEPULSE_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env },
    // Own process group: Ctrl-C goes to us, and we stop services in order.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  // Killed by a signal: 128 + its number, as a shell reports it (137 for SIGKILL).
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0))),
  );
  return { name, child, logFile, readyUrl, exited };
}

/** What the launcher needs to start a service (again): see startService. */
export interface ServiceSpec {
  name: string;
  /** Entry point, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  readyUrl: string;
}

/**
 * Starts one process of a service for its supervisor (supervisor.ts): ready once its
 * /readyz answers within `readyTimeoutMs`; a restart appends to the same log file.
 */
export function launchService(spec: ServiceSpec, logDir: string, root: string, readyTimeoutMs = 90_000): SupervisedProcess {
  const s = startService(spec.name, spec.entry, spec.env, spec.readyUrl, logDir, root);
  return {
    pid: s.child.pid,
    exited: s.exited,
    ready: waitReady(s, readyTimeoutMs),
    stop: () => stopService(s),
    kill: () => void s.child.kill('SIGKILL'),
  };
}

/** Polls a /readyz URL; fails early if the process exits. */
export async function waitReady(s: Service, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | undefined;
  void s.exited.then((c) => (exitCode = c));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${s.name} exited with ${exitCode} while starting; see ${s.logFile}`);
    try {
      const res = await fetch(s.readyUrl);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${s.name} not ready after ${timeoutMs} ms; see ${s.logFile}`);
}

/** SIGTERM and wait; SIGKILL after the grace period. */
export async function stopService(s: Service, graceMs = 20_000): Promise<number> {
  if (s.child.exitCode !== null) return s.child.exitCode;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), graceMs);
  const code = await s.exited;
  clearTimeout(timer);
  return code;
}
