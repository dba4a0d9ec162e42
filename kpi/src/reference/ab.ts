/**
 * Reference for `ab_test`, written apart from its SQL: per variant of the experiment,
 * the exposed players and each per-player metric's sum and sum of squares.
 *
 * From the raw events when the data has them (the Druid suite's ground truth): each
 * player's events are replayed in time order, keeping the player's assignments (one
 * variant per experiment, a new exposure replacing its experiment's); an event in the
 * range and filters counts for the variant its player is assigned to at that event,
 * the exposure itself included. Otherwise (the KPI unit tests' random rows) from the
 * player rows whose assignment set names a variant of the experiment.
 */
import { abStatsRows } from '../definitions/ab-stats.ts';
import type { Row } from '@gamepulse/store';
import type { ResolvedKpiParams } from '../types.ts';
import type { RefData, RefEvent, RefPlayer } from './reference-kpis.ts';
import { ltvReference } from './ltv.ts';

interface PlayerMetrics {
  purchased: boolean;
  revenue: number;
  sessions: number;
}

const inSlice = (p: ResolvedKpiParams, r: { gameId: string; platform: string; country: string; build: string }) =>
  (p.game === undefined || r.gameId === p.game) &&
  (p.platform === undefined || r.platform === p.platform) &&
  (p.country === undefined || r.country === p.country) &&
  (p.build === undefined || r.build === p.build);

function fromEvents(p: ResolvedKpiParams, events: readonly RefEvent[], reportingMinor: (e: RefEvent) => number, experiment: string) {
  const byVariant = new Map<string, Map<string, PlayerMetrics>>();
  const assigned = new Map<string, string>(); // player → this experiment's variant
  for (const e of events) {
    if (e.type === 'experiment_exposure' && e.exposure.startsWith(`${experiment}:`)) assigned.set(e.playerId, e.exposure);
    const v = assigned.get(e.playerId);
    if (v === undefined || e.tsMs < p.fromMs || e.tsMs >= p.toMs || !inSlice(p, e)) continue;
    let players = byVariant.get(v);
    if (!players) byVariant.set(v, (players = new Map<string, PlayerMetrics>()));
    let m = players.get(e.playerId);
    if (!m) players.set(e.playerId, (m = { purchased: false, revenue: 0, sessions: 0 }));
    if (e.type === 'purchase') {
      m.purchased = true;
      m.revenue += reportingMinor(e);
    }
    if (e.type === 'session_start') m.sessions += 1;
  }
  return byVariant;
}

function fromPlayerRows(p: ResolvedKpiParams, rows: readonly RefPlayer[], experiment: string) {
  const byVariant = new Map<string, Map<string, PlayerMetrics>>();
  for (const r of rows) {
    if (r.windowStartMs < p.fromMs || r.windowStartMs >= p.toMs || !inSlice(p, r)) continue;
    const v = r.variant.split(',').find((x) => x.startsWith(`${experiment}:`));
    if (v === undefined) continue;
    let players = byVariant.get(v);
    if (!players) byVariant.set(v, (players = new Map<string, PlayerMetrics>()));
    let m = players.get(r.playerId);
    if (!m) players.set(r.playerId, (m = { purchased: false, revenue: 0, sessions: 0 }));
    if (r.purchases > 0) m.purchased = true;
    m.revenue += r.revenueReportingMinor ?? 0;
    m.sessions += r.sessions;
  }
  return byVariant;
}

function metricColumns(name: string, values: number[]): Row {
  const n = values.length;
  const sum = values.reduce((a, x) => a + x, 0);
  const sumSquares = values.reduce((a, x) => a + x * x, 0);
  return {
    [`${name}_sum`]: sum,
    [`${name}_sum_squares`]: sumSquares,
    [`${name}_mean`]: n > 0 ? sum / n : null,
    [`${name}_variance`]: n > 1 ? Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1)) : null,
  };
}

/** The references of this helper's KPIs (ab_test here; ltv in ltv.ts), spread into REFERENCE_KPIS. */
export const AB_REFERENCES: Record<string, (p: ResolvedKpiParams, data: RefData) => Row[]> = {
  ltv: ltvReference,
  ab_test: (p, data) => {
    const experiment = p.experiment;
    if (experiment === undefined) return [];
    const byVariant = data.events
      ? fromEvents(p, data.events, data.reportingMinor ?? ((e) => e.amount), experiment)
      : fromPlayerRows(p, data.players, experiment);
    return [...byVariant.keys()].sort().map((variant) => {
      const ms = [...byVariant.get(variant)!.values()];
      return {
        variant,
        players: ms.length,
        ...metricColumns(
          'conversion',
          ms.map((m) => (m.purchased ? 1 : 0)),
        ),
        ...metricColumns(
          'revenue',
          ms.map((m) => m.revenue),
        ),
        ...metricColumns(
          'sessions',
          ms.map((m) => m.sessions),
        ),
      };
    });
  },
  // The statistics are a pure function of ab_test's sums (kpi/src/stats, tested against
  // textbook values on their own); what is under test here is that the sums are exact.
  ab_stats: (p, data) => (p.experiment === undefined ? [] : abStatsRows(p.experiment, AB_REFERENCES.ab_test!(p, data))),
};
