/**
 * The commit cycle of one session (session.ts): a table of guarded transitions
 * (state-machine.ts). Exactly-once rests on three rules this table enforces:
 *  - a commit starts only from `aggregating` (there is something to write), so at most
 *    one is in flight. What it writes was taken from memory when it started; batches
 *    folded while it is written (`committing` + `batch`, when the processor overlaps
 *    folding and writing) belong to the next commit, which `committed_more` makes due;
 *  - after a failed commit the in-memory deltas — its own and any folded since — are
 *    never written nor extended: `failed` accepts no batch and no commit;
 *  - nothing leaves `stopped`.
 *
 *   idle ──batch──▶ aggregating ──commit──▶ committing ──committed──▶ idle
 *     │                 │ ▲ batch             │ ▲ batch  └──committed_more──▶ aggregating
 *     │ fault      fault│                     │ └─┘
 *     │                 ▼                     └─commit_failed──▶ failed ──recover──▶ recovering
 *     └──────────────▶ failed ◀──────────────── recovery_failed ──────────────────────┘ │
 *                                                    idle ◀──recovered───────────────────┘
 *
 * What fires each event (session.ts):
 *  - batch: a batch that moves a position (records, or only a later offset) is folded;
 *  - commit: the pending rows reach maxPendingRows, the commit interval passed (timer or
 *    batch), or a revocation, an erasure or stop() needs everything stored;
 *  - committed / committed_more: the sink stored the commit (more: batches were folded
 *    while it was written);
 *  - commit_failed: the sink refused the commit, or anything fails while it is written;
 *  - fault: folding a batch or the first session's checkpoint load failed, or the
 *    consumer gave up;
 *  - recovered / recovery_failed: a recovery session loaded its checkpoint, or did not;
 *  - stop: the session stops or is closed.
 * A failed cycle is never resumed: the supervisor (supervisor.ts) closes its session and
 * starts a new one whose cycle begins in `recovering` — the `failed ──recover──▶
 * recovering` step, taken from one session to the next. The first session's begins in
 * `idle`.
 */
import { StateMachine, type TransitionTable } from './state-machine.ts';

export type CycleState = 'idle' | 'aggregating' | 'committing' | 'failed' | 'recovering' | 'stopped';

export type CycleEvent =
  | 'batch' // a batch advanced a position (deltas, dead letters or just skipped duplicates)
  | 'commit' // start writing the deltas
  | 'committed' // the commit is stored and nothing was folded meanwhile
  | 'committed_more' // the commit is stored; batches folded meanwhile wait for the next
  | 'commit_failed' // the write failed, or something else failed while it ran
  | 'fault' // batch handling, checkpoint loading or the consumer failed: in-memory state is untrusted
  | 'recover' // a new session replaces the failed one and begins here (see above)
  | 'recovered' // the new session's checkpoint is loaded
  | 'recovery_failed'
  | 'stop';

export const TRANSITIONS: TransitionTable<CycleState, CycleEvent> = {
  idle: { batch: 'aggregating', fault: 'failed', stop: 'stopped' },
  aggregating: { batch: 'aggregating', commit: 'committing', fault: 'failed' },
  committing: { batch: 'committing', committed: 'idle', committed_more: 'aggregating', commit_failed: 'failed' },
  failed: { recover: 'recovering', stop: 'stopped' },
  recovering: { recovered: 'idle', recovery_failed: 'failed', stop: 'stopped' },
  stopped: {},
};

export class CommitCycle extends StateMachine<CycleState, CycleEvent> {
  /** `initial`: `idle` for a first session, `recovering` for one that replaces a failed one. */
  constructor(onTransition?: (from: CycleState, event: CycleEvent, to: CycleState) => void, initial: 'idle' | 'recovering' = 'idle') {
    super('commit cycle', TRANSITIONS, initial, onTransition);
  }
}
