/**
 * The fallback send lock where the Web Locks API is missing (see tab-lock.ts): a lease
 * in localStorage (owner + expiry, renewed every 2 s, taken over 6 s after its owner
 * stopped renewing) and a heartbeat per tab for liveness.
 *
 * A lease can be lost while its holder still believes it holds it: browsers throttle
 * the timers of hidden tabs (to once a minute after five minutes, in Chrome), so the
 * renewal may come too late and another tab takes the lease over. The holder therefore
 * checks the lease (`held()`, which also renews it) right before it numbers a batch, and
 * yields when it is gone; the renewal never writes over another tab's lease.
 */
import type { SendLock } from '../core/lock.ts';

const LEASE_MS = 6_000;
const RENEW_MS = 2_000;

export type LeaseLock = SendLock & { held(): boolean; leaving(): void };

/** What the lease key holds (written below, as JSON). */
interface Lease {
  owner: string;
  until: number;
}

export function createLeaseLock(
  prefix: string,
  owner: string,
  goneListeners: Array<() => void>,
  leaving: () => void,
  closeChannel: () => void,
) {
  const ls = globalThis.localStorage;
  const leaseKey = `${prefix}lease`;
  const beatKey = `${prefix}beat:${owner}`;
  const read = (): Lease | undefined => {
    try {
      return (JSON.parse(ls.getItem(leaseKey) ?? 'null') as Lease | null) ?? undefined;
    } catch {
      return undefined;
    }
  };
  const beat = () => ls.setItem(beatKey, String(Date.now()));
  const take = () => ls.setItem(leaseKey, JSON.stringify({ owner, until: Date.now() + LEASE_MS }));
  beat();
  const beating = setInterval(beat, RENEW_MS);
  const lock: LeaseLock = {
    owner,
    acquire: (signal) =>
      new Promise((resolve, reject) => {
        const attempt = () => {
          // The SDK aborts without a reason: this is the AbortError DOMException.
          if (signal.aborted) return reject(signal.reason as DOMException);
          const lease = read();
          if (!lease || lease.until < Date.now() || lease.owner === owner) {
            take();
            // Another tab may have written at the same moment: whoever reads itself back wins.
            return setTimeout(() => {
              if (read()?.owner !== owner) return setTimeout(attempt, RENEW_MS);
              const renew = setInterval(() => lock.held() || clearInterval(renew), RENEW_MS);
              resolve(() => {
                clearInterval(renew);
                if (read()?.owner === owner) ls.removeItem(leaseKey);
              });
            }, 50);
          }
          setTimeout(attempt, RENEW_MS);
        };
        attempt();
      }),
    held: () => {
      const lease = read();
      if (lease?.owner !== owner || lease.until < Date.now()) return false;
      take();
      return true;
    },
    contended: async () => false,
    liveOwners: async () => {
      const live = new Set<string>([owner]);
      for (let i = 0; i < ls.length; i++) {
        const key = ls.key(i);
        if (key?.startsWith(`${prefix}beat:`) && Date.now() - Number(ls.getItem(key)) < LEASE_MS) live.add(key.slice(prefix.length + 5));
      }
      return live;
    },
    onOwnerGone: (cb) => void goneListeners.push(cb),
    leaving: () => {
      ls.removeItem(beatKey);
      leaving();
    },
    close: () => {
      clearInterval(beating);
      ls.removeItem(beatKey);
      closeChannel();
    },
  };
  return lock;
}
