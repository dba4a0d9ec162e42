/**
 * One worker of cluster mode: the same collector as a single process, with the
 * embedded log reached through the primary (ipc-log.ts), /metrics summed over the
 * cluster (cluster-metrics.ts), and draining on the primary's IPC request or its own
 * signal.
 */
import type { RunningRole, ServiceContext } from '@gamepulse/service';
import type { CollectorConfig } from '../config.ts';
import { openCollectorLog } from '../log-factory.ts';
import { startCollector } from '../server.ts';
import { clusterMetricsSource } from './cluster-metrics.ts';
import { WORKER_ENV } from './cluster-main.ts';
import { createIpcLog, type IpcChannel } from './ipc-log.ts';

/** One worker, as a role of `runService`: drains on SIGTERM/SIGINT, on the primary's request, or when the primary is gone. */
export async function runWorker(ctx: ServiceContext<CollectorConfig>): Promise<RunningRole> {
  const { config, logger, registry } = ctx;
  const channel = process as unknown as IpcChannel;
  const share = Number(process.env[WORKER_ENV.share] ?? '1') || 1;
  const log = config.logKind === 'embedded' ? createIpcLog(channel) : await openCollectorLog(config, logger);
  const collector = await startCollector({
    config,
    log,
    logger,
    registry,
    workerShare: share,
    metricsSource: clusterMetricsSource(channel, registry),
  });
  channel.on('message', (m: unknown) => {
    if ((m as { gp?: string })?.gp === 'drain') ctx.stop('primary: drain');
  });
  // The primary is gone (killed): nobody can make our writes durable any more.
  channel.on('disconnect', () => ctx.stop('primary gone'));
  process.send?.({ gp: 'ready', pid: process.pid });
  return {
    stop: [
      {
        name: 'collector: stop accepting, finish in-flight batches',
        run: () => collector.close(),
        timeoutMs: config.drainTimeoutMs + 5_000,
      },
      { name: 'log: flush and close', run: () => log.close() },
    ],
  };
}
