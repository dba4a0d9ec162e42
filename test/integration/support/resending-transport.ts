/**
 * Test-only transport wrapper that makes deliveries happen more than once, the way a
 * flaky network does: the first try of some batches is sent twice (the collector
 * appends it twice), and for others the acknowledgement is "lost" (reported to the SDK
 * as a retryable failure), so the SDK's own retry re-sends the same bytes. The
 * processor must count every one of those events exactly once.
 */
import type { Transport } from '@gamepulse/sdk';
import type { Random } from '@gamepulse/testkit';

export interface ResendStats {
  batches: number;
  doubled: number;
  ackLost: number;
}

export function resending(real: Transport, rnd: Random, stats: ResendStats, p = { double: 0.25, loseAck: 0.15 }): Transport {
  const firstTry = new Set<number>();
  return {
    async send(batch, signal) {
      const seq = batch.sequence;
      if (!firstTry.has(seq)) {
        firstTry.add(seq);
        stats.batches++;
        const roll = rnd.next();
        if (roll < p.double) {
          stats.doubled++;
          await real.send(batch, signal);
          return real.send(batch, signal);
        }
        if (roll < p.double + p.loseAck) {
          const result = await real.send(batch, signal);
          if (result.ok) {
            stats.ackLost++;
            return { ok: false, retryable: true, retryInMs: 10, code: 'TEST_ACK_LOST', message: 'acknowledgement dropped by the test' };
          }
          return result;
        }
      }
      return real.send(batch, signal);
    },
    close: () => real.close?.() ?? Promise.resolve(),
  };
}

/** Counts, by code, the answers that make the SDK give a batch up for good (not retryable). */
export function permanentFailures(real: Transport, counts: Record<string, number>): Transport {
  return {
    async send(batch, signal) {
      const result = await real.send(batch, signal);
      if (!result.ok && !result.retryable) {
        const key = `${result.code}${'status' in result && result.status ? `/${result.status}` : ''}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return result;
    },
    close: () => real.close?.() ?? Promise.resolve(),
  };
}
