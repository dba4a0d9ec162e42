/**
 * feature_adoption: per feature, the share of the bucket's active players who used it
 * (kpi/README.md, "Metric definitions"). Uses and adopters come from the per-player step
 * facts (`PlayerStep`: one row per window, dimensions, player, assignment set and step
 * key; a `feature_use` event's key is event type 'feature_use', action '', item = the
 * feature): uses = SUM(events), adopters = distinct players. Active players come from
 * the player rows of the same bucket and dimensions. The two grouped subqueries are
 * joined under an outer GROUP BY, the shape of per-player-activity.ts (one row per side
 * and key, so the outer aggregates each read one value).
 *
 * Adopters are `d.uniquePlayers()` over the step facts' `player_id` (a plain dimension in
 * the Druid steps datasource): a Druid dialect whose `playerColumn` names a sketch column
 * of the player datasources would need the raw column here.
 *
 * Step facts carry no region or sub-region: both follow from the country (UN M49), so
 * here they are a CASE over the country with the processor's table (@gamepulse/proto
 * regions), the same value the rollup and player rows are stamped with.
 */
import { REGION_COUNTRIES, regionOf } from '@gamepulse/proto';
import type { Dialect } from '../dialect.ts';
import { QueryBuilder, bucket, concat, dims, literal, playersTable, ratio } from '../sql.ts';
import type { KpiDefinition, KpiQuery, ResolvedKpiParams } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { activePlayersQuery } from './per-player-activity.ts';

/** `region` or `subregion` of a row's country as SQL: '' for a country the table does not know. */
function regionOfCountry(d: Dialect, which: 'region' | 'subregion'): string {
  const whens = REGION_COUNTRIES.map((c) => `WHEN ${literal(c)} THEN ${literal(regionOf(c)[which])}`);
  return `(CASE ${d.dimension('country')} ${whens.join(' ')} ELSE '' END)`;
}

export function renderFeatureAdoption(p: ResolvedKpiParams, d: Dialect): KpiQuery {
  const q = new QueryBuilder(d);
  const table = playersTable(p.fromMs, p.toMs, p.granularity);
  const players = concat(bucket(p, d), dims(p, d, table));
  // Step facts: region and sub-region from the country, every other dimension its column.
  const stepDims = dims(p, d, 'steps');
  p.by.forEach((dim, i) => {
    if (dim !== 'region' && dim !== 'subregion') return;
    stepDims.select[i] = `${regionOfCountry(d, dim)} AS ${dim}`;
    stepDims.group[i] = regionOfCountry(d, dim);
  });
  const steps = concat(bucket(p, d), stepDims);
  const keys = players.columns.length > 0 ? players.columns : ['k'];
  const constKey = players.columns.length > 0 ? [] : ['0 AS k'];
  const stepFilter = { ...p, region: undefined, subregion: undefined };
  // Steps first: its WHERE binds parameters before the player subquery's, in text order.
  const right = [
    `SELECT ${[...constKey, ...steps.select, 'item AS feature', 'SUM(events) AS uses', `${d.uniquePlayers()} AS adopters`].join(', ')}`,
    `FROM ${d.table('steps')}`,
    q.where(
      stepFilter,
      () => [
        `event_type = ${literal('feature_use')}`,
        ...(p.region !== undefined ? [`${regionOfCountry(d, 'region')} = ${q.param(p.region)}`] : []),
        ...(p.subregion !== undefined ? [`${regionOfCountry(d, 'subregion')} = ${q.param(p.subregion)}`] : []),
      ],
      { table: 'steps' },
    ),
    `GROUP BY ${[...steps.group, 'item'].join(', ')}`,
  ].join('\n  ');
  const left = activePlayersQuery(p, d, q, table, players, constKey);
  const uses = 'SUM(r.uses)';
  const adopters = 'MAX(r.adopters)';
  const active = 'MAX(a.players)';
  const columns = [...players.columns, 'feature', 'uses', 'players', 'uses_per_player', 'adopters', 'adoption'];
  return q.build(
    [
      `SELECT ${[
        ...players.columns.map((c) => `r.${c} AS ${c}`),
        'r.feature AS feature',
        `${uses} AS uses`,
        `${active} AS players`,
        `${ratio(uses, active)} AS uses_per_player`,
        `${adopters} AS adopters`,
        `${ratio(adopters, active)} AS adoption`,
      ].join(', ')}`,
      `FROM (\n  ${right}\n) r`,
      `INNER JOIN (\n  ${left}\n) a ON ${keys.map((k) => `a.${k} = r.${k}`).join(' AND ')}`,
      `GROUP BY ${[...players.columns.map((c) => `r.${c}`), 'r.feature'].join(', ')}`,
      `ORDER BY ${[...players.columns, 'feature'].join(', ')}`,
    ],
    columns,
  );
}

export const featureAdoption: KpiDefinition = {
  name: 'feature_adoption',
  description:
    'Feature adoption per feature: uses (feature_use events), the active players of the bucket (DAU at day granularity), uses per active ' +
    'player, adopters (distinct players with a feature_use of the feature in the bucket) and adoption = adopters / active players. ' +
    'Distinct counts are exact on DuckDB and HLL estimates on Druid.',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['day', 'hour', 'all', 'minute'],
  render: renderFeatureAdoption,
};
