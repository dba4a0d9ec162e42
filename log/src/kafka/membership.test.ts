import { describe, expect, it } from 'vitest';
import { KafkaJSConnectionError, KafkaJSProtocolError } from 'kafkajs';
import { Membership } from './membership.ts';

const protocol = (type: string) => new KafkaJSProtocolError({ type, code: 0, retriable: false, message: type } as unknown as Error);
const tps = [
  { topic: 't', partition: 0 },
  { topic: 't', partition: 1 },
];

function setup() {
  let now = 1_000;
  const m = new Membership({ sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 20_000, heartbeatIntervalMs: 500 }, () => now);
  m.joined(tps);
  return { m, advance: (ms: number) => (now += ms) };
}

describe('log/src/kafka/membership: the ownership lease', () => {
  it('owns the joined partitions until sessionTimeout (minus one interval) after the last good heartbeat', async () => {
    const { m, advance } = setup();
    expect(m.owns('t', 0)).toBe(true);
    expect(m.owns('t', 2)).toBe(false);
    advance(9_000);
    await m.heartbeat({ heartbeat: async () => {} });
    advance(9_000);
    expect(m.owns('t', 1)).toBe(true);
    advance(1_000);
    expect(m.owns('t', 1)).toBe(false); // 10 s since the last heartbeat: evicted, maybe
    expect(m.owns('t', 0)).toBe(false);
  });

  it('a rebalance keeps ownership until the rejoin deadline, so a revocation before it counts as before-rejoin', async () => {
    const { m, advance } = setup();
    const failing = { heartbeat: async () => Promise.reject(protocol('REBALANCE_IN_PROGRESS')) };
    await m.heartbeat(failing);
    expect(m.generationEnding?.signal).toBe('rebalance');
    advance(5_000);
    expect(m.owns('t', 0)).toBe(true);
    expect(m.takeEnding()).toMatchObject({ stillOwned: true });
    expect(m.takeEnding()).toBeUndefined();
  });

  it('past the rejoin deadline (stuck in onBatch) the same signal means lost', async () => {
    const { m, advance } = setup();
    await m.heartbeat({ heartbeat: async () => Promise.reject(protocol('REBALANCE_IN_PROGRESS')) });
    for (let i = 0; i < 40; i++) {
      advance(500);
      await m.heartbeat({ heartbeat: async () => Promise.reject(protocol('REBALANCE_IN_PROGRESS')) });
    }
    expect(m.owns('t', 0)).toBe(false);
    expect(m.takeEnding()).toMatchObject({ stillOwned: false, ending: { signal: 'rebalance' } });
  });

  it('UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION drop ownership at once; connection errors change nothing', async () => {
    const { m } = setup();
    await m.heartbeat({ heartbeat: async () => Promise.reject(new KafkaJSConnectionError('x')) });
    expect(m.owns('t', 0)).toBe(true);
    expect(m.generationEnding).toBeUndefined();
    await m.heartbeat({ heartbeat: async () => Promise.reject(protocol('UNKNOWN_MEMBER_ID')) });
    expect(m.owns('t', 0)).toBe(false);
    expect(m.takeEnding()).toMatchObject({ stillOwned: false, ending: { signal: 'lost' } });
    m.joined(tps);
    expect(m.owns('t', 0)).toBe(true);
    expect(m.generationEnding).toBeUndefined();
  });
});
