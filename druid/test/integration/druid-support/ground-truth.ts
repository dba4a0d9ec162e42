/**
 * The independent ground truth: one reference fact per simulated event (events = 1,
 * no windows merged, cohort and assignments derived from the raw events here), fed to
 * the plain-TypeScript KPI reference (kpi/src/reference/reference-kpis.ts).
 */
import type { RefData, RefPlayer, RefRollup } from '@gamepulse/kpi';
import { reportingCurrencyOf, toReportingMinor } from './fx.ts';
import { DAY_MS, type SimEvent } from './traffic.ts';

/**
 * The A/B semantics of druid/README.md ("A/B readout"): every player row — and every
 * rollup row but an exposure's — carries the player's assignments as of the event: the
 * latest exposure per experiment, as 'experiment:variant' sorted by experiment and
 * comma-joined, '' before any; an exposure's rollup fact carries the one it exposes.
 */
export function groundTruth(events: readonly SimEvent[]): RefData {
  const firstTs = new Map<string, number>();
  for (const e of events) firstTs.set(e.playerId, Math.min(firstTs.get(e.playerId) ?? Infinity, e.tsMs));
  const rollups: RefRollup[] = [];
  const players: RefPlayer[] = [];
  // Events come in time order (ties in the order the game tracked them).
  const assigned = new Map<string, string[]>();
  for (const e of events) {
    if (e.type === 'experiment_exposure') {
      const experiment = e.exposure.split(':')[0]!;
      const kept = (assigned.get(e.playerId) ?? []).filter((x) => x.split(':')[0] !== experiment);
      const byExperiment = (a: string, b: string) => (a.split(':')[0]! < b.split(':')[0]! ? -1 : 1);
      assigned.set(e.playerId, [...kept, e.exposure].sort(byExperiment));
    }
    const set = (assigned.get(e.playerId) ?? []).join(',');
    // Purchases and refunds convert on rollups; a player's revenue counts purchases only (gross).
    const converts = e.type === 'purchase' || e.type === 'refund';
    const revenueReportingMinor = converts ? toReportingMinor(e.amount, e.currency, e.gameId, e.tsMs) : 0;
    const dims = { windowStartMs: e.tsMs, gameId: e.gameId, build: e.build, platform: e.platform, country: e.country };
    rollups.push({
      ...dims,
      variant: e.type === 'experiment_exposure' ? e.exposure : set,
      eventType: e.type,
      action: e.action,
      currency: e.currency,
      item: e.item,
      events: 1,
      amount: e.amount,
      revenueReportingMinor,
      reportingCurrency: converts ? reportingCurrencyOf(e.gameId) : '',
    });
    players.push({
      ...dims,
      variant: set,
      playerId: e.playerId,
      firstSeenDayMs: Math.floor(firstTs.get(e.playerId)! / DAY_MS) * DAY_MS,
      events: 1,
      purchases: e.type === 'purchase' ? 1 : 0,
      sessions: e.type === 'session_start' ? 1 : 0,
      revenueReportingMinor: e.type === 'purchase' ? revenueReportingMinor : 0,
    });
  }
  return {
    rollups,
    players,
    events,
    playerVariant: true,
    reportingMinor: (e) => toReportingMinor(e.amount, e.currency, e.gameId, e.tsMs),
  };
}
