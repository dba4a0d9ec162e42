/**
 * What the SDK keeps across restarts: the install's identity and counters, and the
 * frozen batches not yet acknowledged. Platforms implement it (files under Node,
 * localStorage now and IndexedDB later in browsers, memory as the last resort).
 *
 * Layout is versioned (`v1` in keys and file names) so a later format can migrate.
 */
import type { FrozenBatch } from './frozen-batch.ts';

export interface PersistedState {
  installId: string;
  /** Player id set by identify() or the options; empty until known. */
  playerId: string;
  /** Next Event.sequence to assign. */
  nextEventSequence: number;
  /** Next EventBatch.batch_sequence to assign. */
  nextBatchSequence: number;
  /** Sessions started by this install so far. */
  sessionNumber: number;
}

export interface LoadedStorage {
  state: PersistedState | undefined;
  /** Pending batches, any order (the SDK sorts by sequence). */
  batches: FrozenBatch[];
}

export interface Storage {
  /** False when nothing survives a restart (memory). */
  readonly persistent: boolean;
  load(): Promise<LoadedStorage>;
  /** Replaces the state. Must be atomic: after a crash, the old or the new state. */
  saveState(state: PersistedState): Promise<void>;
  /** Stores a frozen batch under its sequence, atomically. */
  putBatch(batch: FrozenBatch): Promise<void>;
  /** Forgets an acknowledged or permanently rejected batch; unknown sequences are fine. */
  deleteBatch(sequence: number): Promise<void>;
}

export function isPersistedState(x: unknown): x is PersistedState {
  if (!x || typeof x !== 'object') return false;
  const s = x as Record<string, unknown>;
  const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  return (
    typeof s.installId === 'string' &&
    s.installId.length > 0 &&
    typeof s.playerId === 'string' &&
    count(s.nextEventSequence) &&
    count(s.nextBatchSequence) &&
    count(s.sessionNumber)
  );
}
