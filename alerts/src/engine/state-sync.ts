/**
 * The engine's side of its state store: remembers what the store holds, so each cycle
 * saves only what changed (instances new, changed or ended; the cycle's events; the
 * unsent resolutions when they changed), and keeps the events of a save that failed for
 * the next one. alert-engine.ts decides what the state is; this file only writes it.
 */
import type { OutgoingAlert } from '../delivery/alert-sink.ts';
import type { AlertEvent, AlertStateSnapshot, AlertStateStore, PersistedAlert } from './alert-state-store.ts';

export class StateSync {
  /** JSON of each instance as the store holds it. */
  private readonly saved = new Map<string, string>();
  private savedUnsent = '{}';
  private events: AlertEvent[] = [];

  constructor(private readonly store: AlertStateStore) {}

  /** The stored state; what it holds counts as saved. */
  restore(): AlertStateSnapshot {
    const snap = this.store.snapshot();
    for (const a of snap.alerts) this.saved.set(a.key, JSON.stringify(a));
    this.savedUnsent = JSON.stringify(snap.unsentResolved);
    return snap;
  }

  /** An event of the cycle under way, saved with it. */
  record(event: AlertEvent): void {
    this.events.push(event);
  }

  unsentChanged(unsent: Record<string, OutgoingAlert[]>): boolean {
    return JSON.stringify(unsent) !== this.savedUnsent;
  }

  /**
   * Saves the difference between `alerts` (every instance pending or firing now) and what
   * the store holds. Throws when the store fails; nothing counts as saved then, so the
   * next call writes it all again.
   */
  async save(nowMs: number, alerts: readonly PersistedAlert[], unsent: Record<string, OutgoingAlert[]>): Promise<boolean> {
    const json = new Map(alerts.map((a) => [a.key, JSON.stringify(a)]));
    const upsert = alerts.filter((a) => this.saved.get(a.key) !== json.get(a.key));
    const remove = [...this.saved.keys()].filter((k) => !json.has(k));
    const unsentJson = JSON.stringify(unsent);
    const unsentChanged = unsentJson !== this.savedUnsent;
    const events = this.events;
    if (upsert.length === 0 && remove.length === 0 && events.length === 0 && !unsentChanged) return false;
    await this.store.save({ atMs: nowMs, upsert, remove, events, ...(unsentChanged ? { unsentResolved: unsent } : {}) });
    this.events = [];
    this.saved.clear();
    for (const [k, j] of json) this.saved.set(k, j);
    this.savedUnsent = unsentJson;
    return true;
  }
}
