/**
 * Backpressure: the collector never buffers without bound. A batch is admitted only
 * while
 *   - fewer than `maxInFlightBatches` batches are between "body read" and "acked", and
 *     their bodies (compressed + decompressed) hold less than `maxInFlightBytes`;
 *   - the log keeps up: the oldest append still pending is younger than
 *     `maxAppendLatencyMs`, and the recent append latency (an exponentially weighted
 *     average that decays towards 0 while no append runs, so one slow spell does not
 *     shed forever) is below it too.
 * Otherwise the batch is refused with 503 GP_SERVER_OVERLOADED + Retry-After: the SDK keeps it
 * and comes back later, or another replica takes it. Refusing costs microseconds;
 * accepting into an unbounded queue would cost memory and then every client's latency.
 */
import { failure, type CollectorFailure } from '../errors.ts';

export interface LoadShedderOptions {
  maxInFlightBatches: number;
  maxInFlightBytes: number;
  maxAppendLatencyMs: number;
  retryAfterS: number;
  now: () => number;
}

export interface Admission {
  /** Adds bytes held by this batch (e.g. its decompressed body); false when over the byte bound. */
  hold(bytes: number): boolean;
  /** Marks the durable append as started / finished (latency tracking). */
  appendStarted(): void;
  appendFinished(): void;
  /** Releases everything this batch held. Safe to call twice. */
  release(): void;
}

export interface LoadShedder {
  /** Cheap check before reading a body. */
  wouldAdmit(): { ok: true } | CollectorFailure;
  admit(bodyBytes: number): Admission | CollectorFailure;
  readonly inFlightBatches: number;
  readonly inFlightBytes: number;
  readonly appendLatencyMs: number;
}

/** Half-life of the latency average's decay while idle. */
const DECAY_HALF_LIFE_MS = 1_000;
const EWMA_WEIGHT = 0.2;

export function createLoadShedder(o: LoadShedderOptions): LoadShedder {
  let batches = 0;
  let bytes = 0;
  let ewmaMs = 0;
  let ewmaAtMs = o.now();
  /** Start times of pending appends, in start order (a FIFO is exact enough: appends of similar size finish in order). */
  const pending = new Set<{ startedMs: number }>();

  const latency = (): number => {
    const now = o.now();
    let oldest = 0;
    for (const p of pending) {
      oldest = now - p.startedMs;
      break;
    }
    const idle = pending.size === 0 ? now - ewmaAtMs : 0;
    const decayed = idle > 0 ? ewmaMs * Math.pow(0.5, idle / DECAY_HALF_LIFE_MS) : ewmaMs;
    return Math.max(oldest, decayed);
  };

  const overloaded = (extraBytes: number): CollectorFailure | undefined => {
    if (batches >= o.maxInFlightBatches)
      return failure('GP_SERVER_OVERLOADED', `${batches} batches in flight (limit ${o.maxInFlightBatches}); retry later`, o.retryAfterS);
    if (bytes + extraBytes > o.maxInFlightBytes)
      return failure(
        'GP_SERVER_OVERLOADED',
        `in-flight batches hold ${bytes} bytes (limit ${o.maxInFlightBytes}); retry later`,
        o.retryAfterS,
      );
    const l = latency();
    if (l > o.maxAppendLatencyMs)
      return failure(
        'GP_SERVER_OVERLOADED',
        `log appends take ${Math.round(l)} ms (limit ${o.maxAppendLatencyMs}); retry later`,
        o.retryAfterS,
      );
    return undefined;
  };

  return {
    get inFlightBatches() {
      return batches;
    },
    get inFlightBytes() {
      return bytes;
    },
    get appendLatencyMs() {
      return latency();
    },
    wouldAdmit() {
      return overloaded(0) ?? { ok: true };
    },
    admit(bodyBytes) {
      const refused = overloaded(bodyBytes);
      if (refused) return refused;
      batches++;
      bytes += bodyBytes;
      let held = bodyBytes;
      let released = false;
      let append: { startedMs: number } | undefined;
      const finishAppend = () => {
        if (!append) return;
        pending.delete(append);
        const now = o.now();
        const took = now - append.startedMs;
        // Decay first for the idle time before this sample, then blend it in.
        const idle = pending.size === 0 ? Math.max(0, append.startedMs - ewmaAtMs) : 0;
        const base = idle > 0 ? ewmaMs * Math.pow(0.5, idle / DECAY_HALF_LIFE_MS) : ewmaMs;
        ewmaMs = base + EWMA_WEIGHT * (took - base);
        ewmaAtMs = now;
        append = undefined;
      };
      return {
        hold(extra) {
          if (bytes + extra > o.maxInFlightBytes) return false;
          bytes += extra;
          held += extra;
          return true;
        },
        appendStarted() {
          append = { startedMs: o.now() };
          pending.add(append);
        },
        appendFinished: finishAppend,
        release() {
          if (released) return;
          released = true;
          finishAppend();
          batches--;
          bytes -= held;
        },
      };
    },
  };
}
