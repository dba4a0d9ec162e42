/**
 * The rank of a completed progression, for the player rows' `max_progress` (the
 * furthest a player got): the trailing integer of each tier, combined as
 * tier1 · 10^6 + tier2 · 10^3 + tier3, each tier's number capped at 999 (tier1 at
 * 999 999). "world2:level13" → 2 013 000; "forest:level7" → 7 (a tier without a number
 * counts 0); "level_12" → 12 000 000; tiers after the first empty one do not count. Only `complete` events rank; others are 0. The
 * rank is a MAX over rows, so the store's MAX (Druid's longMax) gives the furthest
 * level across windows and devices. kpi/README.md documents it for analysts.
 */
import { ProgressionStatus, type EventData } from '@gamepulse/proto';

const TRAILING = /(\d+)$/;

function tierNumber(tier: string | null | undefined, cap: number): number {
  if (!tier) return 0;
  const m = TRAILING.exec(tier);
  return m ? Math.min(cap, Number(m[1]!.slice(-7))) : 0;
}

export function progressRank(e: EventData): number {
  const p = e.progression;
  if (!p || p.status !== ProgressionStatus.STATUS_COMPLETE) return 0;
  // Tiers after the first empty one do not count, as in the rollups' progression path.
  if (!p.tier1) return 0;
  const t2 = p.tier2 ? tierNumber(p.tier2, 999) : 0;
  const t3 = p.tier2 && p.tier3 ? tierNumber(p.tier3, 999) : 0;
  return tierNumber(p.tier1, 999_999) * 1_000_000 + t2 * 1_000 + t3;
}
