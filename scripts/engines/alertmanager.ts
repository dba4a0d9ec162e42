/**
 * A real Prometheus Alertmanager for integration tests and `npm start`: the binary is
 * built from the Go module proxy once (`ensureGoTool`, cached under
 * `~/.cache/gamepulse/go/`), the config and the notification log / silences storage live
 * in a fresh temp dir, and start returns once Alertmanager's own readiness endpoint
 * `/-/ready` answers 200 (config loaded, API serving).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureGoTool, GO_TOOLS } from './go-tools.ts';
import { waitUntil } from './process.ts';

export interface AlertmanagerOptions {
  /** The content of `alertmanager.yml` (routes, receivers, inhibit rules). */
  configYaml: string;
  /** HTTP port on 127.0.0.1 for the API and `/-/ready`. @default a free port the kernel picks */
  port?: number;
  /**
   * Gossip port on 127.0.0.1, for an HA pair (with `peers`). @default none: `--cluster.listen-address=`
   * (empty) turns clustering off, so a lone test instance waits for no peer before notifying.
   */
  clusterPort?: number;
  /** `host:port` of the other instances' gossip ports. @default [] */
  peers?: readonly string[];
  /** How long start may take before it fails with the log tail. @default 60_000 */
  startTimeoutMs?: number;
  /** Deadline of stop's SIGTERM before a SIGKILL. @default 10_000 */
  stopGraceMs?: number;
  /** Progress lines (the first build). @default console.error */
  log?: (line: string) => void;
}

export interface AlertmanagerHandle {
  /** Base URL, e.g. `http://127.0.0.1:23456`; the v2 API is under `/api/v2`. */
  url: string;
  pid: number;
  /** Holds alertmanager.yml, the storage folder and `alertmanager.log`. Removed by stop. */
  dir: string;
  logFile: string;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process exited. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startAlertmanager(options: AlertmanagerOptions): Promise<AlertmanagerHandle> {
  const log = options.log ?? ((l: string) => console.error(l));
  const binary = await ensureGoTool(GO_TOOLS.alertmanager, { log });
  const port = options.port ?? (await freeLocalPort());
  const dir = mkdtempSync(join(tmpdir(), 'gp-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  const logFile = join(dir, 'alertmanager.log');
  writeFileSync(configFile, options.configYaml);
  const args = [
    `--config.file=${configFile}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    `--cluster.listen-address=${options.clusterPort === undefined ? '' : `127.0.0.1:${options.clusterPort}`}`,
    ...(options.peers ?? []).map((p) => `--cluster.peer=${p}`),
  ];
  const out = openSync(logFile, 'a');
  const child = spawn(binary, args, { cwd: dir, stdio: ['ignore', out, out] });
  closeSync(out);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = once(async () => {
    await terminate(child, exited, options.stopGraceMs ?? 10_000);
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    if (!child.pid) throw new Error(`alertmanager: cannot start ${binary}`);
    await waitUntil('alertmanager', async () => (await fetch(`${url}/-/ready`)).status === 200, {
      timeoutMs: options.startTimeoutMs ?? 60_000,
      pid: child.pid,
      logFile,
      log,
    });
  } catch (err) {
    // The log tail is in the error already; the process and its folder go.
    await terminate(child, exited, 0);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { url, pid: child.pid, dir, logFile, stop };
}

async function terminate(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

/** A port nothing listens on now, from the kernel. */
function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
