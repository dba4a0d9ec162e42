/**
 * One rule at one instant: run its KPI over the current window (and, for a seasonal
 * condition, over the same window on earlier days and just before), reduce the rows to
 * one value per series, and decide per series whether it breaches.
 */
import { runKpi, type Dialect } from '@gamepulse/kpi';
import type { Row, Store } from '@gamepulse/store';
import type { AlertRule, SeasonalCondition, ThresholdCondition } from '../rules/rule.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** One series' verdict at one evaluation. */
export interface SeriesVerdict {
  /** The series' labels (from the rule's `series` columns). */
  labels: Record<string, string>;
  breach: boolean;
  value: number;
  /** The value compared with: a bound, or the seasonal / trailing baseline. */
  threshold?: number;
  baseline?: number;
  /** Which baselines the seasonal condition judged against (`seasonal`, `trailing`, or both). */
  baselineSource?: string;
}

export interface RuleEvaluation {
  rule: string;
  /** End of the window evaluated (evaluation time − settle, on a minute boundary). */
  windowEndMs: number;
  series: SeriesVerdict[];
  /** KPI queries run. */
  queries: number;
}

/** The label a series column becomes: the game is `game` (as in routes and dashboards), other columns keep their names. */
export function seriesLabel(column: string): string {
  return column === 'game_id' ? 'game' : column;
}

interface Sums {
  labels: Record<string, string>;
  num: number;
  den: number;
}

/** Rows → per-series sums of the value (numerator / denominator). */
function seriesSums(rows: readonly Row[], rule: AlertRule): Map<string, Sums> {
  const q = rule.query;
  const out = new Map<string, Sums>();
  rows: for (const r of rows) {
    for (const [c, v] of Object.entries(q.where)) if (String(r[c] ?? '') !== v) continue rows;
    const labels: Record<string, string> = {};
    for (const c of q.series) labels[seriesLabel(c)] = String(r[c] ?? '');
    const key = q.series.map((c) => labels[seriesLabel(c)]).join('\u0000');
    const s = out.get(key) ?? { labels, num: 0, den: 0 };
    if ('column' in q.value) {
      s.num += Number(r[q.value.column] ?? 0);
      s.den += Number(
        (rule.condition.kind === 'threshold' && rule.condition.volumeColumn ? r[rule.condition.volumeColumn] : r[q.value.column]) ?? 0,
      );
    } else {
      s.num += Number(r[q.value.ratio[0]] ?? 0);
      s.den += Number(r[q.value.ratio[1]] ?? 0);
    }
    out.set(key, s);
  }
  return out;
}

function valueOf(s: Sums, rule: AlertRule): number | undefined {
  if ('column' in rule.query.value) return s.num;
  return s.den > 0 ? s.num / s.den : undefined;
}

export interface EvaluateOptions {
  store: Store;
  dialect?: Dialect;
}

/** The window a rule reads when evaluated at `nowMs`: it ends `settle` before, on a minute boundary. */
export function windowEndMs(rule: AlertRule, nowMs: number): number {
  return Math.floor((nowMs - rule.query.settleMs) / MINUTE_MS) * MINUTE_MS;
}

export async function evaluateRule(rule: AlertRule, nowMs: number, o: EvaluateOptions): Promise<RuleEvaluation> {
  const endMs = windowEndMs(rule, nowMs);
  let queries = 0;
  const sumsAt = async (end: number): Promise<{ rows: number; sums: Map<string, Sums> }> => {
    queries++;
    const result = await runKpi(
      o.store,
      rule.query.kpi,
      { ...rule.query.params, fromMs: end - rule.query.windowMs, toMs: end },
      { nowMs: () => end, dialect: o.dialect },
    );
    return { rows: result.rows.length, sums: seriesSums(result.rows, rule) };
  };
  const current = await sumsAt(endMs);
  const c = rule.condition;
  const series =
    c.kind === 'threshold' ? thresholdVerdicts(current.sums, rule, c) : await seasonalVerdicts(current.sums, rule, c, endMs, sumsAt);
  return { rule: rule.name, windowEndMs: endMs, series, queries };
}

function thresholdVerdicts(sums: Map<string, Sums>, rule: AlertRule, c: ThresholdCondition): SeriesVerdict[] {
  const out: SeriesVerdict[] = [];
  for (const s of sums.values()) {
    const value = valueOf(s, rule);
    if (value === undefined) continue;
    const volume = s.den;
    const over = c.above !== undefined && value > c.above;
    const under = c.below !== undefined && value < c.below;
    out.push({
      labels: s.labels,
      value,
      breach: volume >= c.minVolume && (over || under),
      threshold: over ? c.above : under ? c.below : (c.above ?? c.below),
    });
  }
  return out;
}

/** Middle value (mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function seasonalVerdicts(
  current: Map<string, Sums>,
  rule: AlertRule,
  c: SeasonalCondition,
  endMs: number,
  sumsAt: (end: number) => Promise<{ rows: number; sums: Map<string, Sums> }>,
): Promise<SeriesVerdict[]> {
  // A past window with no rows at all is missing history (the store was not running, or
  // is younger than that); a window with rows but none of a series counts that series 0.
  const load = async (ends: number[]) => (await Promise.all(ends.map(sumsAt))).filter((w) => w.rows > 0).map((w) => w.sums);
  const seasonal = await load(c.seasonalDays.map((d) => endMs - d * DAY_MS));
  const trailing = await load(Array.from({ length: c.trailingWindows }, (_, i) => endMs - (i + 1) * rule.query.windowMs));
  const keys = new Set<string>(current.keys());
  for (const w of [...seasonal, ...trailing]) for (const k of w.keys()) keys.add(k);
  const additive = 'column' in rule.query.value;
  const out: SeriesVerdict[] = [];
  for (const key of keys) {
    const cur = current.get(key);
    const labels = cur?.labels ?? [...seasonal, ...trailing].find((w) => w.has(key))!.get(key)!.labels;
    // An absent series is 0 for a sum (no events is the outage), unknown for a ratio.
    const value = cur ? valueOf(cur, rule) : additive ? 0 : undefined;
    if (value === undefined) continue;
    const points = (ws: Map<string, Sums>[]) =>
      ws.map((w) => (w.has(key) ? valueOf(w.get(key)!, rule) : additive ? 0 : undefined)).filter((v): v is number => v !== undefined);
    const baselines: Array<[string, number]> = [];
    const sp = points(seasonal);
    if (sp.length >= c.minPoints) baselines.push(['seasonal', median(sp)]);
    const tp = points(trailing);
    if (tp.length >= c.minPoints) baselines.push(['trailing', median(tp)]);
    const judged = baselines.filter(([, b]) => b >= c.minBaseline && b > 0);
    const factor = c.direction === 'drop' ? 1 - c.change : 1 + c.change;
    const breached = (b: number) => (c.direction === 'drop' ? value < factor * b : value > factor * b);
    // Every baseline that can judge must agree: a seasonal curve and the last hour both
    // say "this is low" before anyone is paged.
    const breach = judged.length > 0 && judged.length === baselines.length && judged.every(([, b]) => breached(b));
    const bs = judged.map(([, b]) => b);
    const baseline = bs.length === 0 ? undefined : c.direction === 'drop' ? Math.min(...bs) : Math.max(...bs);
    out.push({
      labels,
      value,
      breach,
      baseline,
      threshold: baseline === undefined ? undefined : factor * baseline,
      baselineSource: judged.map(([s]) => s).join('+') || 'none',
    });
  }
  return out;
}
