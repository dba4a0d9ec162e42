/**
 * Alertmanager's rules for an alert it accepts (prometheus/alertmanager `types.Alert.Validate`
 * and prometheus/common `model.LabelName.IsValid`, legacy scheme): at least one label;
 * label and annotation names `[a-zA-Z_][a-zA-Z0-9_]*`; values valid UTF-8; `endsAt` not
 * before `startsAt`. Alertmanager's v2 API also drops labels whose value is empty before
 * validating, which would silently merge two alerts that differ only there, so an empty
 * label value is refused here. Checked before sending: one bad rule must not make
 * Alertmanager reject a whole batch.
 */
import type { OutgoingAlert } from './alert-sink.ts';

/** Prometheus's legacy label name syntax, the one every Alertmanager version accepts. */
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A UTF-16 surrogate without its pair: not encodable as UTF-8. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** What is wrong with an alert, or undefined when Alertmanager accepts it. */
export function alertProblem(alert: OutgoingAlert): string | undefined {
  const labels = Object.entries(alert.labels);
  if (labels.length === 0) return 'no labels (at least one is required)';
  for (const [name, value] of labels) {
    if (!LABEL_NAME_PATTERN.test(name)) return `label name ${JSON.stringify(name)} does not match ${LABEL_NAME_PATTERN.source}`;
    if (value === '') return `label ${name} has an empty value`;
    if (LONE_SURROGATE.test(value)) return `label ${name} has a value that is not valid UTF-8`;
  }
  for (const [name, value] of Object.entries(alert.annotations)) {
    if (!LABEL_NAME_PATTERN.test(name)) return `annotation name ${JSON.stringify(name)} does not match ${LABEL_NAME_PATTERN.source}`;
    if (LONE_SURROGATE.test(value)) return `annotation ${name} has a value that is not valid UTF-8`;
  }
  if (!Number.isFinite(alert.startsAtMs)) return 'startsAtMs is not a finite number';
  if (alert.endsAtMs !== undefined) {
    if (!Number.isFinite(alert.endsAtMs)) return 'endsAtMs is not a finite number';
    if (alert.endsAtMs < alert.startsAtMs) return 'endsAtMs is before startsAtMs';
  }
  return undefined;
}

/** A short name for an alert in messages: `{alertname="x", game="y"}`. */
export function describeLabels(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}
