/**
 * `EventBatch.sdk_health` as the backend trusts it: drop reasons from a closed set and
 * counts the store can sum. The SDK reports what it dropped since its previous batch
 * (sdk/src/core/drops.ts), keyed by its stable codes (sdk/src/core/codes.ts) or the
 * shared `GP_EVENT_*` validation codes; a client may send anything, so the collector
 * maps every other reason string to `other` (bounded metric labels and rollup keys) and
 * leaves out counts that cannot be true, and the processor applies the same rule again
 * to whatever it reads from the log.
 */
import { EVENT_CODES, type EventCode } from './validation/codes.ts';

/** The rollup event_type of the rows that carry SDK drops (action = reason, events = dropped events). */
export const SDK_DROPPED_EVENT_TYPE = 'sdk_dropped';

/** The SDK codes it counts a dropped event under (sdk/src/core: queue.ts, client.ts, recorder.ts, delivery.ts). */
export const SDK_DROP_CODES = [
  'GP_SDK_QUEUE_FULL',
  'GP_SDK_QUEUE_EVICTED',
  'GP_SDK_EVENT_TOO_LARGE',
  'GP_SDK_SHUTDOWN',
  'GP_SDK_BATCH_REJECTED',
  'GP_SDK_CONSENT_DENIED',
  'GP_SDK_DELETION_REQUESTED',
] as const;

/** What a reason outside the known set becomes. */
export const OTHER_DROP_REASON = 'other';

export type DropReason = (typeof SDK_DROP_CODES)[number] | EventCode | typeof OTHER_DROP_REASON;

/**
 * The delivery KPI's groups of reasons: queue_full (the queue budget, evictions
 * included), consent (denied, or deletion requested), invalid (failed validation on the
 * device, or too large to send), rejected (the collector refused the whole batch for
 * good), shutdown (tracked after shutdown()), other.
 */
export const DROP_REASON_GROUPS = ['queue_full', 'consent', 'invalid', 'rejected', 'shutdown', 'other'] as const;
export type DropReasonGroup = (typeof DROP_REASON_GROUPS)[number];

const KNOWN = new Set<string>([...SDK_DROP_CODES, ...Object.keys(EVENT_CODES)]);

/**
 * One batch's count of one reason above this is not believed: an SDK's queue holds at
 * most a few thousand events (maxQueueBytes) and a batch is built at least every few
 * minutes while it tracks, so even a game tracking 10^4 events per second without
 * consent for an hour between two batches stays under it.
 */
export const MAX_DROPPED_PER_REASON = 100_000_000;

export function dropReasonOf(reason: string): DropReason {
  return KNOWN.has(reason) ? (reason as DropReason) : OTHER_DROP_REASON;
}

export function dropReasonGroupOf(reason: string): DropReasonGroup {
  switch (dropReasonOf(reason)) {
    case 'GP_SDK_QUEUE_FULL':
    case 'GP_SDK_QUEUE_EVICTED':
      return 'queue_full';
    case 'GP_SDK_CONSENT_DENIED':
    case 'GP_SDK_DELETION_REQUESTED':
      return 'consent';
    case 'GP_SDK_BATCH_REJECTED':
      return 'rejected';
    case 'GP_SDK_SHUTDOWN':
      return 'shutdown';
    case 'GP_SDK_EVENT_TOO_LARGE':
      return 'invalid';
    case OTHER_DROP_REASON:
      return 'other';
    default:
      return 'invalid'; // GP_EVENT_*
  }
}

export interface CheckedSdkHealth {
  /** Dropped events by known reason (or `other`); only counts ≥ 1. */
  droppedByReason: Record<string, number>;
  /** The SDK's queue depth as reported; undefined when absent or unusable. */
  queued: number | undefined;
  /** Entries left out: a count that is not an integer in [0, MAX_DROPPED_PER_REASON] (or a queued value likewise). */
  invalid: number;
  /** Entries whose reason was mapped to `other`. */
  unknownReasons: number;
}

const usableCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_DROPPED_PER_REASON;

/** The health as the backend keeps it; never throws, whatever the input. */
export function checkSdkHealth(
  health: { droppedByReason?: Record<string, unknown> | null; queued?: unknown } | null | undefined,
): CheckedSdkHealth {
  const out: CheckedSdkHealth = { droppedByReason: {}, queued: undefined, invalid: 0, unknownReasons: 0 };
  if (!health || typeof health !== 'object') return out;
  const dropped = health.droppedByReason;
  if (dropped && typeof dropped === 'object') {
    for (const [reason, n] of Object.entries(dropped)) {
      if (!usableCount(n)) {
        out.invalid += 1;
        continue;
      }
      if (n === 0) continue;
      const r = dropReasonOf(reason);
      if (r === OTHER_DROP_REASON && reason !== OTHER_DROP_REASON) out.unknownReasons += 1;
      const sum = (out.droppedByReason[r] ?? 0) + n;
      out.droppedByReason[r] = Math.min(sum, Number.MAX_SAFE_INTEGER);
    }
  }
  if (health.queued !== undefined && health.queued !== null) {
    if (usableCount(health.queued)) out.queued = health.queued;
    else out.invalid += 1;
  }
  return out;
}

/** True when the health carries at least one dropped event. */
export function hasDrops(h: CheckedSdkHealth): boolean {
  for (const _ in h.droppedByReason) return true;
  return false;
}
