import { describe, expect, it } from 'vitest';
import { CommitCycle, TRANSITIONS, type CycleEvent, type CycleState } from './commit-cycle.ts';

const ALL_EVENTS: CycleEvent[] = [
  'batch',
  'commit',
  'committed',
  'committed_more',
  'commit_failed',
  'fault',
  'recover',
  'recovered',
  'recovery_failed',
  'stop',
];

function at(state: CycleState): CommitCycle {
  const path: Record<CycleState, CycleEvent[]> = {
    idle: [],
    aggregating: ['batch'],
    committing: ['batch', 'commit'],
    failed: ['batch', 'commit', 'commit_failed'],
    recovering: ['batch', 'commit', 'commit_failed', 'recover'],
    stopped: ['stop'],
  };
  const c = new CommitCycle();
  for (const e of path[state]) c.fire(e);
  expect(c.state).toBe(state);
  return c;
}

describe('processor/src/commit-cycle', () => {
  it('runs the happy cycle and the failure cycle', () => {
    const seen: string[] = [];
    const c = new CommitCycle((from, event, to) => seen.push(`${from}-${event}->${to}`));
    for (const e of ['batch', 'batch', 'commit', 'committed', 'batch', 'commit', 'commit_failed', 'recover', 'recovered', 'stop'] as const)
      c.fire(e);
    expect(c.state).toBe('stopped');
    expect(seen).toContain('committing-commit_failed->failed');
    expect(seen).toContain('recovering-recovered->idle');
  });

  it('allows exactly the transitions in the table, from every state', () => {
    for (const state of Object.keys(TRANSITIONS) as CycleState[]) {
      for (const event of ALL_EVENTS) {
        const c = at(state);
        const next = TRANSITIONS[state][event];
        if (next) expect(c.fire(event)).toBe(next);
        else expect(() => c.fire(event)).toThrow(/GP_PROCESSOR_ILLEGAL_TRANSITION|not in the table/);
      }
    }
  });

  it('folds batches while a commit is written, into the next commit; never a second commit in flight; nothing into failed state', () => {
    const c = at('committing');
    expect(c.fire('batch')).toBe('committing');
    expect(c.can('commit')).toBe(false);
    expect(c.fire('committed_more')).toBe('aggregating');
    expect(c.can('commit')).toBe(true);
    expect(at('committing').fire('commit_failed')).toBe('failed');
    expect(at('failed').can('batch')).toBe(false);
    expect(at('failed').can('commit')).toBe(false);
    expect(at('recovering').can('commit')).toBe(false);
  });
});
