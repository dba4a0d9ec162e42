import { QueryBuilder, TRACKED_EVENTS, bucket, concat, dims, groupBy, orderBy } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

export const eventsByType: KpiDefinition = {
  name: 'events_by_type',
  description: 'Events per event type (session_start, progression, purchase, …), per time bucket or in total (most first).',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['all', 'minute', 'hour', 'day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = concat(bucket(p, d), dims(p, d, 'rollups'));
    return q.build(
      [
        `SELECT ${[...g.select, 'event_type', 'SUM(events) AS events'].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [TRACKED_EVENTS]),
        groupBy([...g.group, 'event_type']),
        orderBy(p.granularity === 'all' && p.by.length === 0 ? ['events DESC', 'event_type'] : [...g.order, 'event_type']),
      ],
      [...g.columns, 'event_type', 'events'],
    );
  },
};
