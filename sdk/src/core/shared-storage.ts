/**
 * What a new holder of the send lock takes over from storage that other tabs share
 * (IndexedDB): the counters they moved on (the larger of each wins), batches they
 * froze and did not settle, and the journaled events of tabs that died — orphans to
 * adopt, minus any a stored batch already holds (a tab may have died between storing
 * a batch and forgetting its journal entries, where storage cannot do both at once).
 */
import type { Report } from './debug.ts';
import type { FrozenBatch } from './frozen-batch.ts';
import type { Journal } from './journal.ts';
import type { SendLock } from './lock.ts';
import type { Persistence } from './persistence.ts';
import { mergeState, type JournalEntry, type LoadedStorage, type PersistedState } from './storage.ts';

export interface SharedView {
  /** Stored batches not among `known`. */
  batches: FrozenBatch[];
  /** Journaled events of dead owners, oldest first, not inside any stored batch. */
  orphans: JournalEntry[];
}

/** Reads shared storage under the lock; updates `state`'s counters in place. Undefined if it cannot be read. */
export async function readShared(
  persistence: Persistence,
  journal: Journal,
  lock: SendLock,
  state: PersistedState,
  known: ReadonlySet<number>,
  report: Report,
): Promise<SharedView | undefined> {
  await journal.flushNow();
  await persistence.idle();
  let loaded: LoadedStorage;
  let live: ReadonlySet<string>;
  try {
    [loaded, live] = await Promise.all([persistence.storage.load(), lock.liveOwners()]);
  } catch (cause) {
    report('error', 'GP_SDK_STORAGE_FAILED', { message: `storage.load failed: ${String(cause)}`, cause });
    return undefined;
  }
  if (loaded.state) Object.assign(state, mergeState(loaded.state, state));
  const orphans = (loaded.journal ?? []).filter((e) => e.owner !== lock.owner && !live.has(e.owner));
  return {
    batches: loaded.batches.filter((b) => !known.has(b.sequence)),
    orphans: await adoptable(orphans, loaded.batches, persistence),
  };
}

/**
 * Journal entries that are not inside a stored batch, oldest first; the others are
 * forgotten (split.ts, loaded only when there are entries to adopt).
 */
export async function adoptable(
  entries: readonly JournalEntry[],
  batches: readonly FrozenBatch[],
  persistence: Persistence,
): Promise<JournalEntry[]> {
  return entries.length === 0 ? [] : (await import('./split.ts')).adoptable(entries, batches, persistence);
}
