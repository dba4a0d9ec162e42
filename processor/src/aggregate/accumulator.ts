/**
 * Deltas since the last commit, keyed by a compact string (window, dimensions and the
 * row's own sub-dimensions joined with a control character). Each commit drains them
 * as additive `RollupRow` / `PlayerWindow` / `PlayerStep` objects and starts again from empty: the
 * store sums rows with equal keys, so a window reopened by a late event is one more
 * row, never a rewrite.
 */
import type { PlayerStepData, PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import { KEY_SEP, type Dims } from './dims.ts';
import type { RollupFields } from './rollup-fields.ts';
import { StepAccumulator } from './step-accumulator.ts';

/**
 * Rows are accumulated in the very objects a commit hands out (counters included), so
 * draining 10^5 rows copies nothing: the accumulator drops its maps instead.
 */
interface RowAcc extends RollupRowData {
  events: number;
  amount: number;
  value: number;
  lateEvents: number;
  revenueReportingMinor: number;
}

interface PlayerAcc extends PlayerWindowData {
  variant: string;
  firstSeenDayMs: number;
  events: number;
  purchases: number;
  sessions: number;
  gapSessions: number;
  activeMs: number;
  maxProgress: number;
  revenueReportingMinor: number;
}

/** What one event adds to its player row besides the event itself. */
export interface PlayerEventFacts {
  purchase: boolean;
  sessionStart: boolean;
  /** 1 when the event opens a session by inactivity gap (activity.ts). */
  gapSessions: number;
  /** In-session ms since the install's previous event (activity.ts). */
  activeMs: number;
  /** Rank of a completed progression, 0 for any other event (progress-rank.ts). */
  progress: number;
  /** The purchase in the game's reporting currency, minor units; 0 for any other event. */
  reportingMinor: number;
}

export interface Drained {
  rollups: RollupRowData[];
  players: PlayerWindowData[];
  /** Per-player step facts (step-accumulator.ts). */
  steps: PlayerStepData[];
  /** Events behind the drained rows. */
  events: number;
}

/** Row lookup below a group: event type → action → currency → item. */
type ByItem = Map<string, RowAcc>;
type ByCurrency = Map<string, ByItem>;
type ByAction = Map<string, ByCurrency>;

/**
 * Rows of one (window, dimensions, variant), found through one map per sub-dimension.
 * Two levels instead of one long key: consecutive events of a batch share window,
 * dimensions and variant, so the outer lookup is usually skipped (`lastGroup`). Below
 * it, nested maps keyed by the event's own strings instead of a key joined per event:
 * the joined key was a new string to build, flatten and hash for every event
 * (`addEvent` was ~15 % of the processor's busy CPU in a profile on live traffic), while
 * decoded strings hash once and the nested lookups mostly hit small maps.
 */
interface RowGroup {
  windowStartMs: number;
  dims: Dims;
  variant: string;
  rows: Map<string, ByAction>;
}

export class RollupAccumulator {
  private groups = new Map<string, RowGroup>();
  private rowCount = 0;
  private lastGroup: RowGroup | undefined;
  private players = new Map<string, PlayerAcc>();
  /** The player row of the previous call: a batch's events are mostly one player's, in one window. */
  private lastPlayer: PlayerAcc | undefined;
  private lastPlayerDimsKey = '';
  private events = 0;
  private readonly steps = new StepAccumulator();

  /** Rollup rows and player windows a commit would write now: what `maxPendingRows` bounds. */
  get pendingRows(): number {
    return this.rowCount + this.players.size;
  }

  /** Step facts a commit would write now: what `maxPendingStepRows` bounds. */
  get pendingStepRows(): number {
    return this.steps.size;
  }

  get pendingEvents(): number {
    return this.events;
  }

  private groupOf(windowStartMs: number, dims: Dims, variant: string): RowGroup {
    const last = this.lastGroup;
    if (last && last.windowStartMs === windowStartMs && last.variant === variant && (last.dims === dims || last.dims.key === dims.key))
      return last;
    const key = windowStartMs + KEY_SEP + dims.key + KEY_SEP + variant;
    let group = this.groups.get(key);
    if (!group) {
      group = { windowStartMs, dims, variant, rows: new Map() };
      this.groups.set(key, group);
    }
    this.lastGroup = group;
    return group;
  }

  /** One event; `late`: it was behind its partition's watermark (windows/watermark.ts). */
  addEvent(windowStartMs: number, dims: Dims, f: RollupFields, late = false): void {
    const acc = this.rowOf(windowStartMs, dims, f);
    acc.events += 1;
    acc.amount += f.amount;
    acc.value += f.value;
    if (late) acc.lateEvents += 1;
    acc.revenueReportingMinor += f.reportingMinor;
    this.events += 1;
  }

  /**
   * `count` events an SDK reports it dropped (sdk-health.ts): added to the row's `events`
   * like tracked ones, but not to `pendingEvents` — no event of the log is behind them.
   */
  addDropped(windowStartMs: number, dims: Dims, f: RollupFields, count: number): void {
    this.rowOf(windowStartMs, dims, f).events += count;
  }

  private rowOf(windowStartMs: number, dims: Dims, f: RollupFields): RowAcc {
    const group = this.groupOf(windowStartMs, dims, f.variant);
    let byAction = group.rows.get(f.eventType);
    if (!byAction) group.rows.set(f.eventType, (byAction = new Map<string, ByCurrency>()));
    let byCurrency = byAction.get(f.action);
    if (!byCurrency) byAction.set(f.action, (byCurrency = new Map<string, ByItem>()));
    let byItem = byCurrency.get(f.currency);
    if (!byItem) byCurrency.set(f.currency, (byItem = new Map<string, RowAcc>()));
    let acc = byItem.get(f.item);
    if (!acc) {
      acc = {
        windowStartMs,
        gameId: dims.gameId,
        build: dims.build,
        platform: dims.platform,
        country: dims.country,
        eventType: f.eventType,
        action: f.action,
        currency: f.currency,
        item: f.item,
        variant: f.variant,
        events: 0,
        amount: 0,
        value: 0,
        region: dims.region,
        subregion: dims.subregion,
        lateEvents: 0,
        revenueReportingMinor: 0,
        reportingCurrency: f.reportingCurrency,
      };
      byItem.set(f.item, acc);
      this.rowCount += 1;
    }
    return acc;
  }

  /**
   * One event of `playerId` in a window. `variant` is the player's experiment assignment
   * as of the event (part of the key: the window of an exposure has a row before and a
   * row after it). `firstSeenDayMs` is the player's cohort, the same for every event of
   * the player on one partition; should two partitions disagree (a player with installs
   * on both), the earlier day wins. `reportingMinor`: the event's purchase amount in the
   * game's reporting currency (0 for other events).
   */
  addPlayer(windowStartMs: number, dims: Dims, playerId: string, variant: string, firstSeenDayMs: number, facts: PlayerEventFacts): void {
    let acc = this.lastPlayer;
    if (
      acc &&
      acc.windowStartMs === windowStartMs &&
      acc.playerId === playerId &&
      acc.variant === variant &&
      this.lastPlayerDimsKey === dims.key
    ) {
      if (firstSeenDayMs < acc.firstSeenDayMs) acc.firstSeenDayMs = firstSeenDayMs;
    } else {
      acc = this.playerRow(windowStartMs, dims, playerId, variant, firstSeenDayMs);
      this.lastPlayer = acc;
      this.lastPlayerDimsKey = dims.key;
    }
    acc.events += 1;
    if (facts.purchase) acc.purchases += 1;
    if (facts.sessionStart) acc.sessions += 1;
    acc.gapSessions += facts.gapSessions;
    acc.activeMs += facts.activeMs;
    if (facts.progress > acc.maxProgress) acc.maxProgress = facts.progress;
    acc.revenueReportingMinor += facts.reportingMinor;
  }

  /** One event's step fact: its player, event time and the step key of its rollup fields. */
  addStep(windowStartMs: number, tsMs: number, dims: Dims, playerId: string, f: RollupFields): void {
    this.steps.add(windowStartMs, tsMs, dims, playerId, f);
  }

  private playerRow(windowStartMs: number, dims: Dims, playerId: string, variant: string, firstSeenDayMs: number): PlayerAcc {
    const key = windowStartMs + KEY_SEP + dims.key + KEY_SEP + playerId + KEY_SEP + variant;
    let acc = this.players.get(key);
    if (!acc) {
      acc = {
        windowStartMs,
        gameId: dims.gameId,
        build: dims.build,
        platform: dims.platform,
        country: dims.country,
        playerId,
        firstSeenDayMs,
        events: 0,
        purchases: 0,
        sessions: 0,
        variant,
        region: dims.region,
        subregion: dims.subregion,
        gapSessions: 0,
        activeMs: 0,
        maxProgress: 0,
        revenueReportingMinor: 0,
      };
      this.players.set(key, acc);
    } else if (firstSeenDayMs < acc.firstSeenDayMs) {
      acc.firstSeenDayMs = firstSeenDayMs;
    }
    return acc;
  }

  /** Everything accumulated, as rows; the accumulator is empty afterwards. */
  drain(): Drained {
    const rollups: RollupRowData[] = [];
    for (const group of this.groups.values())
      for (const byAction of group.rows.values())
        for (const byCurrency of byAction.values())
          for (const byItem of byCurrency.values()) for (const row of byItem.values()) rollups.push(row);
    const drained = { rollups, players: [...this.players.values()], steps: this.steps.drain(), events: this.events };
    this.discard();
    return drained;
  }

  /** Forgets everything (after a failed commit: the checkpoint is the truth again). */
  discard(): void {
    this.groups = new Map();
    this.rowCount = 0;
    this.lastGroup = undefined;
    this.players = new Map();
    this.lastPlayer = undefined;
    this.steps.discard();
    this.events = 0;
  }
}
