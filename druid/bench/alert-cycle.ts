/**
 * Engine cost in the query benches: one evaluation cycle of every default rule
 * (config/alert-rules.yml) on the bench's history, timed like the KPI questions
 * (`timeRuns`), next to the raw scan of the rollups on the same engine in the same run
 * (the portable figure: a machine 3× slower scales both).
 */
import { fileURLToPath } from 'node:url';
import type { Dialect } from '@gamepulse/kpi';
import type { Store } from '@gamepulse/store';
import { AlertEngine, loadRulesFile } from '@gamepulse/alerts';
import type { BenchRow } from '../../bench/types.ts';
import { percentile, timeRuns } from './kpi-questions.ts';

const DEFAULT_RULES = fileURLToPath(new URL('../../config/alert-rules.yml', import.meta.url));

export async function measureAlertCycle(
  suite: string,
  e: { engine: 'duckdb' | 'druid'; store: Store; dialect: Dialect },
  opts: { runs: number; nowMs: number; log: (line: string) => void },
): Promise<BenchRow[]> {
  const rules = loadRulesFile(DEFAULT_RULES);
  const engine = new AlertEngine({ store: e.store, dialect: e.dialect, rules });
  let queries = 0;
  const cycle = await timeRuns(opts.runs, async () => {
    const report = await engine.evaluate(opts.nowMs, true);
    if (report.rulesFailed > 0) throw new Error(`${report.rulesFailed} rule(s) failed on ${e.engine}`);
    queries = report.queries;
  });
  const scan = await timeRuns(opts.runs, () => e.store.sql(`SELECT COUNT(*) AS n, SUM(events) AS e FROM ${e.dialect.table('rollups')}`));
  const [p50, p95, scanP95] = [percentile(cycle, 0.5), percentile(cycle, 0.95), percentile(scan, 0.95)];
  const note = `${rules.rules.length} default rules, ${queries} KPI queries per cycle; ${opts.runs} runs after 2 warm-ups`;
  opts.log(`[${suite}] alert cycle on ${e.engine}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${note})`);
  const round = (x: number) => Math.round(x * 10) / 10;
  return [
    { suite, metric: `alert cycle p50 (${e.engine})`, value: round(p50), unit: 'ms', note },
    { suite, metric: `alert cycle p95 (${e.engine})`, value: round(p95), unit: 'ms', note },
    {
      suite,
      metric: `alert cycle p95 / raw scan (${e.engine})`,
      value: Math.round((p95 / scanP95) * 100) / 100,
      unit: 'ratio',
      note: `raw scan of the rollups p95 ${round(scanP95)} ms in the same run`,
    },
  ];
}
