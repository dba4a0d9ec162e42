/**
 * Engine cost in the query benches: one evaluation cycle of every default rule
 * (config/alert-rules.yml) on the bench's history, timed like the KPI questions (2
 * warm-ups, then `runs` timed cycles), next to the raw scan of the rollups on the same
 * engine in the same run (the portable figure: a machine 3× slower scales both).
 *
 * With two engines (the druid-query suite: Druid and DuckDB loaded from the same rows),
 * the timed cycles alternate between them — round i runs Druid then DuckDB, round i+1
 * DuckDB then Druid — so both see the same load on a shared machine, and the suite
 * reports the ratio of their cycles (`alert cycle p50 druid ÷ duckdb`) from this one run.
 */
import { fileURLToPath } from 'node:url';
import { AlertEngine, loadRulesFile } from '@gamepulse/alerts';
import type { BenchRow } from '../../bench/types.ts';
import { percentile, timeRuns, type EngineUnderTest } from './kpi-questions.ts';

const DEFAULT_RULES = fileURLToPath(new URL('../../config/alert-rules.yml', import.meta.url));
const WARM_UPS = 2;

interface Timed {
  e: EngineUnderTest;
  engine: AlertEngine;
  cycleMs: number[];
  queries: number;
}

/** Times the alert cycle on each engine (alternating when several) and returns the rows. */
export async function measureAlertCycles(
  suite: string,
  engines: readonly EngineUnderTest[],
  opts: { runs: number; nowMs: number; log: (line: string) => void },
): Promise<BenchRow[]> {
  const rules = loadRulesFile(DEFAULT_RULES);
  const timed: Timed[] = engines.map((e) => ({
    e,
    engine: new AlertEngine({ store: e.store, dialect: e.dialect, rules }),
    cycleMs: [],
    queries: 0,
  }));
  const cycle = async (t: Timed): Promise<number> => {
    const started = performance.now();
    const report = await t.engine.evaluate(opts.nowMs, true);
    const ms = performance.now() - started;
    if (report.rulesFailed > 0) throw new Error(`${report.rulesFailed} rule(s) failed on ${t.e.engine}`);
    t.queries = report.queries;
    return ms;
  };
  for (const t of timed) for (let i = 0; i < WARM_UPS; i++) await cycle(t);
  for (let i = 0; i < opts.runs; i++) {
    const order = i % 2 === 0 ? timed : [...timed].reverse();
    for (const t of order) t.cycleMs.push(await cycle(t));
  }

  const rows: BenchRow[] = [];
  const round = (x: number) => Math.round(x * 10) / 10;
  const ratio = (x: number) => Math.round(x * 100) / 100;
  const p = (t: Timed, q: number) =>
    percentile(
      [...t.cycleMs].sort((a, b) => a - b),
      q,
    );
  const alternated = timed.length > 1 ? `, alternating with ${timed.length - 1} other engine(s)` : '';
  for (const t of timed) {
    const scan = await timeRuns(opts.runs, () =>
      t.e.store.sql(`SELECT COUNT(*) AS n, SUM(events) AS e FROM ${t.e.dialect.table('rollups')}`),
    );
    const [p50, p95, scanP95] = [p(t, 0.5), p(t, 0.95), percentile(scan, 0.95)];
    const note = `${rules.rules.length} default rules; ${opts.runs} runs after ${WARM_UPS} warm-ups${alternated}`;
    const name = t.e.engine;
    opts.log(`[${suite}] alert cycle on ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${t.queries} KPI queries (${note})`);
    rows.push(
      { suite, metric: `alert cycle p50 (${name})`, value: round(p50), unit: 'ms', note },
      { suite, metric: `alert cycle p95 (${name})`, value: round(p95), unit: 'ms', note },
      {
        suite,
        metric: `alert cycle KPI queries (${name})`,
        value: t.queries,
        unit: 'queries',
        note: 'store queries per cycle of every rule',
      },
      {
        suite,
        metric: `alert cycle p95 / raw scan (${name})`,
        value: ratio(p95 / scanP95),
        unit: 'ratio',
        note: `raw scan of the rollups p95 ${round(scanP95)} ms in the same run`,
      },
    );
  }
  const druid = timed.find((t) => t.e.engine === 'druid');
  const duck = timed.find((t) => t.e.engine === 'duckdb');
  if (druid && duck) {
    const [r50, r95] = [p(druid, 0.5) / p(duck, 0.5), p(druid, 0.95) / p(duck, 0.95)];
    opts.log(`[${suite}] alert cycle Druid ÷ DuckDB: p50 ${r50.toFixed(2)}×, p95 ${r95.toFixed(2)}×`);
    const note = 'same rules, same rows, alternating cycles in this run';
    rows.push(
      { suite, metric: 'alert cycle p50 druid ÷ duckdb', value: ratio(r50), unit: 'ratio', note },
      { suite, metric: 'alert cycle p95 druid ÷ duckdb', value: ratio(r95), unit: 'ratio', note },
    );
  }
  return rows;
}
