/**
 * Daily and weekly seasonality of play: a multiplier of activity by the time of day and
 * the day of the week (UTC), as live games see it — a trough in the small hours, a peak
 * in the evening, more play at the weekend. The simulator applies it to session starts
 * (virtual mode) and to how many players are in the game at once (realtime mode);
 * testkit's seasonal history applies it to the rows it generates. Pure: the multiplier
 * depends only on the time.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface SeasonalityOptions {
  /** Hour of the day (UTC, may be fractional) with the least play. @default 4 */
  troughHourUtc?: number;
  /** Hour of the day (UTC, may be fractional) with the most play. @default 20 */
  peakHourUtc?: number;
  /**
   * Activity at the daily peak divided by activity at the trough (≥ 1); 1 turns the daily
   * curve off. @default 3
   */
  dailyPeakToTrough?: number;
  /** Activity on Saturday and Sunday (UTC) relative to a weekday (> 0); 1 turns the weekly curve off. @default 1.25 */
  weekendLift?: number;
}

export type ResolvedSeasonality = Required<SeasonalityOptions>;

export const DEFAULT_SEASONALITY: ResolvedSeasonality = {
  troughHourUtc: 4,
  peakHourUtc: 20,
  dailyPeakToTrough: 3,
  weekendLift: 1.25,
};

export function resolveSeasonality(o: SeasonalityOptions): ResolvedSeasonality {
  const r = { ...DEFAULT_SEASONALITY, ...o };
  for (const k of ['troughHourUtc', 'peakHourUtc'] as const)
    if (!(r[k] >= 0 && r[k] < 24)) throw new RangeError(`seasonality.${k} must be in [0, 24), got ${r[k]}`);
  if (r.troughHourUtc === r.peakHourUtc) throw new RangeError('seasonality.troughHourUtc and peakHourUtc must differ');
  if (!(r.dailyPeakToTrough >= 1)) throw new RangeError(`seasonality.dailyPeakToTrough must be ≥ 1, got ${r.dailyPeakToTrough}`);
  if (!(r.weekendLift > 0)) throw new RangeError(`seasonality.weekendLift must be > 0, got ${r.weekendLift}`);
  return r;
}

/**
 * The daily curve at `ms`: half a cosine rising from the trough to the peak, another
 * falling back (the two halves may differ in length, as play rises slowly through the
 * day and falls fast after the evening). Trough and peak are 2/(1+r) and 2r/(1+r) for
 * r = dailyPeakToTrough, so the curve averages 1 over a day: seasonality moves play
 * within the day and leaves a day's total as it was.
 */
export function dailyMultiplier(s: ResolvedSeasonality, ms: number): number {
  const r = s.dailyPeakToTrough;
  const lo = 2 / (1 + r);
  const hi = (2 * r) / (1 + r);
  const hour = (((ms % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const rise = (s.peakHourUtc - s.troughHourUtc + 24) % 24;
  const sinceTrough = (hour - s.troughHourUtc + 24) % 24;
  // 0 at the trough, 1 at the peak.
  const phase = sinceTrough <= rise ? sinceTrough / rise : 1 - (sinceTrough - rise) / (24 - rise);
  return lo + ((hi - lo) * (1 - Math.cos(Math.PI * phase))) / 2;
}

/** The weekly curve at `ms`: `weekendLift` on Saturday and Sunday (UTC), 1 on weekdays. */
export function weeklyMultiplier(s: ResolvedSeasonality, ms: number): number {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6 ? s.weekendLift : 1;
}

/** Activity at `ms` relative to an average weekday: daily × weekly. */
export function seasonalMultiplier(s: ResolvedSeasonality, ms: number): number {
  return dailyMultiplier(s, ms) * weeklyMultiplier(s, ms);
}

/** The largest value `seasonalMultiplier` takes: what thinning draws against. */
export function maxSeasonalMultiplier(s: ResolvedSeasonality): number {
  return ((2 * s.dailyPeakToTrough) / (1 + s.dailyPeakToTrough)) * Math.max(1, s.weekendLift);
}

/**
 * Realtime mode: players in the game at once at `ms` when `peakPlayers` are at the
 * curve's maximum (at least one, so the demo never empties).
 */
export function seasonalPlayersAt(peakPlayers: number, s: ResolvedSeasonality, ms: number): number {
  return Math.max(1, Math.round((peakPlayers * seasonalMultiplier(s, ms)) / maxSeasonalMultiplier(s)));
}
