/**
 * The browser's offline store: IndexedDB through idb-keyval (one database
 * `gamepulse`, one object store `v1`), shared by every tab of the origin. Keys are
 * arrays, versioned and per game, so one range holds a game's data:
 *   ['v1', gameId, 'state']            install id, player id, counters, last session
 *   ['v1', gameId, 'consent']          'granted' | 'denied' (survives a wipe)
 *   ['v1', gameId, 'batch', sequence]  a frozen EventBatch, exactly as sent
 *   ['v1', gameId, 'journal', eventId] a queued event not yet in a batch
 * A batch and the journal entries it consumes change in one transaction, committed
 * eagerly (`IDBTransaction.commit()`, so a page that is closing does not leave it
 * hanging); the state is merged in a transaction too (counters only grow), because
 * other tabs write it. `navigator.storage.persist()` is requested so the browser does
 * not evict the queue under storage pressure; when the quota runs out anyway, writes
 * fail, are reported, and the SDK carries on in memory.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { FrozenBatch } from '../core/frozen-batch.ts';
import {
  isPersistedState,
  mergeState,
  type ConsentDecision,
  type JournalEntry,
  type LoadedStorage,
  type PersistedState,
  type Storage,
} from '../core/storage.ts';

interface StoredBatch {
  n: number;
  b: Uint8Array;
}

/** True where IndexedDB can be used (it is missing in some privacy modes and old webviews). */
export function hasIndexedDb(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== null;
  } catch {
    return false;
  }
}

function commit(store: IDBObjectStore): Promise<void> {
  const tx = store.transaction;
  const done = promisifyRequest<void>(tx);
  tx.commit?.();
  return done;
}

export function createIdbStorage(gameId: string, store: UseStore = createStore('gamepulse', 'v1')): Storage {
  const range = IDBKeyRange.bound(['v1', gameId], ['v1', gameId, []]);
  const stateKey = ['v1', gameId, 'state'];
  const consentKey = ['v1', gameId, 'consent'];
  const batchKey = (seq: number) => ['v1', gameId, 'batch', seq];
  const journalKey = (id: string) => ['v1', gameId, 'journal', id];
  // Best effort: browsers may ask the user or decide by engagement; the answer is not needed.
  void globalThis.navigator?.storage?.persist?.().catch(() => false);

  return {
    persistent: true,
    shared: true,
    load: () =>
      store('readonly', async (s): Promise<LoadedStorage> => {
        const [keys, values] = await Promise.all([promisifyRequest(s.getAllKeys(range)), promisifyRequest(s.getAll(range))]);
        const out: LoadedStorage = { state: undefined, batches: [], journal: [] };
        keys.forEach((key, i) => {
          const [, , kind, id] = key as [string, string, string, unknown];
          const value = values[i] as unknown;
          if (kind === 'state' && isPersistedState(value)) out.state = value;
          else if (kind === 'consent' && (value === 'granted' || value === 'denied')) out.consent = value;
          else if (kind === 'batch' && typeof id === 'number' && value && (value as StoredBatch).b instanceof Uint8Array)
            out.batches.push(Object.freeze({ sequence: id, bytes: (value as StoredBatch).b, eventCount: (value as StoredBatch).n }));
          else if (kind === 'journal' && value && (value as JournalEntry).bytes instanceof Uint8Array)
            out.journal!.push(value as JournalEntry);
        });
        return out;
      }),
    saveState: (state: PersistedState) =>
      store('readwrite', async (s) => {
        const stored = (await promisifyRequest(s.get(stateKey))) as PersistedState | undefined;
        s.put(mergeState(isPersistedState(stored) ? stored : undefined, state), stateKey);
        return commit(s);
      }),
    putBatch: (batch: FrozenBatch, consumed: readonly string[]) =>
      store('readwrite', (s) => {
        s.put({ n: batch.eventCount, b: batch.bytes } satisfies StoredBatch, batchKey(batch.sequence));
        for (const id of consumed) s.delete(journalKey(id));
        return commit(s);
      }),
    deleteBatch: (sequence: number) =>
      store('readwrite', (s) => {
        s.delete(batchKey(sequence));
        return commit(s);
      }),
    appendJournal: (entries: readonly JournalEntry[]) =>
      store('readwrite', (s) => {
        for (const e of entries) s.put(e, journalKey(e.id));
        return commit(s);
      }),
    deleteJournal: (ids: readonly string[]) =>
      store('readwrite', (s) => {
        for (const id of ids) s.delete(journalKey(id));
        return commit(s);
      }),
    saveConsent: (decision: ConsentDecision) =>
      store('readwrite', (s) => {
        s.put(decision, consentKey);
        return commit(s);
      }),
    wipe: () =>
      store('readwrite', async (s) => {
        const consent: unknown = await promisifyRequest(s.get(consentKey));
        s.delete(range);
        if (consent !== undefined) s.put(consent, consentKey);
        return commit(s);
      }),
  };
}
