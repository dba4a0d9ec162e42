/**
 * Region and sub-region of a country: the United Nations M49 standard's geographic
 * regions (Africa, Americas, Asia, Europe, Oceania) and the sub-regions of its classic
 * geoscheme (22 of them: "Western Africa", "South America", "Caribbean", …; the
 * Americas and sub-Saharan Africa are split into the intermediate regions live-ops
 * teams expect, not "Latin America and the Caribbean" / "Sub-Saharan Africa"). Source:
 * UN Statistics Division, "Standard country or area codes for statistical use (M49)",
 * https://unstats.un.org/unsd/methodology/m49/ — every ISO 3166-1 alpha-2 code is
 * listed; Antarctica (AQ) belongs to no M49 region and maps to ''.
 *
 * The processor stamps both on every rollup and player row at fold time (from the
 * row's country); the Druid suite's stand-in and the KPI references read the same
 * table, as they read the rest of the rollups format from this package.
 */

export interface Region {
  /** M49 region ("Europe"); '' for an unknown or unassigned country. */
  region: string;
  /** M49 sub-region ("Western Europe"); '' for an unknown or unassigned country. */
  subregion: string;
}

/** [region, sub-region, ISO 3166-1 alpha-2 codes] — one line per sub-region. */
const M49: ReadonlyArray<readonly [string, string, string]> = [
  ['Africa', 'Eastern Africa', 'BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW'],
  ['Africa', 'Middle Africa', 'AO CD CF CG CM GA GQ ST TD'],
  ['Africa', 'Northern Africa', 'DZ EG EH LY MA SD TN'],
  ['Africa', 'Southern Africa', 'BW LS NA SZ ZA'],
  ['Africa', 'Western Africa', 'BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG'],
  ['Americas', 'Caribbean', 'AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI'],
  ['Americas', 'Central America', 'BZ CR GT HN MX NI PA SV'],
  ['Americas', 'Northern America', 'BM CA GL PM US'],
  ['Americas', 'South America', 'AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE'],
  ['Asia', 'Central Asia', 'KG KZ TJ TM UZ'],
  ['Asia', 'Eastern Asia', 'CN HK JP KP KR MN MO TW'],
  ['Asia', 'South-eastern Asia', 'BN ID KH LA MM MY PH SG TH TL VN'],
  ['Asia', 'Southern Asia', 'AF BD BT IN IR LK MV NP PK'],
  ['Asia', 'Western Asia', 'AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE'],
  ['Europe', 'Eastern Europe', 'BG BY CZ HU MD PL RO RU SK UA'],
  ['Europe', 'Northern Europe', 'AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ'],
  ['Europe', 'Southern Europe', 'AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA'],
  ['Europe', 'Western Europe', 'AT BE CH DE FR LI LU MC NL'],
  ['Oceania', 'Australia and New Zealand', 'AU CC CX HM NF NZ'],
  ['Oceania', 'Melanesia', 'FJ NC PG SB VU'],
  ['Oceania', 'Micronesia', 'FM GU KI MH MP NR PW UM'],
  ['Oceania', 'Polynesia', 'AS CK NU PF PN TK TO TV WF WS'],
];

/** ISO 3166-1 alpha-2 codes in no M49 region: mapped to '' on purpose, not forgotten. */
export const UNASSIGNED_COUNTRIES: readonly string[] = ['AQ'];

const UNKNOWN: Region = Object.freeze({ region: '', subregion: '' });

const BY_COUNTRY: ReadonlyMap<string, Region> = new Map(
  M49.flatMap(([region, subregion, codes]) => {
    const r: Region = Object.freeze({ region, subregion });
    return codes.split(' ').map((code) => [code, r] as const);
  }),
);

/** Every country code the table assigns a region to. */
export const REGION_COUNTRIES: readonly string[] = [...BY_COUNTRY.keys()];

/**
 * The region of an ISO 3166-1 alpha-2 code (upper case, as the collector stores it);
 * `{region: '', subregion: ''}` for '' and anything the table does not know. The same
 * frozen object per sub-region: callers may keep it, never mutate it.
 */
export function regionOf(country: string): Region {
  return BY_COUNTRY.get(country) ?? UNKNOWN;
}
