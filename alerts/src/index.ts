export type { AlertSink, DeliveryResult, OutgoingAlert, RejectedAlert } from './delivery/alert-sink.ts';
export { createAlertmanagerSink, toPostableAlert, type AlertmanagerSinkOptions, type PostableAlert } from './delivery/alertmanager-sink.ts';
export { createWebhookSink, type WebhookSinkOptions, type WebhookMessage, type WebhookAlert } from './delivery/webhook-sink.ts';
export { labelsFingerprint } from './delivery/alert-wire.ts';
export type { FetchLike } from './delivery/post-json.ts';
