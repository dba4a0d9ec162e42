import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { renderPerPlayerActivity } from './per-player-activity.ts';
import { ratio } from '../sql.ts';

export const featureAdoption: KpiDefinition = {
  name: 'feature_adoption',
  description:
    'Feature use per feature: uses (feature_use events), the active players of the bucket (DAU at day granularity; HLL estimate on Druid), ' +
    'uses per active player, and adoption_at_most = min(uses, players) / players — an upper bound of the share of active players who used ' +
    'the feature (rollups count uses, not distinct users: each user uses it at least once).',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['day', 'hour', 'all', 'minute'],
  render: (p, d) =>
    renderPerPlayerActivity(p, d, {
      eventType: 'feature_use',
      key: 'item',
      keyColumn: 'feature',
      counts: [{ column: 'uses' }],
      perPlayer: ['uses'],
      extra: [{ column: 'adoption_at_most', sql: (s, players) => ratio(`LEAST(${s.uses!}, ${players})`, players) }],
    }),
};
