/**
 * The event-time rule: what the collector does with client timestamps that cannot be
 * right. The processor windows events by `Event.client_ts_ms`, so a corrected time is
 * written there (the event's bytes get a second `client_ts_ms` field appended:
 * protobuf parsers keep the last value of a scalar field, and every other byte of the
 * event, unknown fields included, stays as received).
 *
 * With R = the collector's receive time, an event time t is plausible when
 *
 *     R - maxPastMs  <=  t  <=  R + maxFutureMs
 *
 * - An event after R + maxFutureMs cannot have happened yet: the device clock is ahead.
 * - An event before R - maxPastMs is beyond any offline queue: a clock reset (1970,
 *   the build date of the OS image) or a device whose time was set back.
 * - Plausible times are left alone, including old ones: offline play is sent later,
 *   and its events keep the time they happened. (Optionally, `correctSkewAboveMs` also
 *   corrects plausible times of batches whose SDK reports a clock offset above it: a
 *   player who set the clock back to skip a timer.)
 *
 * A time to correct gets the first plausible candidate of:
 *   1. t + clock_offset_ms  — the SDK's estimate of (server − client) clock, from its
 *      last acknowledged batch (sent when non-zero);
 *   2. R − (sent_at_ms − t) — the event happened (sent_at − t) before its batch was
 *      built, both read off the same client clock, so skew cancels; anchored at R
 *      (Segment's formula: off by the send latency and by any time offline);
 *   3. R                    — nothing better is known: the event is counted as arriving
 *      now (and counted in the metric with method `received_at`).
 * For the optional skew correction, a time whose candidate 1 is not plausible is kept.
 */
export interface EventTimeRule {
  /** @default 300_000 (5 min) */
  maxFutureMs: number;
  /** @default 7_776_000_000 (90 days) */
  maxPastMs: number;
  /** 0: off. Else also correct plausible times when |clock_offset_ms| exceeds this. */
  correctSkewAboveMs: number;
}

export type TimeReason = 'future' | 'past' | 'skew';
export type TimeMethod = 'clock_offset' | 'sent_at' | 'received_at';

export interface TimeCorrection {
  /** Index of the event in the batch. */
  index: number;
  originalMs: number;
  correctedMs: number;
  reason: TimeReason;
  method: TimeMethod;
}

export interface BatchClock {
  receivedAtMs: number;
  sentAtMs?: number | null;
  clockOffsetMs?: number | null;
}

function usable(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v !== 0;
}

function within(x: number, lo: number, hi: number): boolean {
  return Number.isSafeInteger(x) && x >= lo && x <= hi;
}

/** The correction of one event time, or undefined when it stays. Runs per event: no closures. */
export function correctEventTime(t: number, index: number, clock: BatchClock, rule: EventTimeRule): TimeCorrection | undefined {
  const R = clock.receivedAtMs;
  const lo = R - rule.maxPastMs;
  const hi = R + rule.maxFutureMs;
  if (t >= lo && t <= hi && rule.correctSkewAboveMs <= 0) return undefined; // the common case
  const offset = usable(clock.clockOffsetMs) ? clock.clockOffsetMs : undefined;
  let reason: TimeReason;
  if (t > hi) reason = 'future';
  else if (t < lo) reason = 'past';
  else if (rule.correctSkewAboveMs > 0 && offset !== undefined && Math.abs(offset) > rule.correctSkewAboveMs) reason = 'skew';
  else return undefined;

  if (offset !== undefined && within(t + offset, lo, hi))
    return { index, originalMs: t, correctedMs: t + offset, reason, method: 'clock_offset' };
  if (reason === 'skew') return undefined;
  if (usable(clock.sentAtMs) && clock.sentAtMs > 0) {
    const c = R - (clock.sentAtMs - t);
    if (within(c, lo, hi)) return { index, originalMs: t, correctedMs: c, reason, method: 'sent_at' };
  }
  return { index, originalMs: t, correctedMs: R, reason, method: 'received_at' };
}

export function correctEventTimes(
  events: ReadonlyArray<{ index: number; clientTsMs: number }>,
  clock: BatchClock,
  rule: EventTimeRule,
): TimeCorrection[] {
  const out: TimeCorrection[] = [];
  for (const e of events) {
    const c = correctEventTime(e.clientTsMs, e.index, clock, rule);
    if (c) out.push(c);
  }
  return out;
}
