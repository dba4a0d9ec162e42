/** `navigator.onLine` and the window's `online`/`offline` events (HTML, "Offline Web applications"). */
import type { Connectivity } from '../core/connectivity.ts';

export function browserConnectivity(): Connectivity {
  return {
    online: () => globalThis.navigator?.onLine !== false,
    subscribe(callback) {
      const on = () => callback(true);
      const off = () => callback(false);
      globalThis.addEventListener?.('online', on);
      globalThis.addEventListener?.('offline', off);
      return () => {
        globalThis.removeEventListener?.('online', on);
        globalThis.removeEventListener?.('offline', off);
      };
    },
  };
}
