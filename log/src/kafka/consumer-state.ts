/**
 * Lifecycle of a KafkaLog consumer as a table of guarded transitions (the model is
 * kafkajs's own src/producer/eosManager/transactionStateMachine.js). kafkajs's consumer
 * group uses the eager protocol: at every rebalance a member gives up ALL its
 * partitions and then receives a whole new assignment, so a generation is
 * assigning → active → revoking → revoked, and the next one starts again at assigning.
 *
 *   created ─run─▶ joining ─GROUP_JOIN─▶ assigning ─onAssigned ok─▶ active
 *                                          │ onAssigned threw          │ rebalance / crash / stop
 *                                          ▼                           ▼
 *                          failed ◀──────────────────────────────── revoking ─onRevoked─▶ revoked
 *                             │                                                         │  │ GROUP_JOIN
 *                             └──────────────▶ stopping ◀────────────── stop ───────────┘  └──▶ assigning
 *                                                 └──▶ stopped
 */
import { KafkaLogError } from './errors.ts';

export type ConsumerState = 'created' | 'joining' | 'assigning' | 'active' | 'revoking' | 'revoked' | 'stopping' | 'stopped' | 'failed';

export const CONSUMER_TRANSITIONS: Readonly<Record<ConsumerState, readonly ConsumerState[]>> = {
  created: ['joining', 'stopped'],
  // A consumer that stops before its first assignment goes straight to stopping.
  joining: ['assigning', 'stopping', 'failed'],
  assigning: ['active', 'failed'],
  // Batches are delivered only here.
  active: ['revoking'],
  revoking: ['revoked'],
  revoked: ['assigning', 'stopping', 'failed'],
  // A failed consumer (onAssigned threw, or kafkajs crashed for good) delivers nothing
  // and leaves the group; stop() still has to be callable.
  failed: ['stopping'],
  stopping: ['stopped'],
  stopped: [],
};

export class ConsumerStateMachine {
  private current: ConsumerState = 'created';

  constructor(private readonly onTransition?: (from: ConsumerState, to: ConsumerState) => void) {}

  get state(): ConsumerState {
    return this.current;
  }

  can(to: ConsumerState): boolean {
    return CONSUMER_TRANSITIONS[this.current].includes(to);
  }

  /** Takes the transition, or throws: a transition the table does not allow is a bug. */
  transitionTo(to: ConsumerState): void {
    if (!this.can(to)) throw new KafkaLogError('GP_LOG_INVALID_STATE', `consumer: invalid transition ${this.current} → ${to}`);
    const from = this.current;
    this.current = to;
    this.onTransition?.(from, to);
  }
}
