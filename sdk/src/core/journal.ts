/**
 * Journals queued events to storage so that a reload or crash loses none of them.
 * Writes are coalesced: the events of one game frame (one synchronous run of track()
 * calls) become one storage write, issued on the next microtask. Events frozen into a
 * batch before their write was issued are never written (putBatch forgets the rest).
 */
import type { Persistence } from './persistence.ts';
import type { JournalEntry } from './storage.ts';

export class Journal {
  #pending: JournalEntry[] = [];
  #scheduled = false;

  readonly #persistence: Persistence;
  readonly #enabled: () => boolean;

  constructor(persistence: Persistence, enabled: () => boolean) {
    this.#persistence = persistence;
    this.#enabled = enabled;
  }

  append(entry: JournalEntry): void {
    if (!this.#enabled()) return;
    this.#pending.push(entry);
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.flushNow());
    }
  }

  /** Issues the write of everything pending now (page hide, before a refresh). */
  flushNow(): Promise<void> {
    this.#scheduled = false;
    if (this.#pending.length === 0) return this.#persistence.idle();
    const entries = this.#pending;
    this.#pending = [];
    return this.#persistence.appendJournal(entries);
  }

  /** Events that left the queue (frozen or dropped): no need to write them any more. */
  forget(ids: ReadonlySet<string>): void {
    if (this.#pending.length > 0) this.#pending = this.#pending.filter((e) => !ids.has(e.id));
  }

  clear(): void {
    this.#pending = [];
  }
}
