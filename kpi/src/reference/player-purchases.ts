/**
 * Reference for `player_purchases`, apart from its SQL. Where `RefData.events` holds the
 * raw events, each `purchase` event counts once for its (game, player), with its amount
 * in the reporting currency (`RefData.reportingMinor`), in the one-minute window its
 * time falls in; otherwise (unit tests on rows) the player rows' own purchases and
 * converted revenue. Then: players with at least `minPurchases` purchases and
 * `minSpendMinor` spend, by spend, purchases, game and player, the first `limit`.
 */
import type { Row } from '@gamepulse/store';
import type { ResolvedKpiParams } from '../types.ts';
import { dimensionValue, type DimensionFields } from './dimensions.ts';
import type { RefData } from './reference-kpis.ts';

const MINUTE = 60_000;

interface Purchase extends DimensionFields {
  windowStartMs: number;
  playerId: string;
  purchases: number;
  spendMinor: number;
}

function inSlice(p: ResolvedKpiParams, r: Purchase): boolean {
  return (
    r.windowStartMs >= p.fromMs &&
    r.windowStartMs < p.toMs &&
    (p.game === undefined || r.gameId === p.game) &&
    (p.platform === undefined || r.platform === p.platform) &&
    (p.country === undefined || r.country === p.country) &&
    (p.build === undefined || r.build === p.build) &&
    (p.region === undefined || dimensionValue(r, 'region') === p.region) &&
    (p.subregion === undefined || dimensionValue(r, 'subregion') === p.subregion)
  );
}

function purchasesOf(data: RefData): Purchase[] {
  if (data.events) {
    const reporting = data.reportingMinor ?? ((e) => e.amount);
    return data.events
      .filter((e) => e.type === 'purchase')
      .map((e) => ({
        ...e,
        variant: '',
        windowStartMs: Math.floor(e.tsMs / MINUTE) * MINUTE,
        purchases: 1,
        spendMinor: reporting(e),
      }));
  }
  return data.players.map((r) => ({ ...r, spendMinor: r.revenueReportingMinor ?? 0 }));
}

export function playerPurchasesReference(p: ResolvedKpiParams, data: RefData): Row[] {
  const per = new Map<string, { game_id: string; player_id: string; purchases: number; spend_reporting_minor: number }>();
  for (const r of purchasesOf(data)) {
    if (r.purchases <= 0 || !inSlice(p, r)) continue;
    const key = `${r.gameId}\u0000${r.playerId}`;
    const s = per.get(key) ?? { game_id: r.gameId, player_id: r.playerId, purchases: 0, spend_reporting_minor: 0 };
    s.purchases += r.purchases;
    s.spend_reporting_minor += r.spendMinor;
    per.set(key, s);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...per.values()]
    .filter((s) => s.purchases >= p.minPurchases && s.spend_reporting_minor >= p.minSpendMinor)
    .sort(
      (a, b) =>
        b.spend_reporting_minor - a.spend_reporting_minor ||
        b.purchases - a.purchases ||
        cmp(a.game_id, b.game_id) ||
        cmp(a.player_id, b.player_id),
    )
    .slice(0, p.limit);
}
