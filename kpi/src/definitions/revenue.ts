import { QueryBuilder, bucket, concat, dims, groupBy, literal, orderBy } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

export const revenue: KpiDefinition = {
  name: 'revenue',
  description: 'Purchases and revenue per currency (ISO code, amounts in minor units: cents), per time bucket.',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['hour', 'minute', 'day', 'all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = concat(bucket(p, d), dims(p, d, 'rollups'));
    return q.build(
      [
        `SELECT ${[...g.select, 'currency', 'SUM(events) AS purchases', 'SUM(amount) AS amount_minor'].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [`event_type = ${literal('purchase')}`]),
        groupBy([...g.group, 'currency']),
        orderBy([...g.order, 'currency']),
      ],
      [...g.columns, 'currency', 'purchases', 'amount_minor'],
    );
  },
};
