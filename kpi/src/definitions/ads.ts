import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { renderPerPlayerActivity } from './per-player-activity.ts';
import { ratio } from '../sql.ts';

export const ads: KpiDefinition = {
  name: 'ads',
  description:
    "Ad events per ad ('ad_type:placement', or the ad type when the game names no placement): impressions (action show), clicks, " +
    'failed shows, rewarded completions (reward_received), the active players of the bucket (DAU at day granularity; HLL estimate on Druid), ' +
    'impressions and rewarded completions per active player, and click rate = clicks / impressions.',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['day', 'hour', 'minute', 'all'],
  render: (p, d) =>
    renderPerPlayerActivity(p, d, {
      eventType: 'ad',
      key: 'item',
      keyColumn: 'ad',
      counts: [
        { column: 'impressions', action: 'show' },
        { column: 'clicks', action: 'click' },
        { column: 'failed_shows', action: 'failed_show' },
        { column: 'rewarded', action: 'reward_received' },
      ],
      perPlayer: ['impressions', 'rewarded'],
      extra: [{ column: 'click_rate', sql: (s) => ratio(s.clicks!, s.impressions!) }],
    }),
};
