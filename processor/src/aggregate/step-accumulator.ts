/**
 * Per-player step facts (`PlayerStep`) since the last commit: for each (window,
 * dimensions, player, assignment) and each step key (event type, action, item), the
 * earliest event time and the number of events. Player funnels need the order of a
 * player's steps, which the rollups and player windows do not keep; the earliest time
 * per minute does, exactly: the first occurrence of a step in any range of whole
 * windows is the MIN over the range's rows (kpi/README.md, "player_funnel").
 *
 * Like the other accumulators, rows are deltas: a late event reopening a window adds a
 * row that the store merges by MIN(first_ms) and SUM(events).
 *
 * A step fact is made for nearly every other event, so the structure is kept small: a
 * group holds its few rows in an array searched by the three key strings, and only a
 * group with many step keys gets a map (nested maps per group cost several Map
 * allocations per step key, most of the accumulator's garbage; docs/performance.md,
 * "Live-ops analytics"). Every row also goes into one flat list in creation order,
 * which a commit takes as it is.
 */
import type { PlayerStepData } from '@gamepulse/proto';
import { KEY_SEP, type Dims } from './dims.ts';
import type { RollupFields } from './rollup-fields.ts';

interface StepAcc extends PlayerStepData {
  eventType: string;
  action: string;
  item: string;
  firstMs: number;
  events: number;
}

/** A group's rows beyond which it looks them up by a joined key instead of a scan. */
const SCAN_MAX_ROWS = 12;

/** Rows of one (window, dimensions, player, variant). */
interface StepGroup {
  windowStartMs: number;
  dims: Dims;
  playerId: string;
  variant: string;
  rows: StepAcc[];
  /** event type, action and item joined by KEY_SEP → row; only past SCAN_MAX_ROWS rows. */
  byKey: Map<string, StepAcc> | undefined;
}

const keyOf = (eventType: string, action: string, item: string) => eventType + KEY_SEP + action + KEY_SEP + item;

export class StepAccumulator {
  private groups = new Map<string, StepGroup>();
  /** Every row, in creation order: what a commit takes. */
  private rows: StepAcc[] = [];
  /** The group of the previous event: a batch's events are mostly one player's, in one window. */
  private lastGroup: StepGroup | undefined;

  /** Rows a commit would write now. */
  get size(): number {
    return this.rows.length;
  }

  private groupOf(windowStartMs: number, dims: Dims, playerId: string, variant: string): StepGroup {
    const last = this.lastGroup;
    if (
      last &&
      last.windowStartMs === windowStartMs &&
      last.playerId === playerId &&
      last.variant === variant &&
      (last.dims === dims || last.dims.key === dims.key)
    )
      return last;
    const key = windowStartMs + KEY_SEP + dims.key + KEY_SEP + playerId + KEY_SEP + variant;
    let group = this.groups.get(key);
    if (!group) {
      group = { windowStartMs, dims, playerId, variant, rows: [], byKey: undefined };
      this.groups.set(key, group);
    }
    this.lastGroup = group;
    return group;
  }

  /** One event of `playerId` at `tsMs` (its event time) with the fields of its rollup row. */
  add(
    windowStartMs: number,
    tsMs: number,
    dims: Dims,
    playerId: string,
    f: Pick<RollupFields, 'eventType' | 'action' | 'item' | 'variant'>,
  ): void {
    const group = this.groupOf(windowStartMs, dims, playerId, f.variant);
    const { eventType, action, item } = f;
    let acc: StepAcc | undefined;
    if (group.byKey) acc = group.byKey.get(keyOf(eventType, action, item));
    else
      for (const r of group.rows)
        if (r.eventType === eventType && r.action === action && r.item === item) {
          acc = r;
          break;
        }
    if (acc) {
      if (tsMs < acc.firstMs) acc.firstMs = tsMs;
      acc.events += 1;
      return;
    }
    acc = {
      windowStartMs,
      gameId: dims.gameId,
      build: dims.build,
      platform: dims.platform,
      country: dims.country,
      playerId,
      eventType,
      action,
      item,
      variant: f.variant,
      firstMs: tsMs,
      events: 1,
    };
    group.rows.push(acc);
    this.rows.push(acc);
    if (group.byKey) group.byKey.set(keyOf(eventType, action, item), acc);
    else if (group.rows.length > SCAN_MAX_ROWS) {
      group.byKey = new Map();
      for (const r of group.rows) group.byKey.set(keyOf(r.eventType, r.action, r.item), r);
    }
  }

  /** Everything accumulated, as rows; the accumulator is empty afterwards. */
  drain(): PlayerStepData[] {
    const out = this.rows;
    this.discard();
    return out;
  }

  discard(): void {
    this.groups = new Map();
    this.rows = [];
    this.lastGroup = undefined;
  }
}
