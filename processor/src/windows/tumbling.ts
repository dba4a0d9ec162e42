/**
 * Event-time tumbling windows, UTC. Window starts are multiples of the width since the
 * Unix epoch, so every processor instance, and Druid's `PT1M` granularity, cut the same
 * windows; a late event lands in the window of its own timestamp and becomes one more
 * additive row there.
 */

/** 1-minute windows: the finest granularity the KPI queries read. */
export const WINDOW_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Start of the window holding `tsMs`. floor, not truncation: correct below the epoch too. */
export function windowStartMs(tsMs: number, widthMs: number = WINDOW_MS): number {
  return Math.floor(tsMs / widthMs) * widthMs;
}

/** Start of the UTC day holding `tsMs` (a player's install cohort). */
export function dayStartMs(tsMs: number): number {
  return Math.floor(tsMs / DAY_MS) * DAY_MS;
}

/**
 * Latest usable event time: 9999-12-31T23:59:59.999Z. Beyond it TIMESTAMP columns
 * (DuckDB's, Druid's ISO strings) stop having four-digit years, and the store would
 * reject the whole commit carrying such a row — every retry again.
 */
export const MAX_EVENT_TIME_MS = 253_402_300_799_999;

export function isUsableTimeMs(tsMs: number): boolean {
  return Number.isSafeInteger(tsMs) && tsMs > 0 && tsMs <= MAX_EVENT_TIME_MS;
}

/**
 * An event's time for windowing: the client's timestamp, which the collector has
 * validated and already corrected for clock skew. Should an unusable one reach us
 * anyway (a collector bug, a record written by another tool), the first usable of the
 * fallbacks stands in — the batch's receive time, then the log's append time —
 * counting the event near when it arrived beats dropping it or inventing 1970-01-01,
 * and the caller counts the fallback. The last fallback must always be usable.
 */
export function eventTimeMs(clientTsMs: number, ...fallbacksMs: number[]): { tsMs: number; fallback: boolean } {
  if (isUsableTimeMs(clientTsMs)) return { tsMs: clientTsMs, fallback: false };
  for (const f of fallbacksMs) if (isUsableTimeMs(f)) return { tsMs: f, fallback: true };
  return { tsMs: fallbacksMs[fallbacksMs.length - 1] ?? 0, fallback: true };
}
