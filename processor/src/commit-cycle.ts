/**
 * The commit cycle as a table of guarded transitions (as kafkajs models its
 * transactional producer in eosManager/transactionStateMachine.js). Exactly-once rests
 * on three rules this table enforces:
 *  - a commit starts only from `aggregating` (there is something to write), so at most
 *    one is in flight. What it writes was taken from memory when it started; batches
 *    folded while it is written (`committing` + `batch`, when the processor overlaps
 *    folding and writing) belong to the next commit, which `committed_more` makes due;
 *  - after a failed commit the in-memory deltas — its own and any folded since — are
 *    never written nor extended: the only way out of `failed` is `recovering` (reload
 *    the checkpoint) or `stopped`;
 *  - nothing leaves `stopped`.
 *
 *   idle ──batch──▶ aggregating ──commit──▶ committing ──committed──▶ idle
 *     │                 │ ▲ batch             │ ▲ batch  └──committed_more──▶ aggregating
 *     │ fault      fault│                     │ └─┘
 *     │                 ▼                     └─commit_failed──▶ failed ──recover──▶ recovering
 *     └──────────────▶ failed ◀──────────────── recovery_failed ──────────────────────┘ │
 *                                                    idle ◀──recovered───────────────────┘
 */
import { ProcessorError } from './codes.ts';

export type CycleState = 'idle' | 'aggregating' | 'committing' | 'failed' | 'recovering' | 'stopped';

export type CycleEvent =
  | 'batch' // a batch advanced a position (deltas, dead letters or just skipped duplicates)
  | 'commit' // start writing the deltas
  | 'committed' // the commit is stored and nothing was folded meanwhile
  | 'committed_more' // the commit is stored; batches folded meanwhile wait for the next
  | 'commit_failed'
  | 'fault' // batch handling or checkpoint loading failed: in-memory state is untrusted
  | 'recover' // reload the checkpoint (restart the consumer)
  | 'recovered'
  | 'recovery_failed'
  | 'stop';

export const TRANSITIONS: Readonly<Record<CycleState, Readonly<Partial<Record<CycleEvent, CycleState>>>>> = {
  idle: { batch: 'aggregating', fault: 'failed', stop: 'stopped' },
  aggregating: { batch: 'aggregating', commit: 'committing', fault: 'failed' },
  committing: { batch: 'committing', committed: 'idle', committed_more: 'aggregating', commit_failed: 'failed' },
  failed: { recover: 'recovering', stop: 'stopped' },
  recovering: { recovered: 'idle', recovery_failed: 'failed', stop: 'stopped' },
  stopped: {},
};

export class CommitCycle {
  private current: CycleState = 'idle';

  constructor(private readonly onTransition?: (from: CycleState, event: CycleEvent, to: CycleState) => void) {}

  get state(): CycleState {
    return this.current;
  }

  can(event: CycleEvent): boolean {
    return TRANSITIONS[this.current][event] !== undefined;
  }

  /** Takes the transition, or throws: an event the table does not allow is a bug. */
  fire(event: CycleEvent): CycleState {
    const next = TRANSITIONS[this.current][event];
    if (next === undefined) throw new ProcessorError('GP_PROCESSOR_ILLEGAL_TRANSITION', `${event} in state ${this.current}`);
    const from = this.current;
    this.current = next;
    this.onTransition?.(from, event, next);
    return next;
  }
}
