/**
 * Revenue in each game's reporting currency: purchases converted by the processor at
 * fold time with the rate of the event's UTC day, rounded per event (`revenue_reporting_minor`,
 * processor/README.md "Reporting currency"). `revenue` keeps the original currencies.
 *
 * `revenue_reporting` groups by `reporting_currency`, so games reporting in different
 * currencies never add up. ARPDAU and ARPPU read the player tables, which carry the
 * converted amount but not the currency: filter `game=` (or `by=game`) when games
 * report in different currencies.
 */
import { QueryBuilder, bucket, concat, dims, groupBy, literal, orderBy, playersTable, ratio } from '../sql.ts';
import type { Dialect } from '../dialect.ts';
import type { KpiDefinition, KpiQuery, ResolvedKpiParams } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

export const revenueReporting: KpiDefinition = {
  name: 'revenue_reporting',
  description:
    "Purchases and revenue in the game's reporting currency (minor units; each purchase converted with its UTC day's exchange rate, rounded per purchase), per time bucket and reporting currency.",
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['hour', 'minute', 'day', 'all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = concat(bucket(p, d), dims(p, d, 'rollups'));
    const cur = d.dimension('reporting_currency');
    return q.build(
      [
        `SELECT ${[...g.select, `${cur} AS reporting_currency`, 'SUM(events) AS purchases', 'SUM(revenue_reporting_minor) AS revenue_reporting_minor'].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [`event_type = ${literal('purchase')}`]),
        groupBy([...g.group, cur]),
        orderBy([...g.order, 'reporting_currency']),
      ],
      [...g.columns, 'reporting_currency', 'purchases', 'revenue_reporting_minor'],
    );
  },
};

/** Players (or payers) and their revenue in the reporting currency from the player tables, and the ratio. */
function perPlayerReporting(
  p: ResolvedKpiParams,
  d: Dialect,
  spec: { bucketColumn: string; countColumn: string; count: string; ratioColumn: string },
): KpiQuery {
  const q = new QueryBuilder(d);
  const table = playersTable(p.fromMs, p.toMs, p.granularity);
  const g = concat(bucket(p, d, spec.bucketColumn), dims(p, d, table));
  const revenue = 'COALESCE(SUM(revenue_reporting_minor), 0)';
  return q.build(
    [
      `SELECT ${[...g.select, `${spec.count} AS ${spec.countColumn}`, `${revenue} AS revenue_reporting_minor`, `${ratio(revenue, spec.count)} AS ${spec.ratioColumn}`].join(', ')}`,
      `FROM ${d.table(table)}`,
      q.where(p, [], { table }),
      groupBy(g.group),
      orderBy(g.order),
    ],
    [...g.columns, spec.countColumn, 'revenue_reporting_minor', spec.ratioColumn],
  );
}

export const arpdauReporting: KpiDefinition = {
  name: 'arpdau_reporting',
  description:
    'Average revenue per daily active user in the reporting currency, per UTC day: revenue_reporting_minor of the day / DAU (filter game= when games report in different currencies).',
  params: SLICE_PARAMS,
  granularities: ['day'],
  render: (p, d) =>
    perPlayerReporting(p, d, {
      bucketColumn: 'day_start_ms',
      countColumn: 'dau',
      count: d.uniquePlayers(),
      ratioColumn: 'arpdau_reporting_minor',
    }),
};

export const arppuReporting: KpiDefinition = {
  name: 'arppu_reporting',
  description:
    'Average revenue per paying user in the reporting currency, per UTC day or in total: revenue_reporting_minor / distinct players with a purchase (filter game= when games report in different currencies).',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['all', 'day'],
  render: (p, d) =>
    perPlayerReporting(p, d, {
      bucketColumn: 'bucket_start_ms',
      countColumn: 'payers',
      count: d.uniquePayers(),
      ratioColumn: 'arppu_reporting_minor',
    }),
};
