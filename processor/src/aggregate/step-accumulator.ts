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
 */
import type { PlayerStepData } from '@gamepulse/proto';
import { KEY_SEP, type Dims } from './dims.ts';
import type { RollupFields } from './rollup-fields.ts';

interface StepAcc extends PlayerStepData {
  firstMs: number;
  events: number;
}

/** Rows of one (window, dimensions, player, variant): event type → action → item. */
interface StepGroup {
  windowStartMs: number;
  dims: Dims;
  playerId: string;
  variant: string;
  rows: Map<string, Map<string, Map<string, StepAcc>>>;
}

export class StepAccumulator {
  private groups = new Map<string, StepGroup>();
  private rowCount = 0;
  /** The group of the previous event: a batch's events are mostly one player's, in one window. */
  private lastGroup: StepGroup | undefined;

  /** Rows a commit would write now. */
  get size(): number {
    return this.rowCount;
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
      group = { windowStartMs, dims, playerId, variant, rows: new Map() };
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
    let byAction = group.rows.get(f.eventType);
    if (!byAction) group.rows.set(f.eventType, (byAction = new Map<string, Map<string, StepAcc>>()));
    let byItem = byAction.get(f.action);
    if (!byItem) byAction.set(f.action, (byItem = new Map<string, StepAcc>()));
    let acc = byItem.get(f.item);
    if (!acc) {
      acc = {
        windowStartMs,
        gameId: dims.gameId,
        build: dims.build,
        platform: dims.platform,
        country: dims.country,
        playerId,
        eventType: f.eventType,
        action: f.action,
        item: f.item,
        variant: f.variant,
        firstMs: tsMs,
        events: 0,
      };
      byItem.set(f.item, acc);
      this.rowCount += 1;
    } else if (tsMs < acc.firstMs) acc.firstMs = tsMs;
    acc.events += 1;
  }

  /** Everything accumulated, as rows; the accumulator is empty afterwards. */
  drain(): PlayerStepData[] {
    const out: PlayerStepData[] = [];
    for (const group of this.groups.values())
      for (const byAction of group.rows.values()) for (const byItem of byAction.values()) for (const row of byItem.values()) out.push(row);
    this.discard();
    return out;
  }

  discard(): void {
    this.groups = new Map();
    this.rowCount = 0;
    this.lastGroup = undefined;
  }
}
