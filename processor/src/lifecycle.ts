/**
 * The supervisor's lifecycle (supervisor.ts) as a table of guarded transitions
 * (state-machine.ts). The supervisor runs one session (session.ts) at a time; this
 * table says what it does with them.
 *
 *   idle ──start──▶ starting ──started──▶ running ◀──recovered──┐
 *                     │  │                   │                    │
 *                     │  │                   └──session_failed──▶ recovering ──give_up──▶ failed
 *                     │  └──────session_failed──────────────────▶ ▲
 *                     └──start_failed──▶ stopped
 *
 *   idle, starting, running, recovering ──stop──▶ stopping ──stopped──▶ stopped
 *
 * What fires each event:
 *  - start: start() is called; the first session starts;
 *  - started: the first session consumes (its checkpoint is loaded);
 *  - start_failed: the first session could not start for another reason than its
 *    checkpoint (unknown topic, group locked by another process): start() rejects;
 *  - session_failed: the current session failed — a commit, a batch, its checkpoint load
 *    or its consumer — and discarded its work: a recovery begins;
 *  - recovered: a new session consumes (after a backoff, the failed one closed);
 *  - give_up: maxConsecutiveFailures failures without a successful commit: `done` rejects;
 *  - stop: stop() is called: a recovery backoff is cut short;
 *  - stopped: the session stopped (its final commit written or failed): `done` resolves.
 */
import { StateMachine, type TransitionTable } from './state-machine.ts';

export type LifecycleState = 'idle' | 'starting' | 'running' | 'recovering' | 'stopping' | 'stopped' | 'failed';

export type LifecycleEvent = 'start' | 'started' | 'start_failed' | 'session_failed' | 'recovered' | 'give_up' | 'stop' | 'stopped';

export const LIFECYCLE_TRANSITIONS: TransitionTable<LifecycleState, LifecycleEvent> = {
  idle: { start: 'starting', stop: 'stopping' },
  starting: { started: 'running', start_failed: 'stopped', session_failed: 'recovering', stop: 'stopping' },
  running: { session_failed: 'recovering', stop: 'stopping' },
  recovering: { recovered: 'running', give_up: 'failed', stop: 'stopping' },
  stopping: { stopped: 'stopped' },
  stopped: {},
  failed: {},
};

export class Lifecycle extends StateMachine<LifecycleState, LifecycleEvent> {
  constructor(onTransition?: (from: LifecycleState, event: LifecycleEvent, to: LifecycleState) => void) {
    super('processor lifecycle', LIFECYCLE_TRANSITIONS, 'idle', onTransition);
  }
}
