/**
 * Which installs kept sending across a collector restart: a transport wrapper records,
 * per install, when each acknowledged send started and ended, so the test can show
 * that the same installs were acknowledged by the collector before it went down and
 * again by its successor — a restart the SDK must ride out without losing or doubling
 * anything.
 */
import type { Transport } from '@gamepulse/sdk';

export class SendsAcross {
  private readonly acked = new Map<string, Array<{ startMs: number; endMs: number }>>();

  /** Wraps install `installId`'s transport. */
  wrap(installId: string, real: Transport): Transport {
    return {
      send: async (batch, signal) => {
        const startMs = Date.now();
        const result = await real.send(batch, signal);
        if (result.ok) {
          const list = this.acked.get(installId) ?? [];
          list.push({ startMs, endMs: Date.now() });
          this.acked.set(installId, list);
        }
        return result;
      },
      close: () => real.close?.() ?? Promise.resolve(),
      ...(real.name ? { name: real.name } : {}),
    };
  }

  /** Installs with a send acknowledged before `downMs` and one started after `upMs` (and acknowledged). */
  installsAcross(downMs: number, upMs: number): number {
    let n = 0;
    for (const sends of this.acked.values()) if (sends.some((s) => s.endMs < downMs) && sends.some((s) => s.startMs > upMs)) n++;
    return n;
  }
}
