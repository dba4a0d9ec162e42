/**
 * The vocabulary of a rule file, after loading: Prometheus's alerting-rule shape
 * (groups with an evaluation interval; rules with `for`, labels, annotations) whose
 * expression is a KPI query and a condition instead of PromQL.
 *
 * A rule's query runs a KPI of the KPI library over the window that ends `settleMs`
 * before the evaluation time (the rows of the last minutes are still being committed),
 * groups the KPI's rows into series by `series` columns, and reduces each series to one
 * value (the sum of `value`, or the ratio of two sums). The condition then decides, per
 * series, whether it breaches.
 */
import type { KpiParams } from '@gamepulse/kpi';

/** Version of the rule-file format this code reads. */
export const RULE_FILE_VERSION = 1;

export type Severity = 'page' | 'ticket' | 'info';

export interface RuleQuery {
  /** A KPI name from the catalogue (GET /v1/kpis). */
  kpi: string;
  /** Parameters other than the range (filters, `by`, `granularity`, `limit`). */
  params: Omit<KpiParams, 'fromMs' | 'toMs' | 'asOfMs'>;
  /** Length of the window the value is computed over. */
  windowMs: number;
  /** How far before the evaluation time the window ends. */
  settleMs: number;
  /** Result columns whose values name a series (become labels). */
  series: readonly string[];
  /** The value: the sum of a column, or sum(numerator) / sum(denominator). */
  value: { column: string } | { ratio: readonly [string, string] };
  /** Keep only rows whose columns equal these values (e.g. `severity: fatal`). */
  where: Readonly<Record<string, string>>;
}

/** Compares with fixed bounds. */
export interface ThresholdCondition {
  kind: 'threshold';
  above?: number;
  below?: number;
  /** Series whose denominator (ratio) or value is below this are not judged (too little traffic). */
  minVolume: number;
  /** Column whose sum is the volume (for minVolume); the value's denominator or column by default. */
  volumeColumn?: string;
}

/** Compares with the series' own history. */
export interface SeasonalCondition {
  kind: 'seasonal';
  /** drop: breach when value < (1 − change) × baseline; rise: when value > (1 + change) × baseline. */
  direction: 'drop' | 'rise';
  /** Relative change that breaches, e.g. 0.5 = half of (or 1.5 × for rise) the baseline. */
  change: number;
  /** Same window this many days back (1, 2, 3 and 7: yesterday … the same weekday last week). */
  seasonalDays: readonly number[];
  /** Trailing windows of the same length just before the current one. */
  trailingWindows: number;
  /** Baseline points a source needs to count (robust to missing history at first start). */
  minPoints: number;
  /** Baselines below this are not judged (a quiet night's 3 → 1 is not an outage). */
  minBaseline: number;
  /**
   * Series whose current volume (a ratio's denominator, else the value) is below this are
   * not judged: a ratio over a handful of spends is noise.
   */
  minVolume: number;
}

export type Condition = ThresholdCondition | SeasonalCondition;

export interface AlertRule {
  /** `alertname` label; unique in the file. */
  name: string;
  group: string;
  query: RuleQuery;
  condition: Condition;
  /** How long a series must breach before the alert fires (pending meanwhile). */
  forMs: number;
  /** How long it keeps firing after the breach ends (flap guard). */
  keepFiringForMs: number;
  severity: Severity;
  labels: Readonly<Record<string, string>>;
  /** summary, description, runbook_url, …; `{{ value }}`, `{{ baseline }}`, `{{ threshold }}` and `{{ <label> }}` are filled in. */
  annotations: Readonly<Record<string, string>>;
  /** Console view the alert links to (path + query, with {{ <label> }} placeholders). */
  consolePath: string;
  intervalMs: number;
}

export interface RuleFile {
  version: number;
  rules: readonly AlertRule[];
}
