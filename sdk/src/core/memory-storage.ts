/**
 * Storage that lives as long as the object: the fallback when nothing better exists,
 * and in tests a stand-in for a disk that two client instances can share.
 */
import type { FrozenBatch } from './frozen-batch.ts';
import type { LoadedStorage, PersistedState, Storage } from './storage.ts';

export interface MemoryStorage extends Storage {
  /** Sequences of the batches currently stored. */
  batchSequences(): number[];
}

export function createMemoryStorage(): MemoryStorage {
  let state: PersistedState | undefined;
  const batches = new Map<number, FrozenBatch>();
  return {
    persistent: false,
    async load(): Promise<LoadedStorage> {
      return { state: state && { ...state }, batches: [...batches.values()] };
    },
    async saveState(next) {
      state = { ...next };
    },
    async putBatch(batch) {
      batches.set(batch.sequence, batch);
    },
    async deleteBatch(sequence) {
      batches.delete(sequence);
    },
    batchSequences: () => [...batches.keys()].sort((a, b) => a - b),
  };
}
