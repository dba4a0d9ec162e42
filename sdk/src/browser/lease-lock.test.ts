/**
 * The localStorage lease (the send lock without Web Locks): a holder whose lease another
 * tab took over (its own renewal came too late, as in a throttled hidden tab) learns so
 * from `held()` before it numbers a batch, and its renewal never writes over the new
 * holder's lease.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeaseLock } from './lease-lock.ts';

const PREFIX = 'gamepulse:v1:g:';
const LEASE = `${PREFIX}lease`;

function memoryLocalStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('localStorage', memoryLocalStorage());
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const leaseOwner = () => (JSON.parse(localStorage.getItem(LEASE) ?? 'null') as { owner: string } | null)?.owner;

describe('browser/lease-lock', () => {
  it('held() is true while the lease is its own (and renews it), false once another tab took it over', async () => {
    const a = createLeaseLock(
      PREFIX,
      'tab-a',
      [],
      () => {},
      () => {},
    );
    const acquired = a.acquire(new AbortController().signal);
    await vi.advanceTimersByTimeAsync(50);
    const release = await acquired;
    expect(a.held()).toBe(true);
    const until = (JSON.parse(localStorage.getItem(LEASE)!) as { until: number }).until;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(a.held()).toBe(true);
    expect((JSON.parse(localStorage.getItem(LEASE)!) as { until: number }).until).toBe(until + 1_000);

    // Tab B took the lease over after it expired (tab A's timers were throttled).
    localStorage.setItem(LEASE, JSON.stringify({ owner: 'tab-b', until: Date.now() + 6_000 }));
    expect(a.held()).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000); // A's renewal runs: it must not write over B's lease
    expect(leaseOwner()).toBe('tab-b');
    release(); // and releasing leaves B's lease alone
    expect(leaseOwner()).toBe('tab-b');
    a.close?.();
  });

  it('a lease that expired unrenewed is not held, even if nobody took it yet', async () => {
    const a = createLeaseLock(
      PREFIX,
      'tab-a',
      [],
      () => {},
      () => {},
    );
    const acquired = a.acquire(new AbortController().signal);
    await vi.advanceTimersByTimeAsync(50);
    await acquired;
    localStorage.setItem(LEASE, JSON.stringify({ owner: 'tab-a', until: Date.now() - 1 }));
    expect(a.held()).toBe(false);
    a.close?.();
  });
});
