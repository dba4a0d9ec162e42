import { describe, expect, it } from 'vitest';
import { CommitCycle } from './commit-cycle.ts';
import { Lifecycle, LIFECYCLE_TRANSITIONS, type LifecycleEvent, type LifecycleState } from './lifecycle.ts';
import { StateMachine } from './state-machine.ts';

const ALL_EVENTS: LifecycleEvent[] = ['start', 'started', 'start_failed', 'session_failed', 'recovered', 'give_up', 'stop', 'stopped'];
const STATES = Object.keys(LIFECYCLE_TRANSITIONS) as LifecycleState[];

function at(state: LifecycleState): Lifecycle {
  const path: Record<LifecycleState, LifecycleEvent[]> = {
    idle: [],
    starting: ['start'],
    running: ['start', 'started'],
    recovering: ['start', 'started', 'session_failed'],
    stopping: ['start', 'started', 'stop'],
    stopped: ['start', 'started', 'stop', 'stopped'],
    failed: ['start', 'session_failed', 'give_up'],
  };
  const l = new Lifecycle();
  for (const e of path[state]) l.fire(e);
  expect(l.state).toBe(state);
  return l;
}

describe('processor/src/lifecycle', () => {
  it('runs start, a recovery and stop; a failed start; giving up', () => {
    const seen: string[] = [];
    const l = new Lifecycle((from, event, to) => seen.push(`${from}-${event}->${to}`));
    for (const e of ['start', 'started', 'session_failed', 'recovered', 'session_failed', 'recovered', 'stop', 'stopped'] as const)
      l.fire(e);
    expect(l.state).toBe('stopped');
    expect(seen).toContain('running-session_failed->recovering');
    expect(seen).toContain('recovering-recovered->running');
    expect(at('starting').fire('start_failed')).toBe('stopped');
    expect(at('starting').fire('session_failed')).toBe('recovering'); // the first checkpoint load failed
    expect(at('recovering').fire('give_up')).toBe('failed');
  });

  it('allows exactly the transitions in the table, from every state', () => {
    for (const state of STATES) {
      for (const event of ALL_EVENTS) {
        const l = at(state);
        const next = LIFECYCLE_TRANSITIONS[state][event];
        if (next) expect(l.fire(event)).toBe(next);
        else expect(() => l.fire(event)).toThrow(/not in the table \(a bug\): processor lifecycle: \w+ in state \w+/);
      }
    }
  });

  it('has no dead ends: every state is reachable, and every one but the terminal two reaches stopped', () => {
    const reachable = (from: LifecycleState): Set<LifecycleState> => {
      const seen = new Set<LifecycleState>([from]);
      for (const s of seen) for (const to of Object.values(LIFECYCLE_TRANSITIONS[s])) seen.add(to);
      return seen;
    };
    expect([...reachable('idle')].sort()).toEqual([...STATES].sort());
    for (const state of STATES) {
      if (state === 'stopped' || state === 'failed') expect(Object.keys(LIFECYCLE_TRANSITIONS[state])).toEqual([]);
      else expect(reachable(state).has('stopped')).toBe(true);
    }
  });

  it('stops from every state that is not stopping or ended; never recovers or restarts once ended', () => {
    for (const state of ['idle', 'starting', 'running', 'recovering'] as const) expect(at(state).fire('stop')).toBe('stopping');
    for (const state of ['stopping', 'stopped', 'failed'] as const) {
      expect(at(state).can('stop')).toBe(false);
      expect(at(state).can('start')).toBe(false);
      expect(at(state).can('recovered')).toBe(false);
    }
  });
});

describe('processor/src/state-machine', () => {
  it('a recovery session’s commit cycle begins in recovering and consumes once its checkpoint is loaded', () => {
    const c = new CommitCycle(undefined, 'recovering');
    expect(c.state).toBe('recovering');
    expect(c.can('batch')).toBe(false);
    expect(c.fire('recovered')).toBe('idle');
    expect(new CommitCycle(undefined, 'recovering').fire('recovery_failed')).toBe('failed');
    expect(new CommitCycle().state).toBe('idle');
  });

  it('names the machine in the error of an illegal transition and stays where it was', () => {
    const m = new StateMachine<'a' | 'b', 'go' | 'back'>('test machine', { a: { go: 'b' }, b: { back: 'a' } }, 'a');
    /* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any */
    expect(() => m.fire('back')).toThrow(
      expect.objectContaining({
        code: 'GP_PROCESSOR_ILLEGAL_TRANSITION',
        message: expect.stringContaining('test machine: back in state a'),
      }),
    );
    /* eslint-enable @typescript-eslint/no-unsafe-assignment */
    expect(m.state).toBe('a');
    expect(m.fire('go')).toBe('b');
  });
});
