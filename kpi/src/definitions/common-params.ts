import type { KpiParamName } from '../types.ts';

/**
 * The filters and group-bys every sliceable KPI reads. `experiment` only matters with
 * by=variant: it groups by that experiment's variant instead of the whole assignment set.
 */
export const SLICE_PARAMS: readonly KpiParamName[] = [
  'game',
  'from',
  'to',
  'platform',
  'country',
  'build',
  'variant',
  'by',
  'region',
  'subregion',
  'experiment',
];
