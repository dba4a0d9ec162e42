export { ALERTS_ERRORS, AlertsError, isAlertsError, type AlertsErrorCode } from './errors.ts';
export { startAlerting, configuredSinks, defaultStateDir, type StartAlertingOptions, type RunningAlerts } from './start-alerting.ts';
export { ALERTS_CONFIG, type AlertsConfig } from './config.ts';
export type { AlertRule, RuleFile, RuleQuery, Condition, SeasonalCondition, ThresholdCondition, Severity } from './rules/rule.ts';
export { parseRules, loadRulesFile, RULE_DEFAULTS, type LoadRulesResult } from './rules/load-rules.ts';
export { parseDurationMs, formatDuration } from './rules/duration.ts';
export { TRANSITIONS, step, newInstance, type AlertState, type AlertInstance, type Signal, type Transition } from './engine/alert-state.ts';
export { evaluateRule, historyStartMs, windowEndMs, median, type RuleEvaluation, type SeriesVerdict } from './engine/evaluate-rule.ts';
export { AlertEngine, type AlertEngineOptions, type AlertView, type CycleReport } from './engine/alert-engine.ts';
export {
  createMemoryAlertStateStore,
  HISTORY_RETENTION_DEFAULTS,
  type AlertStateStore,
  type AlertStateSnapshot,
  type AlertStateChanges,
  type AlertHistoryQuery,
  type AlertHistoryRetention,
  type AlertEvent,
  type PersistedAlert,
} from './engine/alert-state-store.ts';
export { openFileAlertStateStore, JOURNAL_FILE, type FileAlertStateStoreOptions } from './engine/file-alert-state-store.ts';
export { alertText, fillTemplate, type AlertText } from './engine/alert-text.ts';
export type { AlertSink, DeliveryResult, OutgoingAlert, RejectedAlert } from './delivery/alert-sink.ts';
export { createAlertmanagerSink, toPostableAlert, type AlertmanagerSinkOptions, type PostableAlert } from './delivery/alertmanager-sink.ts';
export { createWebhookSink, type WebhookSinkOptions, type WebhookMessage, type WebhookAlert } from './delivery/webhook-sink.ts';
export { labelsFingerprint } from './delivery/alert-wire.ts';
export type { FetchLike } from './delivery/post-json.ts';
