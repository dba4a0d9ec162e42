import { QueryBuilder, TRACKED_EVENTS, bucket, concat, dims, groupBy, orderBy, ratio } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

export const lateEvents: KpiDefinition = {
  name: 'late_events',
  description:
    "Late data per event-time bucket: events, late events (older than their input partition's watermark — its largest event time minus " +
    'the allowed lateness — when the processor folded them; counted in their own bucket all the same) and late share = late / events.',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['hour', 'minute', 'day', 'all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = concat(bucket(p, d), dims(p, d, 'rollups'));
    // COALESCE: on Druid rows from before the column existed have NULL late_events.
    const late = 'COALESCE(SUM(late_events), 0)';
    return q.build(
      [
        `SELECT ${[...g.select, 'COALESCE(SUM(events), 0) AS events', `${late} AS late_events`, `${ratio(late, 'SUM(events)')} AS late_share`].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [TRACKED_EVENTS]),
        groupBy(g.group),
        orderBy(g.order),
      ],
      [...g.columns, 'events', 'late_events', 'late_share'],
    );
  },
};
