import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { renderPerPlayerActivity } from './per-player-activity.ts';

export const socialActions: KpiDefinition = {
  name: 'social_actions',
  description:
    "Social events per action ('invite', 'share', 'gift', …): how many, the active players of the bucket (DAU at day granularity; " +
    'HLL estimate on Druid) and actions per active player.',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['day', 'hour', 'minute', 'all'],
  render: (p, d) =>
    renderPerPlayerActivity(p, d, {
      eventType: 'social',
      key: 'action',
      keyColumn: 'action',
      counts: [{ column: 'actions' }],
      perPlayer: ['actions'],
    }),
};
