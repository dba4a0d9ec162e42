import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';
import { renderPerPlayerRevenue } from './monetization.ts';

export const arppu: KpiDefinition = {
  name: 'arppu',
  description:
    'Average revenue per paying user, per currency, per UTC day or in total: revenue (minor units) / distinct players with a purchase.',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['all', 'day'],
  render: (p, d) =>
    renderPerPlayerRevenue(p, d, {
      playerColumn: 'payers',
      playerCount: (x) => x.uniquePayers(),
      ratioColumn: 'arppu_minor',
      bucketColumn: 'bucket_start_ms',
    }),
};
