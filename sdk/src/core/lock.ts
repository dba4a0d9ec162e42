/**
 * The send lock: only its holder numbers batches (batch_sequence, Event.sequence,
 * session_number) and sends them, so browser tabs that share one install (and one
 * IndexedDB) never send the same batch twice or two batches under one number, and an
 * install's batches reach the collector in order. A single process holds it always
 * (`createLocalLock`); browsers use the Web Locks API (browser/tab-lock.ts).
 */
export interface SendLock {
  /** This tab or process: the owner id written on journaled events. */
  readonly owner: string;
  /** Resolves with a release function once this instance holds the lock. */
  acquire(signal: AbortSignal): Promise<() => void>;
  /**
   * False when the holder lost the lock without releasing it (a lease that expired while
   * its tab's timers were throttled): it must number no more batches, and yields. Locks
   * that cannot be lost (Web Locks, a single process) leave it out.
   */
  held?(): boolean;
  /** True when another tab is waiting for the lock (the holder then yields between batches). */
  contended(): Promise<boolean>;
  /** Owners (tabs, processes) still alive: journaled events of others are adopted. */
  liveOwners(): Promise<ReadonlySet<string>>;
  /** Subscribes to "another owner went away" (its journal may be orphaned). */
  onOwnerGone?(callback: () => void): void;
  close?(): void;
}

/** The lock of a single process: always free, never contended. */
export function createLocalLock(owner: string): SendLock {
  return {
    owner,
    acquire: async () => () => {},
    contended: async () => false,
    liveOwners: async () => new Set([owner]),
  };
}
