/**
 * Rows of a generated history (seasonal-history.ts), summed per window the way the
 * processor sums events: rollups per window, segment (game, platform, country, build)
 * and kind; player rows per window, segment and player.
 */
import type { PlayerWindowData, RollupRowData } from '@gamepulse/proto';

const MINUTE_MS = 60_000;

/** One game × platform × country × build, with its local currency and region. */
export interface Segment {
  index: number;
  gameId: string;
  platform: string;
  country: string;
  build: string;
  currency: 'USD' | 'EUR' | 'GBP' | 'BRL' | 'JPY';
  region: string;
  subregion: string;
}

/** What a rollup row is keyed by beside window and segment: event type, action, currency, item. */
export interface RowKind {
  eventType: string;
  action?: string;
  currency?: string;
  item?: string;
}

/** One segment-build's sums per slot in a window. */
interface SlotSums {
  seg: Segment;
  build: string;
  events: Float64Array;
  amounts: Float64Array;
}

/**
 * Accumulates rows per window. Rollups of the fixed kinds are summed into numbered slots
 * (no string key per event): the generator's hot path; other rows (session lengths,
 * purchases, incidents) go by a key.
 */
export class RowAccumulator {
  private readonly rollups = new Map<number, Map<string, SlotSums>>();
  private readonly keyed = new Map<number, Map<string, RollupRowData>>();
  private readonly players = new Map<number, Map<string, PlayerWindowData>>();

  constructor(private readonly slots: readonly RowKind[]) {}

  /** Adds `events` (and `amount`) to slot `slot` of the window's segment-build. */
  slot(windowMs: number, seg: Segment, build: string, slot: number, events: number, amount: number): void {
    if (events === 0) return;
    let w = this.rollups.get(windowMs);
    if (!w) this.rollups.set(windowMs, (w = new Map<string, SlotSums>()));
    const k = build === seg.build ? String(seg.index) : `${seg.index}|${build}`;
    let acc = w.get(k);
    if (!acc) w.set(k, (acc = { seg, build, events: new Float64Array(this.slots.length), amounts: new Float64Array(this.slots.length) }));
    acc.events[slot]! += events;
    acc.amounts[slot]! += amount;
  }

  rollup(windowMs: number, seg: Segment, build: string, r: RowKind, events: number, amount = 0, reporting = 0): void {
    if (events === 0) return;
    let w = this.keyed.get(windowMs);
    if (!w) this.keyed.set(windowMs, (w = new Map<string, RollupRowData>()));
    const key = `${seg.index}|${build}|${r.eventType}|${r.action ?? ''}|${r.currency ?? ''}|${r.item ?? ''}`;
    let row = w.get(key);
    if (!row) w.set(key, (row = rollupRow(windowMs, seg, build, r)));
    row.events! += events;
    row.amount! += amount;
    row.revenueReportingMinor! += reporting;
  }

  player(
    windowMs: number,
    seg: Segment,
    build: string,
    playerId: string,
    firstSeenDayMs: number,
    add: { events: number; purchases: number; sessions: number; revenue: number },
  ): void {
    let w = this.players.get(windowMs);
    if (!w) this.players.set(windowMs, (w = new Map<string, PlayerWindowData>()));
    const key = `${seg.index}|${build}|${playerId}`;
    let row = w.get(key);
    if (!row) {
      row = {
        windowStartMs: windowMs,
        gameId: seg.gameId,
        build,
        platform: seg.platform,
        country: seg.country,
        playerId,
        firstSeenDayMs,
        events: 0,
        purchases: 0,
        sessions: 0,
        variant: '',
        gapSessions: 0,
        activeMs: 0,
        maxProgress: 0,
        revenueReportingMinor: 0,
        region: seg.region,
        subregion: seg.subregion,
      };
      w.set(key, row);
    }
    row.events! += add.events;
    row.purchases! += add.purchases;
    row.sessions! += add.sessions;
    row.gapSessions! += add.sessions;
    // About one action every 8 s of play, at most the whole minute.
    row.activeMs = Math.min(MINUTE_MS, row.activeMs! + add.events * 8_000);
    row.revenueReportingMinor! += add.revenue;
  }

  /** Moves every window before `untilMs` (complete: no later session touches it) into the outputs. */
  flush(untilMs: number, out: { rollups: RollupRowData[]; players: PlayerWindowData[] }): void {
    for (const [w, accs] of this.rollups) {
      if (w >= untilMs) continue;
      for (const { seg, build, events, amounts } of accs.values())
        for (let i = 0; i < this.slots.length; i++)
          if (events[i]! > 0) {
            const row = rollupRow(w, seg, build, this.slots[i]!);
            row.events = events[i]!;
            row.amount = amounts[i]!;
            out.rollups.push(row);
          }
      this.rollups.delete(w);
    }
    for (const [w, rows] of this.keyed)
      if (w < untilMs) {
        out.rollups.push(...rows.values());
        this.keyed.delete(w);
      }
    for (const [w, rows] of this.players)
      if (w < untilMs) {
        out.players.push(...rows.values());
        this.players.delete(w);
      }
  }
}

function rollupRow(windowMs: number, seg: Segment, build: string, r: RowKind): RollupRowData {
  return {
    windowStartMs: windowMs,
    gameId: seg.gameId,
    build,
    platform: seg.platform,
    country: seg.country,
    eventType: r.eventType,
    action: r.action ?? '',
    currency: r.currency ?? '',
    item: r.item ?? '',
    variant: '',
    events: 0,
    amount: 0,
    value: 0,
    revenueReportingMinor: 0,
    reportingCurrency: r.eventType === 'purchase' || r.eventType === 'refund' ? 'USD' : '',
    region: seg.region,
    subregion: seg.subregion,
    lateEvents: 0,
  };
}
