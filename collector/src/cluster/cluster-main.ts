/**
 * Cluster mode (`workers` ≠ 1): N worker processes share the HTTP and gRPC ports
 * (node:cluster; the primary accepts and hands connections round-robin), so decoding,
 * validation and compression use every core.
 *
 * Why the primary owns the embedded log instead of requiring Kafka: the embedded log is
 * the default deployment (one machine, no broker), and it is single-writer per
 * directory. Sending appends to the primary keeps one writer, lets its group commit
 * cover every worker's appends with one fsync, and costs one IPC round trip per batch
 * (small next to the fsync). Acks stay after durability: a worker answers only when the
 * primary replied that its append resolved (ipc-log.ts). In Kafka mode every worker has
 * its own idempotent producer and the primary only supervises.
 *
 * Shutdown (SIGTERM/SIGINT to the primary): the primary tells each worker to drain over
 * IPC (not with a signal: a worker that also got the group's signal would take a second
 * signal as "exit now"); workers stop accepting, answer in-flight batches and streams,
 * and exit 0; then the primary closes the log (flush) and exits 0. A worker that dies
 * otherwise is replaced.
 */
import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import type { Log } from '@gamepulse/log';
import { ConfigError, type RunningRole, type ServiceContext, type ShutdownStep } from '@gamepulse/service';
import { readKeysFile } from '../keys/index.ts';
import type { CollectorConfig } from '../config.ts';
import { openCollectorLog } from '../log-factory.ts';
import { serveClusterMetrics } from './cluster-metrics.ts';
import { serveLogOverIpc, type IpcChannel } from './ipc-log.ts';

/** Environment of a worker: the resolved ports and its share of the key rate limits. */
export const WORKER_ENV = {
  httpPort: 'GAMEPULSE_COLLECTOR_HTTP_PORT',
  grpcPort: 'GAMEPULSE_COLLECTOR_GRPC_PORT',
  share: 'GAMEPULSE_COLLECTOR_WORKER_SHARE',
} as const;

const RESTART_DELAY_MS = 1_000;
/** Workers that die before ever being ready, in a row, before the primary gives up. */
const MAX_FAILED_STARTS = 3;

export function workerCount(config: CollectorConfig): number {
  return config.workers === 0 ? availableParallelism() : config.workers;
}

/** Port 0 in cluster mode: pick one now, so every worker listens on the same one. */
async function concretePort(host: string, port: number): Promise<number> {
  if (port !== 0) return port;
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

function asChannel(w: Worker): IpcChannel {
  return w;
}

/** The primary of cluster mode, as a role of `runService`: forks the workers, owns the embedded log, sums /metrics. */
export async function runPrimary(ctx: ServiceContext<CollectorConfig>): Promise<RunningRole> {
  const { config, logger, registry } = ctx;
  const n = workerCount(config);
  // Fail fast on a bad keys file here rather than in N workers restarting forever.
  if (config.keysFile) {
    const read = await readKeysFile(config.keysFile);
    if (!read.ok) throw new ConfigError(read.problems);
  }
  const httpPort = await concretePort(config.host, config.httpPort);
  const grpcPort = await concretePort(config.host, config.grpcPort);
  // The embedded log lives here; in Kafka mode the workers open their own producers.
  const log: Log | undefined = config.logKind === 'embedded' ? await openCollectorLog(config, logger) : undefined;
  const workers = new Set<Worker>();
  const metricsHandler = serveClusterMetrics(() => [...workers].map(asChannel), registry);
  let stopping = false;
  let ready = 0;
  let failedStarts = 0;

  cluster.setupPrimary({ exec: process.argv[1]!, args: [...ctx.argv], serialization: 'advanced' });
  const fork = () => {
    const w = cluster.fork({
      [WORKER_ENV.httpPort]: String(httpPort),
      [WORKER_ENV.grpcPort]: String(grpcPort),
      [WORKER_ENV.share]: String(n),
    });
    workers.add(w);
    let wasReady = false;
    if (log) serveLogOverIpc(log, asChannel(w));
    w.on('message', metricsHandler(asChannel(w)));
    w.on('message', (m: unknown) => {
      if ((m as { gp?: string })?.gp !== 'ready') return;
      wasReady = true;
      failedStarts = 0;
      if (++ready === n)
        logger.info('collector started', { workers: n, httpPort, grpcPort, host: config.host, log: config.logKind, logDir: config.logDir });
    });
    w.on('exit', (code, signal) => {
      workers.delete(w);
      if (stopping) return;
      if (!wasReady && ++failedStarts >= MAX_FAILED_STARTS) {
        logger.error('collector workers keep failing to start; giving up', { code, signal, attempts: failedStarts });
        ctx.stop('workers failing', { failed: true });
        return;
      }
      logger.error('collector worker died; starting another', { pid: w.process.pid, code, signal });
      setTimeout(() => {
        if (!stopping) fork();
      }, RESTART_DELAY_MS).unref();
    });
  };
  for (let i = 0; i < n; i++) fork();

  const drain: ShutdownStep = {
    name: 'collector workers: drain',
    timeoutMs: config.drainTimeoutMs + 10_000,
    run: async () => {
      stopping = true;
      const exits = [...workers].map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
      for (const w of workers) {
        try {
          w.send({ gp: 'drain' });
        } catch {
          // already gone
        }
      }
      await Promise.all(exits);
    },
  };
  return { stop: log ? [drain, { name: 'log: flush and close', run: () => log.close() }] : [drain] };
}
