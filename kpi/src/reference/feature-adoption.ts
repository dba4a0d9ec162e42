/**
 * Reference for `feature_adoption`, from the raw events (`RefData.events`), sharing
 * nothing with the SQL or the step facts: per bucket, `by` dimensions and feature, the
 * feature_use events (uses) and the distinct players who sent them (adopters), with the
 * distinct players of the bucket's player rows (active players). Groups with no player
 * rows are left out (the SQL's inner join). Without raw events (tests that have only
 * rollup and player rows, and no step facts either) there are no rows.
 */
import { regionOf } from '@gamepulse/proto';
import type { Row } from '@gamepulse/store';
import type { ResolvedKpiParams } from '../types.ts';
import { assignmentsOf, inVariant } from './assignments.ts';
import { DIMENSION_COLUMN, dimensionValue, type DimensionFields } from './dimensions.ts';
import type { RefData } from './reference-kpis.ts';

const MINUTE = 60_000;
const BUCKET: Record<string, number> = { minute: MINUTE, hour: 3_600_000, day: 86_400_000 };

function matches(p: ResolvedKpiParams, windowStartMs: number, r: DimensionFields): boolean {
  return (
    windowStartMs >= p.fromMs &&
    windowStartMs < p.toMs &&
    (p.game === undefined || r.gameId === p.game) &&
    (p.platform === undefined || r.platform === p.platform) &&
    (p.country === undefined || r.country === p.country) &&
    (p.build === undefined || r.build === p.build) &&
    (p.region === undefined || regionOf(r.country).region === p.region) &&
    (p.subregion === undefined || regionOf(r.country).subregion === p.subregion) &&
    inVariant(r.variant, p.variant)
  );
}

/** The bucket and `by` columns, in result order. */
function keyOf(p: ResolvedKpiParams, windowStartMs: number, r: DimensionFields): Row {
  const out: Row = {};
  if (p.granularity !== 'all') out.bucket_start_ms = Math.floor(windowStartMs / BUCKET[p.granularity]!) * BUCKET[p.granularity]!;
  for (const d of p.by) out[DIMENSION_COLUMN[d]] = dimensionValue(r, d, p.experiment);
  return out;
}

export function featureAdoptionReference(p: ResolvedKpiParams, data: RefData): Row[] {
  const events = data.events ?? [];
  const assignments = assignmentsOf(events);
  const active = new Map<string, Set<string>>();
  for (const r of data.players) {
    if (!matches(p, r.windowStartMs, r)) continue;
    const id = JSON.stringify(keyOf(p, r.windowStartMs, r));
    active.set(id, (active.get(id) ?? new Set()).add(r.playerId));
  }
  const features = new Map<string, { key: Row; uses: number; adopters: Set<string> }>();
  for (const e of events) {
    if (e.type !== 'feature_use') continue;
    const w = Math.floor(e.tsMs / MINUTE) * MINUTE;
    const fields = { gameId: e.gameId, build: e.build, platform: e.platform, country: e.country, variant: assignments.get(e)!.rollup };
    if (!matches(p, w, fields)) continue;
    const key = keyOf(p, w, fields);
    const id = JSON.stringify([key, e.item]);
    let f = features.get(id);
    if (!f) features.set(id, (f = { key, uses: 0, adopters: new Set() }));
    f.uses += 1;
    f.adopters.add(e.playerId);
  }
  const out: Row[] = [];
  for (const [id, f] of features) {
    const players = active.get(JSON.stringify(f.key))?.size;
    if (players === undefined) continue; // no player rows for these events: the SQL's inner join drops them too
    const feature = (JSON.parse(id) as [Row, string])[1];
    out.push({
      ...f.key,
      feature,
      uses: f.uses,
      players,
      uses_per_player: f.uses / players,
      adopters: f.adopters.size,
      adoption: f.adopters.size / players,
    });
  }
  const order = [...(p.granularity === 'all' ? [] : ['bucket_start_ms']), ...p.by.map((d) => DIMENSION_COLUMN[d]), 'feature'];
  return out.sort((a, b) => {
    for (const c of order) {
      const x = a[c]!;
      const y = b[c]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}
