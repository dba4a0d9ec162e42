import { QueryBuilder, bucket, concat, dims, groupBy, literal, orderBy, sumWhen } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

export const economy: KpiDefinition = {
  name: 'economy',
  description: 'Virtual-currency flow per currency: amounts earned (source), spent (sink) and the net flow, per time bucket or in total.',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['all', 'minute', 'hour', 'day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = concat(bucket(p, d), dims(p, d, 'rollups'));
    const source = sumWhen(`action = ${literal('source')}`, 'amount');
    const sink = sumWhen(`action = ${literal('sink')}`, 'amount');
    return q.build(
      [
        `SELECT ${[...g.select, 'currency', `${source} AS source_amount`, `${sink} AS sink_amount`, `${source} - ${sink} AS net_amount`].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [`event_type = ${literal('resource')}`]),
        groupBy([...g.group, 'currency']),
        orderBy([...g.order, 'currency']),
      ],
      [...g.columns, 'currency', 'source_amount', 'sink_amount', 'net_amount'],
    );
  },
};
