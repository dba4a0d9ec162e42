/**
 * One worker of cluster mode: the same collector as a single process, with the
 * embedded log reached through the primary (ipc-log.ts), /metrics summed over the
 * cluster (cluster-metrics.ts), and draining on the primary's IPC request or its own
 * signal.
 */
import { createRegistry, createShutdown, type Logger } from '@gamepulse/service';
import type { CollectorConfig } from '../config.ts';
import { openCollectorLog } from '../log-factory.ts';
import { startCollector } from '../server.ts';
import { clusterMetricsSource } from './cluster-metrics.ts';
import { WORKER_ENV } from './cluster-main.ts';
import { createIpcLog, type IpcChannel } from './ipc-log.ts';

export async function runWorker(config: CollectorConfig, logger: Logger): Promise<void> {
  const channel = process as unknown as IpcChannel;
  const share = Number(process.env[WORKER_ENV.share] ?? '1') || 1;
  const log = config.logKind === 'embedded' ? createIpcLog(channel) : await openCollectorLog(config, logger);
  const registry = createRegistry('collector');
  const collector = await startCollector({
    config,
    log,
    logger,
    registry,
    workerShare: share,
    metricsSource: clusterMetricsSource(channel, registry),
  });
  const shutdown = createShutdown({ logger });
  shutdown.add({ name: 'collector: stop accepting, finish in-flight batches', run: () => collector.close(), timeoutMs: config.drainTimeoutMs + 5_000 });
  shutdown.add({ name: 'log: flush and close', run: () => log.close() });
  channel.on('message', (m: unknown) => {
    if ((m as { gp?: string })?.gp === 'drain') void shutdown.run('primary: drain').then(() => process.exit(0));
  });
  // The primary is gone (killed): nobody can make our writes durable any more.
  channel.on('disconnect', () => void shutdown.run('primary gone').then(() => process.exit(0)));
  process.send?.({ gp: 'ready', pid: process.pid });
}
