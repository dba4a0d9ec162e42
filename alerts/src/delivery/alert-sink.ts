/**
 * What the engine hands to a delivery target each evaluation cycle: every alert that is
 * firing (re-sent each cycle, as Prometheus does, so a restarted Alertmanager relearns
 * them) and every alert that resolved since the last cycle (sent with `endsAt`).
 */

/** One alert in Alertmanager's v2 shape (`postableAlert`). */
export interface OutgoingAlert {
  /** Identity: alertname, severity, the rule's labels and the series' labels (game, platform, …). */
  labels: Record<string, string>;
  /** summary, description, runbook_url, console_url, value, baseline, … */
  annotations: Record<string, string>;
  /** When the alert started firing. */
  startsAtMs: number;
  /**
   * Resolved alerts: when it resolved. Firing alerts: absent (the target decides how long
   * it stays firing without a re-send; Alertmanager uses its `resolve_timeout`).
   */
  endsAtMs?: number;
  /** A link back to the view that shows the series (the console, with the rule's filters). */
  generatorUrl: string;
}

/** An alert a sink refused to send because its target would reject it (e.g. an invalid label name). */
export interface RejectedAlert {
  alert: OutgoingAlert;
  /** What is wrong, e.g. `label name "1st" does not match [a-zA-Z_][a-zA-Z0-9_]*`. */
  reason: string;
}

/**
 * Outcome of one delivery: results as values; a failed delivery is retried next cycle.
 * `rejected` lists the alerts left out because they can never be accepted (a rule's
 * labels are wrong): retrying does not help them, fixing the rule does.
 */
export type DeliveryResult =
  | { ok: true; sent: number; rejected?: readonly RejectedAlert[] }
  | { ok: false; error: string; retryable: boolean; rejected?: readonly RejectedAlert[] };

export interface AlertSink {
  /** A name for logs and metrics (`alertmanager`, `webhook`). */
  readonly name: string;
  send(alerts: readonly OutgoingAlert[]): Promise<DeliveryResult>;
}
