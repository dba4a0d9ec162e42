/**
 * Whether the device is online, as the platform tells it (browsers: `navigator.onLine`
 * and the `online`/`offline` events). While offline the SDK makes no attempts (they
 * would fail and only grow the backoff); when the device comes back it retries at once
 * instead of sitting out the rest of a backoff wait.
 */
export interface Connectivity {
  online(): boolean;
  /** Calls back on every change; returns an unsubscribe function. */
  subscribe(callback: (online: boolean) => void): () => void;
}

export const alwaysOnline: Connectivity = {
  online: () => true,
  subscribe: () => () => {},
};
