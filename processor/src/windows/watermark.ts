/**
 * Late data: an event-time watermark per input partition, and the guard that keeps a
 * clock-skewed client from opening windows in the future.
 *
 * - **Future guard.** An event time later than its batch's receive time (the
 *   collector's clock) plus `maxFutureMs` cannot have happened yet. The collector
 *   already corrects such times (collector/src/pipeline/event-time.ts, the same 5-minute
 *   default), so this catches what bypassed it (a collector configured more loosely, a
 *   record written by another tool): the time is clamped to the receive time — the
 *   event is counted as happening when it arrived — and counted
 *   (`gamepulse_processor_future_clamped_total`). Without it one skewed event would
 *   move the watermark days ahead and make every later event of the partition "late".
 * - **Watermark.** The partition's watermark is the largest (clamped) event time folded
 *   so far minus `allowedLatenessMs`. An event older than the watermark when folded is
 *   *late*: it is still counted, in the window of its own time (rollups are additive,
 *   so a window never closes and a daily KPI puts the event in its own day), and
 *   flagged — `late_events` on its rollup row, `gamepulse_processor_late_events_total`.
 *   The largest event time is committed with the partition's other state, so a replay
 *   after a crash flags exactly the events the lost attempt flagged.
 */
import { StateTable, type StateCodec } from '../state/state-table.ts';
import { MAX_EVENT_TIME_MS } from './tumbling.ts';

/** @default 600_000 (10 minutes): an SDK's batch interval and retries fit well inside it. */
export const DEFAULT_ALLOWED_LATENESS_MS = 600_000;
/** @default 300_000 (5 minutes): the collector's own `eventTimeMaxFutureMs` default. */
export const DEFAULT_MAX_FUTURE_MS = 300_000;

export interface LatenessRule {
  /** How far behind the partition's latest event time an event may be and still be on time. */
  allowedLatenessMs: number;
  /** How far after its batch's receive time an event time may be before it is clamped. */
  maxFutureMs: number;
}

export const WATERMARK_NAMESPACE = 'watermark';
/** The one key of the namespace: the partition's largest event time. */
const MAX_EVENT_TIME_KEY = 'max_event_time';

const FORMAT_V1 = 1;

const codec: StateCodec<number> = {
  encode(ms) {
    const out = new Uint8Array(9);
    const view = new DataView(out.buffer);
    view.setUint8(0, FORMAT_V1);
    view.setFloat64(1, ms); // exact for every safe integer
    return out;
  },
  decode(bytes) {
    if (bytes.length !== 9 || bytes[0] !== FORMAT_V1)
      throw new Error(`watermark state: unknown format (version ${bytes[0]}, ${bytes.length} bytes)`);
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getFloat64(1);
  },
};

/** One partition's largest folded event time, as committed state (0 = nothing folded yet). */
export class PartitionWatermark {
  readonly table: StateTable<number>;

  constructor(partition: number) {
    this.table = new StateTable(partition, WATERMARK_NAMESPACE, codec);
  }

  /** The largest event time folded so far; 0 before the first. */
  get maxEventTimeMs(): number {
    return this.table.get(MAX_EVENT_TIME_KEY) ?? 0;
  }

  /** Records a new largest event time (marks the state for the next commit). */
  advanceTo(tsMs: number): void {
    if (tsMs > this.maxEventTimeMs) this.table.set(MAX_EVENT_TIME_KEY, tsMs);
  }

  /** Events older than this are late; -Infinity before the first event. */
  watermarkMs(allowedLatenessMs: number): number {
    const max = this.maxEventTimeMs;
    return max > 0 ? max - allowedLatenessMs : -Infinity;
  }
}

/**
 * The latest time an event of a batch received at `receivedAtMs` may carry; events
 * after it are clamped to `receivedAtMs`. With no usable receive time (a record not
 * written by the collector), the log's append time stands in; with neither, no bound.
 */
export function futureBoundMs(receivedAtMs: number, appendedAtMs: number, maxFutureMs: number): { boundMs: number; clampToMs: number } {
  const base = receivedAtMs > 0 && receivedAtMs <= MAX_EVENT_TIME_MS ? receivedAtMs : appendedAtMs;
  if (!(base > 0 && base <= MAX_EVENT_TIME_MS)) return { boundMs: MAX_EVENT_TIME_MS, clampToMs: MAX_EVENT_TIME_MS };
  return { boundMs: Math.min(base + maxFutureMs, MAX_EVENT_TIME_MS), clampToMs: base };
}
