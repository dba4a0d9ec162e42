import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { renderPerPlayerRevenue } from './monetization.ts';

export const arpdau: KpiDefinition = {
  name: 'arpdau',
  description:
    'Average revenue per daily active user, per UTC day and currency: revenue (minor units) / DAU. Currency "" = a day without revenue.',
  params: SLICE_PARAMS,
  granularities: ['day'],
  render: (p, d) =>
    renderPerPlayerRevenue(p, d, {
      playerColumn: 'dau',
      playerCount: (x) => x.uniquePlayers(),
      ratioColumn: 'arpdau_minor',
      bucketColumn: 'day_start_ms',
    }),
};
