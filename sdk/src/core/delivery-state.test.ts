/**
 * Delivery's transition table (delivery-state.ts): every transition it lists is taken,
 * every other one throws, nothing leaves `stopped`, every phase is reachable and can
 * still stop. That the send cycle takes each transition is delivery-phases.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DELIVERY_TRANSITIONS, transition, type DeliveryState } from './delivery-state.ts';

const STATES = Object.keys(DELIVERY_TRANSITIONS) as DeliveryState[];

function reachable(from: DeliveryState): Set<DeliveryState> {
  const seen = new Set<DeliveryState>([from]);
  for (const s of seen) for (const next of DELIVERY_TRANSITIONS[s]) seen.add(next);
  return seen;
}

describe('core/delivery-state', () => {
  it('lists only known states, each target at most once', () => {
    expect(STATES).toHaveLength(10);
    for (const s of STATES) {
      const targets = DELIVERY_TRANSITIONS[s];
      expect(new Set(targets).size, s).toBe(targets.length);
      for (const t of targets) expect(STATES, `${s} -> ${t}`).toContain(t);
    }
  });

  it('takes every listed transition and throws on every other pair', () => {
    let legal = 0;
    for (const from of STATES)
      for (const to of STATES) {
        if (DELIVERY_TRANSITIONS[from].includes(to)) {
          expect(transition(from, to)).toBe(to);
          legal++;
        } else {
          expect(() => transition(from, to), `${from} -> ${to}`).toThrow(`gamepulse: invalid delivery transition ${from} -> ${to}`);
        }
      }
    expect(legal).toBe(26);
  });

  it('refuses what would break the rules: two sends at once, sending without the lock, leaving stopped', () => {
    expect(() => transition('sending', 'sending')).toThrow();
    expect(() => transition('sending', 'splitting')).toThrow(); // a 413 is handled under the lock, after the answer
    expect(() => transition('idle', 'sending')).toThrow();
    expect(() => transition('checking', 'sending')).toThrow();
    expect(() => transition('acquiring', 'sending')).toThrow();
    expect(() => transition('parked', 'sending')).toThrow(); // a cycle starts first
    expect(() => transition('idle', 'holding')).toThrow(); // the lock is acquired first
    for (const to of STATES) expect(() => transition('stopped', to)).toThrow();
    expect(() => transition('stopping', 'holding')).toThrow();
    expect(() => transition('stopping', 'idle')).toThrow();
  });

  it('reaches every phase from idle, and stopped from every phase', () => {
    expect([...reachable('idle')].sort()).toEqual([...STATES].sort());
    for (const s of STATES) expect(reachable(s).has('stopped'), s).toBe(true);
  });
});
