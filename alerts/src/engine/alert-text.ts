/**
 * What an alert says: the rule's annotation templates and console path filled with the
 * instance's labels and its latest verdict (value, baseline, threshold). The API, the
 * history and every delivery show the same text.
 */
import type { AlertRule } from '../rules/rule.ts';
import type { SeriesVerdict } from './evaluate-rule.ts';

/** `{{ name }}` placeholders filled from `vars`; unknown names stay as written. */
export function fillTemplate(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (m, k: string) => vars[k] ?? m);
}

function formatNumber(v: number | undefined): string {
  if (v === undefined) return '';
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

export interface AlertText {
  /** The rule's annotations filled in, plus `value` (and `baseline`, `threshold` when known). */
  annotations: Record<string, string>;
  /** The console view of the series (`generatorURL`). */
  generatorUrl: string;
}

export function alertText(rule: AlertRule, labels: Record<string, string>, v: SeriesVerdict, consoleUrl: string): AlertText {
  const vars: Record<string, string> = {
    ...labels,
    value: formatNumber(v.value),
    baseline: formatNumber(v.baseline),
    threshold: formatNumber(v.threshold),
    baseline_source: v.baselineSource ?? '',
  };
  const annotations: Record<string, string> = {};
  for (const [k, t] of Object.entries(rule.annotations)) annotations[k] = fillTemplate(t, vars);
  annotations.value = vars.value!;
  if (vars.baseline) annotations.baseline = vars.baseline;
  if (vars.threshold) annotations.threshold = vars.threshold;
  return { annotations, generatorUrl: new URL(fillTemplate(rule.consolePath, vars), consoleUrl).toString() };
}
