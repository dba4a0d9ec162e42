import { QueryBuilder, dims, groupBy, orderBy } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';

const MINUTE_MS = 60_000;
/** "Online" means seen in the current one-minute window or the four before it. */
export const ONLINE_WINDOWS = 5;

export const onlineNow: KpiDefinition = {
  name: 'online_now',
  description: `Distinct players seen in the last ${ONLINE_WINDOWS} minutes: the current one-minute window and the ${ONLINE_WINDOWS - 1} before it.`,
  params: ['game', 'platform', 'country', 'build', 'variant', 'by'],
  granularities: ['all'],
  rangeAt: (nowMs) => {
    const current = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
    return { fromMs: current - (ONLINE_WINDOWS - 1) * MINUTE_MS, toMs: current + MINUTE_MS };
  },
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = dims(p, d, 'players');
    return q.build(
      [
        `SELECT ${[...g.select, `${d.uniquePlayers()} AS players`].join(', ')}`,
        `FROM ${d.table('players')}`,
        q.where(p, [], { table: 'players' }),
        groupBy(g.group),
        orderBy(g.order),
      ],
      [...g.columns, 'players'],
    );
  },
};
