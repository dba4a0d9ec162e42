import { QueryBuilder, dims, literal, ratio, sumWhen } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

const count = (action: string) => sumWhen(`action = ${literal(action)}`, 'events');

export const progressionFunnel: KpiDefinition = {
  name: 'progression_funnel',
  description:
    'Progression steps with starts, completes and fails, fail rate = fails / starts and completion rate = completes / starts; ' +
    'most-started first (the funnel order: fewer players reach later steps), top N.',
  params: [...SLICE_PARAMS, 'limit'],
  granularities: ['all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = dims(p, d, 'rollups');
    return q.build(
      [
        `SELECT ${[
          ...g.select,
          'item',
          `${count('start')} AS starts`,
          `${count('complete')} AS completes`,
          `${count('fail')} AS fails`,
          `${ratio(count('fail'), count('start'))} AS fail_rate`,
          `${ratio(count('complete'), count('start'))} AS completion_rate`,
        ].join(',\n  ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [`event_type = ${literal('progression')}`]),
        `GROUP BY ${[...g.group, 'item'].join(', ')}`,
        `ORDER BY ${['starts DESC', 'item', ...g.order].join(', ')}`,
        `LIMIT ${Math.trunc(p.limit)}`,
      ],
      [...g.columns, 'item', 'starts', 'completes', 'fails', 'fail_rate', 'completion_rate'],
    );
  },
};
