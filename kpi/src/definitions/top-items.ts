import { QueryBuilder, literal } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';

export const topItems: KpiDefinition = {
  name: 'top_items',
  description:
    'Top N purchased items (item type) per currency by revenue: purchases and revenue in minor units of the original currency, ' +
    'ordered by revenue, then purchases. Amounts in different currencies are not converted (no reporting currency yet): compare within a currency.',
  params: ['game', 'from', 'to', 'platform', 'country', 'build', 'variant', 'region', 'subregion', 'limit'],
  granularities: ['all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    return q.build(
      [
        'SELECT currency, item, SUM(events) AS purchases, SUM(amount) AS revenue_minor',
        `FROM ${d.table('rollups')}`,
        q.where(p, [`event_type = ${literal('purchase')}`]),
        'GROUP BY currency, item',
        // currency and item break ties so equal sums come back in a stable order.
        'ORDER BY revenue_minor DESC, purchases DESC, currency, item',
        // An integer validated by resolveKpiParams: inlined, as Druid wants a literal LIMIT.
        `LIMIT ${Math.trunc(p.limit)}`,
      ],
      ['currency', 'item', 'purchases', 'revenue_minor'],
    );
  },
};
