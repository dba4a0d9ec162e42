/**
 * Delivery to Prometheus Alertmanager's v2 API: each cycle's alerts are POSTed as one
 * JSON array of `postableAlert` to `<url>/api/v2/alerts` of every configured
 * Alertmanager. An HA pair (or more) gets every alert, as Prometheus sends them: the
 * peers deduplicate notifications among themselves by gossip, and one peer down does
 * not lose an alert. Alertmanager deduplicates the re-sends of a firing alert by its
 * label set and notifies once per group; a resolved alert carries `endsAt`.
 */
import type { AlertSink, DeliveryResult, OutgoingAlert, RejectedAlert } from './alert-sink.ts';
import { alertProblem } from './alert-validation.ts';
import { rfc3339 } from './alert-wire.ts';
import { postJson, type FetchLike } from './post-json.ts';

export interface AlertmanagerSinkOptions {
  /**
   * Base URL of each Alertmanager (`http://alertmanager:9093`, with its `--web.route-prefix`
   * if any); `/api/v2/alerts` is appended. Several: all get every alert. At least one.
   */
  urls: string | readonly string[];
  /** Deadline of one POST to one Alertmanager. @default 10_000 */
  timeoutMs?: number;
  /** HTTP basic auth (Alertmanager's `--web.config.file` `basic_auth_users`). @default none */
  basicAuth?: { username: string; password: string };
  /** Sent as `Authorization: Bearer <token>` (a proxy in front of Alertmanager). @default none */
  bearerToken?: string;
  /** Extra request headers (a tenant header of a multi-tenant Alertmanager, say). @default {} */
  headers?: Record<string, string>;
  /** The HTTP client. @default globalThis.fetch */
  fetch?: FetchLike;
}

interface ResolvedAlertmanagerSinkOptions {
  endpoints: string[];
  timeoutMs: number;
  headers: Record<string, string>;
  fetch: FetchLike;
}

/** Alertmanager's `postableAlert` (api/v2/openapi.yaml). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
}

export function resolveAlertmanagerSinkOptions(options: AlertmanagerSinkOptions): ResolvedAlertmanagerSinkOptions {
  const urls = typeof options.urls === 'string' ? [options.urls] : [...options.urls];
  if (urls.length === 0) throw new Error('createAlertmanagerSink: urls names no Alertmanager');
  if (options.basicAuth && options.bearerToken) throw new Error('createAlertmanagerSink: basicAuth and bearerToken exclude each other');
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs)))
    throw new Error(`createAlertmanagerSink: timeoutMs must be a finite number > 0 (got ${timeoutMs})`);
  const headers: Record<string, string> = { ...options.headers };
  if (options.basicAuth) {
    const { username, password } = options.basicAuth;
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  return {
    endpoints: urls.map((u) => `${u.replace(/\/+$/, '')}/api/v2/alerts`),
    timeoutMs,
    headers,
    fetch: options.fetch ?? globalThis.fetch,
  };
}

/** An OutgoingAlert in Alertmanager's shape; a firing alert has no `endsAt` (Alertmanager applies `resolve_timeout`). */
export function toPostableAlert(alert: OutgoingAlert): PostableAlert {
  const postable: PostableAlert = {
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    startsAt: rfc3339(alert.startsAtMs),
  };
  if (alert.endsAtMs !== undefined) postable.endsAt = rfc3339(alert.endsAtMs);
  if (alert.generatorUrl) postable.generatorURL = alert.generatorUrl;
  return postable;
}

export function createAlertmanagerSink(options: AlertmanagerSinkOptions): AlertSink {
  const opts = resolveAlertmanagerSinkOptions(options);
  return {
    name: 'alertmanager',
    async send(alerts: readonly OutgoingAlert[]): Promise<DeliveryResult> {
      const rejected: RejectedAlert[] = [];
      const body: PostableAlert[] = [];
      for (const alert of alerts) {
        const reason = alertProblem(alert);
        if (reason) rejected.push({ alert, reason });
        else body.push(toPostableAlert(alert));
      }
      const extra = rejected.length > 0 ? { rejected } : {};
      if (body.length === 0) return { ok: true, sent: 0, ...extra };
      const results = await Promise.all(
        opts.endpoints.map((url) => postJson({ url, body, headers: opts.headers, timeoutMs: opts.timeoutMs, fetch: opts.fetch })),
      );
      if (results.some((r) => r.ok)) return { ok: true, sent: body.length, ...extra };
      const failures = results.filter((r) => !r.ok);
      return {
        ok: false,
        // Another try may reach a peer that was down, even if one peer refused the body.
        retryable: failures.some((f) => f.retryable),
        error: failures.map((f) => f.error).join('; '),
        ...extra,
      };
    },
  };
}
