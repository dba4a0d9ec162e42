/**
 * A minimal browser store on `localStorage` until the IndexedDB queue arrives: the
 * install id and counters survive reloads, and so do unacknowledged batches (base64,
 * so a few MB at most — localStorage is capped near 5 MB per origin in every major
 * browser; a write over quota fails, is reported, and the batch stays in memory).
 *
 * Keys carry a version and the game: `gamepulse:v1:<gameId>:state`,
 * `gamepulse:v1:<gameId>:batch:<sequence>`.
 */
import type { FrozenBatch } from '../core/frozen-batch.ts';
import { isPersistedState, type LoadedStorage, type Storage } from '../core/storage.ts';

/** The part of the Web Storage API used here (also what a test double implements). */
export type KeyValueStore = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

interface StoredBatch {
  /** Event count. */
  n: number;
  /** The EventBatch bytes, base64. */
  b: string;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // stays under engines' argument-count limits for apply()
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** localStorage if this page may use it (it throws in some privacy modes), else undefined. */
export function usableLocalStorage(): KeyValueStore | undefined {
  try {
    const store = globalThis.localStorage;
    if (!store) return undefined;
    const probe = 'gamepulse:v1:probe';
    store.setItem(probe, '1');
    store.removeItem(probe);
    return store;
  } catch {
    return undefined;
  }
}

export function createLocalStorage(store: KeyValueStore, gameId: string): Storage {
  const prefix = `gamepulse:v1:${gameId}:`;
  const stateKey = `${prefix}state`;
  const batchPrefix = `${prefix}batch:`;
  return {
    persistent: true,
    async load(): Promise<LoadedStorage> {
      let state: LoadedStorage['state'];
      try {
        const parsed: unknown = JSON.parse(store.getItem(stateKey) ?? 'null');
        state = isPersistedState(parsed) ? parsed : undefined;
      } catch {
        state = undefined;
      }
      const batches: FrozenBatch[] = [];
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (!key?.startsWith(batchPrefix)) continue;
        try {
          const stored = JSON.parse(store.getItem(key) ?? '') as StoredBatch;
          const sequence = Number(key.slice(batchPrefix.length));
          if (Number.isSafeInteger(sequence) && typeof stored.b === 'string')
            batches.push(Object.freeze({ sequence, bytes: fromBase64(stored.b), eventCount: Number(stored.n) || 0 }));
        } catch {
          // An unreadable entry is skipped; its sequence is never reused (counters only grow).
        }
      }
      return { state, batches };
    },
    async saveState(state) {
      store.setItem(stateKey, JSON.stringify(state));
    },
    async putBatch(batch) {
      const stored: StoredBatch = { n: batch.eventCount, b: toBase64(batch.bytes) };
      store.setItem(`${batchPrefix}${batch.sequence}`, JSON.stringify(stored));
    },
    async deleteBatch(sequence) {
      store.removeItem(`${batchPrefix}${sequence}`);
    },
  };
}
