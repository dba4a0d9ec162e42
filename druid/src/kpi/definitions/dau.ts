import { QueryBuilder } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';

export const dau: KpiDefinition = {
  name: 'dau',
  description: 'Daily active users: distinct players per UTC day (a day cut by the range counts only its windows inside it).',
  params: ['game', 'from', 'to', 'platform', 'country', 'build'],
  granularities: ['day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const day = d.bucketStartMs('day');
    return q.build(
      [
        `SELECT ${day} AS day_start_ms, ${d.uniquePlayers()} AS players`,
        `FROM ${d.table('players')}`,
        q.where(p),
        `GROUP BY ${day}`,
        'ORDER BY day_start_ms',
      ],
      ['day_start_ms', 'players'],
    );
  },
};
