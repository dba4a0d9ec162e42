/**
 * Reference (ground truth) of the player KPIs — session_stats, player_lifecycle,
 * retention, retention_matrix — in plain TypeScript, sharing no code with the SQL.
 * Where `RefData.events` holds the raw events, sessions by inactivity gap, lifecycle
 * and exact session-length quantiles are computed from them, per install and per
 * player across devices; otherwise (unit tests on random rows) from the rows' own
 * gap_sessions / active_ms / max_progress and the session-length buckets.
 */
import { sessionLengthQuantileMs } from '@gamepulse/proto';
import type { Row } from '@gamepulse/store';
import type { ResolvedKpiParams } from '../types.ts';
import { assignmentsOf, inVariant } from './assignments.ts';
import { DIMENSION_COLUMN, dimensionValue } from './dimensions.ts';
import type { RefData, RefEvent, RefPlayer, RefRollup } from './reference-kpis.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** The processor's default session gap (processor/README.md): what the compared rows were made with. */
export const REFERENCE_SESSION_GAP_MS = 30 * MINUTE;
const BUCKET: Record<string, number> = { minute: MINUTE, hour: 3_600_000, day: DAY };

interface Dimmed {
  windowStartMs: number;
  gameId: string;
  build: string;
  platform: string;
  country: string;
  variant: string;
}

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;

function matches(p: ResolvedKpiParams, r: Dimmed, fromMs = p.fromMs, toMs = p.toMs): boolean {
  return (
    r.windowStartMs >= fromMs &&
    r.windowStartMs < toMs &&
    (p.game === undefined || r.gameId === p.game) &&
    (p.platform === undefined || r.platform === p.platform) &&
    (p.country === undefined || r.country === p.country) &&
    (p.build === undefined || r.build === p.build) &&
    inVariant(r.variant, p.variant) &&
    (p.region === undefined || dimensionValue(r, 'region') === p.region) &&
    (p.subregion === undefined || dimensionValue(r, 'subregion') === p.subregion)
  );
}

function keyOf(p: ResolvedKpiParams, r: Dimmed, withBucket: boolean): Row {
  const k: Row = {};
  if (withBucket && p.granularity !== 'all') k.bucket_start_ms = floorTo(r.windowStartMs, BUCKET[p.granularity]!);
  for (const d of p.by) k[DIMENSION_COLUMN[d]] = dimensionValue(r, d, p.experiment);
  return k;
}

function byKeys(keys: string[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k]!;
      const y = b[k]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

/** Nearest-rank quantile of raw values (lengths ≤ 0 count as 0). */
function exactQuantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = values.map((v) => Math.max(0, v)).sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1]!;
}

/** Each event's experiment assignments as player rows carry them (assignments.ts). */
function variantsOf(events: readonly RefEvent[]): string[] {
  const sets = assignmentsOf(events);
  return events.map((e) => sets.get(e)!.player);
}

/** Per event: does it open a gap session of its install, and the in-session ms it adds (the rules of processor/README.md). */
function gapSteps(events: readonly RefEvent[], gapMs = REFERENCE_SESSION_GAP_MS): Array<{ opens: number; activeMs: number }> {
  const last = new Map<string, number>();
  return events.map((e) => {
    const key = `${e.playerId}\u0000${e.installId}`;
    const prev = last.get(key);
    if (prev !== undefined && e.tsMs < prev) return { opens: 0, activeMs: 0 };
    last.set(key, e.tsMs);
    if (prev === undefined || e.tsMs - prev > gapMs) return { opens: 1, activeMs: 0 };
    return { opens: 0, activeMs: e.tsMs - prev };
  });
}

/** The furthest-progression rank of a completed progression's path "t1:t2:t3" (trailing integers of each tier). */
function pathRank(item: string): number {
  const tiers = item.split(':');
  const n = (i: number, cap: number) => {
    const m = /(\d+)$/.exec(tiers[i] ?? '');
    return m ? Math.min(cap, Number(m[1]!.slice(-7))) : 0;
  };
  return n(0, 999_999) * 1_000_000 + n(1, 999) * 1_000 + n(2, 999);
}

function eventDims(e: RefEvent, variant: string): Dimmed {
  return { windowStartMs: e.tsMs, gameId: e.gameId, build: e.build, platform: e.platform, country: e.country, variant };
}

// ---- session_stats ---------------------------------------------------------------------

function sessionStats(p: ResolvedKpiParams, data: RefData): Row[] {
  interface G {
    key: Row;
    sdk: number;
    ended: number;
    length: number;
    lengths: number[];
    buckets: Map<string, number>;
    gap: number;
    active: number;
    players: Set<string>;
    playerDays: Set<string>;
  }
  const groups = new Map<string, G>();
  const group = (r: Dimmed): G => {
    const key = keyOf(p, r, true);
    const id = JSON.stringify(key);
    let g = groups.get(id);
    if (!g) {
      g = {
        key,
        sdk: 0,
        ended: 0,
        length: 0,
        lengths: [],
        buckets: new Map(),
        gap: 0,
        active: 0,
        players: new Set(),
        playerDays: new Set(),
      };
      groups.set(id, g);
    }
    return g;
  };
  const exact = data.events !== undefined;
  for (const r of data.rollups as RefRollup[]) {
    if ((r.eventType !== 'session_start' && r.eventType !== 'session_end') || !matches(p, r)) continue;
    const g = group(r);
    if (r.eventType === 'session_start') g.sdk += r.events;
    else {
      g.ended += r.events;
      g.length += r.amount;
      // Ground-truth facts are one per event: the amount is that session's length.
      if (exact) for (let i = 0; i < r.events; i++) g.lengths.push(r.amount / r.events);
      else g.buckets.set(r.item, (g.buckets.get(r.item) ?? 0) + r.events);
    }
  }
  for (const r of data.players as RefPlayer[]) {
    if (!matches(p, r)) continue;
    const g = group(r);
    // Players are told apart by id, as in every other KPI (by=game separates games).
    g.players.add(r.playerId);
    g.playerDays.add(`${r.playerId}\u0000${floorTo(r.windowStartMs, DAY)}`);
    if (!exact) {
      g.gap += r.gapSessions ?? 0;
      g.active += r.activeMs ?? 0;
    }
  }
  if (data.events) {
    const variants = variantsOf(data.events);
    const steps = gapSteps(data.events);
    data.events.forEach((e, i) => {
      const r = eventDims(e, variants[i]!);
      if (!matches(p, r)) return;
      const g = group(r);
      g.gap += steps[i]!.opens;
      g.active += steps[i]!.activeMs;
    });
  }
  const per = (a: number, b: number) => (b > 0 ? a / b : null);
  const out = [...groups.values()].map((g) => ({
    ...g.key,
    sdk_sessions: g.sdk,
    sdk_ended: g.ended,
    sdk_total_length_ms: g.length,
    sdk_avg_length_ms: per(g.length, g.ended),
    gap_sessions: g.gap,
    gap_total_length_ms: g.active,
    gap_avg_length_ms: per(g.active, g.gap),
    players: g.players.size,
    player_days: g.playerDays.size,
    sessions_per_player: per(g.sdk, g.players.size),
    gap_sessions_per_player: per(g.gap, g.players.size),
    sessions_per_dau: per(g.sdk, g.playerDays.size),
    gap_sessions_per_dau: per(g.gap, g.playerDays.size),
    median_length_ms: exact ? exactQuantile(g.lengths, 0.5) : sessionLengthQuantileMs(g.buckets, 0.5),
    p90_length_ms: exact ? exactQuantile(g.lengths, 0.9) : sessionLengthQuantileMs(g.buckets, 0.9),
  }));
  const keys = [...(p.granularity === 'all' ? [] : ['bucket_start_ms']), ...p.by.map((d) => DIMENSION_COLUMN[d])];
  out.sort(byKeys(keys));
  if (out.length === 0 && keys.length === 0) {
    out.push({
      sdk_sessions: 0,
      sdk_ended: 0,
      sdk_total_length_ms: 0,
      sdk_avg_length_ms: null,
      gap_sessions: 0,
      gap_total_length_ms: 0,
      gap_avg_length_ms: null,
      players: 0,
      player_days: 0,
      sessions_per_player: null,
      gap_sessions_per_player: null,
      sessions_per_dau: null,
      gap_sessions_per_dau: null,
      median_length_ms: null,
      p90_length_ms: null,
    });
  }
  return out;
}

// ---- player_lifecycle ------------------------------------------------------------------

interface Life {
  game_id: string;
  player_id: string;
  days: Set<number>;
  last: number;
  sdk: number;
  gap: number;
  purchases: number;
  firstPurchaseDay: number | null;
  progress: number;
  variant: string;
  variantAt: number;
}

function playerLifecycle(p: ResolvedKpiParams, data: RefData): Row[] {
  const lives = new Map<string, Life>();
  const life = (gameId: string, playerId: string): Life => {
    const id = `${gameId}\u0000${playerId}`;
    let l = lives.get(id);
    if (!l) {
      l = {
        game_id: gameId,
        player_id: playerId,
        days: new Set(),
        last: -Infinity,
        sdk: 0,
        gap: 0,
        purchases: 0,
        firstPurchaseDay: null,
        progress: 0,
        variant: '',
        variantAt: -Infinity,
      };
      lives.set(id, l);
    }
    return l;
  };
  const inScope = (gameId: string, ms: number) => ms < p.toMs && (p.game === undefined || gameId === p.game);
  const touch = (l: Life, ms: number) => {
    l.days.add(floorTo(ms, DAY));
    l.last = Math.max(l.last, floorTo(ms, MINUTE));
  };
  if (data.events) {
    const steps = gapSteps(data.events);
    const sets = assignmentsOf(data.events);
    data.events.forEach((e, i) => {
      if (!inScope(e.gameId, e.tsMs)) return;
      const l = life(e.gameId, e.playerId);
      touch(l, e.tsMs);
      l.gap += steps[i]!.opens;
      if (e.type === 'session_start') l.sdk += 1;
      if (e.type === 'purchase') {
        l.purchases += 1;
        const day = floorTo(e.tsMs, DAY);
        l.firstPurchaseDay = l.firstPurchaseDay === null ? day : Math.min(l.firstPurchaseDay, day);
      }
      if (e.type === 'progression' && e.action === 'complete') l.progress = Math.max(l.progress, pathRank(e.item));
      // Events are in time order: the set after the last exposure is the current assignment.
      if (e.type === 'experiment_exposure') l.variant = sets.get(e)!.player;
    });
  } else {
    for (const r of data.players) {
      if (!inScope(r.gameId, r.windowStartMs)) continue;
      const l = life(r.gameId, r.playerId);
      touch(l, r.windowStartMs);
      l.gap += r.gapSessions ?? 0;
      l.sdk += r.sessions;
      l.purchases += r.purchases;
      if (r.purchases > 0) {
        const day = floorTo(r.windowStartMs, DAY);
        l.firstPurchaseDay = l.firstPurchaseDay === null ? day : Math.min(l.firstPurchaseDay, day);
      }
      l.progress = Math.max(l.progress, r.maxProgress ?? 0);
      if (r.variant !== '' && r.windowStartMs >= l.variantAt) {
        l.variant = r.variant;
        l.variantAt = r.windowStartMs;
      }
    }
  }
  return [...lives.values()]
    .filter((l) => l.last >= p.fromMs)
    .sort((a, b) =>
      a.game_id !== b.game_id ? (a.game_id < b.game_id ? -1 : 1) : a.player_id < b.player_id ? -1 : a.player_id > b.player_id ? 1 : 0,
    )
    .slice(p.offset, p.offset + p.limit)
    .map((l) => ({
      game_id: l.game_id,
      player_id: l.player_id,
      first_seen_day_ms: Math.min(...l.days),
      last_seen_ms: l.last,
      days_active: l.days.size,
      sdk_sessions: l.sdk,
      gap_sessions: l.gap,
      purchases: l.purchases,
      first_purchase_day_ms: l.firstPurchaseDay,
      max_progress: l.progress,
      variant: l.variant,
    }));
}

// ---- retention -------------------------------------------------------------------------

interface CohortMember {
  cohort: number;
  key: Row;
  days: Set<number>;
}

/** Players per (game, player, dimension group) who were active in the group on their cohort day (the first day of any of their rows). */
function cohortMembers(p: ResolvedKpiParams, data: RefData): CohortMember[] {
  const first = Math.ceil(p.fromMs / DAY) * DAY;
  const cohort = new Map<string, number>();
  for (const r of data.players) {
    if (r.windowStartMs >= p.toMs || (p.game !== undefined && r.gameId !== p.game)) continue;
    const id = `${r.gameId}\u0000${r.playerId}`;
    cohort.set(id, Math.min(cohort.get(id) ?? Infinity, floorTo(r.windowStartMs, DAY)));
  }
  const groups = new Map<string, CohortMember>();
  for (const r of data.players) {
    if (!matches(p, r, first, Math.max(first, p.nowMs))) continue;
    const c = cohort.get(`${r.gameId}\u0000${r.playerId}`);
    if (c === undefined || c < first || c >= p.toMs) continue;
    const key = keyOf(p, r, false);
    const id = `${r.gameId}\u0000${r.playerId}\u0000${JSON.stringify(key)}`;
    let m = groups.get(id);
    if (!m) groups.set(id, (m = { cohort: c, key, days: new Set() }));
    m.days.add(floorTo(r.windowStartMs, DAY));
  }
  return [...groups.values()].filter((m) => m.days.has(m.cohort));
}

interface CohortCounts {
  cohort: number;
  key: Row;
  size: number;
  classic: (n: number) => number;
  rolling: (n: number) => number;
}

function cohortCounts(p: ResolvedKpiParams, data: RefData): CohortCounts[] {
  const byGroup = new Map<string, { cohort: number; key: Row; members: CohortMember[] }>();
  for (const m of cohortMembers(p, data)) {
    const id = JSON.stringify([m.cohort, m.key]);
    const g = byGroup.get(id) ?? { cohort: m.cohort, key: m.key, members: [] };
    g.members.push(m);
    byGroup.set(id, g);
  }
  const dims = p.by.map((d) => DIMENSION_COLUMN[d]);
  return [...byGroup.values()]
    .map((g) => ({
      cohort: g.cohort,
      key: g.key,
      size: g.members.length,
      classic: (n: number) => g.members.filter((m) => m.days.has(g.cohort + n * DAY)).length,
      rolling: (n: number) => g.members.filter((m) => [...m.days].some((d) => d >= g.cohort + n * DAY)).length,
    }))
    .sort((a, b) => a.cohort - b.cohort || byKeys(dims)(a.key, b.key));
}

function retention(p: ResolvedKpiParams, data: RefData): Row[] {
  return cohortCounts(p, data).map((g) => {
    const row: Row = { cohort_day_ms: g.cohort, ...g.key, cohort_players: g.size };
    for (const n of p.days) {
      const complete = g.cohort + (n + 1) * DAY <= p.nowMs;
      const classic = complete ? g.classic(n) : null;
      const rolling = complete ? g.rolling(n) : null;
      row[`d${n}_players`] = classic;
      row[`d${n}_rate`] = classic === null || g.size === 0 ? null : classic / g.size;
      row[`d${n}_rolling_players`] = rolling;
      row[`d${n}_rolling_rate`] = rolling === null || g.size === 0 ? null : rolling / g.size;
    }
    return row;
  });
}

function retentionMatrix(p: ResolvedKpiParams, data: RefData): Row[] {
  const out: Row[] = [];
  const maxN = Math.max(...p.days);
  for (const g of cohortCounts(p, data)) {
    for (let n = 0; n <= maxN && g.cohort + (n + 1) * DAY <= p.nowMs; n++) {
      const classic = g.classic(n);
      const rolling = g.rolling(n);
      out.push({
        cohort_day_ms: g.cohort,
        ...g.key,
        day_n: n,
        cohort_players: g.size,
        players: classic,
        rate: g.size > 0 ? classic / g.size : null,
        rolling_players: rolling,
        rolling_rate: g.size > 0 ? rolling / g.size : null,
      });
    }
  }
  return out;
}

export const PLAYER_REFERENCE_KPIS: Record<string, (p: ResolvedKpiParams, data: RefData) => Row[]> = {
  session_stats: sessionStats,
  player_lifecycle: playerLifecycle,
  retention,
  retention_matrix: retentionMatrix,
};
