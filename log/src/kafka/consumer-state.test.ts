import { describe, expect, it } from 'vitest';
import { CONSUMER_TRANSITIONS, ConsumerStateMachine, type ConsumerState } from './consumer-state.ts';
import { KafkaLogError } from './errors.ts';

const STATES = Object.keys(CONSUMER_TRANSITIONS) as ConsumerState[];

function reach(target: ConsumerState): ConsumerStateMachine {
  // breadth-first over the table from 'created', then replay the path
  const path: ConsumerState[] = [];
  const parent = new Map<ConsumerState, ConsumerState>();
  const q: ConsumerState[] = ['created'];
  const seen = new Set<ConsumerState>(['created']);
  while (q.length) {
    const s = q.shift()!;
    for (const n of CONSUMER_TRANSITIONS[s])
      if (!seen.has(n)) {
        seen.add(n);
        parent.set(n, s);
        q.push(n);
      }
  }
  for (let s: ConsumerState | undefined = target; s && s !== 'created'; s = parent.get(s)) path.unshift(s);
  const m = new ConsumerStateMachine();
  for (const s of path) m.transitionTo(s);
  return m;
}

describe('log/src/kafka/consumer-state: the lifecycle table', () => {
  it('every state is reachable from created and can reach stopped', () => {
    for (const s of STATES) {
      expect(reach(s).state).toBe(s);
      const seen = new Set<ConsumerState>([s]);
      const todo = [s];
      while (todo.length)
        for (const n of CONSUMER_TRANSITIONS[todo.pop()!])
          if (!seen.has(n)) {
            seen.add(n);
            todo.push(n);
          }
      expect(seen.has('stopped'), `${s} reaches stopped`).toBe(true);
    }
  });

  it('allows exactly the table and throws GP_LOG_INVALID_STATE otherwise', () => {
    for (const from of STATES) {
      for (const to of STATES) {
        const m = reach(from);
        if (CONSUMER_TRANSITIONS[from].includes(to)) m.transitionTo(to);
        else expect(() => m.transitionTo(to), `${from} → ${to}`).toThrow(KafkaLogError);
      }
    }
  });

  it('a generation cycles assigning → active → revoking → revoked → assigning; batches only in active', () => {
    const m = reach('active');
    for (const s of ['revoking', 'revoked', 'assigning', 'active'] as const) m.transitionTo(s);
    expect(CONSUMER_TRANSITIONS.active).toEqual(['revoking']);
    expect(CONSUMER_TRANSITIONS.stopped).toEqual([]);
  });
});
