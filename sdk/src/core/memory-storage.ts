/**
 * Storage that lives as long as the object: the fallback when nothing better exists,
 * and in tests a stand-in for a disk that two client instances can share.
 */
import type { FrozenBatch } from './frozen-batch.ts';
import type { ConsentDecision, JournalEntry, LoadedStorage, PersistedState, Storage } from './storage.ts';

export interface MemoryStorage extends Storage {
  /** Sequences of the batches currently stored. */
  batchSequences(): number[];
  /** Ids of the journaled events. */
  journalIds(): string[];
}

export interface MemoryStorageOptions {
  /** Journal queued events (as IndexedDB does). @default true */
  journal?: boolean;
}

export function createMemoryStorage(options: MemoryStorageOptions = {}): MemoryStorage {
  let state: PersistedState | undefined;
  let consent: ConsentDecision | undefined;
  const batches = new Map<number, FrozenBatch>();
  const journal = new Map<string, JournalEntry>();
  const storage: MemoryStorage = {
    persistent: false,
    async load(): Promise<LoadedStorage> {
      return {
        state: state && { ...state },
        batches: [...batches.values()],
        journal: [...journal.values()],
        ...(consent ? { consent } : {}),
      };
    },
    async saveState(next) {
      state = { ...next };
    },
    async putBatch(batch, consumed) {
      batches.set(batch.sequence, batch);
      for (const id of consumed) journal.delete(id);
    },
    async deleteBatch(sequence) {
      batches.delete(sequence);
    },
    async deleteJournal(ids) {
      for (const id of ids) journal.delete(id);
    },
    async saveConsent(decision) {
      consent = decision;
    },
    async wipe() {
      state = undefined;
      batches.clear();
      journal.clear();
    },
    batchSequences: () => [...batches.keys()].sort((a, b) => a - b),
    journalIds: () => [...journal.keys()].sort(),
  };
  if (options.journal !== false) {
    storage.appendJournal = async (entries) => {
      for (const e of entries) journal.set(e.id, e);
    };
  }
  return storage;
}

/**
 * Storage that keeps nothing, for a client that never reads back what it wrote (no
 * journal, not shared with other tabs, nothing survives the page anyway): what the
 * browser uses where IndexedDB is missing or `persist: false`. The client holds its
 * queue and pending batches in memory itself, so this behaves like memory storage
 * without a journal, for a fraction of the code.
 */
export function createVolatileStorage(): Storage {
  const done = async (): Promise<void> => {};
  return { persistent: false, load: async () => ({ state: undefined, batches: [] }), saveState: done, putBatch: done, deleteBatch: done };
}
