/**
 * The pipeline's processes: collector (embedded log writer) and processor (log reader,
 * DuckDB, query API, console). Two processes so the 2 cores of a small machine both
 * work; JSON logs go to files so the terminal keeps the summary line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

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
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 0))));
  return { name, child, logFile, readyUrl, exited };
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
