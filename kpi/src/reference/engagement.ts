/**
 * References of the engagement and late-data KPIs (feature_adoption: feature-adoption.ts; ads,
 * social_actions, error_rate, top_items, late_events), in plain TypeScript from rows,
 * sharing nothing with the SQL under test: the DuckDB unit tests compare with them on
 * rows, the Druid suite on one fact per simulated event. Region and sub-region of a row
 * follow from its country (UN M49 table of @gamepulse/proto), as the processor stamps them.
 */
import type { Row } from '@gamepulse/store';
import type { Dimension, ResolvedKpiParams } from '../types.ts';
import { inVariant } from './assignments.ts';
import { DIMENSION_COLUMN, dimensionValue } from './dimensions.ts';
import { featureAdoptionReference } from './feature-adoption.ts';
import { tracked, type RefData, type RefPlayer, type RefRollup } from './reference-kpis.ts';

type Dimmed = RefRollup | RefPlayer;

const BUCKET: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);
const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

function inRange<T extends Dimmed>(rows: readonly T[], p: ResolvedKpiParams): T[] {
  return rows.filter(
    (r) =>
      r.windowStartMs >= p.fromMs &&
      r.windowStartMs < p.toMs &&
      (p.game === undefined || r.gameId === p.game) &&
      (p.platform === undefined || r.platform === p.platform) &&
      (p.country === undefined || r.country === p.country) &&
      (p.build === undefined || r.build === p.build) &&
      (p.region === undefined || dimensionValue(r, 'region') === p.region) &&
      (p.subregion === undefined || dimensionValue(r, 'subregion') === p.subregion) &&
      inVariant(r.variant, p.variant),
  );
}

/** The bucket and `by` columns of a row, in result order. */
function keyOf(p: ResolvedKpiParams, r: Dimmed, by: readonly Dimension[] = p.by): Row {
  const out: Row = {};
  if (p.granularity !== 'all') out.bucket_start_ms = Math.floor(r.windowStartMs / BUCKET[p.granularity]!) * BUCKET[p.granularity]!;
  for (const d of by) out[DIMENSION_COLUMN[d]] = dimensionValue(r, d, p.experiment);
  return out;
}

function group<T>(rows: readonly T[], key: (r: T) => Row): Map<string, [Row, T[]]> {
  const m = new Map<string, [Row, T[]]>();
  for (const r of rows) {
    const k = key(r);
    const id = JSON.stringify(k);
    const g = m.get(id);
    if (g) g[1].push(r);
    else m.set(id, [k, [r]]);
  }
  return m;
}

function sortBy(rows: Row[], keys: Array<string | [string, 'desc']>): Row[] {
  return rows.sort((a, b) => {
    for (const k of keys) {
      const [name, dir] = typeof k === 'string' ? [k, 1] : [k[0], -1];
      const x = a[name]!;
      const y = b[name]!;
      if (x !== y) return (x < y ? -1 : 1) * dir;
    }
    return 0;
  });
}

const keyColumns = (p: ResolvedKpiParams, by: readonly Dimension[] = p.by) => [
  ...(p.granularity === 'all' ? [] : ['bucket_start_ms']),
  ...by.map((d) => DIMENSION_COLUMN[d]),
];

interface Activity {
  eventType: string;
  key: (r: RefRollup) => string;
  keyColumn: string;
  counts: Record<string, (r: RefRollup) => boolean>;
  perPlayer: string[];
  extra?: (counts: Record<string, number>, players: number) => Row;
}

/** Counts of one event type per bucket, dimensions and sub-dimension, with the distinct players of the same bucket and dimensions. */
function perPlayerActivity(p: ResolvedKpiParams, data: RefData, a: Activity): Row[] {
  const players = group(inRange(data.players, p), (r) => keyOf(p, r));
  const events = inRange(data.rollups, p).filter((r) => r.eventType === a.eventType);
  const out: Row[] = [];
  for (const [k, rows] of group(events, (r) => ({ ...keyOf(p, r), [a.keyColumn]: a.key(r) })).values()) {
    const { [a.keyColumn]: _key, ...bucketAndDims } = k;
    const pl = players.get(JSON.stringify(bucketAndDims));
    if (!pl) continue; // no player rows for these events: the SQL's inner join drops them too
    const n = new Set(pl[1].map((r) => r.playerId)).size;
    const counts: Record<string, number> = {};
    for (const [column, pred] of Object.entries(a.counts)) counts[column] = sum(rows, (r) => (pred(r) ? r.events : 0));
    const row: Row = { ...k, ...counts, players: n };
    for (const c of a.perPlayer) row[`${c}_per_player`] = ratio(counts[c]!, n);
    Object.assign(row, a.extra?.(counts, n));
    out.push(row);
  }
  return sortBy(out, [...keyColumns(p), a.keyColumn]);
}

const all = () => true;
const action = (x: string) => (r: RefRollup) => r.action === x;

export const ENGAGEMENT_REFERENCES: Record<string, (p: ResolvedKpiParams, data: RefData) => Row[]> = {
  feature_adoption: featureAdoptionReference,

  ads: (p, data) =>
    perPlayerActivity(p, data, {
      eventType: 'ad',
      key: (r) => r.item,
      keyColumn: 'ad',
      counts: {
        impressions: action('show'),
        clicks: action('click'),
        failed_shows: action('failed_show'),
        rewarded: action('reward_received'),
      },
      perPlayer: ['impressions', 'rewarded'],
      extra: (c) => ({ click_rate: ratio(c.clicks!, c.impressions!) }),
    }),

  social_actions: (p, data) =>
    perPlayerActivity(p, data, {
      eventType: 'social',
      key: (r) => r.action,
      keyColumn: 'action',
      counts: { actions: all },
      perPlayer: ['actions'],
    }),

  error_rate: (p, data) => {
    const by = p.by.filter((d) => d !== 'build');
    const rows = tracked(inRange(data.rollups, p));
    const totals = group(rows, (r) => ({ ...keyOf(p, r, by), build: r.build }));
    const out: Row[] = [];
    for (const [k, errs] of group(
      rows.filter((r) => r.eventType === 'error'),
      (r) => ({ ...keyOf(p, r, by), build: r.build, severity: r.action }),
    ).values()) {
      const { severity: _s, ...buildKey } = k;
      const t = totals.get(JSON.stringify(buildKey))![1];
      const errors = sum(errs, (r) => r.events);
      const sessions = sum(t, (r) => (r.eventType === 'session_start' ? r.events : 0));
      const events = sum(t, (r) => r.events);
      out.push({ ...k, errors, sessions, events, errors_per_session: ratio(errors, sessions), errors_per_event: ratio(errors, events) });
    }
    return sortBy(out, [...keyColumns(p, by), 'build', 'severity']);
  },

  top_items: (p, data) => {
    const purchases = inRange(data.rollups, p).filter((r) => r.eventType === 'purchase');
    const out = [...group(purchases, (r) => ({ currency: r.currency, item: r.item })).values()].map(([k, rows]) => ({
      ...k,
      purchases: sum(rows, (r) => r.events),
      revenue_minor: sum(rows, (r) => r.amount),
    }));
    return sortBy(out, [['revenue_minor', 'desc'], ['purchases', 'desc'], 'currency', 'item']).slice(0, p.limit);
  },

  late_events: (p, data) => {
    const out = [...group(tracked(inRange(data.rollups, p)), (r) => keyOf(p, r)).values()].map(([k, rows]) => {
      const events = sum(rows, (r) => r.events);
      const late = sum(rows, (r) => r.lateEvents ?? 0);
      return { ...k, events, late_events: late, late_share: ratio(late, events) };
    });
    // No GROUP BY (granularity all, no by): SQL answers one row even over nothing.
    if (out.length === 0 && p.granularity === 'all' && p.by.length === 0) return [{ events: 0, late_events: 0, late_share: null }];
    return sortBy(out, keyColumns(p));
  },
};
