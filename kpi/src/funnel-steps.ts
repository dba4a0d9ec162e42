/**
 * Player funnel parameters: step keys and the conversion window.
 *
 * A step key is `event_type[:action[:item]]`, the event's rollup fields (rollup-fields.ts
 * in the processor): `purchase` (any purchase), `progression:complete` (any level
 * completed), `progression:complete:forest:level3` (the item is everything after the
 * second colon: progression paths contain colons), `feature_use::daily_bonus` (any
 * action, item `daily_bonus`). An empty action or item matches any.
 */
import { AnalyticsError } from '@gamepulse/store';

export const MIN_FUNNEL_STEPS = 2;
export const MAX_FUNNEL_STEPS = 8;
/** Steps when none are given: first session → a level completed → a purchase. */
export const DEFAULT_FUNNEL_STEPS: readonly string[] = ['session_start', 'progression:complete', 'purchase'];
export const DEFAULT_FUNNEL_WINDOW_MS = 86_400_000;
/** Longest conversion window: 90 days. */
export const MAX_FUNNEL_WINDOW_MS = 90 * 86_400_000;

export interface FunnelStep {
  /** The key as given. */
  key: string;
  eventType: string;
  /** '' = any action. */
  action: string;
  /** '' = any item. */
  item: string;
}

function bad(message: string, param: string, value: unknown): AnalyticsError {
  return new AnalyticsError('GP_QUERY_BAD_PARAM', message, { context: { param, value } });
}

export function parseStepKey(key: string): FunnelStep {
  const first = key.indexOf(':');
  const eventType = first < 0 ? key : key.slice(0, first);
  const rest = first < 0 ? '' : key.slice(first + 1);
  const second = rest.indexOf(':');
  const action = second < 0 ? rest : rest.slice(0, second);
  const item = second < 0 ? '' : rest.slice(second + 1);
  if (!/^[a-z][a-z0-9_]*$/.test(eventType)) {
    throw bad(`a funnel step is event_type[:action[:item]] with a snake_case event type, got "${key}"`, 'steps', key);
  }
  return { key, eventType, action, item };
}

/** `{m..n}` in a step key: one step per integer from m to n (a progression across tiers). */
const TIER_RANGE = /\{(\d+)\.\.(\d+)\}/;

/**
 * The progression preset: a key with `{m..n}` stands for the keys with m, m+1, … n in
 * its place, in order — `progression:complete:forest:level{1..5}` is the five levels of
 * the forest world completed in order. One range per key; at most 8 steps in all.
 */
export function expandStepKeys(steps: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of steps) {
    const m = TIER_RANGE.exec(key);
    if (!m) {
      out.push(key);
      continue;
    }
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to < from || to - from >= MAX_FUNNEL_STEPS)
      throw bad(`a tier range {m..n} needs m ≤ n and at most ${MAX_FUNNEL_STEPS} tiers, got "${key}"`, 'steps', key);
    for (let i = from; i <= to; i++) out.push(key.replace(TIER_RANGE, String(i)));
  }
  return out;
}

/** Checks the steps of a funnel after expanding tier ranges: 2..8 keys, each well-formed. */
export function checkFunnelSteps(keys: readonly string[]): string[] {
  const steps = expandStepKeys(keys);
  if (steps.length < MIN_FUNNEL_STEPS || steps.length > MAX_FUNNEL_STEPS) {
    throw bad(`a funnel has ${MIN_FUNNEL_STEPS} to ${MAX_FUNNEL_STEPS} steps, got ${steps.length}`, 'steps', steps);
  }
  for (const s of steps) parseStepKey(s);
  return steps;
}

export function checkFunnelWindowMs(ms: number): number {
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > MAX_FUNNEL_WINDOW_MS) {
    throw bad(`window must be 1 ms to 90 days, got ${ms}`, 'window', ms);
  }
  return ms;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** ISO 8601 durations of days and times: P1D, PT30M, P1DT12H, PT1.5S. */
const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/** A window from `86400000` (ms), `30m` / `12h` / `1d` / `500ms`, or ISO 8601 `P1D` / `PT30M`. */
export function parseWindowMs(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  const short = /^(\d+)(ms|s|m|h|d)$/.exec(raw);
  if (short) return Number(short[1]) * UNIT_MS[short[2]!]!;
  const iso = ISO_DURATION.exec(raw);
  if (iso && raw !== 'P' && !raw.endsWith('T')) {
    const [, d, h, m, s] = iso;
    return Math.round(Number(d ?? 0) * 86_400_000 + Number(h ?? 0) * 3_600_000 + Number(m ?? 0) * 60_000 + Number(s ?? 0) * 1_000);
  }
  throw bad(`window must be milliseconds, a duration like 30m / 12h / 1d, or ISO 8601 like P1D, got "${raw}"`, 'window', raw);
}
