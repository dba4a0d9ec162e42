/**
 * Delivery's phases (delivery.ts) as a table of guarded transitions, as kafkajs models
 * its transactional producer (src/producer/eosManager/transactionStateMachine.js) and
 * processor/src/commit-cycle.ts the processor's commit. A phase says whether a send
 * cycle runs, whether this instance holds the send lock, and which step of the cycle
 * is under way. What the table enforces:
 *  - one cycle at a time: kick() starts one only from `idle` or `parked`; a kick during
 *    a cycle asks it to run once more, which is a request (data), not a phase;
 *  - shared storage is re-read, and batches are sent and split, only under the lock,
 *    from `holding`, one batch at a time: `sending` ends before anything else starts;
 *  - stop() during a cycle is `stopping`: the cycle finishes the step it is in (an
 *    answer that arrives still counts) and takes no transition but its end; nothing
 *    leaves `stopped`.
 * A step that throws (a transport breaking its contract, split.ts failing to load)
 * ends the cycle under the lock: `parked`, reported, the batch still pending.
 *
 *           kick              something waits           granted
 *   idle ───────────▶ checking ─────────────▶ acquiring ─────────▶ holding ◀──▶ refreshing
 *    ▲                 │  ▲  ▲      aborted       │                 │ │  ▲  ◀──▶ sending
 *    └── cycle ends ───┘  │  └────────────────────┘                 │ │  │  ◀──▶ splitting
 *                         └────────── lock yielded ─────────────────┘ │  │ kick
 *                                                          cycle ends ▼  │
 *                                                                    parked ◀── a step threw
 *
 *   stop(): idle, parked ──▶ stopped;  checking … splitting ──▶ stopping ──cycle ends──▶ stopped
 */
export type DeliveryState =
  | 'idle' // no cycle runs; the lock is not held (also before start(): nothing to number batches with)
  | 'parked' // no cycle runs; the lock is kept while events wait, so a page hide can number and send them
  | 'checking' // a cycle runs without the lock: consent, adoption, whether anything waits
  | 'acquiring' // the cycle waits for the send lock
  | 'holding' // the cycle runs under the lock between steps: freezing due events, choosing the next batch
  | 'refreshing' // under the lock, re-reading shared storage (other tabs' counters, batches, orphans)
  | 'sending' // the head batch is in flight (after its stored write)
  | 'splitting' // a 413: loading split.ts and halving the batch
  | 'stopping' // stop() came during a cycle; the cycle ends after its current step
  | 'stopped';

/** Every allowed transition, one line each, with what triggers it. */
export const DELIVERY_TRANSITIONS: Readonly<Record<DeliveryState, readonly DeliveryState[]>> = {
  idle: [
    'checking', // kick(): a cycle starts
    'stopped', // stop()
  ],
  parked: [
    'holding', // kick(): a cycle starts with the lock held
    'stopped', // stop(): the lock is released
  ],
  checking: [
    'acquiring', // something waits to be sent
    'idle', // the cycle ends without the lock: nothing waits, consent pending, not started, lock not granted
    'stopping', // stop()
  ],
  acquiring: [
    'holding', // the lock is granted
    'checking', // the request was aborted (discard())
    'stopping', // stop()
  ],
  holding: [
    'refreshing', // shared storage, after the lock was granted or another owner went away
    'sending', // a batch is pending: send the oldest
    'splitting', // the collector answered 413 for a batch of several events
    'checking', // the lock is yielded: nothing waits, or another tab waits for it between batches
    'parked', // the cycle ends keeping the lock: events wait in the queue, not yet due
    'stopping', // stop()
  ],
  refreshing: [
    'holding', // shared storage was read
    'parked', // reading it threw (split.ts for adoption failed to load): the cycle ends, reported
    'stopping', // stop()
  ],
  sending: [
    'holding', // the transport answered: acked, rejected, 413, or retry later (aborted or stack not loaded)
    'parked', // the stored write or the transport threw: the cycle ends, reported
    'stopping', // stop(): the send is aborted
  ],
  splitting: [
    'holding', // the halves took the batch's place
    'parked', // split.ts failed to load: the cycle ends, reported; the batch stays pending
    'stopping', // stop()
  ],
  stopping: [
    'stopped', // the cycle ended
  ],
  stopped: [],
};

/** `to`, when the table allows `from` → `to`; any other transition is a bug in the SDK and throws. */
export function transition(from: DeliveryState, to: DeliveryState): DeliveryState {
  if (!DELIVERY_TRANSITIONS[from].includes(to)) throw new Error(`gamepulse: invalid delivery transition ${from} -> ${to}`);
  return to;
}
