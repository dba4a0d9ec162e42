/**
 * What a restarted engine does with the alerts its state store gives back: alerts of
 * rules still in the file are taken over as they were; a pending one whose last breach is
 * older than the outage tolerance starts its `for:` again (Prometheus's
 * `--rules.alert.for-outage-tolerance`: nobody knows what happened while the engine was
 * down); a firing alert of a rule no longer in the file is resolved with its last text,
 * so Alertmanager does not wait for its `resolve_timeout`.
 */
import type { OutgoingAlert } from '../delivery/alert-sink.ts';
import type { AlertInstance } from './alert-state.ts';
import type { AlertEvent, PersistedAlert } from './alert-state-store.ts';

export interface SortedAlerts<R> {
  /** Alerts of rules in the file, with their rule. */
  known: Array<{ alert: PersistedAlert; rule: R }>;
  /** Alerts whose rule left the file. */
  orphans: PersistedAlert[];
}

export function sortRestored<R extends { name: string }>(alerts: readonly PersistedAlert[], rules: readonly R[]): SortedAlerts<R> {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const sorted: SortedAlerts<R> = { known: [], orphans: [] };
  for (const alert of alerts) {
    const rule = byName.get(alert.alertname);
    if (rule) sorted.known.push({ alert, rule });
    else sorted.orphans.push(alert);
  }
  return sorted;
}

/** A restored pending instance that waits its `for:` again: its last breach is older than the tolerance. */
export function pendingOutlived(i: AlertInstance, nowMs: number, toleranceMs: number): boolean {
  return i.state === 'pending' && nowMs - i.lastBreachMs > toleranceMs;
}

/** The resolution of a firing alert whose rule is gone: its history event and what the targets get. */
export function orphanResolution(a: PersistedAlert, nowMs: number): { event: AlertEvent; outgoing: OutgoingAlert } {
  const text = { labels: a.labels, annotations: a.annotations, generatorUrl: a.generatorUrl };
  return {
    event: { kind: 'resolved', atMs: nowMs, alertname: a.alertname, severity: a.labels.severity ?? '', value: a.verdict.value, ...text },
    outgoing: { ...text, startsAtMs: a.instance.firedAtMs, endsAtMs: nowMs },
  };
}
