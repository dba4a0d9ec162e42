import { QueryBuilder, literal } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';

export const topProgressionFails: KpiDefinition = {
  name: 'top_progression_fails',
  description: "Progression steps ('world:level:stage') players fail most: progression events with status fail, top N.",
  params: ['game', 'from', 'to', 'platform', 'country', 'build', 'variant', 'limit'],
  granularities: ['all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    return q.build(
      [
        'SELECT item, SUM(events) AS fails',
        `FROM ${d.table('rollups')}`,
        q.where(p, [`event_type = ${literal('progression')}`, `action = ${literal('fail')}`]),
        'GROUP BY item',
        // item breaks ties so equal counts come back in a stable order.
        'ORDER BY fails DESC, item',
        // An integer validated by resolveKpiParams: inlined, as Druid wants a literal LIMIT.
        `LIMIT ${Math.trunc(p.limit)}`,
      ],
      ['item', 'fails'],
    );
  },
};
