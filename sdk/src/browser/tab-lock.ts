/**
 * One sender across the tabs of an origin (see core/lock.ts), with the Web Locks API
 * (navigator.locks; Chrome 69, Firefox 96, Safari 15.4): the send lock
 * `gamepulse:v1:<game>:send` is held by the tab that numbers and sends batches; every
 * tab also holds `gamepulse:v1:<game>:tab:<id>` for its lifetime, so that
 * `navigator.locks.query()` tells which tabs are alive and whose journaled events are
 * orphans to adopt. The browser releases a tab's locks when the tab goes away, even
 * when it crashes. A BroadcastChannel message tells the others at once.
 *
 * Fallback without Web Locks: a lease in localStorage (owner + expiry, renewed every
 * 2 s, taken over 6 s after its owner stopped renewing) and heartbeats per tab. It can
 * be lost without being released (a throttled hidden tab renews too late), so the
 * holder checks it before it numbers a batch (`held`, lease-lock.ts); what overlap is
 * left (sends of one stored batch from two tabs) costs a re-sent batch, which the
 * backend drops by its digest, not a wrong count.
 */
import type { SendLock } from '../core/lock.ts';
import type { LeaseLock } from './lease-lock.ts';

function channel(name: string): BroadcastChannel | undefined {
  try {
    return typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
  } catch {
    return undefined;
  }
}

export function createTabLock(gameId: string, owner: string): SendLock & { leaving(): void } {
  const prefix = `gamepulse:v1:${gameId}:`;
  const sendName = `${prefix}send`;
  const tabPrefix = `${prefix}tab:`;
  const bc = channel(`${prefix}tabs`);
  const goneListeners: Array<() => void> = [];
  if (bc) bc.onmessage = (m: MessageEvent) => m.data === 'gone' && goneListeners.forEach((l) => l());
  const leaving = () => bc?.postMessage('gone');
  const locks = globalThis.navigator?.locks;

  if (locks) {
    let forever: () => void = () => {};
    void locks.request(`${tabPrefix}${owner}`, () => new Promise<void>((resolve) => (forever = resolve)));
    return {
      owner,
      acquire: (signal) =>
        new Promise((resolve, reject) => {
          locks.request(sendName, { signal }, () => new Promise<void>((release) => resolve(release))).catch(reject);
        }),
      contended: async () => ((await locks.query()).pending ?? []).some((l) => l.name === sendName),
      liveOwners: async () =>
        new Set(((await locks.query()).held ?? []).flatMap((l) => (l.name?.startsWith(tabPrefix) ? [l.name.slice(tabPrefix.length)] : []))),
      onOwnerGone: (cb) => void goneListeners.push(cb),
      leaving,
      close: () => {
        forever();
        bc?.close();
      },
    };
  }
  // Loaded only where Web Locks are missing (old Safari, some webviews).
  let loaded: LeaseLock | undefined;
  const lease = import('./lease-lock.ts').then(
    (m) => (loaded = m.createLeaseLock(prefix, owner, goneListeners, leaving, () => bc?.close())),
  );
  return {
    owner,
    held: () => loaded?.held() ?? false,
    acquire: async (signal) => (await lease).acquire(signal),
    contended: async () => false,
    liveOwners: async () => (await lease).liveOwners(),
    onOwnerGone: (cb) => void goneListeners.push(cb),
    leaving: () => void lease.then((l) => l.leaving()),
    close: () => void lease.then((l) => l.close?.()),
  };
}
