/**
 * Reference of the delivery KPI, in plain TypeScript from rollup rows: arrived = events
 * of every row but the SDK's drop rows (event_type `sdk_dropped`), dropped = the drop
 * rows' events, by reason group (proto/src/sdk-health.ts), and the shares.
 */
import { DROP_REASON_GROUPS, SDK_DROPPED_EVENT_TYPE, dropReasonGroupOf } from '@gamepulse/proto';
import type { Row } from '@gamepulse/store';
import type { ResolvedKpiParams } from '../types.ts';
import { inVariant } from './assignments.ts';
import { DIMENSION_COLUMN, dimensionValue } from './dimensions.ts';
import type { RefData, RefRollup } from './reference-kpis.ts';

const BUCKET: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const share = (a: number, total: number) => (total === 0 ? null : a / total);

function inRange(r: RefRollup, p: ResolvedKpiParams): boolean {
  return (
    r.windowStartMs >= p.fromMs &&
    r.windowStartMs < p.toMs &&
    (p.game === undefined || r.gameId === p.game) &&
    (p.platform === undefined || r.platform === p.platform) &&
    (p.country === undefined || r.country === p.country) &&
    (p.build === undefined || r.build === p.build) &&
    (p.region === undefined || dimensionValue(r, 'region') === p.region) &&
    (p.subregion === undefined || dimensionValue(r, 'subregion') === p.subregion) &&
    inVariant(r.variant, p.variant)
  );
}

export function deliveryReference(p: ResolvedKpiParams, data: RefData): Row[] {
  const by = p.by.filter((d) => d !== 'build');
  const keyCols = [...(p.granularity === 'all' ? [] : ['bucket_start_ms']), ...by.map((d) => DIMENSION_COLUMN[d]), 'build'];
  const out = new Map<string, Row & { arrived: number; dropped: number }>();
  for (const r of data.rollups) {
    if (!inRange(r, p)) continue;
    const key: Row = {};
    if (p.granularity !== 'all') key.bucket_start_ms = Math.floor(r.windowStartMs / BUCKET[p.granularity]!) * BUCKET[p.granularity]!;
    for (const d of by) key[DIMENSION_COLUMN[d]] = dimensionValue(r, d, p.experiment);
    key.build = r.build;
    const id = JSON.stringify(key);
    let row = out.get(id);
    if (!row) {
      row = { ...key, arrived: 0, dropped: 0, ...Object.fromEntries(DROP_REASON_GROUPS.map((g) => [`dropped_${g}`, 0])) };
      out.set(id, row);
    }
    if (r.eventType === SDK_DROPPED_EVENT_TYPE) {
      row.dropped += r.events;
      const col = `dropped_${dropReasonGroupOf(r.action)}`;
      row[col] = (row[col] as number) + r.events;
    } else row.arrived += r.events;
  }
  const rows: Row[] = [...out.values()].map(({ arrived, dropped, ...r }) => ({
    ...r,
    arrived,
    dropped,
    tracked: arrived + dropped,
    delivery_share: share(arrived, arrived + dropped),
    dropped_share: share(dropped, arrived + dropped),
  }));
  return rows.sort((a, b) => {
    for (const k of keyCols) {
      const x = a[k]!;
      const y = b[k]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}
