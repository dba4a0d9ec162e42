/**
 * One rule at one instant: run its KPI over the current window (and, for a seasonal
 * condition, over the same window on earlier days and just before), reduce the rows to
 * one value per series, and decide per series whether it breaches.
 */
import { dialectFor, runKpi, type Dialect } from '@gamepulse/kpi';
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
  /**
   * Whether a firing alert on this series stays firing: the breach judged on the seasonal
   * baseline alone when there is one (see seasonalVerdicts); `breach` otherwise.
   */
  sustained?: boolean;
}

export interface RuleEvaluation {
  rule: string;
  /** End of the window evaluated (evaluation time − settle, on a minute boundary). */
  windowEndMs: number;
  series: SeriesVerdict[];
  /** KPI queries run. */
  queries: number;
}

/** Series columns whose label has another name: `game` (as in routes and dashboards) and `player`. */
const SERIES_LABELS: Readonly<Record<string, string>> = { game_id: 'game', player_id: 'player' };

/** The label a series column becomes: `game_id` → `game`, `player_id` → `player`; other columns keep their names. */
export function seriesLabel(column: string): string {
  return SERIES_LABELS[column] ?? column;
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
  /**
   * Start of the store's history (its first rollup window): past windows before it are
   * missing history, not zeros. @default asked of the store (historyStartMs)
   */
  historyStartMs?: number | null;
}

/** The first rollup window in the store, or undefined when it is empty. */
export async function historyStartMs(store: Store, dialect: Dialect = dialectFor(store.engine)): Promise<number | undefined> {
  const [row] = await store.sql(`SELECT MIN(${dialect.bucketStartMs('minute')}) AS first_ms FROM ${dialect.table('rollups')}`, []);
  const v = row?.first_ms;
  return v === null || v === undefined ? undefined : Number(v);
}

/** The window a rule reads when evaluated at `nowMs`: it ends `settle` before, on a minute boundary. */
export function windowEndMs(rule: AlertRule, nowMs: number): number {
  return Math.floor((nowMs - rule.query.settleMs) / MINUTE_MS) * MINUTE_MS;
}

export async function evaluateRule(rule: AlertRule, nowMs: number, o: EvaluateOptions): Promise<RuleEvaluation> {
  const endMs = windowEndMs(rule, nowMs);
  let queries = 0;
  const sumsAt = async (end: number): Promise<Map<string, Sums>> => {
    queries++;
    const result = await runKpi(
      o.store,
      rule.query.kpi,
      { ...rule.query.params, fromMs: end - rule.query.windowMs, toMs: end },
      { nowMs: () => end, dialect: o.dialect },
    );
    return seriesSums(result.rows, rule);
  };
  const current = await sumsAt(endMs);
  const history = async () => {
    if (o.historyStartMs !== undefined) return o.historyStartMs ?? undefined;
    queries++;
    return historyStartMs(o.store, o.dialect);
  };
  const c = rule.condition;
  const series =
    c.kind === 'threshold' ? thresholdVerdicts(current, rule, c) : await seasonalVerdicts(current, rule, c, endMs, sumsAt, await history());
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
  sumsAt: (end: number) => Promise<Map<string, Sums>>,
  historyStartMs: number | undefined,
): Promise<SeriesVerdict[]> {
  // A past window that starts before the store's first row is missing history (the store
  // is younger than that); one after it with no row of a series counts that series as 0
  // (a KPI that answers no rows, e.g. no purchases in a quiet window, is a zero).
  const load = (ends: number[]) =>
    Promise.all(ends.filter((end) => historyStartMs !== undefined && end - rule.query.windowMs >= historyStartMs).map(sumsAt));
  const seasonal = await load(c.seasonalDays.map((d) => endMs - d * DAY_MS));
  const trailing = await load(Array.from({ length: c.trailingWindows }, (_, i) => endMs - (i + 1) * rule.query.windowMs));
  const keys = new Set<string>(current.keys());
  for (const w of [...seasonal, ...trailing]) for (const k of w.keys()) keys.add(k);
  const additive = 'column' in rule.query.value;
  const factor = c.direction === 'drop' ? 1 - c.change : 1 + c.change;
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
    // A drop is judged only against baselines of at least minBaseline (a quiet night's
    // 3 → 1 is not an outage); a rise against max(baseline, minBaseline), so a series that
    // is usually near zero must still rise past (1 + change) × minBaseline.
    const volumeOk = (cur ? cur.den : 0) >= c.minVolume;
    const judged: Array<[string, number]> = !volumeOk
      ? []
      : c.direction === 'drop'
        ? baselines.filter(([, b]) => b >= c.minBaseline && b > 0)
        : baselines.map(([src, b]) => [src, Math.max(b, c.minBaseline)] as [string, number]).filter(([, b]) => b > 0);
    const breached = (b: number) => (c.direction === 'drop' ? value < factor * b : value > factor * b);
    // Every baseline must be able to judge, and agree: the seasonal curve and the last
    // hour both say "this is low" before anyone is paged.
    const breach = judged.length > 0 && judged.length === baselines.length && judged.every(([, b]) => breached(b));
    // Once firing, the seasonal baseline alone decides: the trailing one follows a long
    // outage down and would end the alert while the outage goes on.
    const seasonalJudged = judged.find(([src]) => src === 'seasonal');
    const sustained = seasonalJudged ? breached(seasonalJudged[1]) : breach;
    const bs = judged.map(([, b]) => b);
    const baseline = bs.length === 0 ? undefined : c.direction === 'drop' ? Math.min(...bs) : Math.max(...bs);
    out.push({
      labels,
      value,
      breach,
      sustained,
      baseline,
      threshold: baseline === undefined ? undefined : factor * baseline,
      baselineSource: judged.map(([src]) => src).join('+') || 'none',
    });
  }
  return out;
}
