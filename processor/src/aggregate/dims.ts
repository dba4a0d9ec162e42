/**
 * The dimensions live-ops slice by. An event's own context wins field by field; an
 * empty field falls back to the batch context. Field by field rather than whole
 * context because the collector enriches the batch context (country from the IP): an
 * event carrying its own context with only `build` set must not lose its country.
 */
import { regionOf, type ContextData } from '@gamepulse/proto';

export interface Dims {
  gameId: string;
  build: string;
  platform: string;
  country: string;
  /** M49 region and sub-region of `country` (proto/src/regions.ts); '' when unknown. Not in `key`: they follow from country. */
  region: string;
  subregion: string;
  /** The four joined: part of the accumulator keys, computed once. */
  key: string;
}

/** Separator of key parts: a control character no validated name can contain. */
export const KEY_SEP = '\u001f';

export function dimsOf(own: ContextData | null | undefined, batch: ContextData | null | undefined): Dims {
  const gameId = own?.gameId || batch?.gameId || '';
  const build = own?.build || batch?.build || '';
  const platform = own?.platform || batch?.platform || '';
  const country = own?.country || batch?.country || '';
  const { region, subregion } = regionOf(country);
  return { gameId, build, platform, country, region, subregion, key: gameId + KEY_SEP + build + KEY_SEP + platform + KEY_SEP + country };
}

/** `dimsOf` without the region lookup (plain rollups, fold-batch-plain.ts): region and sub-region ''. */
export function plainDimsOf(own: ContextData | null | undefined, batch: ContextData | null | undefined): Dims {
  const gameId = own?.gameId || batch?.gameId || '';
  const build = own?.build || batch?.build || '';
  const platform = own?.platform || batch?.platform || '';
  const country = own?.country || batch?.country || '';
  return {
    gameId,
    build,
    platform,
    country,
    region: '',
    subregion: '',
    key: gameId + KEY_SEP + build + KEY_SEP + platform + KEY_SEP + country,
  };
}
