/**
 * churn_risk for several days in one pass over the player rows (engines whose Dialect
 * sets `scoresChurnDaysInOnePass`: Druid). The plain shape (churn.ts) is one branch per
 * day, each a groupBy per player over that day's 28-day lookback: a week re-reads and
 * re-groups the same player rows seven times. Here one groupBy per player reads the
 * union of the lookbacks of up to CHURN_DAYS_PER_PASS days once and keeps, per day,
 * the five window sums as filtered SUMs (each window bounded by its own day's end);
 * the outer query counts each day's segments with filtered aggregates over them. The
 * result has one row per group and pass, with a column set per day, which
 * `unpivotChurnDays` turns back into churn_risk's rows. Same sums, same conditions:
 * exact, like the plain shape.
 */
import type { Row } from '@gamepulse/store';
import type { Dialect } from '../dialect.ts';
import { DAY_MS, QueryBuilder, dims, groupBy, intLiteral, sumWhen } from '../sql.ts';
import type { KpiQuery, ResolvedKpiParams } from '../types.ts';
import { CHURN_LOOKBACK_DAYS, CHURN_WEEK_DAYS, riskCondition } from './churn-score.ts';

/** Days one groupBy scores: the per-player row holds 5 sums per day. */
export const CHURN_DAYS_PER_PASS = 7;
/** Marks the one-pass result: the first day of the pass each row belongs to. */
export const PASS_DAY_COLUMN = 'pass_day_ms';

/**
 * The UNION ALL of passes over `days` (UTC day starts; each is scored as of its end):
 * columns pass_day_ms, the `by` columns, then players_i, active_i, at_risk_i, lapsed_i
 * for i < CHURN_DAYS_PER_PASS (days past the last are 0).
 */
export function churnDaysQuery(p: ResolvedKpiParams, d: Dialect, days: readonly number[]): KpiQuery {
  const q = new QueryBuilder(d);
  const g = dims(p, d, 'playerDays');
  const t = d.timeColumn;
  const branches: string[] = [];
  for (let first = 0; first < days.length; first += CHURN_DAYS_PER_PASS) {
    const passDays = days.slice(first, first + CHURN_DAYS_PER_PASS);
    const sums: string[] = [];
    const counts: string[] = [];
    passDays.forEach((day, i) => {
      const T = day + DAY_MS;
      const at = (ms: number) => d.timeLiteral(ms);
      const lookbackStart = T - CHURN_LOOKBACK_DAYS * DAY_MS;
      const weekStart = T - CHURN_WEEK_DAYS * DAY_MS;
      const recentStart = Math.max(lookbackStart, T - p.lapsedDays * DAY_MS);
      const within = (from: number) => `${t} >= ${at(from)} AND ${t} < ${at(T)}`;
      const base = `${t} >= ${at(lookbackStart)} AND ${t} < ${at(weekStart)}`;
      sums.push(
        `${sumWhen(within(weekStart), 'sessions')} AS s_week_${i}`,
        `${sumWhen(base, 'sessions')} AS s_base_${i}`,
        `${sumWhen(within(recentStart), 'sessions')} AS s_recent_${i}`,
        `${sumWhen(within(weekStart), 'purchases')} AS p_week_${i}`,
        `${sumWhen(base, 'purchases')} AS p_base_${i}`,
      );
      // Scored: a session in the lookback (the plain shape's HAVING).
      const scored = `s_week_${i} + s_base_${i} > 0`;
      const risk = riskCondition({
        sWeek: `s_week_${i}`,
        sBase: `s_base_${i}`,
        sRecent: `s_recent_${i}`,
        pWeek: `p_week_${i}`,
        pBase: `p_base_${i}`,
      });
      const count = (cond?: string) => `COALESCE(SUM(CASE WHEN ${cond ? `${scored} AND ${cond}` : scored} THEN 1 ELSE 0 END), 0)`;
      counts.push(
        `${count()} AS players_${i}`,
        `${count(`s_recent_${i} > 0 AND NOT ${risk}`)} AS active_${i}`,
        `${count(`s_recent_${i} > 0 AND ${risk}`)} AS at_risk_${i}`,
        `${count(`s_recent_${i} = 0`)} AS lapsed_${i}`,
      );
    });
    for (let i = passDays.length; i < CHURN_DAYS_PER_PASS; i++)
      counts.push(`0 AS players_${i}`, `0 AS active_${i}`, `0 AS at_risk_${i}`, `0 AS lapsed_${i}`);
    const fromMs = passDays[0]! + DAY_MS - CHURN_LOOKBACK_DAYS * DAY_MS;
    const toMs = passDays.at(-1)! + DAY_MS;
    const inner = [
      `SELECT ${['player_id', ...g.select, ...sums].join(',\n    ')}`,
      `FROM ${d.table('playerDays')}`,
      q.where(p, [], { table: 'playerDays', fromMs, toMs }),
      `GROUP BY ${['player_id', ...g.group].join(', ')}`,
      `HAVING SUM(sessions) > 0`,
    ].join('\n  ');
    branches.push(
      [
        `SELECT ${[`${intLiteral(passDays[0]!)} AS ${PASS_DAY_COLUMN}`, ...g.columns, ...counts].join(',\n  ')}`,
        `FROM (\n  ${inner}\n) c`,
        groupBy(g.columns),
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }
  const counted = ['players', 'active', 'at_risk', 'lapsed'];
  const columns = [
    PASS_DAY_COLUMN,
    ...g.columns,
    ...Array.from({ length: CHURN_DAYS_PER_PASS }, (_, i) => counted.map((c) => `${c}_${i}`)).flat(),
  ];
  return q.build([d.unionAll(branches, [PASS_DAY_COLUMN, ...g.order])], columns);
}

/** The one-pass rows as churn_risk's (day_start_ms, the `by` columns, players, active, at_risk, lapsed), days before `toMs` only. */
export function unpivotChurnDays(rows: readonly Row[], byColumns: readonly string[], toMs: number): Row[] {
  const out: Row[] = [];
  for (const r of rows) {
    const first = Number(r[PASS_DAY_COLUMN]);
    for (let i = 0; i < CHURN_DAYS_PER_PASS; i++) {
      const day = first + i * DAY_MS;
      if (day >= toMs) break;
      const row: Row = { day_start_ms: day };
      for (const c of byColumns) row[c] = r[c] ?? null;
      row.players = r[`players_${i}`] ?? 0;
      row.active = r[`active_${i}`] ?? 0;
      row.at_risk = r[`at_risk_${i}`] ?? 0;
      row.lapsed = r[`lapsed_${i}`] ?? 0;
      out.push(row);
    }
  }
  return out;
}
