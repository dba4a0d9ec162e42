/**
 * The shape of the engagement KPIs that divide event counts by active players (ads,
 * social_actions, feature_adoption): a rollup subquery counting one event type per
 * bucket, dimensions and one sub-dimension (`item` or `action`), JOINed with a
 * player subquery counting distinct players of the same bucket and dimensions, under
 * an outer GROUP BY — the shape Druid plans as a join of two grouped subqueries (see
 * monetization.ts). An inner join: a group with events always has the players who
 * sent them.
 */
import type { Dialect } from '../dialect.ts';
import { QueryBuilder, bucket, concat, dims, literal, playersTable, ratio, sumWhen } from '../sql.ts';
import type { KpiQuery, ResolvedKpiParams } from '../types.ts';

export interface ActivityCount {
  /** Result column. */
  column: string;
  /** Only events whose `action` is this; all events of the type when absent. */
  action?: string;
}

export interface PerPlayerActivity {
  eventType: string;
  /** The sub-dimension the rows are per: `item` (ad type:placement, feature) or `action` (social action). */
  key: 'item' | 'action';
  /** Its name in the result. */
  keyColumn: string;
  counts: readonly ActivityCount[];
  /** `<count>_per_player` columns: count / players. */
  perPlayer: readonly string[];
  /** Further columns computed from the outer row (SQL over `counts` sums and `players`), after the per-player ones. */
  extra?: ReadonlyArray<{ column: string; sql: (sums: Record<string, string>, players: string) => string }>;
}

/**
 * The player side of the join: distinct active players per bucket and dimensions (`players`,
 * from `concat(bucket, dims)` over the player table), or per constant key `k` when there
 * are none (`constKey`).
 */
export function activePlayersQuery(
  p: ResolvedKpiParams,
  d: Dialect,
  q: QueryBuilder,
  table: ReturnType<typeof playersTable>,
  players: { select: readonly string[]; group: readonly string[] },
  constKey: readonly string[],
): string {
  return [
    `SELECT ${[...constKey, ...players.select, `${d.uniquePlayers()} AS players`].join(', ')}`,
    `FROM ${d.table(table)}`,
    q.where(p, [], { table }),
    players.group.length ? `GROUP BY ${players.group.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n  ');
}

export function renderPerPlayerActivity(p: ResolvedKpiParams, d: Dialect, spec: PerPlayerActivity): KpiQuery {
  const q = new QueryBuilder(d);
  const table = playersTable(p.fromMs, p.toMs, p.granularity);
  const players = concat(bucket(p, d), dims(p, d, table));
  const events = concat(bucket(p, d), dims(p, d, 'rollups'));
  const keys = players.columns.length > 0 ? players.columns : ['k'];
  const constKey = players.columns.length > 0 ? [] : ['0 AS k'];
  const counts = spec.counts.map((c) =>
    c.action === undefined ? `SUM(events) AS ${c.column}` : `${sumWhen(`action = ${literal(c.action)}`, 'events')} AS ${c.column}`,
  );
  // Rollups first: its WHERE binds parameters before the player subquery's, in text order.
  const right = [
    `SELECT ${[...constKey, ...events.select, `${spec.key} AS activity_key`, ...counts].join(', ')}`,
    `FROM ${d.table('rollups')}`,
    q.where(p, [`event_type = ${literal(spec.eventType)}`]),
    `GROUP BY ${[...events.group, spec.key].join(', ')}`,
  ].join('\n  ');
  const left = activePlayersQuery(p, d, q, table, players, constKey);
  const count = 'MAX(a.players)';
  const sums: Record<string, string> = {};
  for (const c of spec.counts) sums[c.column] = `SUM(r.${c.column})`;
  return q.build(
    [
      `SELECT ${[
        ...players.columns.map((c) => `r.${c} AS ${c}`),
        `r.activity_key AS ${spec.keyColumn}`,
        ...spec.counts.map((c) => `${sums[c.column]} AS ${c.column}`),
        `${count} AS players`,
        ...spec.perPlayer.map((c) => `${ratio(sums[c]!, count)} AS ${c}_per_player`),
        ...(spec.extra ?? []).map((x) => `${x.sql(sums, count)} AS ${x.column}`),
      ].join(', ')}`,
      `FROM (\n  ${right}\n) r`,
      `INNER JOIN (\n  ${left}\n) a ON ${keys.map((k) => `a.${k} = r.${k}`).join(' AND ')}`,
      `GROUP BY ${[...players.columns.map((c) => `r.${c}`), 'r.activity_key'].join(', ')}`,
      `ORDER BY ${[...players.columns, spec.keyColumn].join(', ')}`,
    ],
    [
      ...players.columns,
      spec.keyColumn,
      ...spec.counts.map((c) => c.column),
      'players',
      ...spec.perPlayer.map((c) => `${c}_per_player`),
      ...(spec.extra ?? []).map((x) => x.column),
    ],
  );
}
