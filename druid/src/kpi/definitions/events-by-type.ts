import { QueryBuilder, bucket, groupBy, orderBy } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';

export const eventsByType: KpiDefinition = {
  name: 'events_by_type',
  description: 'Events per event type (session_start, progression, purchase, …), per time bucket or in total (most first).',
  params: ['game', 'from', 'to', 'granularity', 'platform', 'country', 'build'],
  granularities: ['all', 'minute', 'hour', 'day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const b = bucket(p, d);
    return q.build(
      [
        `SELECT ${[...b.select, 'event_type', 'SUM(events) AS events'].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p),
        groupBy([...b.group, 'event_type']),
        orderBy(p.granularity === 'all' ? ['events DESC', 'event_type'] : [...b.order, 'event_type']),
      ],
      [...b.columns, 'event_type', 'events'],
    );
  },
};
