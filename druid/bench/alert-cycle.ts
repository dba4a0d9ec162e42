/**
 * Engine cost in the query benches: one evaluation cycle of every default rule
 * (config/alert-rules.yml) on the bench's history, timed like the KPI questions, next
 * to the raw scan of the rollups on the same engine in the same run (the portable
 * figure: a machine 3× slower scales both).
 */
import { fileURLToPath } from 'node:url';
import type { Dialect } from '@gamepulse/kpi';
import type { Store } from '@gamepulse/store';
import type { BenchRow } from '../../bench/types.ts';
import { AlertEngine, loadRulesFile } from '@gamepulse/alerts';

const DEFAULT_RULES = fileURLToPath(new URL('../../config/alert-rules.yml', import.meta.url));

export async function measureAlertCycle(
  suite: string,
  e: { engine: 'duckdb' | 'druid'; store: Store; dialect: Dialect },
  opts: { runs: number; nowMs: number; log: (line: string) => void },
): Promise<BenchRow[]> {
  const rules = loadRulesFile(DEFAULT_RULES);
  const engine = new AlertEngine({ store: e.store, dialect: e.dialect, rules });
  const time = async () => {
    const t0 = performance.now();
    const report = await engine.evaluate(opts.nowMs, true);
    if (report.rulesFailed > 0) throw new Error(`${report.rulesFailed} rule(s) failed on ${e.engine}`);
    return { ms: performance.now() - t0, queries: report.queries };
  };
  for (let i = 0; i < 2; i++) await time();
  const runs: Array<{ ms: number; queries: number }> = [];
  for (let i = 0; i < opts.runs; i++) runs.push(await time());
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const scan: number[] = [];
  const table = e.dialect.table('rollups');
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    await e.store.sql(`SELECT COUNT(*) AS n, SUM(events) AS e FROM ${table}`);
    scan.push(performance.now() - t0);
  }
  scan.sort((a, b) => a - b);
  const scanP95 = scan[Math.min(scan.length - 1, Math.ceil(0.95 * scan.length) - 1)]!;
  const note = `${rules.rules.length} default rules, ${runs[0]!.queries} KPI queries per cycle; ${opts.runs} runs after 2 warm-ups`;
  opts.log(`[${suite}] alert cycle on ${e.engine}: p50 ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms (${note})`);
  const round = (x: number) => Math.round(x * 10) / 10;
  return [
    { suite, metric: `alert cycle p50 (${e.engine})`, value: round(pct(0.5)), unit: 'ms', note },
    { suite, metric: `alert cycle p95 (${e.engine})`, value: round(pct(0.95)), unit: 'ms', note },
    {
      suite,
      metric: `alert cycle p95 / raw scan (${e.engine})`,
      value: Math.round((pct(0.95) / scanP95) * 100) / 100,
      unit: 'ratio',
      note: `raw scan of the rollups p95 ${round(scanP95)} ms in the same run`,
    },
  ];
}
