/**
 * Purchases and spend per player over the range: the per-player view behind purchase
 * anomaly alerts (a few players buying at machine speed, a store bug charging one
 * player again and again). One plain GROUP BY of the player rows on both engines — no
 * sketch, no join — ordered by spend so the largest spenders come first, cut to `limit`
 * rows, and optionally to the players at or past `minPurchases` / `minSpend`, so an
 * alert rule reads only the suspicious tail rather than every payer of the window.
 */
import { QueryBuilder, intLiteral, playersTable } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';

/** Result columns, in order. */
export const PLAYER_PURCHASES_COLUMNS = ['game_id', 'player_id', 'purchases', 'spend_reporting_minor'];

export const playerPurchases: KpiDefinition = {
  name: 'player_purchases',
  description:
    'One row per (game, player) with a purchase in the range: purchases and spend in the reporting currency (minor units, converted at fold time with ' +
    "the day's rate), ordered by spend, then purchases (ties by game and player), top `limit`; `minPurchases` / `minSpend` keep only players at or past " +
    'them. Filter game= when games report in different currencies.',
  params: ['game', 'from', 'to', 'platform', 'country', 'build', 'region', 'subregion', 'limit', 'minPurchases', 'minSpend'],
  granularities: ['all'],
  render(p, d) {
    const q = new QueryBuilder(d);
    // Whole UTC days read the day table (one row per player and day), any other range the minute rows.
    const table = playersTable(p.fromMs, p.toMs, p.granularity);
    // The table's columns qualified (`t.purchases`) inside the aggregates: Druid SQL reads a
    // bare `purchases` in HAVING and ORDER BY as the output alias, making SUM(purchases) a
    // SUM of a SUM, which it cannot plan.
    const spend = 'COALESCE(SUM(t.revenue_reporting_minor), 0)';
    const having = [`SUM(t.purchases) >= ${intLiteral(p.minPurchases)}`];
    if (p.minSpendMinor > 0) having.push(`${spend} >= ${intLiteral(p.minSpendMinor)}`);
    return q.build(
      [
        `SELECT game_id, player_id, SUM(t.purchases) AS purchases, ${spend} AS spend_reporting_minor`,
        `FROM ${d.table(table)} t`,
        // Rows without a purchase cannot change a payer's sums: leave them out before grouping.
        q.where(p, ['purchases > 0'], { table }),
        'GROUP BY game_id, player_id',
        `HAVING ${having.join(' AND ')}`,
        // Output names; game and player break ties, so the cut at `limit` is the same on every engine.
        'ORDER BY spend_reporting_minor DESC, purchases DESC, game_id, player_id',
        // Integers validated by resolveKpiParams: inlined, as Druid wants a literal LIMIT.
        `LIMIT ${intLiteral(p.limit)}`,
      ],
      [...PLAYER_PURCHASES_COLUMNS],
    );
  },
};
