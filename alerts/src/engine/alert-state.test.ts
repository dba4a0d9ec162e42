import { describe, expect, it } from 'vitest';
import { newInstance, step, TRANSITIONS, type AlertState, type Signal } from './alert-state.ts';

const MIN = 60_000;

function run(signals: Signal[], t = { forMs: 3 * MIN, keepFiringForMs: 0 }) {
  const i = newInstance();
  return signals.map((s, k) => {
    const tr = step(i, s, k * MIN, t);
    return `${tr.to}${tr.notify === 'none' ? '' : `:${tr.notify}`}`;
  });
}

describe('alert state machine', () => {
  it('pends for `for`, fires once, resolves once', () => {
    expect(run(['breach', 'breach', 'breach', 'breach', 'breach', 'clear', 'clear'])).toEqual([
      'pending',
      'pending',
      'pending',
      'firing:fired',
      'firing',
      'inactive:resolved',
      'inactive',
    ]);
  });

  it('a breach shorter than `for` never fires', () => {
    expect(run(['breach', 'breach', 'clear', 'breach', 'breach', 'clear'])).not.toContain('firing:fired');
  });

  it('fires at once when `for` is 0', () => {
    expect(run(['clear', 'breach', 'clear'], { forMs: 0, keepFiringForMs: 0 })).toEqual(['inactive', 'firing:fired', 'inactive:resolved']);
  });

  it('keep_firing_for holds a flapping alert firing until it has been clear that long', () => {
    expect(run(['breach', 'clear', 'breach', 'clear', 'clear', 'clear'], { forMs: 0, keepFiringForMs: 2 * MIN })).toEqual([
      'firing:fired',
      'firing',
      'firing',
      'firing',
      'inactive:resolved',
      'inactive',
    ]);
  });

  it('the table covers every state and signal', () => {
    const states: AlertState[] = ['inactive', 'pending', 'firing'];
    for (const s of states) for (const sig of ['breach', 'clear'] as const) expect(typeof TRANSITIONS[s][sig]).toBe('function');
  });
});
