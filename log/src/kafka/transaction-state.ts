/**
 * The transactional producer's lifecycle as a table of guarded transitions, modelled on
 * kafkajs's src/producer/eosManager/transactionStateMachine.js: one table of valid
 * state → state transitions, one table of the states each method may be called in.
 * Anything else is a bug in the caller and throws GP_LOG_TX_INVALID_STATE.
 *
 * Beyond kafkajs's table: ABORTABLE (a write of the open transaction failed, so its
 * outputs may be partial: committing would publish half a transaction, only abort is
 * allowed — the Java client's ABORTABLE_ERROR) and the terminal FENCED and FAILED.
 */
import { TransactionError, type TxState } from '../transactions.ts';

export const TX_TRANSITIONS: Readonly<Record<TxState, readonly TxState[]>> = {
  READY: ['IN_TRANSACTION', 'CLOSED'],
  IN_TRANSACTION: ['COMMITTING', 'ABORTING', 'ABORTABLE', 'FENCED'],
  ABORTABLE: ['ABORTING', 'FENCED'],
  // A commit or abort without a verdict leaves the broker-side transaction open or
  // settled, unknown which: FAILED, and a new producer with the same id settles it.
  COMMITTING: ['READY', 'FENCED', 'FAILED'],
  ABORTING: ['READY', 'FENCED', 'FAILED'],
  FENCED: ['CLOSED'],
  FAILED: ['CLOSED'],
  CLOSED: [],
};

export type TxMethod = 'begin' | 'append' | 'sendOffsets' | 'commit' | 'abort';

export const TX_METHOD_STATES: Readonly<Record<TxMethod, readonly TxState[]>> = {
  begin: ['READY'],
  append: ['IN_TRANSACTION'],
  sendOffsets: ['IN_TRANSACTION'],
  commit: ['IN_TRANSACTION'],
  abort: ['IN_TRANSACTION', 'ABORTABLE'],
};

export class TxStateMachine {
  private current: TxState = 'READY';

  constructor(private readonly onTransition?: (from: TxState, to: TxState) => void) {}

  get state(): TxState {
    return this.current;
  }

  canCall(method: TxMethod): boolean {
    return TX_METHOD_STATES[method].includes(this.current);
  }

  /** Throws unless `method` may be called now. */
  guard(method: TxMethod): void {
    if (!this.canCall(method)) {
      const hint = this.current === 'FENCED' || this.current === 'FAILED' ? '; close this producer and create a new one' : '';
      throw new TransactionError(
        'GP_LOG_TX_INVALID_STATE',
        `transactional producer: cannot call ${method}() in state ${this.current}${hint}`,
        this.current,
      );
    }
  }

  canTransitionTo(to: TxState): boolean {
    return TX_TRANSITIONS[this.current].includes(to);
  }

  transitionTo(to: TxState): void {
    if (!this.canTransitionTo(to))
      throw new TransactionError(
        'GP_LOG_TX_INVALID_STATE',
        `transactional producer: invalid transition ${this.current} → ${to}`,
        this.current,
      );
    const from = this.current;
    this.current = to;
    this.onTransition?.(from, to);
  }
}
