/**
 * Churn risk: a per-player score from recency, session-frequency trend and spend trend,
 * evaluated at an instant T from the player rows (sessions = session_start count,
 * purchases), summed over every row of the player — all its devices — in the slice.
 *
 *   lapsed   no session in [T − lapsedDays, T)
 *   at_risk  not lapsed, and
 *              sessions in [T − 7 d, T) < ½ × average weekly sessions in [T − 28 d, T − 7 d)
 *              (integer-exact: 6 × week < 3-week baseline), or
 *              purchases in [T − 28 d, T − 7 d) > 0 and none in [T − 7 d, T)
 *   active   otherwise
 * over the players with at least one session in [T − 28 d, T). Rows count by window
 * start. kpi/README.md "Metric definitions" gives the reasoning.
 */
import { AnalyticsError, type Row } from '@gamepulse/store';
import type { Dialect, TableName } from '../dialect.ts';
import { DAY_MS, QueryBuilder, dims, groupBy, intLiteral, sumWhen, type Grouping } from '../sql.ts';
import type { KpiDefinition, ResolvedKpiParams } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { PASS_DAY_COLUMN, churnDaysQuery, unpivotChurnDays } from './churn-days.ts';
import { CHURN_BASELINE_WEEKS, CHURN_LOOKBACK_DAYS, CHURN_WEEK_DAYS, riskCondition, type ScoreSums } from './churn-score.ts';

export { CHURN_BASELINE_WEEKS, CHURN_LOOKBACK_DAYS, CHURN_WEEK_DAYS } from './churn-score.ts';
import { DIMENSION_COLUMNS } from '../dialect.ts';

/** Days one churn_risk request may cover: each is one branch of a UNION ALL. */
export const MAX_CHURN_DAYS = 92;

export type ChurnSegment = 'active' | 'at_risk' | 'lapsed';
/** Order of segments in at_risk_players (the engines sort by this rank). */
const RANK: Record<ChurnSegment, number> = { active: 0, at_risk: 1, lapsed: 2 };
const SEGMENT_OF_RANK: ChurnSegment[] = ['active', 'at_risk', 'lapsed'];

/** Reasons a player is flagged, as at_risk_players spells them. */
export const CHURN_REASONS = {
  lapsed: (days: number) => `no_session_${days}d`,
  sessionsDown: 'sessions_down',
  spendStopped: 'spend_stopped',
} as const;

function scoreSums(d: Dialect, asOfMs: number, lapsedDays: number): ScoreSums {
  const t = d.timeColumn;
  const weekStart = d.timeLiteral(asOfMs - CHURN_WEEK_DAYS * DAY_MS);
  const lookbackStart = d.timeLiteral(asOfMs - CHURN_LOOKBACK_DAYS * DAY_MS);
  const base = `${t} >= ${lookbackStart} AND ${t} < ${weekStart}`;
  return {
    sWeek: sumWhen(`${t} >= ${weekStart}`, 'sessions'),
    sBase: sumWhen(base, 'sessions'),
    sRecent: sumWhen(`${t} >= ${d.timeLiteral(asOfMs - lapsedDays * DAY_MS)}`, 'sessions'),
    pWeek: sumWhen(`${t} >= ${weekStart}`, 'purchases'),
    pBase: sumWhen(base, 'purchases'),
  };
}

/** Whole players × slice: the inner query both KPIs group per player. */
function perPlayer(
  q: QueryBuilder,
  p: ResolvedKpiParams,
  d: Dialect,
  table: TableName,
  asOfMs: number,
  g: Grouping,
  extra: string[],
  fromMs = asOfMs - CHURN_LOOKBACK_DAYS * DAY_MS,
): string[] {
  const s = scoreSums(d, asOfMs, p.lapsedDays);
  const inLookback = sumWhen(`${d.timeColumn} >= ${d.timeLiteral(asOfMs - CHURN_LOOKBACK_DAYS * DAY_MS)}`, 'sessions');
  return [
    `SELECT ${['player_id', ...g.select, `${s.sWeek} AS s_week`, `${s.sBase} AS s_base`, `${s.sRecent} AS s_recent`, `${s.pWeek} AS p_week`, `${s.pBase} AS p_base`, ...extra].join(',\n    ')}`,
    `FROM ${d.table(table)}`,
    q.where(p, [], { table, fromMs, toMs: asOfMs }),
    `GROUP BY ${['player_id', ...g.group].join(', ')}`,
    `HAVING ${inLookback} > 0`,
  ];
}

const COLS: ScoreSums = { sWeek: 's_week', sBase: 's_base', sRecent: 's_recent', pWeek: 'p_week', pBase: 'p_base' };

export const churnRisk: KpiDefinition = {
  name: 'churn_risk',
  description:
    'Churn risk per UTC day: players scored as of the end of the day (T), among those with a session in the 28 days before T: ' +
    'lapsed = no session in the last lapsedDays (default 7) days; at_risk = not lapsed and (sessions in the last 7 days < half the ' +
    "player's average weekly sessions over the 3 weeks before, or purchases in those 3 weeks and none in the last 7 days); active = the rest. " +
    "Sessions and purchases are summed over all the player's devices; sliced by a dimension, over the player's rows in that slice. " +
    'Days are the UTC days the range touches (at most 92); a day not yet ended is scored on the data so far.',
  params: [...SLICE_PARAMS, 'lapsedDays'],
  granularities: ['day'],
  render(p, d) {
    const firstDay = Math.floor(p.fromMs / DAY_MS) * DAY_MS;
    const days: number[] = [];
    for (let day = firstDay; day < p.toMs; day += DAY_MS) days.push(day);
    if (days.length > MAX_CHURN_DAYS) {
      throw new AnalyticsError('GP_QUERY_BAD_PARAM', `churn_risk covers at most ${MAX_CHURN_DAYS} days; the range has ${days.length}`, {
        context: { param: 'from', days: days.length },
      });
    }
    if (d.scoresChurnDaysInOnePass) {
      return churnDaysQuery(p, d, days);
    }
    const q = new QueryBuilder(d);
    const g = dims(p, d, 'playerDays');
    const risk = riskCondition(COLS);
    const count = (cond: string) => `COALESCE(SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;
    const branches = days.map((day) =>
      [
        `SELECT ${[
          `${intLiteral(day)} AS day_start_ms`,
          ...g.columns,
          'COUNT(*) AS players',
          `${count(`s_recent > 0 AND NOT ${risk}`)} AS active`,
          `${count(`s_recent > 0 AND ${risk}`)} AS at_risk`,
          `${count('s_recent = 0')} AS lapsed`,
        ].join(', ')}`,
        `FROM (\n  ${perPlayer(q, p, d, 'playerDays', day + DAY_MS, g, []).join('\n  ')}\n) c`,
        groupBy(g.columns),
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return q.build(
      [d.unionAll(branches, ['day_start_ms', ...g.order])],
      ['day_start_ms', ...g.columns, 'players', 'active', 'at_risk', 'lapsed'],
    );
  },
  finish(rows, columns, p) {
    if (columns.includes(PASS_DAY_COLUMN)) {
      const by = p.by.map((dim) => DIMENSION_COLUMNS[dim]);
      return {
        rows: finishChurnRisk(unpivotChurnDays(rows, by, p.toMs), p),
        columns: ['day_start_ms', ...by, 'players', 'active', 'at_risk', 'lapsed'],
      };
    }
    return { rows: finishChurnRisk(rows, p), columns };
  },
};

/**
 * Both engines' rows alike: counts as numbers, groups without players dropped (an
 * aggregate over no rows is one row on one engine and none on the other), and without
 * group-by dimensions one row per day, zeros included.
 */
export function finishChurnRisk(rows: Row[], p: ResolvedKpiParams): Row[] {
  const num = (v: unknown) => Number(v ?? 0);
  const out: Row[] = rows
    .map((r) => ({ ...r, players: num(r.players), active: num(r.active), at_risk: num(r.at_risk), lapsed: num(r.lapsed) }))
    .filter((r) => r.players > 0);
  if (p.by.length === 0) {
    const have = new Set(out.map((r) => r.day_start_ms));
    for (let day = Math.floor(p.fromMs / DAY_MS) * DAY_MS; day < p.toMs; day += DAY_MS)
      if (!have.has(day)) out.push({ day_start_ms: day, players: 0, active: 0, at_risk: 0, lapsed: 0 });
  }
  const keys = ['day_start_ms', ...p.by.map((dim) => (dim === 'game' ? 'game_id' : dim))];
  return out.sort((a, b) => {
    for (const k of keys) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
    return 0;
  });
}

export const AT_RISK_PLAYER_COLUMNS = [
  'player_id',
  'segment',
  'reasons',
  'last_session_day_ms',
  'sessions_7d',
  'weekly_baseline_sessions',
  'purchases_7d',
  'lifetime_purchases',
];

export const atRiskPlayers: KpiDefinition = {
  name: 'at_risk_players',
  description:
    'The players churn_risk flags as of asOf (default now): at_risk first, then lapsed; within a segment by lifetime purchases ' +
    '(descending), then player id — a stable order for paging with limit and offset. Per player: segment, reasons ' +
    `(${CHURN_REASONS.sessionsDown}, ${CHURN_REASONS.spendStopped}, no_session_<lapsedDays>d), UTC day of the last session, sessions in the last 7 days, ` +
    'average weekly sessions over the 3 weeks before, purchases in the last 7 days and lifetime purchases (up to asOf). ' +
    'Filters select rows (a player on two platforms filtered to one is scored on that one). format=csv on the query API exports it.',
  params: ['game', 'platform', 'country', 'build', 'variant', 'limit', 'offset', 'asOf', 'lapsedDays'],
  granularities: ['all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const T = p.asOfMs;
    // Whole days at both ends: Druid's day-grain player rows answer; else the minute rows.
    const table: TableName = T % DAY_MS === 0 ? 'playerDays' : 'players';
    const s = scoreSums(d, T, p.lapsedDays);
    const rank = `CASE WHEN ${s.sRecent} = 0 THEN ${RANK.lapsed} WHEN ${riskCondition(s)} THEN ${RANK.at_risk} ELSE ${RANK.active} END`;
    const inner = perPlayer(
      q,
      p,
      d,
      table,
      T,
      { select: [], group: [], order: [], columns: [] },
      [
        `MAX(CASE WHEN sessions > 0 THEN ${d.bucketStartMs('day')} END) AS last_session_day_ms`,
        'SUM(purchases) AS lifetime_purchases',
        `${rank} AS segment_rank`,
      ],
      0,
    );
    return q.build(
      [
        ...inner.slice(0, -1),
        `${inner.at(-1)!} AND ${rank} > ${RANK.active}`,
        'ORDER BY segment_rank, lifetime_purchases DESC, player_id',
        `LIMIT ${intLiteral(p.limit)}`,
        p.offset > 0 && `OFFSET ${intLiteral(p.offset)}`,
      ],
      ['player_id', 's_week', 's_base', 's_recent', 'p_week', 'p_base', 'last_session_day_ms', 'lifetime_purchases', 'segment_rank'],
    );
  },
  finish(rows, _columns, p) {
    return { rows: rows.map((r) => atRiskRow(r, p.lapsedDays)), columns: AT_RISK_PLAYER_COLUMNS };
  },
};

/** One list row from the per-player sums: segment and reasons spelled out. */
export function atRiskRow(r: Row, lapsedDays: number): Row {
  const n = (k: string) => Number(r[k] ?? 0);
  const segment = SEGMENT_OF_RANK[n('segment_rank')]!;
  const reasons: string[] = [];
  if (segment === 'lapsed') reasons.push(CHURN_REASONS.lapsed(lapsedDays));
  else {
    if (2 * CHURN_BASELINE_WEEKS * n('s_week') < n('s_base')) reasons.push(CHURN_REASONS.sessionsDown);
    if (n('p_base') > 0 && n('p_week') === 0) reasons.push(CHURN_REASONS.spendStopped);
  }
  return {
    player_id: r.player_id!,
    segment,
    reasons: reasons.join(';'),
    last_session_day_ms: r.last_session_day_ms === null || r.last_session_day_ms === undefined ? null : n('last_session_day_ms'),
    sessions_7d: n('s_week'),
    weekly_baseline_sessions: n('s_base') / CHURN_BASELINE_WEEKS,
    purchases_7d: n('p_week'),
    lifetime_purchases: n('lifetime_purchases'),
  };
}
