/**
 * Reference for `ltv`, apart from its SQL: per (game, player) the cohort is the earliest
 * known first-seen day on any of their rows of the game up to the end of the last
 * cohort's day 30 (every platform, country and build, before the range too); the player
 * counts when a row matches the filters, and the revenue is the sum of those rows'
 * converted purchases by UTC day since that cohort.
 */
import type { Row } from '@gamepulse/store';
import type { ResolvedKpiParams } from '../types.ts';
import type { RefData } from './reference-kpis.ts';

const DAY = 86_400_000;
const DAYS = [0, 1, 7, 14, 30];

export function ltvReference(p: ResolvedKpiParams, data: RefData): Row[] {
  const first = Math.ceil(p.fromMs / DAY) * DAY;
  const last = Math.ceil(p.toMs / DAY) * DAY + 30 * DAY;
  const players = new Map<string, { cohort: number; inSlice: boolean; revenueByDay: Map<number, number> }>();
  for (const r of data.players) {
    if (r.windowStartMs >= last || (p.game !== undefined && r.gameId !== p.game)) continue;
    const key = `${r.gameId}\u0000${r.playerId}`;
    let m = players.get(key);
    if (!m) players.set(key, (m = { cohort: Infinity, inSlice: false, revenueByDay: new Map() }));
    if (r.firstSeenDayMs !== 0) m.cohort = Math.min(m.cohort, r.firstSeenDayMs);
    if ((p.platform !== undefined && r.platform !== p.platform) || (p.country !== undefined && r.country !== p.country)) continue;
    if (p.build !== undefined && r.build !== p.build) continue;
    m.inSlice = true;
    const day = Math.floor(r.windowStartMs / DAY) * DAY;
    m.revenueByDay.set(day, (m.revenueByDay.get(day) ?? 0) + (r.revenueReportingMinor ?? 0));
  }
  const cohorts = new Map<number, Array<Map<number, number>>>();
  for (const m of players.values()) {
    if (!m.inSlice || !(m.cohort >= first && m.cohort < p.toMs)) continue;
    const list = cohorts.get(m.cohort) ?? [];
    list.push(m.revenueByDay);
    cohorts.set(m.cohort, list);
  }
  return [...cohorts.keys()]
    .sort((a, b) => a - b)
    .map((cohort) => {
      const members = cohorts.get(cohort)!;
      const row: Row = { cohort_day_ms: cohort, cohort_players: members.length };
      for (const n of DAYS) {
        let revenue: number | null = 0;
        for (const byDay of members) for (const [day, x] of byDay) if (day >= cohort && day <= cohort + n * DAY) revenue += x;
        if (cohort + (n + 1) * DAY > p.nowMs) revenue = null;
        row[`revenue_d${n}_minor`] = revenue;
        row[`ltv_d${n}_minor`] = revenue === null ? null : revenue / members.length;
      }
      return row;
    });
}
