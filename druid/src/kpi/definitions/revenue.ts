import { QueryBuilder, bucket, groupBy, literal, orderBy } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';

export const revenue: KpiDefinition = {
  name: 'revenue',
  description: 'Purchases and revenue per currency (ISO code, amounts in minor units: cents), per time bucket.',
  params: ['game', 'from', 'to', 'granularity', 'platform', 'country', 'build'],
  granularities: ['hour', 'minute', 'day', 'all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const b = bucket(p, d);
    return q.build(
      [
        `SELECT ${[...b.select, 'currency', 'SUM(events) AS purchases', 'SUM(amount) AS amount_minor'].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [`event_type = ${literal('purchase')}`]),
        groupBy([...b.group, 'currency']),
        orderBy([...b.order, 'currency']),
      ],
      [...b.columns, 'currency', 'purchases', 'amount_minor'],
    );
  },
};
