/**
 * The KPI query suite both query benches ask (druid/bench/suite.ts on Druid and DuckDB,
 * druid/bench/duckdb-suite.ts on DuckDB alone): one or more questions for EVERY KPI in
 * `KPIS`, shaped like a live-ops analyst's, and how they are timed.
 *
 * Raw-scan cost: next to each KPI's latency the bench times a full-scan aggregate of
 * every table / datasource the KPIs read (`SELECT COUNT(*), SUM(events) FROM t`) on the
 * same engine in the same run, and reports each question's p95 as a ratio to the scan
 * of the tables its SQL reads (summed). Absolute milliseconds depend on the machine;
 * the ratio says how much of a raw pass over the rows the query costs, and stays put on
 * a machine 3× slower. A ratio ≫ 1 means the query does more than one pass over the
 * raw rows (self-joins, per-player windows) and is the one to precompute.
 */
import type { Store } from '@gamepulse/store';
import { KPIS, getKpi, resolveKpiParams, runKpi, type Dialect, type KpiParams, type TableName } from '@gamepulse/kpi';
import type { BenchRow } from '../../bench/types.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface Question {
  /** Row label: the KPI name, with a suffix when a KPI has several questions. */
  label: string;
  kpi: string;
  params: KpiParams;
}

/** Targets of issue #14 at 100k players × 30 days. */
export const P95_TARGET_MS = { druid: 1_000, duckdb: 200 } as const;

/**
 * The questions, over a history of 30 days ending at `endMs` (UTC midnight). Every KPI
 * in `KPIS` has at least one (kpiQuestions throws otherwise, so a new KPI cannot be
 * left out of the bench silently).
 */
export function kpiQuestions(endMs: number): Question[] {
  const day = { fromMs: endMs - DAY, toMs: endMs };
  const week = { fromMs: endMs - 7 * DAY, toMs: endMs };
  const month = { fromMs: endMs - 30 * DAY, toMs: endMs };
  const q = (kpi: string, params: KpiParams, suffix = ''): Question => ({ label: suffix ? `${kpi} ${suffix}` : kpi, kpi, params });
  const list = [
    q('online_now', {}),
    q('dau', { ...month, granularity: 'day' }),
    q('dau', { ...week, granularity: 'day', by: ['region'] }, 'by region'),
    q('active_users', week),
    q('retention', { fromMs: endMs - 30 * DAY, toMs: endMs - 20 * DAY, days: [1, 7, 14] }),
    q('retention', { ...month, days: [1, 7], by: ['platform'] }, 'month by platform'),
    q('revenue', { ...week, granularity: 'day' }),
    q('arpdau', week),
    q('arppu', { ...month, granularity: 'all', by: ['country'] }),
    q('payer_conversion', { ...month, granularity: 'day' }),
    q('economy', { ...week, granularity: 'day' }),
    q('progression_funnel', { ...month, limit: 40 }),
    q('ab_readout', { ...month, experiment: 'shop_layout' }),
    q('events_by_type', { ...day, granularity: 'hour' }),
    q('top_progression_fails', week),
    q('sessions', { ...week, granularity: 'day', by: ['platform'] }),
    q('churn_risk', { ...week, by: ['platform'] }),
    q('at_risk_players', { asOfMs: endMs, limit: 100, offset: 100 }),
    q('feature_adoption', { ...week, granularity: 'day' }),
    q('ads', { ...week, granularity: 'day', by: ['platform'] }),
    q('social_actions', { ...week, granularity: 'day' }),
    q('error_rate', { ...day, granularity: 'hour' }),
    q('top_items', { ...month, limit: 10 }),
    q('late_events', { ...week, granularity: 'day' }),
    q('session_stats', { ...week, granularity: 'day', by: ['platform'] }),
    q('player_lifecycle', { ...month, limit: 50, offset: 50 }),
    q('retention_matrix', { ...month, days: [14] }),
    q('player_funnel', { ...week, steps: ['session_start', 'progression:start', 'progression:complete', 'purchase'] }),
    q('player_funnel', { ...month, steps: ['progression:complete:world1:level{1..4}'], windowMs: 14 * DAY }, 'level preset'),
    q('revenue_reporting', { ...month, granularity: 'day', by: ['game'] }),
    q('arpdau_reporting', { ...week, by: ['region'] }),
    q('arppu_reporting', { ...month, granularity: 'all', by: ['game'] }),
    q('ltv', { ...month, game: 'space-miner' }),
    q('ab_test', { ...month, experiment: 'shop_layout' }),
    q('ab_stats', { ...month, experiment: 'shop_layout' }),
    q('ab_stats', { ...week, experiment: 'onboarding', platform: 'ios' }, 'onboarding ios week'),
  ];
  const missing = KPIS.map((k) => k.name).filter((name) => !list.some((x) => x.kpi === name));
  if (missing.length > 0) throw new Error(`the bench asks nothing of ${missing.join(', ')}: add a question in kpi-questions.ts`);
  return list;
}

export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Sorted latencies (ms) of `runs` executions after 2 warm-ups. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

const TABLES: readonly TableName[] = ['rollups', 'players', 'playerDays', 'steps'];

/** The engine tables a question's SQL reads (by the dialect's table names). */
export function tablesRead(question: Question, dialect: Dialect, nowMs: number): string[] {
  const def = getKpi(question.kpi);
  const sql = def.render(resolveKpiParams(def, question.params, nowMs), dialect).sql;
  return [...new Set(TABLES.map((t) => dialect.table(t)).filter((t) => sql.includes(t)))];
}

export interface EngineUnderTest {
  engine: 'druid' | 'duckdb';
  store: Store;
  dialect: Dialect;
}

/**
 * Times the raw scans and every question on one engine; returns bench rows: per table
 * `raw scan p95 <table>`, per question p50, p95 and `p95 / raw scan`.
 */
export async function measureQuestions(
  suite: string,
  e: EngineUnderTest,
  questions: readonly Question[],
  opts: { runs: number; nowMs: number; log: (line: string) => void },
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const note = `${opts.runs} runs after 2 warm-ups`;
  const scanMs = new Map<string, number>();
  for (const table of new Set(TABLES.map((t) => e.dialect.table(t)))) {
    const t = await timeRuns(opts.runs, () => e.store.sql(`SELECT COUNT(*) AS n, SUM(events) AS e FROM ${table}`));
    const [n] = await e.store.sql(`SELECT COUNT(*) AS n FROM ${table}`);
    scanMs.set(table, percentile(t, 0.95));
    rows.push({
      suite,
      metric: `raw scan p95 ${table.replaceAll('"', '')} (${e.engine})`,
      value: round(percentile(t, 0.95)),
      unit: 'ms',
      note: `SELECT COUNT(*), SUM(events) over ${Number(n?.n ?? 0)} rows; ${note}`,
    });
    opts.log(`[${suite}] raw scan of ${table} on ${e.engine}: p95 ${percentile(t, 0.95).toFixed(1)} ms (${Number(n?.n ?? 0)} rows)`);
  }
  for (const question of questions) {
    let t: number[];
    try {
      t = await timeRuns(opts.runs, () => runKpi(e.store, question.kpi, question.params, { dialect: e.dialect, nowMs: () => opts.nowMs }));
    } catch (err) {
      // One question the engine refuses (e.g. out of merge buffers) is a result, not the end of the run.
      const message = (err as Error).message;
      rows.push({ suite, metric: `${question.label} FAILED (${e.engine})`, value: 0, unit: 'error', note: message.slice(0, 200) });
      opts.log(`[${suite}] ${question.label} on ${e.engine}: FAILED ${message}`);
      continue;
    }
    const p95 = percentile(t, 0.95);
    const tables = tablesRead(question, e.dialect, opts.nowMs);
    const scan = tables.reduce((sum, table) => sum + (scanMs.get(table) ?? 0), 0);
    const over = p95 >= P95_TARGET_MS[e.engine] ? ` OVER the ${P95_TARGET_MS[e.engine]} ms target` : '';
    rows.push({ suite, metric: `${question.label} p50 (${e.engine})`, value: round(percentile(t, 0.5)), unit: 'ms', note });
    rows.push({ suite, metric: `${question.label} p95 (${e.engine})`, value: round(p95), unit: 'ms', note: `${note}${over}` });
    rows.push({
      suite,
      metric: `${question.label} p95 / raw scan (${e.engine})`,
      value: Math.round((p95 / scan) * 100) / 100,
      unit: 'ratio',
      note: `scan of ${tables.map((x) => x.replaceAll('"', '')).join(' + ')}`,
    });
    opts.log(
      `[${suite}] ${question.label} on ${e.engine}: p50 ${percentile(t, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${(p95 / scan).toFixed(2)}× raw scan${over}`,
    );
  }
  return rows;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** "Now" of the questions: midday of the last day, so online_now and the last day have data. */
export function questionsNowMs(endMs: number): number {
  return endMs - 12 * HOUR;
}
