/**
 * RefData of player rows alone (no rollups, no variants): what the churn and retention
 * unit tests hand the references for the rows they wrote to DuckDB.
 */
import type { PlayerWindowData } from '@gamepulse/proto';
import type { RefData } from './reference-kpis.ts';

export function playerRowsRefData(players: readonly PlayerWindowData[]): RefData {
  return {
    rollups: [],
    players: players.map((r) => ({
      windowStartMs: r.windowStartMs!,
      gameId: r.gameId ?? '',
      build: r.build ?? '',
      platform: r.platform ?? '',
      country: r.country ?? '',
      variant: '',
      playerId: r.playerId ?? '',
      firstSeenDayMs: r.firstSeenDayMs ?? 0,
      events: r.events ?? 0,
      purchases: r.purchases ?? 0,
      sessions: r.sessions ?? 0,
      revenueReportingMinor: r.revenueReportingMinor ?? 0,
    })),
    playerVariant: false,
  };
}
