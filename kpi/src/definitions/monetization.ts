/**
 * Revenue per player: a player-side subquery (distinct players or payers from the
 * player table) LEFT JOINed with a revenue subquery (purchases from rollups, per
 * currency) on the bucket and group-by columns, under an outer GROUP BY — the shape
 * Druid plans as a join of two grouped subqueries (an outer plain scan of a join could
 * not be ordered there). Currency '' marks a bucket with players but no revenue.
 */
import type { Dialect } from '../dialect.ts';
import { QueryBuilder, bucket, concat, dims, literal, playersTable, ratio } from '../sql.ts';
import type { KpiQuery, ResolvedKpiParams } from '../types.ts';

export interface PerPlayerRevenue {
  /** Name of the player-count column (dau, payers). */
  playerColumn: string;
  /** Its aggregate over the player table. */
  playerCount: (d: Dialect) => string;
  /** Name of the ratio column (arpdau_minor, arppu_minor). */
  ratioColumn: string;
  /** The bucket column's name. */
  bucketColumn: string;
}

export function renderPerPlayerRevenue(p: ResolvedKpiParams, d: Dialect, spec: PerPlayerRevenue): KpiQuery {
  const q = new QueryBuilder(d);
  const table = playersTable(p.fromMs, p.toMs, p.granularity);
  const players = concat(bucket(p, d, spec.bucketColumn), dims(p, d, table));
  const rev = concat(bucket(p, d, spec.bucketColumn), dims(p, d, 'rollups'));
  // The join needs at least one key; with no bucket and no dimension a constant one.
  const keys = players.columns.length > 0 ? players.columns : ['k'];
  const constKey = players.columns.length > 0 ? [] : ['0 AS k'];
  const left = [
    `SELECT ${[...constKey, ...players.select, `${spec.playerCount(d)} AS ${spec.playerColumn}`].join(', ')}`,
    `FROM ${d.table(table)}`,
    q.where(p, [], { table }),
    players.group.length ? `GROUP BY ${players.group.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n  ');
  const right = [
    `SELECT ${[...constKey, ...rev.select, 'currency', 'SUM(amount) AS revenue_minor'].join(', ')}`,
    `FROM ${d.table('rollups')}`,
    q.where(p, [`event_type = ${literal('purchase')}`]),
    `GROUP BY ${[...rev.group, 'currency'].join(', ')}`,
  ].join('\n  ');
  const outerKeys = players.columns.map((c) => `a.${c}`);
  const revenue = 'COALESCE(SUM(r.revenue_minor), 0)';
  const count = `MAX(a.${spec.playerColumn})`;
  return q.build(
    [
      `SELECT ${[...players.columns.map((c) => `a.${c} AS ${c}`), `COALESCE(r.currency, '') AS currency`, `${count} AS ${spec.playerColumn}`, `${revenue} AS revenue_minor`, `${ratio(revenue, count)} AS ${spec.ratioColumn}`].join(', ')}`,
      `FROM (\n  ${left}\n) a`,
      `LEFT JOIN (\n  ${right}\n) r ON ${keys.map((k) => `a.${k} = r.${k}`).join(' AND ')}`,
      `GROUP BY ${[...outerKeys, `COALESCE(r.currency, '')`].join(', ')}`,
      `ORDER BY ${[...players.columns, 'currency'].join(', ')}`,
    ],
    [...players.columns, 'currency', spec.playerColumn, 'revenue_minor', spec.ratioColumn],
  );
}
