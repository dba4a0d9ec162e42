/** @gamepulse/processor — events topic → dedup → event-time windows → exactly-once rollups. */
export { createProcessor, type Processor, type ProcessorStats, type PartitionStats, type EraseOptions } from './processor.ts';
export { resolveOptions, type ProcessorAnalytics, type ProcessorOptions, type ResolvedProcessorOptions } from './options.ts';
export { CommitCycle, TRANSITIONS, type CycleState, type CycleEvent } from './commit-cycle.ts';
export { isProcessorSink, type ProcessorSink, type PartitionCommit } from './sink/types.ts';
export { storeSink, toRollupCommit } from './sink/store-sink.ts';
export {
  kafkaTransactionSink,
  rollupsTopicRecords,
  deadLetterRecords,
  type KafkaSinkOptions,
  type KafkaSinkTopics,
} from './sink/kafka-sink.ts';
export {
  changelogTopicFor,
  changelogRecord,
  stateFromChangelog,
  readPartitionsToEnd,
  CHANGELOG_TOPIC_CONFIG,
  type ReadToEndOptions,
} from './sink/changelog.ts';
export { OutputStateMachine, OUTPUT_TRANSITIONS, type OutputState, type OutputEvent } from './sink/partition-output-state.ts';
export { createProcessorMetrics, type ProcessorMetrics } from './metrics.ts';
export { PROCESSOR_CONFIG, loadProcessorConfig, resolveProcessorConfig, processorKafkaOptions, type ProcessorConfig } from './config.ts';
export { PROCESSOR_ERRORS, ProcessorError, type ProcessorCode } from './codes.ts';
export { systemClock, type Clock } from './clock.ts';
export {
  observe,
  classify,
  emptyWindow,
  serializeWindow,
  deserializeWindow,
  WINDOW_SIZE,
  DEDUP_VERDICTS,
  isFolded,
  type BatchIdentity,
  type InstallWindow,
  type DedupVerdict,
} from './dedup/install-window.ts';
export { DEDUP_NAMESPACE, dedupKey, type StreamKey } from './dedup/install-dedup.ts';
export { PLAYER_NAMESPACE } from './aggregate/first-seen.ts';
export { VARIANT_NAMESPACE } from './aggregate/assignment.ts';
export { ACTIVITY_NAMESPACE, DEFAULT_SESSION_GAP_MS } from './aggregate/activity.ts';
export { windowStartMs, dayStartMs, WINDOW_MS } from './windows/tumbling.ts';
export { rollupFields, UNKNOWN_EVENT_TYPE, type RollupFields } from './aggregate/rollup-fields.ts';
export { parseFxRates, minorExponent, DEFAULT_FX_RATES, DEFAULT_RATES_PER_EUR, type FxRates, type FxRatesFile } from './fx/fx-rates.ts';
export {
  createReportingConverter,
  roundHalfAwayFromZero,
  type ReportingConverter,
  type ReportingCurrencyOptions,
} from './fx/reporting-currency.ts';
export { loadReportingConverter, type ReportingConfig } from './fx/load-reporting.ts';
