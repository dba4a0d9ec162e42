import { describe, expect, it } from 'vitest';
import { REGION_COUNTRIES, UNASSIGNED_COUNTRIES, regionOf } from './regions.ts';

/**
 * Every officially assigned ISO 3166-1 alpha-2 code (249), as listed by ISO's Online
 * Browsing Platform and Debian's iso-codes (iso_3166-1.json), written out here so that
 * the test does not read the table it checks.
 */
const ISO_3166_1_ALPHA_2 =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );

const M49_REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];

describe('proto/regions', () => {
  it('has a region for every ISO 3166-1 alpha-2 code but the unassigned ones, and nothing else', () => {
    expect(ISO_3166_1_ALPHA_2).toHaveLength(249);
    const missing = ISO_3166_1_ALPHA_2.filter((c) => regionOf(c).region === '' && !UNASSIGNED_COUNTRIES.includes(c));
    expect(missing).toEqual([]);
    const unknownCodes = REGION_COUNTRIES.filter((c) => !ISO_3166_1_ALPHA_2.includes(c));
    expect(unknownCodes).toEqual([]);
    expect(REGION_COUNTRIES.length + UNASSIGNED_COUNTRIES.length).toBe(249);
  });

  it('names only the five M49 regions and 22 sub-regions, each sub-region in one region', () => {
    const subs = new Map<string, string>();
    for (const c of REGION_COUNTRIES) {
      const r = regionOf(c);
      expect(M49_REGIONS).toContain(r.region);
      expect(subs.get(r.subregion) ?? r.region).toBe(r.region);
      subs.set(r.subregion, r.region);
    }
    expect(subs.size).toBe(22);
  });

  it('maps well-known countries to their M49 region and sub-region', () => {
    expect(regionOf('DE')).toEqual({ region: 'Europe', subregion: 'Western Europe' });
    expect(regionOf('US')).toEqual({ region: 'Americas', subregion: 'Northern America' });
    expect(regionOf('BR')).toEqual({ region: 'Americas', subregion: 'South America' });
    expect(regionOf('MX')).toEqual({ region: 'Americas', subregion: 'Central America' });
    expect(regionOf('JP')).toEqual({ region: 'Asia', subregion: 'Eastern Asia' });
    expect(regionOf('IN')).toEqual({ region: 'Asia', subregion: 'Southern Asia' });
    expect(regionOf('TR')).toEqual({ region: 'Asia', subregion: 'Western Asia' });
    expect(regionOf('NG')).toEqual({ region: 'Africa', subregion: 'Western Africa' });
    expect(regionOf('AU')).toEqual({ region: 'Oceania', subregion: 'Australia and New Zealand' });
    expect(regionOf('GB')).toEqual({ region: 'Europe', subregion: 'Northern Europe' });
  });

  it("maps unknown, empty, lower-case and unassigned codes to ''", () => {
    for (const c of ['', 'XX', 'ZZ', 'de', 'AQ', 'DEU']) expect(regionOf(c)).toEqual({ region: '', subregion: '' });
  });
});
