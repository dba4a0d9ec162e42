/**
 * Priority lanes: which events survive when the byte budget is tight. Revenue (purchases and refunds),
 * progression, sessions and experiment exposures carry the KPIs (revenue, funnels,
 * retention, A/B readouts) and come last to be dropped; design events and debug/info
 * errors are telemetry that a live-ops dashboard can do without, and go first.
 */
import type { TrackPayload } from './taxonomy.ts';

export const LANE_LOW = 0;
export const LANE_NORMAL = 1;
export const LANE_CRITICAL = 2;

const SEVERITY_WARNING = 3;

export function laneOf(payload: TrackPayload): number {
  const p = payload as Record<string, unknown>;
  if (p.purchase || p.refund || p.progression || p.sessionStart || p.sessionEnd || p.experimentExposure) return LANE_CRITICAL;
  if (p.design) return LANE_LOW;
  if (p.error) return ((p.error as { severity?: number }).severity ?? 0) < SEVERITY_WARNING ? LANE_LOW : LANE_NORMAL;
  return LANE_NORMAL;
}
