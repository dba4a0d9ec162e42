/**
 * Per-player lifecycle across every device and partition, derived in the store from the
 * player rows (processor/README.md, "Player state: derived in the store"): first the
 * rows per player and UTC day, then per player, so days active is a plain count (exact
 * on both engines). Paged with limit/offset in a stable order (game, player); with
 * `pagesPlayersFirst` (DuckDB) the page's players are chosen first and only their
 * history is read.
 */
import { QueryBuilder, intLiteral, playersTable } from '../sql.ts';
import type { Dialect } from '../dialect.ts';
import type { ResolvedKpiParams } from '../types.ts';
import type { KpiDefinition } from '../types.ts';

export const playerLifecycle: KpiDefinition = {
  name: 'player_lifecycle',
  description:
    'One row per player active in the range (paged: limit, offset; ordered by game, player), over all the player’s devices and history before `to`: ' +
    'first-seen day (cohort: first UTC day with any event), last seen (minute), days active, SDK sessions, gap sessions, purchases, first purchase day, ' +
    'furthest progression (max_progress: highest rank of a completed progression, tier numbers as t1·10^6 + t2·10^3 + t3) and the current experiment ' +
    "assignment (the variant of the player's latest assigned row, '' if never assigned).",
  params: ['game', 'from', 'to', 'limit', 'offset'],
  granularities: ['all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const t = d.timeColumn;
    const day = d.bucketStartMs('day');
    const minute = d.bucketStartMs('minute');
    // DuckDB: the page's players first, then the per-day rows of those players only.
    const page = d.pagesPlayersFirst ? lifecyclePage(p, d, q) : undefined;
    const where = [`${t} < ${d.timeLiteral(p.toMs)}`];
    if (p.game !== undefined) where.push(`game_id = ${q.param(p.game)}`);
    // The minute table: last seen and the latest assignment need minutes (Druid's day table has days only).
    const perDay = [
      `SELECT ${[
        'game_id',
        'player_id',
        `${day} AS day_ms`,
        `MAX(${minute}) AS last_ms`,
        'SUM(sessions) AS s',
        'SUM(gap_sessions) AS g',
        'SUM(purchases) AS pu',
        'MAX(max_progress) AS mp',
        // Ties within a minute (two exposures in it) go to the longer set: sets only grow
        // as experiments are added, and the added length (< 1 minute) never reorders minutes.
        `${d.latestBy('variant', `${minute} + CHARACTER_LENGTH(variant)`)} FILTER (WHERE variant <> '') AS v`,
      ].join(', ')}`,
      `FROM ${d.table('players')}${page ? ' SEMI JOIN page USING (game_id, player_id)' : ''}`,
      `WHERE ${where.join(' AND ')}`,
      `GROUP BY game_id, player_id, ${day}`,
    ].join('\n  ');
    return q.build(
      [
        page !== undefined && `WITH page AS (\n  ${page}\n)`,
        `SELECT ${[
          'game_id',
          'player_id',
          'MIN(day_ms) AS first_seen_day_ms',
          'MAX(last_ms) AS last_seen_ms',
          'COUNT(*) AS days_active',
          'SUM(s) AS sdk_sessions',
          'SUM(g) AS gap_sessions',
          'SUM(pu) AS purchases',
          'MIN(CASE WHEN pu > 0 THEN day_ms END) AS first_purchase_day_ms',
          'MAX(mp) AS max_progress',
          `COALESCE(${d.latestBy('v', 'day_ms')} FILTER (WHERE v <> ''), '') AS variant`,
        ].join(',\n  ')}`,
        `FROM (\n  ${perDay}\n) pd`,
        'GROUP BY game_id, player_id',
        `HAVING MAX(last_ms) >= ${intLiteral(p.fromMs)}`,
        'ORDER BY game_id, player_id',
        page === undefined && `LIMIT ${intLiteral(p.limit)}`,
        page === undefined && p.offset > 0 && `OFFSET ${intLiteral(p.offset)}`,
      ],
      [
        'game_id',
        'player_id',
        'first_seen_day_ms',
        'last_seen_ms',
        'days_active',
        'sdk_sessions',
        'gap_sessions',
        'purchases',
        'first_purchase_day_ms',
        'max_progress',
        'variant',
      ],
    );
  },
};

/**
 * The page's (game, player)s: those with a row in [from, to), in (game, player) order,
 * `limit` of them from `offset` — a row's minute at or after `from` being what the full
 * form's HAVING asks. Whole days read the day table (a day row exists exactly when a
 * minute row of that day does), else the minute table.
 */
function lifecyclePage(p: ResolvedKpiParams, d: Dialect, q: QueryBuilder): string {
  const table = playersTable(p.fromMs, p.toMs, 'day');
  const t = d.timeColumn;
  // The KPI's filters are game= and the range only (not the other slice parameters).
  const where = [`${t} >= ${d.timeLiteral(p.fromMs)}`, `${t} < ${d.timeLiteral(p.toMs)}`];
  if (table === 'players') where.push(`${d.bucketStartMs('minute')} >= ${intLiteral(p.fromMs)}`);
  if (p.game !== undefined) where.push(`game_id = ${q.param(p.game)}`);
  return [
    `SELECT game_id, player_id FROM ${d.table(table)}`,
    `WHERE ${where.join(' AND ')}`,
    'GROUP BY game_id, player_id',
    'ORDER BY game_id, player_id',
    `LIMIT ${intLiteral(p.limit)}`,
    p.offset > 0 && `OFFSET ${intLiteral(p.offset)}`,
  ]
    .filter(Boolean)
    .join('\n  ');
}
