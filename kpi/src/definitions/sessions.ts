import { QueryBuilder, bucket, concat, dims, groupBy, literal, orderBy } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

const START = literal('session_start');
const END = literal('session_end');

export const sessions: KpiDefinition = {
  name: 'sessions',
  description:
    'Sessions started, sessions ended, their total length and average length in ms (session_end carries the length), per time bucket or in total.',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['all', 'minute', 'hour', 'day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = concat(bucket(p, d), dims(p, d, 'rollups'));
    const endedEvents = `SUM(CASE WHEN event_type = ${END} THEN events ELSE 0 END)`;
    const endedLength = `SUM(CASE WHEN event_type = ${END} THEN amount ELSE 0 END)`;
    return q.build(
      [
        `SELECT ${[
          ...g.select,
          `COALESCE(SUM(CASE WHEN event_type = ${START} THEN events ELSE 0 END), 0) AS sessions`,
          `COALESCE(${endedEvents}, 0) AS ended`,
          `COALESCE(${endedLength}, 0) AS total_length_ms`,
          // NULL, not 0, when no session ended: an unknown average, not a zero one.
          `CAST(${endedLength} AS DOUBLE) / NULLIF(${endedEvents}, 0) AS avg_length_ms`,
        ].join(',\n  ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [`event_type IN (${START}, ${END})`]),
        groupBy(g.group),
        orderBy(g.order),
      ],
      [...g.columns, 'sessions', 'ended', 'total_length_ms', 'avg_length_ms'],
    );
  },
};
