import { QueryBuilder, bucket, groupBy, literal, orderBy } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';

export const economy: KpiDefinition = {
  name: 'economy',
  description: 'Virtual-currency flow per currency: amounts earned (source), spent (sink) and the net, per time bucket or in total.',
  params: ['game', 'from', 'to', 'granularity', 'platform', 'country', 'build'],
  granularities: ['all', 'minute', 'hour', 'day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const b = bucket(p, d);
    const source = `SUM(CASE WHEN action = ${literal('source')} THEN amount ELSE 0 END)`;
    const sink = `SUM(CASE WHEN action = ${literal('sink')} THEN amount ELSE 0 END)`;
    return q.build(
      [
        `SELECT ${[...b.select, 'currency', `${source} AS source_amount`, `${sink} AS sink_amount`, `${source} - ${sink} AS net_amount`].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [`event_type = ${literal('resource')}`]),
        groupBy([...b.group, 'currency']),
        orderBy([...b.order, 'currency']),
      ],
      [...b.columns, 'currency', 'source_amount', 'sink_amount', 'net_amount'],
    );
  },
};
