import type { KpiParamName } from '../types.ts';

/** The filters and group-bys every sliceable KPI reads. */
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
];
