import { QueryBuilder, bucket, concat, dims, groupBy, orderBy, playersTable, ratio } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

export const payerConversion: KpiDefinition = {
  name: 'payer_conversion',
  description: 'Active players, paying players (at least one purchase) and conversion = payers / players, per bucket or in total.',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['all', 'day', 'hour'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const table = playersTable(p.fromMs, p.toMs, p.granularity);
    const g = concat(bucket(p, d), dims(p, d, table));
    return q.build(
      [
        `SELECT ${[...g.select, `${d.uniquePlayers()} AS players`, `${d.uniquePayers()} AS payers`, `${ratio(d.uniquePayers(), d.uniquePlayers())} AS conversion`].join(', ')}`,
        `FROM ${d.table(table)}`,
        q.where(p, [], { table }),
        groupBy(g.group),
        orderBy(g.order),
      ],
      [...g.columns, 'players', 'payers', 'conversion'],
    );
  },
};
