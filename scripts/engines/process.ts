/**
 * Starting and stopping engine processes (JVMs) in the background: a pid file so that
 * `stop` works from another process, a log file to read when start fails, and a wait
 * on a readiness probe.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';

export interface BackgroundProcess {
  pid: number;
  logFile: string;
}

/** Spawns a detached process writing to `logFile`, recording its pid in `pidFile`. */
export function startBackground(
  cmd: string,
  args: string[],
  opts: { pidFile: string; logFile: string; cwd?: string; env?: NodeJS.ProcessEnv },
): BackgroundProcess {
  const out = openSync(opts.logFile, 'a');
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  child.unref();
  if (!child.pid) throw new Error(`failed to start ${cmd}`);
  writeFileSync(opts.pidFile, String(child.pid));
  return { pid: child.pid, logFile: opts.logFile };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !isZombie(pid);
}

/**
 * A process that exited but was not yet reaped still answers kill(pid, 0). Detached
 * engines outlive the Node process that started them and are reaped by init, which on
 * some machines does so only every few seconds: without this check every stop of such a
 * process took ~2 s longer. Linux only; elsewhere nothing is a zombie.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Format: `pid (comm) state ...`; comm may contain spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopPid(pid: number, graceMs = 20_000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    await sleep(200);
  }
}

export async function stopFromPidFile(pidFile: string, graceMs?: number): Promise<boolean> {
  const pid = readPid(pidFile);
  rmSync(pidFile, { force: true });
  if (!pid) return false;
  await stopPid(pid, graceMs);
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** True once something accepts TCP connections on host:port. */
export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Polls `probe` until it returns true; fails with the tail of `logFile` when the
 * deadline passes or the process dies, so that a failed start explains itself.
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; pid?: number; logFile?: string; log?: (l: string) => void },
): Promise<void> {
  const started = Date.now();
  let lastReport = started;
  // The probe's last error usually says more than the log tail (e.g. an HTTP error body).
  let lastError = '';
  while (true) {
    const ok = await probe().catch((err: unknown) => {
      lastError = `\n(last probe error: ${err instanceof Error ? err.message : String(err)})`.slice(0, 2000);
      return false;
    });
    if (ok) return;
    if (opts.pid && !isAlive(opts.pid)) throw new Error(`${what}: process exited during start${lastError}\n${logTail(opts.logFile)}`);
    if (Date.now() - started > opts.timeoutMs)
      throw new Error(`${what}: not ready after ${opts.timeoutMs} ms${lastError}\n${logTail(opts.logFile)}`);
    if (opts.log && Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      opts.log(`[${what}] waiting… ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await sleep(250);
  }
}

function logTail(file?: string): string {
  if (!file || !existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return text.split('\n').slice(-40).join('\n');
}
