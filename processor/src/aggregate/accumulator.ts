/**
 * Deltas since the last commit, keyed by a compact string (window, dimensions and the
 * row's own sub-dimensions joined with a control character). Each commit drains them
 * as additive `RollupRow` / `PlayerWindow` objects and starts again from empty: the
 * store sums rows with equal keys, so a window reopened by a late event is one more
 * row, never a rewrite.
 */
import type { PlayerWindowData, RollupRowData } from '@gamepulse/proto';
import { KEY_SEP, type Dims } from './dims.ts';
import type { RollupFields } from './rollup-fields.ts';

/**
 * Rows are accumulated in the very objects a commit hands out (counters included), so
 * draining 10^5 rows copies nothing: the accumulator drops its maps instead.
 */
interface RowAcc extends RollupRowData {
  events: number;
  amount: number;
  value: number;
}

interface PlayerAcc extends PlayerWindowData {
  variant: string;
  firstSeenDayMs: number;
  events: number;
  purchases: number;
  sessions: number;
}

export interface Drained {
  rollups: RollupRowData[];
  players: PlayerWindowData[];
  /** Events behind the drained rows. */
  events: number;
}

export class RollupAccumulator {
  private rows = new Map<string, RowAcc>();
  private players = new Map<string, PlayerAcc>();
  private events = 0;

  /** Rows a commit would write now: what `maxPendingRows` bounds. */
  get pendingRows(): number {
    return this.rows.size + this.players.size;
  }

  get pendingEvents(): number {
    return this.events;
  }

  addEvent(windowStartMs: number, dims: Dims, f: RollupFields): void {
    const key =
      windowStartMs + KEY_SEP + dims.key + KEY_SEP + f.eventType + KEY_SEP + f.action + KEY_SEP + f.currency + KEY_SEP + f.item + KEY_SEP + f.variant;
    let acc = this.rows.get(key);
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
      };
      this.rows.set(key, acc);
    }
    acc.events += 1;
    acc.amount += f.amount;
    acc.value += f.value;
    this.events += 1;
  }

  /**
   * One event of `playerId` in a window. `variant` is the player's experiment assignment
   * as of the event (part of the key: the window of an exposure has a row before and a
   * row after it). `firstSeenDayMs` is the player's cohort, the same for every event of
   * the player on one partition; should two partitions disagree (a player with installs
   * on both), the earlier day wins.
   */
  addPlayer(windowStartMs: number, dims: Dims, playerId: string, variant: string, firstSeenDayMs: number, purchase: boolean, sessionStart: boolean): void {
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
      };
      this.players.set(key, acc);
    } else if (firstSeenDayMs < acc.firstSeenDayMs) {
      acc.firstSeenDayMs = firstSeenDayMs;
    }
    acc.events += 1;
    if (purchase) acc.purchases += 1;
    if (sessionStart) acc.sessions += 1;
  }

  /** Everything accumulated, as rows; the accumulator is empty afterwards. */
  drain(): Drained {
    const drained = { rollups: [...this.rows.values()], players: [...this.players.values()], events: this.events };
    this.discard();
    return drained;
  }

  /** Forgets everything (after a failed commit: the checkpoint is the truth again). */
  discard(): void {
    this.rows = new Map();
    this.players = new Map();
    this.events = 0;
  }
}
