/**
 * A state machine as a table of guarded transitions, the way kafkajs models its
 * transactional producer (eosManager/transactionStateMachine.js): every state lists the
 * events it accepts and where each one leads; any other event is a bug and throws.
 * The commit cycle (commit-cycle.ts) and the supervisor's lifecycle (lifecycle.ts) are
 * such tables.
 */
import { ProcessorError } from './codes.ts';

export type TransitionTable<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

export class StateMachine<S extends string, E extends string> {
  private current: S;

  constructor(
    /** Names the machine in the error of an illegal transition. */
    private readonly name: string,
    private readonly table: TransitionTable<S, E>,
    initial: S,
    private readonly onTransition?: (from: S, event: E, to: S) => void,
  ) {
    this.current = initial;
  }

  get state(): S {
    return this.current;
  }

  can(event: E): boolean {
    return this.table[this.current][event] !== undefined;
  }

  /** Takes the transition, or throws: an event the table does not allow is a bug. */
  fire(event: E): S {
    const next = this.table[this.current][event];
    if (next === undefined) throw new ProcessorError('GP_PROCESSOR_ILLEGAL_TRANSITION', `${this.name}: ${event} in state ${this.current}`);
    const from = this.current;
    this.current = next;
    this.onTransition?.(from, event, next);
    return next;
  }
}
