/**
 * Delivery to a plain webhook, for teams without Alertmanager. The body has the shape
 * Alertmanager's webhook receiver sends (`version: "4"`, prometheus/alertmanager
 * `notify/webhook`), so one receiver handles both paths. Since nothing downstream
 * deduplicates, the sink does the part of Alertmanager's work a pager needs: alerts are
 * grouped by `groupBy` labels, one message per group, and a group is notified only when
 * it changes (an alert starts firing or resolves) or when `repeatIntervalMs` passed since
 * its last notification — not on every evaluation cycle's re-send.
 */
import type { AlertSink, DeliveryResult, OutgoingAlert, RejectedAlert } from './alert-sink.ts';
import { alertProblem } from './alert-validation.ts';
import { GO_ZERO_TIME, labelsFingerprint, rfc3339 } from './alert-wire.ts';
import { postJson, type FetchLike } from './post-json.ts';

export interface WebhookSinkOptions {
  /** Where each group's message is POSTed. */
  url: string;
  /** Extra request headers (an `Authorization` the receiver expects, say). @default {} */
  headers?: Record<string, string>;
  /** Deadline of one POST. @default 10_000 */
  timeoutMs?: number;
  /** Labels that make a group, as Alertmanager's route `group_by`. @default ['alertname', 'game'] */
  groupBy?: readonly string[];
  /** A group still firing unchanged is notified again after this long (Alertmanager's `repeat_interval`). @default 14_400_000 (4 h) */
  repeatIntervalMs?: number;
  /** The message's `receiver`. @default 'gamepulse' */
  receiver?: string;
  /** The message's `externalURL`: where a person looks at the alerts (the console). @default '' */
  externalUrl?: string;
  /** The HTTP client. @default globalThis.fetch */
  fetch?: FetchLike;
  /** Clock, for the repeat interval. @default Date.now */
  now?: () => number;
}

/** One alert of a webhook message (Alertmanager's `template.Alert`). */
export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** A resolved alert's end; `0001-01-01T00:00:00Z` (Go's zero time) while firing, as Alertmanager sends it. */
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** Why a group is notified: Alertmanager's `notify.NotifyReason` texts. */
export type NotificationReason =
  'first notification' | 'new alerts added' | 'some alerts resolved' | 'all alerts resolved' | 'repeat interval elapsed';

/** Alertmanager's webhook message, version 4 (`template.Data` plus the webhook's fields), in its field order. */
export interface WebhookMessage {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: WebhookAlert[];
  notification_reason: NotificationReason;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  /** Labels a route sets (Alertmanager's route `labels`); none here. */
  routeLabels: Record<string, string>;
  externalURL: string;
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
}

interface GroupState {
  lastSentMs: number;
  /** Fingerprints of the alerts that were firing in the last notification. */
  firing: Set<string>;
}

export function createWebhookSink(options: WebhookSinkOptions): AlertSink {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs)))
    throw new Error(`createWebhookSink: timeoutMs must be a finite number > 0 (got ${timeoutMs})`);
  const groupBy = [...(options.groupBy ?? ['alertname', 'game'])];
  const repeatIntervalMs = options.repeatIntervalMs ?? 4 * 3_600_000;
  const receiver = options.receiver ?? 'gamepulse';
  const externalUrl = options.externalUrl ?? '';
  const fetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const headers = { ...options.headers };
  const groups = new Map<string, GroupState>();

  return {
    name: 'webhook',
    async send(alerts: readonly OutgoingAlert[]): Promise<DeliveryResult> {
      const rejected: RejectedAlert[] = [];
      const byGroup = new Map<string, { groupLabels: Record<string, string>; alerts: OutgoingAlert[] }>();
      for (const alert of alerts) {
        const reason = alertProblem(alert);
        if (reason) {
          rejected.push({ alert, reason });
          continue;
        }
        const groupLabels = pick(alert.labels, groupBy);
        const key = groupKey(groupLabels);
        const group = byGroup.get(key) ?? { groupLabels, alerts: [] };
        group.alerts.push(alert);
        byGroup.set(key, group);
      }
      const extra = rejected.length > 0 ? { rejected } : {};
      // The engine re-sends every firing alert each cycle: a group absent now has none, and
      // its next alert is a first notification again.
      for (const key of groups.keys()) if (!byGroup.has(key)) groups.delete(key);
      const nowMs = now();
      let sent = 0;
      const errors: { error: string; retryable: boolean }[] = [];
      for (const [key, group] of byGroup) {
        const firing = new Set(group.alerts.filter((a) => a.endsAtMs === undefined).map((a) => labelsFingerprint(a.labels)));
        const reason = notificationReason(groups.get(key), group.alerts, firing, nowMs, repeatIntervalMs);
        if (!reason) continue;
        const message = toMessage(key, group.groupLabels, group.alerts, { receiver, externalUrl, reason });
        const result = await postJson({ url: options.url, body: message, headers, timeoutMs, fetch });
        if (!result.ok) {
          errors.push(result);
          continue;
        }
        sent += message.alerts.length;
        if (firing.size === 0) groups.delete(key);
        else groups.set(key, { lastSentMs: nowMs, firing });
      }
      if (errors.length === 0) return { ok: true, sent, ...extra };
      return {
        ok: false,
        retryable: errors.some((e) => e.retryable),
        error: `${errors.length} of ${byGroup.size} group messages failed: ${errors.map((e) => e.error).join('; ')}`,
        ...extra,
      };
    },
  };
}

/** Why the group is notified now, or undefined when it is not (nothing changed, repeat interval not over). */
function notificationReason(
  state: GroupState | undefined,
  alerts: readonly OutgoingAlert[],
  firing: ReadonlySet<string>,
  nowMs: number,
  repeatIntervalMs: number,
): NotificationReason | undefined {
  if (!state) return 'first notification';
  if ([...firing].some((f) => !state.firing.has(f))) return 'new alerts added';
  if (alerts.some((a) => a.endsAtMs !== undefined)) return firing.size > 0 ? 'some alerts resolved' : 'all alerts resolved';
  if (nowMs - state.lastSentMs >= repeatIntervalMs) return 'repeat interval elapsed';
  return undefined;
}

/** One group's message, as Alertmanager's webhook notifier builds it. */
export function toMessage(
  key: string,
  groupLabels: Record<string, string>,
  alerts: readonly OutgoingAlert[],
  context: { receiver: string; externalUrl: string; reason: NotificationReason },
): WebhookMessage {
  const wire: WebhookAlert[] = alerts.map((a) => ({
    status: a.endsAtMs === undefined ? 'firing' : 'resolved',
    labels: { ...a.labels },
    annotations: { ...a.annotations },
    startsAt: rfc3339(a.startsAtMs),
    endsAt: a.endsAtMs === undefined ? GO_ZERO_TIME : rfc3339(a.endsAtMs),
    generatorURL: a.generatorUrl,
    fingerprint: labelsFingerprint(a.labels),
  }));
  return {
    receiver: context.receiver,
    status: wire.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts: wire,
    notification_reason: context.reason,
    groupLabels,
    commonLabels: common(alerts.map((a) => a.labels)),
    commonAnnotations: common(alerts.map((a) => a.annotations)),
    routeLabels: {},
    externalURL: context.externalUrl,
    version: '4',
    groupKey: key,
    truncatedAlerts: 0,
  };
}

/** The labels of `names` the alert has (a group label an alert lacks is left out, as Alertmanager does). */
function pick(labels: Record<string, string>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (labels[n] !== undefined) out[n] = labels[n];
  return out;
}

/** Alertmanager's group key for the root route: `{}:{alertname="x", game="y"}`, names sorted. */
function groupKey(groupLabels: Record<string, string>): string {
  const pairs = Object.keys(groupLabels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(groupLabels[k])}`);
  return `{}:{${pairs.join(', ')}}`;
}

/** The pairs every set has with the same value. */
function common(sets: readonly Record<string, string>[]): Record<string, string> {
  if (sets.length === 0) return {};
  const out: Record<string, string> = { ...sets[0] };
  for (const s of sets.slice(1)) for (const k of Object.keys(out)) if (s[k] !== out[k]) delete out[k];
  return out;
}
