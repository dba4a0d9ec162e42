import { QueryBuilder, bucketAt, concat, dims, groupBy, orderBy, playersTable } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

export const dau: KpiDefinition = {
  name: 'dau',
  description: 'Daily active users: distinct players per UTC day (a day cut by the range counts only its windows inside it).',
  params: SLICE_PARAMS,
  granularities: ['day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const table = playersTable(p.fromMs, p.toMs, 'day');
    const g = concat(bucketAt('day', d, 'day_start_ms'), dims(p, d, table));
    return q.build(
      [
        `SELECT ${[...g.select, `${d.uniquePlayers()} AS players`].join(', ')}`,
        `FROM ${d.table(table)}`,
        q.where(p, [], { table }),
        groupBy(g.group),
        orderBy(g.order),
      ],
      [...g.columns, 'players'],
    );
  },
};
