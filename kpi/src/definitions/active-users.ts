import { AnalyticsError } from '@gamepulse/store';
import { DAY_MS, QueryBuilder, dims, groupBy, intLiteral, ratio } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

/** Trailing windows, in days including the day itself. */
export const WAU_DAYS = 7;
export const MAU_DAYS = 30;
/** Days one request may cover: each is one branch of a UNION ALL. */
export const MAX_ACTIVE_USER_DAYS = 92;

export const activeUsers: KpiDefinition = {
  name: 'active_users',
  description:
    `Per UTC day: DAU (distinct players that day), WAU and MAU (distinct players over the trailing ${WAU_DAYS} and ${MAU_DAYS} days ending that day) ` +
    'and stickiness = DAU / MAU. Days are those starting in the range; each is counted whole.',
  params: SLICE_PARAMS,
  granularities: ['day'],
  render(p, d) {
    const firstDay = Math.floor(p.fromMs / DAY_MS) * DAY_MS;
    const days: number[] = [];
    for (let day = firstDay; day < p.toMs; day += DAY_MS) days.push(day);
    if (days.length > MAX_ACTIVE_USER_DAYS) {
      throw new AnalyticsError(
        'GP_QUERY_BAD_PARAM',
        `active_users covers at most ${MAX_ACTIVE_USER_DAYS} days; the range has ${days.length}`,
        {
          context: { param: 'from', days: days.length },
        },
      );
    }
    const q = new QueryBuilder(d);
    const g = dims(p, d, 'playerDays');
    const t = d.timeColumn;
    // Whole days only, so the day-grain sketches answer (Druid: gamepulse_player_days).
    const branches = days.map((day) => {
      const dau = d.uniquePlayers(`${t} >= ${d.timeLiteral(day)}`);
      const wau = d.uniquePlayers(`${t} >= ${d.timeLiteral(day - (WAU_DAYS - 1) * DAY_MS)}`);
      const mau = d.uniquePlayers();
      return [
        `SELECT ${[`${intLiteral(day)} AS day_start_ms`, ...g.select, `${dau} AS dau`, `${wau} AS wau`, `${mau} AS mau`, `${ratio(dau, mau)} AS stickiness`].join(', ')}`,
        `FROM ${d.table('playerDays')}`,
        q.where(p, [], { table: 'playerDays', fromMs: day - (MAU_DAYS - 1) * DAY_MS, toMs: day + DAY_MS }),
        groupBy(g.group),
      ]
        .filter(Boolean)
        .join('\n');
    });
    return q.build([d.unionAll(branches, ['day_start_ms', ...g.order])], ['day_start_ms', ...g.columns, 'dau', 'wau', 'mau', 'stickiness']);
  },
};
