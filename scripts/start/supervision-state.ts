/**
 * One supervised service's lifecycle (supervisor.ts) as a table of guarded transitions,
 * the way processor/src/lifecycle.ts and sdk/src/core/delivery-state.ts model theirs:
 * every state lists the events it accepts and where each leads; any other event is a
 * bug and throws.
 *
 *              ready                      crashed (policy: restart)
 *   starting ─────────▶ running ──────────────────────────────▶ backoff
 *      │  ▲                │                                      │  │
 *      │  └───────── restart (the backoff delay elapsed) ─────────┘  │
 *      │                   │ crash_loop (policy: give up)            │
 *      ├───────────────────┴──────────────────────────▶ failed       │
 *      └── crashed ──▶ backoff                                       │
 *
 *   starting, running ──stop──▶ stopping ──stopped──▶ stopped;  backoff ──stop──▶ stopped
 *
 * What fires each event:
 *  - ready: the process answers its /readyz;
 *  - crashed: the process exited (or never became ready) while nobody asked it to stop,
 *    and the restart policy says restart;
 *  - crash_loop: the same, and the policy says give up: the launcher stops everything;
 *  - restart: the backoff delay elapsed: a new process starts;
 *  - stop: the launcher shuts down (Ctrl-C, SIGTERM, another service's crash loop);
 *  - stopped: the process stopped after SIGTERM (or SIGKILL after the grace period).
 */

export type SupervisionState = 'starting' | 'running' | 'backoff' | 'stopping' | 'stopped' | 'failed';

export type SupervisionEvent = 'ready' | 'crashed' | 'crash_loop' | 'restart' | 'stop' | 'stopped';

export type SupervisionTable = Readonly<Record<SupervisionState, Readonly<Partial<Record<SupervisionEvent, SupervisionState>>>>>;

export const SUPERVISION_TRANSITIONS: SupervisionTable = {
  starting: { ready: 'running', crashed: 'backoff', crash_loop: 'failed', stop: 'stopping' },
  running: { crashed: 'backoff', crash_loop: 'failed', stop: 'stopping' },
  backoff: { restart: 'starting', stop: 'stopped' },
  stopping: { stopped: 'stopped' },
  stopped: {},
  failed: {},
};

export class SupervisionStateMachine {
  private current: SupervisionState = 'starting';

  constructor(
    /** Names the service in the error of an illegal transition. */
    private readonly name: string,
    private readonly onTransition?: (from: SupervisionState, event: SupervisionEvent, to: SupervisionState) => void,
  ) {}

  get state(): SupervisionState {
    return this.current;
  }

  can(event: SupervisionEvent): boolean {
    return SUPERVISION_TRANSITIONS[this.current][event] !== undefined;
  }

  /** Takes the transition, or throws: an event the table does not allow is a bug. */
  fire(event: SupervisionEvent): SupervisionState {
    const next = SUPERVISION_TRANSITIONS[this.current][event];
    if (next === undefined) throw new Error(`supervision of ${this.name}: illegal ${event} in state ${this.current}`);
    const from = this.current;
    this.current = next;
    this.onTransition?.(from, event, next);
    return next;
  }
}
