/**
 * The life of one alert instance (a rule × one series' labels), as Prometheus runs it:
 *
 *   state     on breach                                  on clear
 *   inactive  pending (firing when `for` is 0)           inactive
 *   pending   firing once breached for `for`, else pending   inactive
 *   firing    firing                                     inactive once clear for `keep_firing_for`, else firing
 *
 * Leaving `firing` is the resolution: the engine sends it once with `endsAt`. The table
 * below is the whole machine; `step` applies it and says which notification is due.
 */

export type AlertState = 'inactive' | 'pending' | 'firing';
export type Signal = 'breach' | 'clear';

export interface AlertInstance {
  state: AlertState;
  /** When the current breach began (pending since). */
  activeAtMs: number;
  /** When it started firing. */
  firedAtMs: number;
  /** The last evaluation that breached. */
  lastBreachMs: number;
}

export interface Timing {
  forMs: number;
  keepFiringForMs: number;
}

/** What an evaluation decides for an instance. */
export type Transition = { to: AlertState; notify: 'none' | 'fired' | 'resolved' };

type Rule = (i: AlertInstance, nowMs: number, t: Timing) => Transition;

const stay = (to: AlertState): Transition => ({ to, notify: 'none' });

/** The transition table: state × signal → next state and the notification due. */
export const TRANSITIONS: Record<AlertState, Record<Signal, Rule>> = {
  inactive: {
    breach: (_i, _now, t) => (t.forMs === 0 ? { to: 'firing', notify: 'fired' } : stay('pending')),
    clear: () => stay('inactive'),
  },
  pending: {
    breach: (i, now, t) => (now - i.activeAtMs >= t.forMs ? { to: 'firing', notify: 'fired' } : stay('pending')),
    clear: () => stay('inactive'),
  },
  firing: {
    breach: () => stay('firing'),
    clear: (i, now, t) => (now - i.lastBreachMs >= t.keepFiringForMs ? { to: 'inactive', notify: 'resolved' } : stay('firing')),
  },
};

export function newInstance(): AlertInstance {
  return { state: 'inactive', activeAtMs: 0, firedAtMs: 0, lastBreachMs: 0 };
}

/** Applies one evaluation's signal to the instance (in place) and returns the transition taken. */
export function step(i: AlertInstance, signal: Signal, nowMs: number, t: Timing): Transition {
  const tr = TRANSITIONS[i.state][signal](i, nowMs, t);
  if (signal === 'breach') {
    if (i.state === 'inactive') i.activeAtMs = nowMs;
    i.lastBreachMs = nowMs;
  }
  if (tr.notify === 'fired') i.firedAtMs = nowMs;
  i.state = tr.to;
  return tr;
}
