/**
 * Reference for churn_risk and at_risk_players, in plain TypeScript: from the raw
 * events when the data has them (RefData.events: one fact per event, the variant
 * derived here from the exposures), else from the player rows (the kpi unit tests'
 * random rows). Shares nothing with the SQL but the resolved parameters and the
 * definition in kpi/README.md "Metric definitions".
 */
import { regionOf } from '@gamepulse/proto';
import type { Row } from '@gamepulse/store';
import type { Dimension, ResolvedKpiParams } from '../types.ts';
import { assignmentsOf, inVariant, variantColumn } from './assignments.ts';
import type { RefData } from './reference-kpis.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const WEEK_DAYS = 7;
const BASELINE_WEEKS = 3;
const LOOKBACK_DAYS = 28;

/** One player fact: a window (start) of a player's activity in one slice. */
interface Fact {
  ms: number;
  playerId: string;
  game_id: string;
  build: string;
  platform: string;
  country: string;
  region: string;
  subregion: string;
  variant: string;
  sessions: number;
  purchases: number;
}

const COLUMN: Record<Dimension, keyof Fact> = {
  game: 'game_id',
  build: 'build',
  platform: 'platform',
  country: 'country',
  variant: 'variant',
  region: 'region',
  subregion: 'subregion',
};

const FACTS = new WeakMap<RefData, Fact[]>();

function facts(data: RefData): Fact[] {
  let out = FACTS.get(data);
  if (out) return out;
  out = [];
  if (data.events) {
    // The player's assignments after the event, as player rows carry them (assignments.ts).
    const sets = assignmentsOf(data.events);
    for (const e of [...data.events].sort((a, b) => a.tsMs - b.tsMs)) {
      out.push({
        ms: Math.floor(e.tsMs / MINUTE) * MINUTE,
        playerId: e.playerId,
        game_id: e.gameId,
        build: e.build,
        platform: e.platform,
        country: e.country,
        ...regionOf(e.country),
        variant: data.playerVariant ? sets.get(e)!.player : '',
        sessions: e.type === 'session_start' ? 1 : 0,
        purchases: e.type === 'purchase' ? 1 : 0,
      });
    }
  } else {
    for (const r of data.players)
      out.push({
        ms: r.windowStartMs,
        playerId: r.playerId,
        game_id: r.gameId,
        build: r.build,
        platform: r.platform,
        country: r.country,
        ...regionOf(r.country),
        variant: r.variant,
        sessions: r.sessions,
        purchases: r.purchases,
      });
  }
  FACTS.set(data, out);
  return out;
}

export interface ChurnScore {
  playerId: string;
  /** The slice's dimension values (the `by` columns). */
  dims: Row;
  segment: 'active' | 'at_risk' | 'lapsed';
  reasons: string[];
  lastSessionDayMs: number | null;
  sessionsWeek: number;
  sessionsBaseline: number;
  purchasesWeek: number;
  purchasesBaseline: number;
  lifetimePurchases: number;
}

/** Every scored player (× slice of `p.by`) as of `asOfMs`, in no particular order. */
export function churnScores(p: ResolvedKpiParams, data: RefData, asOfMs: number, by: readonly Dimension[] = p.by): ChurnScore[] {
  const lookback = asOfMs - LOOKBACK_DAYS * DAY;
  const week = asOfMs - WEEK_DAYS * DAY;
  const recent = asOfMs - p.lapsedDays * DAY;
  const players = new Map<string, { dims: Row; f: Fact[] }>();
  for (const f of facts(data)) {
    if (f.ms >= asOfMs) continue;
    if (p.game !== undefined && f.game_id !== p.game) continue;
    if (p.platform !== undefined && f.platform !== p.platform) continue;
    if (p.country !== undefined && f.country !== p.country) continue;
    if (p.region !== undefined && f.region !== p.region) continue;
    if (p.subregion !== undefined && f.subregion !== p.subregion) continue;
    if (p.build !== undefined && f.build !== p.build) continue;
    if (!inVariant(f.variant, p.variant)) continue;
    const dims: Row = {};
    for (const d of by) dims[COLUMN[d]] = d === 'variant' ? variantColumn(f.variant, p.experiment) : f[COLUMN[d]];
    const key = JSON.stringify([f.playerId, dims]);
    const entry = players.get(key) ?? { dims, f: [] };
    entry.f.push(f);
    players.set(key, entry);
  }
  const out: ChurnScore[] = [];
  for (const { dims, f } of players.values()) {
    const sum = (from: number, to: number, k: 'sessions' | 'purchases') =>
      f.reduce((s, x) => (x.ms >= from && x.ms < to ? s + x[k] : s), 0);
    if (sum(lookback, asOfMs, 'sessions') === 0) continue;
    const sWeek = sum(week, asOfMs, 'sessions');
    const sBase = sum(lookback, week, 'sessions');
    const pWeek = sum(week, asOfMs, 'purchases');
    const pBase = sum(lookback, week, 'purchases');
    const lapsed = sum(recent, asOfMs, 'sessions') === 0;
    // "below half the average weekly sessions of the 3 weeks before"
    const sessionsDown = sWeek < sBase / BASELINE_WEEKS / 2;
    const spendStopped = pBase > 0 && pWeek === 0;
    const reasons = lapsed
      ? [`no_session_${p.lapsedDays}d`]
      : [...(sessionsDown ? ['sessions_down'] : []), ...(spendStopped ? ['spend_stopped'] : [])];
    const sessionDays = f.filter((x) => x.sessions > 0).map((x) => Math.floor(x.ms / DAY) * DAY);
    out.push({
      playerId: f[0]!.playerId,
      dims,
      segment: lapsed ? 'lapsed' : reasons.length > 0 ? 'at_risk' : 'active',
      reasons,
      lastSessionDayMs: sessionDays.length > 0 ? Math.max(...sessionDays) : null,
      sessionsWeek: sWeek,
      sessionsBaseline: sBase,
      purchasesWeek: pWeek,
      purchasesBaseline: pBase,
      lifetimePurchases: f.reduce((s, x) => s + x.purchases, 0),
    });
  }
  return out;
}

function compare(keys: string[]) {
  return (a: Row, b: Row) => {
    for (const k of keys) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
    return 0;
  };
}

export const CHURN_REFERENCES: Record<string, (p: ResolvedKpiParams, data: RefData) => Row[]> = {
  churn_risk: (p, data) => {
    const dimCols = p.by.map((d) => COLUMN[d]);
    const out: Row[] = [];
    for (let day = Math.floor(p.fromMs / DAY) * DAY; day < p.toMs; day += DAY) {
      const groups = new Map<string, Row>();
      for (const s of churnScores(p, data, day + DAY)) {
        const key = JSON.stringify(s.dims);
        const g = groups.get(key) ?? { day_start_ms: day, ...s.dims, players: 0, active: 0, at_risk: 0, lapsed: 0 };
        (g.players as number)++;
        (g[s.segment] as number)++;
        groups.set(key, g);
      }
      if (groups.size === 0 && p.by.length === 0) groups.set('', { day_start_ms: day, players: 0, active: 0, at_risk: 0, lapsed: 0 });
      out.push(...groups.values());
    }
    return out.sort(compare(['day_start_ms', ...dimCols]));
  },

  at_risk_players: (p, data) => {
    const rank = { at_risk: 1, lapsed: 2, active: 0 };
    return churnScores(p, data, p.asOfMs, [])
      .filter((s) => s.segment !== 'active')
      .sort(
        (a, b) =>
          rank[a.segment] - rank[b.segment] ||
          b.lifetimePurchases - a.lifetimePurchases ||
          (a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0),
      )
      .slice(p.offset, p.offset + p.limit)
      .map((s) => ({
        player_id: s.playerId,
        segment: s.segment,
        reasons: s.reasons.join(';'),
        last_session_day_ms: s.lastSessionDayMs,
        sessions_7d: s.sessionsWeek,
        weekly_baseline_sessions: s.sessionsBaseline / BASELINE_WEEKS,
        purchases_7d: s.purchasesWeek,
        lifetime_purchases: s.lifetimePurchases,
      }));
  },
};
