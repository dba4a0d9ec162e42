/**
 * The Druid seam without a Druid: every KPI renders to SQL that Druid's own parser
 * (druid-query-toolkit) accepts, uses Druid's time column, buckets and sketches, and
 * nothing DuckDB-only. Execution against a real Druid is druid/test/integration's job.
 */
import { SqlQuery } from 'druid-query-toolkit';
import { describe, expect, it } from 'vitest';
import { createDruidDialect } from './druid-dialect.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';
import { resolveKpiParams } from './params.ts';
import { KPIS } from './run-kpi.ts';

const NOW = Date.UTC(2025, 2, 10, 16, 40, 30, 123);
const DUCKDB_ONLY = [/epoch_ms/i, /date_trunc/i, /COUNT\(DISTINCT/i, /window_start/, /player_windows/];

/** KPIs over each player's history before `to` (reference/players.ts): their cohort side filters by game only. */
const ALL_HISTORY = new Set(['retention', 'retention_matrix', 'player_lifecycle', 'ltv']);

describe('druid/kpi/druid-dialect', () => {
  const druid = createDruidDialect();
  for (const def of KPIS) {
    for (const granularity of def.granularities) {
      it(`${def.name} (${granularity}) renders Druid SQL that druid-query-toolkit parses`, () => {
        const p = resolveKpiParams(
          def,
          { game: 'g', platform: 'ios', granularity, fromMs: NOW - 86_400_000, toMs: NOW, experiment: 'shop_layout' },
          NOW,
        );
        const q = def.render(p, druid);
        expect(() => SqlQuery.parse(q.sql)).not.toThrow();
        for (const pattern of DUCKDB_ONLY) expect(q.sql).not.toMatch(pattern);
        expect(q.sql.match(/\?/g)?.length).toBe(q.params.length);
        if (ALL_HISTORY.has(def.name)) {
          // A player's cohort / lifecycle reads the player's whole history before `to`, in the game only.
          expect(q.sql).toContain('__time < TIMESTAMP ');
          expect(q.params.filter((v) => v === 'g').length).toBeGreaterThan(0);
          expect(q.params.every((v) => v === 'g' || v === 'ios')).toBe(true);
        } else {
          expect(q.sql).toContain('__time >= TIMESTAMP ');
          // Unions and joins repeat the filters once per branch or side; player_funnel's
          // step keys bind parameters of their own (its step values are not 'g' or 'ios').
          // A/B KPIs add the experiment's LIKE pattern.
          const filters = def.params.includes('steps')
            ? q.params.filter((v) => v === 'g' || v === 'ios')
            : q.params.filter((v) => !String(v).includes('shop\\_layout'));
          expect(filters.length % 2).toBe(0);
          for (let i = 0; i < filters.length; i += 2) expect(filters.slice(i, i + 2)).toEqual(['g', 'ios']);
        }
        if (granularity !== 'all' && !['dau', 'active_users', 'retention', 'churn_risk'].includes(def.name))
          expect(q.sql).toMatch(/TIMESTAMP_TO_MILLIS\(TIME_FLOOR\(__time, 'P/);
        // Same columns on both engines (after finish, which may reshape an engine's rows):
        // callers do not care which one answered.
        const finished = (columns: string[]) => (def.finish ? def.finish([], columns, p).columns : columns);
        expect(finished(q.columns)).toEqual(finished(def.render(p, DUCKDB_DIALECT).columns));
      });
    }
  }

  it('counts unique players with the HLL sketch and buckets with ISO periods', () => {
    const d = createDruidDialect({ playersDatasource: 'players_v2', playerColumn: 'player_hll' });
    const dau = KPIS.find((k) => k.name === 'dau')!;
    const q = dau.render(resolveKpiParams(dau, { fromMs: 0, toMs: 86_400_000 + 60_000 }, NOW), d);
    expect(q.sql).toContain('APPROX_COUNT_DISTINCT_DS_HLL("player_hll")');
    expect(q.sql).toContain(`TIME_FLOOR(__time, 'P1D')`);
    expect(q.sql).toContain('FROM "players_v2"');
    // Whole UTC days read the day-grain sketches instead.
    expect(dau.render(resolveKpiParams(dau, { fromMs: 0, toMs: 86_400_000 }, NOW), d).sql).toContain('FROM "gamepulse_player_days"');
    expect(d.timeLiteral(NOW)).toBe(`TIMESTAMP '2025-03-10 16:40:30.123'`);
    expect(DUCKDB_DIALECT.timeLiteral(NOW)).toBe(`TIMESTAMP '2025-03-10 16:40:30.123'`);
  });
});
