/**
 * `duckdbQuerySuite`: the KPI query suite (kpi-questions.ts) on DuckDB alone, without
 * Kafka or Druid — minutes instead of the druid-query suite's long load, for iterating
 * on a KPI's SQL. The generated history (history.ts, same shape and seed as druid-query)
 * goes straight into an embedded DuckDB store through the store's own sink
 * (`commit`, as the processor and the rollups loader write), in commits of 20k rows.
 *   npm run bench -- --only duckdb-query [--quick]
 *   GAMEPULSE_BENCH_PORTABLE_FORMS=1 npm run bench -- --only duckdb-query   # also Druid's SQL forms
 */
import { join } from 'node:path';
import { jsonToPlayer, jsonToRollup, jsonToStep } from '@gamepulse/proto';
import { openDuckDbStore } from '@gamepulse/store';
import { createDuckDbDialect, type Dialect } from '@gamepulse/kpi';
import type { BenchContext, BenchRow, BenchSuite } from '../../bench/types.ts';
import { generateHistory, type History } from './history.ts';
import { measureAlertCycles } from './alert-cycle.ts';
import { kpiQuestions, measureQuestions, questionsNowMs } from './kpi-questions.ts';
import type { DuckDbStore } from '@gamepulse/store';

const DAY = 86_400_000;
const SUITE = 'duckdb-query';
const COMMIT_ROWS = 20_000;

/**
 * The DuckDB dialect's capabilities that choose a DuckDB-only form of a KPI's SQL, off:
 * with `GAMEPULSE_BENCH_PORTABLE_FORMS=1` every question is also asked in the forms Druid
 * gets (one UNION ALL branch per day, pages last, per-player rows summed in `finish`),
 * right after DuckDB's own, to measure what each form saves under the same load.
 */
const PORTABLE_FORMS: Partial<Dialect> = { onePassPlayerDays: false, pagesPlayersFirst: false, countsCohortsInEngine: false };

/** Players and rows per minute of the history at each size (the druid-query suite's). */
export function historySize(quick: boolean): { players: number; rollupRowsPerMinute: number; runs: number } {
  return quick ? { players: 20_000, rollupRowsPerMinute: 4, runs: 5 } : { players: 100_000, rollupRowsPerMinute: 12, runs: 20 };
}

/** Writes the history through the sink, in commits of COMMIT_ROWS rows of each kind. */
export async function commitHistory(store: DuckDbStore, h: History): Promise<void> {
  const n = Math.max(h.rollups.length, h.players.length, h.steps.length);
  for (let i = 0; i < n; i += COMMIT_ROWS) {
    await store.commit({
      consumer: 'bench-history',
      rollups: h.rollups.slice(i, i + COMMIT_ROWS).map(jsonToRollup),
      players: h.players.slice(i, i + COMMIT_ROWS).map(jsonToPlayer),
      steps: h.steps.slice(i, i + COMMIT_ROWS).map(jsonToStep),
      positions: [],
      state: [],
      deadLetters: [],
    });
  }
}

export const duckdbQuerySuite: BenchSuite = {
  name: SUITE,
  description: 'KPI query latency p50/p95 and raw-scan ratio on DuckDB alone (no Kafka/Druid) over the druid-query 30-day history',
  needs: [],
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const size = historySize(ctx.quick);
    const runs = Number(process.env.GAMEPULSE_BENCH_RUNS ?? size.runs);
    const endMs = Math.floor(Date.now() / DAY) * DAY;
    const t0 = performance.now();
    const history = generateHistory({
      startMs: endMs - 30 * DAY,
      days: 30,
      players: size.players,
      rollupRowsPerMinute: size.rollupRowsPerMinute,
      seed: 42,
    });
    const total = history.rollups.length + history.players.length + history.steps.length;
    ctx.log(
      `[${SUITE}] generated ${history.rollups.length} rollup + ${history.players.length} player + ${history.steps.length} step rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const store = await openDuckDbStore({ path: join(ctx.tmpDir, 'bench-duckdb-only.duckdb') });
    try {
      const tl = performance.now();
      await commitHistory(store, history);
      const loadS = (performance.now() - tl) / 1000;
      ctx.log(`[${SUITE}] committed ${total} rows in ${loadS.toFixed(1)} s`);
      const only = process.env.GAMEPULSE_BENCH_KPIS?.split(',').filter(Boolean);
      const questions = kpiQuestions(endMs).filter((q) => !only || only.includes(q.kpi));
      const rows: BenchRow[] = [
        {
          suite: SUITE,
          metric: 'history rows (rollup + player + step)',
          value: total,
          unit: 'rows',
          note: `${size.players} players, 30 days, generated rows`,
        },
        {
          suite: SUITE,
          metric: 'sink load',
          value: Math.round(total / loadS),
          unit: 'rows/s',
          note: `commits of ${COMMIT_ROWS} rows per kind`,
        },
      ];
      const opts = { runs, nowMs: questionsNowMs(endMs), log: ctx.log };
      const dialect = createDuckDbDialect();
      if (process.env.GAMEPULSE_BENCH_PORTABLE_FORMS === '1') {
        // Each question twice in a row, DuckDB's forms then the portable ones, so both see the same load.
        const portable: Dialect = { ...dialect, ...PORTABLE_FORMS };
        for (const question of questions) {
          rows.push(...(await measureQuestions(SUITE, { engine: 'duckdb', store, dialect }, [question], opts)));
          const label = `${question.label} [portable forms]`;
          rows.push(...(await measureQuestions(SUITE, { engine: 'duckdb', store, dialect: portable }, [{ ...question, label }], opts)));
        }
        return rows;
      }
      rows.push(...(await measureQuestions(SUITE, { engine: 'duckdb', store, dialect }, questions, opts)));
      rows.push(...(await measureAlertCycles(SUITE, [{ engine: 'duckdb', store, dialect }], opts)));
      return rows;
    } finally {
      await store.close();
    }
  },
};
