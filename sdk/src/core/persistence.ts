/**
 * The order in which the SDK writes to storage. Writes run one at a time, in the
 * order they were asked for: the counters are saved before the batch that used them,
 * so after a crash a sequence may be skipped but is never handed out twice, and a
 * journal write always lands before the batch that consumes its events.
 * State saves coalesce: many requests before a write starts become one write of the
 * latest state. A failed write is reported and the SDK carries on in memory; while
 * writing is off (consent pending or denied) nothing is written at all.
 */
import type { FrozenBatch } from './frozen-batch.ts';
import type { ConsentDecision, JournalEntry, PersistedState, Storage } from './storage.ts';

export class Persistence {
  #tail: Promise<void> = Promise.resolve();
  #queuedStateSave: Promise<void> | undefined;
  /** False while nothing may be stored (opt-in consent not yet given, or denied). */
  enabled = true;

  readonly #currentState: () => PersistedState | undefined;
  readonly #onError: (operation: string, cause: unknown) => void;

  constructor(
    readonly storage: Storage,
    currentState: () => PersistedState | undefined,
    onError: (operation: string, cause: unknown) => void,
  ) {
    this.#currentState = currentState;
    this.#onError = onError;
  }

  get journals(): boolean {
    return this.enabled && this.storage.appendJournal !== undefined;
  }

  saveState(): Promise<void> {
    if (this.#queuedStateSave) return this.#queuedStateSave;
    const save = this.#run('saveState', () => {
      this.#queuedStateSave = undefined; // later requests need a new write
      const state = this.#currentState();
      return state ? this.storage.saveState(state) : Promise.resolve();
    });
    this.#queuedStateSave = save;
    return save;
  }

  putBatch(batch: FrozenBatch, consumed: readonly string[]): Promise<void> {
    return this.#run('putBatch', () => this.storage.putBatch(batch, consumed));
  }

  deleteBatch(sequence: number): Promise<void> {
    return this.#run('deleteBatch', () => this.storage.deleteBatch(sequence));
  }

  appendJournal(entries: readonly JournalEntry[]): Promise<void> {
    return this.#run('appendJournal', () => this.storage.appendJournal?.(entries) ?? Promise.resolve());
  }

  deleteJournal(ids: readonly string[]): Promise<void> {
    return this.#run('deleteJournal', () => this.storage.deleteJournal?.(ids) ?? Promise.resolve());
  }

  /** The consent decision is written even while writing is off: it is what turns it off. */
  saveConsent(decision: ConsentDecision): Promise<void> {
    return this.#run('saveConsent', () => this.storage.saveConsent?.(decision) ?? Promise.resolve(), true);
  }

  /** Forgets the journaled events `ids` and every stored batch (deletion requested). */
  wipeEvents(ids: readonly string[]): Promise<void> {
    return this.#run('wipeEvents', async () => {
      await this.storage.deleteJournal?.(ids);
      const loaded = await this.storage.load();
      for (const b of loaded.batches) await this.storage.deleteBatch(b.sequence);
    });
  }

  wipe(): Promise<void> {
    return this.#run('wipe', () => this.storage.wipe?.() ?? Promise.resolve(), true);
  }

  /** Resolves when every write asked for so far has finished. */
  idle(): Promise<void> {
    return this.#tail;
  }

  #run(operation: string, write: () => Promise<void>, always = false): Promise<void> {
    if (!always && !this.enabled) return this.#tail;
    const next = this.#tail
      .then(() => (always || this.enabled ? write() : undefined))
      .catch((cause: unknown) => this.#onError(operation, cause));
    this.#tail = next;
    return next;
  }
}
