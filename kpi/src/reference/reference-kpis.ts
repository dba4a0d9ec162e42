/**
 * Every KPI computed in plain TypeScript from rows, sharing nothing with the SQL under
 * test but the resolved parameters: the unit tests compare DuckDB with it on random
 * rollup rows, and the Druid integration test compares both engines with it on facts
 * taken straight from simulated events (one fact per event, no windows merged), so it
 * is the independent ground truth there.
 */
import { SDK_DROPPED_EVENT_TYPE, regionOf } from '@gamepulse/proto';
import type { Row } from '@gamepulse/store';
import type { Dimension, ResolvedKpiParams } from '../types.ts';
import { CHURN_REFERENCES } from './churn.ts';
import { ENGAGEMENT_REFERENCES } from './engagement.ts';
import { PLAYER_REFERENCE_KPIS } from './players.ts';
import { referencePlayerFunnel } from './funnels.ts';
import { AB_REFERENCES } from './ab.ts';
import { ltvReference } from './ltv.ts';
import { playerPurchasesReference } from './player-purchases.ts';
import { DIMENSION_COLUMN } from './dimensions.ts';
import { deliveryReference } from './delivery.ts';

export interface RefRollup {
  windowStartMs: number;
  gameId: string;
  build: string;
  platform: string;
  country: string;
  eventType: string;
  action: string;
  currency: string;
  item: string;
  variant: string;
  events: number;
  amount: number;
  /** Events flagged late by the processor's watermark (rollup `late_events`); absent = 0. */
  lateEvents?: number;
  /** Purchases: amount in the game's reporting currency (minor units). @default 0 */
  revenueReportingMinor?: number;
  /** Purchases: the game's reporting currency. @default '' */
  reportingCurrency?: string;
}

export interface RefPlayer {
  windowStartMs: number;
  gameId: string;
  build: string;
  platform: string;
  country: string;
  variant: string;
  playerId: string;
  /** 0 = unknown. */
  firstSeenDayMs: number;
  events: number;
  purchases: number;
  sessions: number;
  /** Sessions by inactivity gap, in-session ms, furthest progression rank (0 / absent = none): rows-only references (reference/players.ts). */
  gapSessions?: number;
  activeMs?: number;
  maxProgress?: number;
  /** Purchases in the game's reporting currency (minor units). @default 0 */
  revenueReportingMinor?: number;
}

/**
 * One raw event as the game tracked it: what references that need more than per-event
 * rollup facts compute from (sessions by inactivity gap, lifecycle across devices,
 * funnels, churn).
 */
export interface RefEvent {
  tsMs: number;
  playerId: string;
  installId: string;
  gameId: string;
  build: string;
  platform: string;
  country: string;
  /** snake_case event type, as in rollups */
  type: string;
  action: string;
  currency: string;
  item: string;
  amount: number;
  value: number;
  /** experiment_exposure only: 'experiment:variant' */
  exposure: string;
}

export interface RefData {
  rollups: readonly RefRollup[];
  players: readonly RefPlayer[];
  /** The raw events, in time order; absent where a test has only rows (kpi unit tests). */
  events?: readonly RefEvent[];
  /** The engine's player rows carry variant (see Dialect.playerVariant). */
  playerVariant: boolean;
  /** A purchase event's amount in its game's reporting currency (references that read `events`). @default its amount */
  reportingMinor?: (e: RefEvent) => number;
}

const DAY = 86_400_000;
const BUCKET: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: DAY };
/** A row's value of each dimension; region and sub-region follow from the country (UN M49, @gamepulse/proto regions). */
const COLUMN: Record<Dimension, (r: RefPlayer | RefRollup) => string> = {
  game: (r) => r.gameId,
  build: (r) => r.build,
  platform: (r) => r.platform,
  country: (r) => r.country,
  variant: (r) => r.variant,
  region: (r) => regionOf(r.country).region,
  subregion: (r) => regionOf(r.country).subregion,
};

const floor = (ms: number, step: number) => Math.floor(ms / step) * step;
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

type Dimmed = RefRollup | RefPlayer;

/** Rows sorted by time, once per input array: ranges become a binary search. */
const SORTED = new WeakMap<readonly Dimmed[], Dimmed[]>();

function sortedByTime<T extends Dimmed>(rows: readonly T[]): T[] {
  let s = SORTED.get(rows) as T[] | undefined;
  if (!s) SORTED.set(rows, (s = [...rows].sort((a, b) => a.windowStartMs - b.windowStartMs)));
  return s;
}

function firstAtOrAfter(rows: readonly Dimmed[], ms: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.windowStartMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function filtered<T extends Dimmed>(all: readonly T[], p: ResolvedKpiParams, fromMs = p.fromMs, toMs = p.toMs): T[] {
  const rows = sortedByTime(all);
  return rows
    .slice(firstAtOrAfter(rows, fromMs), firstAtOrAfter(rows, toMs))
    .filter(
      (r) =>
        (p.game === undefined || r.gameId === p.game) &&
        (p.platform === undefined || r.platform === p.platform) &&
        (p.country === undefined || r.country === p.country) &&
        (p.build === undefined || r.build === p.build) &&
        (p.region === undefined || COLUMN.region(r) === p.region) &&
        (p.subregion === undefined || COLUMN.subregion(r) === p.subregion) &&
        (p.variant === undefined || r.variant.split(',').includes(p.variant)),
    );
}

/** `experiment`'s `experiment:variant` in a row's assignment set, '' when not in it. */
export function variantOfExperiment(set: string, experiment: string): string {
  return set.split(',').find((e) => e.startsWith(`${experiment}:`)) ?? '';
}

/** The `by` columns of a row; variant with `experiment` is that experiment's variant of the set. */
function dimsOf(r: Dimmed, by: readonly Dimension[], experiment?: string): Row {
  const out: Row = {};
  for (const d of by)
    out[DIMENSION_COLUMN[d]] = d === 'variant' && experiment !== undefined ? variantOfExperiment(r.variant, experiment) : COLUMN[d](r);
  return out;
}

function bucketOf(p: ResolvedKpiParams, w: number, column = 'bucket_start_ms'): Row {
  return p.granularity === 'all' ? {} : { [column]: floor(w, BUCKET[p.granularity]!) };
}

/** Groups rows by a key row; returns [key, rows] in first-seen order. */
function groups<T>(rows: readonly T[], key: (r: T) => Row): Array<[Row, T[]]> {
  const m = new Map<string, [Row, T[]]>();
  for (const r of rows) {
    const k = key(r);
    const id = JSON.stringify(k);
    const g = m.get(id) ?? [k, []];
    g[1].push(r);
    m.set(id, g);
  }
  return [...m.values()];
}

const distinct = (rows: readonly RefPlayer[], pred: (r: RefPlayer) => boolean = () => true) =>
  new Set(rows.filter(pred).map((r) => r.playerId)).size;
const payers = (rows: readonly RefPlayer[]) => distinct(rows, (r) => r.purchases > 0);
const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
/** Rows of tracked events: without the SDK's drop rows (event_type sdk_dropped, kpi delivery). */
export const tracked = <T extends { eventType: string }>(rows: readonly T[]): T[] =>
  rows.filter((r) => r.eventType !== SDK_DROPPED_EVENT_TYPE);

/** Sort by the given columns; 'desc' after a name reverses it. */
function sortRows(rows: Row[], keys: Array<string | [string, 'desc']>): Row[] {
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

const dimCols = (p: ResolvedKpiParams) => p.by.map((d) => DIMENSION_COLUMN[d]);
const bucketCols = (p: ResolvedKpiParams, column = 'bucket_start_ms') => (p.granularity === 'all' ? [] : [column]);

/** One row even for no input when the SQL has no GROUP BY (an aggregate over nothing). */
function withEmptyTotal(p: ResolvedKpiParams, rows: Row[], empty: Row, hasBucket = p.granularity !== 'all'): Row[] {
  return rows.length === 0 && !hasBucket && p.by.length === 0 ? [empty] : rows;
}

function perPlayerRevenue(
  p: ResolvedKpiParams,
  data: RefData,
  bucketColumn: string,
  countColumn: string,
  count: (rows: RefPlayer[]) => number,
  ratioColumn: string,
): Row[] {
  const players = filtered(data.players, p);
  const purchases = filtered(data.rollups, p).filter((r) => r.eventType === 'purchase');
  const left = withEmptyTotal(
    p,
    groups(players, (r) => ({ ...bucketOf(p, r.windowStartMs, bucketColumn), ...dimsOf(r, p.by, p.experiment) })).map(([k, rows]) => ({
      ...k,
      [countColumn]: count(rows),
    })),
    { [countColumn]: 0 },
  );
  const right = groups(purchases, (r) => ({ ...bucketOf(p, r.windowStartMs, bucketColumn), ...dimsOf(r, p.by, p.experiment) })).map(
    ([k, rows]) => ({
      key: JSON.stringify(k),
      byCurrency: groups(rows, (r) => ({ currency: r.currency })).map(([c, rs]) => ({
        currency: c.currency as string,
        revenue: sum(rs, (r) => r.amount),
      })),
    }),
  );
  const out: Row[] = [];
  for (const l of left) {
    const { [countColumn]: n, ...key } = l;
    const match = right.find((r) => r.key === JSON.stringify(key));
    const cur = match ? match.byCurrency : [{ currency: '', revenue: 0 }];
    for (const c of cur)
      out.push({ ...key, currency: c.currency, [countColumn]: n!, revenue_minor: c.revenue, [ratioColumn]: ratio(c.revenue, n as number) });
  }
  return sortRows(out, [...bucketCols(p, bucketColumn), ...dimCols(p), 'currency']);
}

function perPlayerReporting(
  p: ResolvedKpiParams,
  data: RefData,
  bucketColumn: string,
  countColumn: string,
  count: (rows: RefPlayer[]) => number,
  ratioColumn: string,
): Row[] {
  const rows = groups(filtered(data.players, p), (r) => ({
    ...bucketOf(p, r.windowStartMs, bucketColumn),
    ...dimsOf(r, p.by, p.experiment),
  })).map(([k, rs]) => {
    const n = count(rs);
    const revenue = sum(rs, (r) => r.revenueReportingMinor ?? 0);
    return { ...k, [countColumn]: n, revenue_reporting_minor: revenue, [ratioColumn]: ratio(revenue, n) };
  });
  return sortRows(withEmptyTotal(p, rows, { [countColumn]: 0, revenue_reporting_minor: 0, [ratioColumn]: null }), [
    ...bucketCols(p, bucketColumn),
    ...dimCols(p),
  ]);
}

export const REFERENCE_KPIS: Record<string, (p: ResolvedKpiParams, data: RefData) => Row[]> = {
  player_funnel: referencePlayerFunnel,
  online_now: (p, data) =>
    withEmptyTotal(
      p,
      sortRows(
        groups(filtered(data.players, p), (r) => dimsOf(r, p.by, p.experiment)).map(([k, rows]) => ({ ...k, players: distinct(rows) })),
        dimCols(p),
      ),
      { players: 0 },
    ),

  dau: (p, data) =>
    sortRows(
      groups(filtered(data.players, p), (r) => ({ day_start_ms: floor(r.windowStartMs, DAY), ...dimsOf(r, p.by, p.experiment) })).map(
        ([k, rows]) => ({
          ...k,
          players: distinct(rows),
        }),
      ),
      ['day_start_ms', ...dimCols(p)],
    ),

  active_users: (p, data) => {
    const out: Row[] = [];
    for (let day = floor(p.fromMs, DAY); day < p.toMs; day += DAY) {
      const rows = filtered(data.players, p, day - 29 * DAY, day + DAY);
      const gs = groups(rows, (r) => dimsOf(r, p.by, p.experiment)).map(([k, rs]) => {
        const dau = distinct(rs, (r) => r.windowStartMs >= day);
        const mau = distinct(rs);
        return {
          day_start_ms: day,
          ...k,
          dau,
          wau: distinct(rs, (r) => r.windowStartMs >= day - 6 * DAY),
          mau,
          stickiness: ratio(dau, mau),
        };
      });
      out.push(...sortRows(withEmptyTotal(p, gs, { day_start_ms: day, dau: 0, wau: 0, mau: 0, stickiness: null }, false), dimCols(p)));
    }
    return out;
  },

  revenue: (p, data) =>
    sortRows(
      groups(
        filtered(data.rollups, p).filter((r) => r.eventType === 'purchase'),
        (r) => ({ ...bucketOf(p, r.windowStartMs), ...dimsOf(r, p.by, p.experiment), currency: r.currency }),
      ).map(([k, rows]) => ({ ...k, purchases: sum(rows, (r) => r.events), amount_minor: sum(rows, (r) => r.amount) })),
      [...bucketCols(p), ...dimCols(p), 'currency'],
    ),

  arpdau: (p, data) => perPlayerRevenue(p, data, 'day_start_ms', 'dau', (rows) => distinct(rows), 'arpdau_minor'),
  arppu: (p, data) => perPlayerRevenue(p, data, 'bucket_start_ms', 'payers', payers, 'arppu_minor'),

  payer_conversion: (p, data) =>
    withEmptyTotal(
      p,
      sortRows(
        groups(filtered(data.players, p), (r) => ({ ...bucketOf(p, r.windowStartMs), ...dimsOf(r, p.by, p.experiment) })).map(
          ([k, rows]) => ({
            ...k,
            players: distinct(rows),
            payers: payers(rows),
            conversion: ratio(payers(rows), distinct(rows)),
          }),
        ),
        [...bucketCols(p), ...dimCols(p)],
      ),
      { players: 0, payers: 0, conversion: null },
    ),

  economy: (p, data) =>
    sortRows(
      groups(
        filtered(data.rollups, p).filter((r) => r.eventType === 'resource'),
        (r) => ({ ...bucketOf(p, r.windowStartMs), ...dimsOf(r, p.by, p.experiment), currency: r.currency }),
      ).map(([k, rows]) => {
        const source = sum(rows, (r) => (r.action === 'source' ? r.amount : 0));
        const sink = sum(rows, (r) => (r.action === 'sink' ? r.amount : 0));
        return { ...k, source_amount: source, sink_amount: sink, net_amount: source - sink };
      }),
      [...bucketCols(p), ...dimCols(p), 'currency'],
    ),

  progression_funnel: (p, data) =>
    sortRows(
      groups(
        filtered(data.rollups, p).filter((r) => r.eventType === 'progression'),
        (r) => ({ ...dimsOf(r, p.by, p.experiment), item: r.item }),
      ).map(([k, rows]) => {
        const n = (a: string) => sum(rows, (r) => (r.action === a ? r.events : 0));
        return {
          ...k,
          starts: n('start'),
          completes: n('complete'),
          fails: n('fail'),
          fail_rate: ratio(n('fail'), n('start')),
          completion_rate: ratio(n('complete'), n('start')),
        };
      }),
      [['starts', 'desc'], 'item', ...dimCols(p)],
    ).slice(0, p.limit),

  ab_readout: (p, data) => {
    const experiment = p.experiment!;
    const by = p.by.filter((d) => d !== 'variant');
    const exposures = groups(
      filtered(data.rollups, p).filter((r) => r.eventType === 'experiment_exposure' && r.variant.startsWith(`${experiment}:`)),
      (r) => ({ variant: r.variant, ...dimsOf(r, by) }),
    );
    // A player row counts for the variant of the experiment in its assignment set.
    const players = new Map(
      groups(
        filtered(data.players, p).filter((r) => variantOfExperiment(r.variant, experiment) !== ''),
        (r) => ({ variant: variantOfExperiment(r.variant, experiment), ...dimsOf(r, by) }),
      ).map(([k, rows]) => [JSON.stringify(k), rows]),
    );
    const out = exposures.map(([k, rows]) => {
      const pl = players.get(JSON.stringify(k));
      const n = pl ? distinct(pl) : null;
      const pay = pl ? payers(pl) : null;
      return {
        ...k,
        exposures: sum(rows, (r) => r.events),
        players: n,
        payers: pay,
        conversion: ratio(pay, n),
        sessions_per_player: pl
          ? ratio(
              sum(pl, (r) => r.sessions),
              n,
            )
          : null,
        purchases_per_player: pl
          ? ratio(
              sum(pl, (r) => r.purchases),
              n,
            )
          : null,
      };
    });
    return sortRows(out, ['variant', ...by.map((d) => DIMENSION_COLUMN[d])]);
  },

  revenue_reporting: (p, data) =>
    sortRows(
      groups(
        filtered(data.rollups, p).filter((r) => r.eventType === 'purchase'),
        (r) => ({ ...bucketOf(p, r.windowStartMs), ...dimsOf(r, p.by, p.experiment), reporting_currency: r.reportingCurrency ?? '' }),
      ).map(([k, rows]) => ({
        ...k,
        purchases: sum(rows, (r) => r.events),
        revenue_reporting_minor: sum(rows, (r) => r.revenueReportingMinor ?? 0),
      })),
      [...bucketCols(p), ...dimCols(p), 'reporting_currency'],
    ),

  // Refunds of a bucket against the purchases of the same bucket (definitions/refunds.ts).
  refunds: (p, data) =>
    sortRows(
      groups(
        filtered(data.rollups, p).filter((r) => r.eventType === 'purchase' || r.eventType === 'refund'),
        (r) => ({ ...bucketOf(p, r.windowStartMs), ...dimsOf(r, p.by, p.experiment), reporting_currency: r.reportingCurrency ?? '' }),
      ).map(([k, rows]) => {
        const refunds = rows.filter((r) => r.eventType === 'refund');
        const n = sum(refunds, (r) => r.events);
        const purchases = sum(
          rows.filter((r) => r.eventType === 'purchase'),
          (r) => r.events,
        );
        return {
          ...k,
          refunds: n,
          chargebacks: sum(
            refunds.filter((r) => r.action === 'chargeback'),
            (r) => r.events,
          ),
          revoked: sum(
            refunds.filter((r) => r.action === 'revoked'),
            (r) => r.events,
          ),
          refunded_reporting_minor: sum(refunds, (r) => r.revenueReportingMinor ?? 0),
          purchases,
          refund_rate: ratio(n, purchases),
        };
      }),
      [...bucketCols(p), ...dimCols(p), 'reporting_currency'],
    ),

  arpdau_reporting: (p, data) => perPlayerReporting(p, data, 'day_start_ms', 'dau', (rows) => distinct(rows), 'arpdau_reporting_minor'),
  arppu_reporting: (p, data) => perPlayerReporting(p, data, 'bucket_start_ms', 'payers', payers, 'arppu_reporting_minor'),

  events_by_type: (p, data) =>
    sortRows(
      groups(tracked(filtered(data.rollups, p)), (r) => ({
        ...bucketOf(p, r.windowStartMs),
        ...dimsOf(r, p.by, p.experiment),
        event_type: r.eventType,
      })).map(([k, rows]) => ({
        ...k,
        events: sum(rows, (r) => r.events),
      })),
      p.granularity === 'all' && p.by.length === 0 ? [['events', 'desc'], 'event_type'] : [...bucketCols(p), ...dimCols(p), 'event_type'],
    ),

  top_progression_fails: (p, data) =>
    sortRows(
      groups(
        filtered(data.rollups, p).filter((r) => r.eventType === 'progression' && r.action === 'fail'),
        (r) => ({ item: r.item }),
      ).map(([k, rows]) => ({ ...k, fails: sum(rows, (r) => r.events) })),
      [['fails', 'desc'], 'item'],
    ).slice(0, p.limit),

  sessions: (p, data) =>
    withEmptyTotal(
      p,
      sortRows(
        groups(
          filtered(data.rollups, p).filter((r) => r.eventType === 'session_start' || r.eventType === 'session_end'),
          (r) => ({ ...bucketOf(p, r.windowStartMs), ...dimsOf(r, p.by, p.experiment) }),
        ).map(([k, rows]) => {
          const ended = sum(rows, (r) => (r.eventType === 'session_end' ? r.events : 0));
          const total = sum(rows, (r) => (r.eventType === 'session_end' ? r.amount : 0));
          return {
            ...k,
            sessions: sum(rows, (r) => (r.eventType === 'session_start' ? r.events : 0)),
            ended,
            total_length_ms: total,
            avg_length_ms: ratio(total, ended),
          };
        }),
        [...bucketCols(p), ...dimCols(p)],
      ),
      { sessions: 0, ended: 0, total_length_ms: 0, avg_length_ms: null },
    ),

  ...CHURN_REFERENCES,
  ...ENGAGEMENT_REFERENCES,
  // session_stats, player_lifecycle, retention, retention_matrix
  ...PLAYER_REFERENCE_KPIS,
  ...AB_REFERENCES,
  ltv: ltvReference,
  delivery: deliveryReference,
  player_purchases: playerPurchasesReference,
};
