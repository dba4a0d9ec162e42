/**
 * The `by` dimensions as the references read them from a row: the result column of
 * each, and its value — region and sub-region follow from the country (UN M49, as the
 * processor stamps them), variant is the assignment set or, with `experiment=`, that
 * experiment's variant (assignments.ts).
 */
import { regionOf } from '@gamepulse/proto';
import type { Dimension } from '../types.ts';
import { variantColumn } from './assignments.ts';

/** The dimension fields a reference row carries. */
export interface DimensionFields {
  gameId: string;
  build: string;
  platform: string;
  country: string;
  variant: string;
}

export const DIMENSION_COLUMN: Record<Dimension, string> = {
  game: 'game_id',
  build: 'build',
  platform: 'platform',
  country: 'country',
  variant: 'variant',
  region: 'region',
  subregion: 'subregion',
};

export function dimensionValue(r: DimensionFields, d: Dimension, experiment?: string): string {
  switch (d) {
    case 'game':
      return r.gameId;
    case 'variant':
      return variantColumn(r.variant, experiment);
    case 'region':
      return regionOf(r.country).region;
    case 'subregion':
      return regionOf(r.country).subregion;
    default:
      return r[d];
  }
}
