/**
 * The processor options both modes (embedded log, Kafka) take from the configuration, in
 * one place so that a configured setting reaches the processor whichever log it reads.
 */
import { createProcessorMetrics, loadReportingConverter, type ProcessorConfig, type ProcessorOptions } from '@gamepulse/processor';
import type { ServiceContext } from '@gamepulse/service';

export type ConfiguredProcessorOptions = Omit<ProcessorOptions, 'log' | 'sink' | 'topics'>;

export async function configuredProcessorOptions(ctx: ServiceContext<ProcessorConfig>): Promise<ConfiguredProcessorOptions> {
  const { config, logger, registry } = ctx;
  return {
    groupId: config.groupId,
    commitIntervalMs: config.commitIntervalMs,
    maxPendingRows: config.maxPendingRows,
    maxPendingStepRows: config.maxPendingStepRows > 0 ? config.maxPendingStepRows : undefined,
    maxBatchRecords: config.maxBatchRecords,
    maxConsecutiveFailures: config.maxConsecutiveFailures,
    allowedLatenessMs: config.allowedLatenessMs,
    maxFutureMs: config.maxFutureMs,
    sessionGapMs: config.sessionGapMs,
    logger,
    metrics: createProcessorMetrics(registry),
    reporting: await loadReportingConverter(config),
    analytics: config.analytics === 'plain' ? 'plain' : 'full',
  };
}
