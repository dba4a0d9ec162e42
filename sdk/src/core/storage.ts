/**
 * What the SDK keeps across restarts and shares between tabs: the install's identity
 * and counters, the frozen batches not yet acknowledged, and a journal of the events
 * still queued (so a reload or crash loses none of them). Platforms implement it
 * (IndexedDB in browsers, files under Node, memory as the last resort).
 *
 * Layout is versioned (`v1` in keys and file names) so a later format can migrate.
 */
import type { FrozenBatch } from './frozen-batch.ts';

/** A session as it was when its page or process last saw it (for resuming after a reload). */
export interface SessionSnapshot {
  id: string;
  /** Foreground time so far (monotonic), ms. */
  foregroundMs: number;
  /** Wall clock of the last moment the player was active, Unix ms. */
  lastActiveMs: number;
  /** The tab (or process) that owned it. */
  owner: string;
}

export interface PersistedState {
  installId: string;
  /** Player id set by identify() or the options; empty until known. */
  playerId: string;
  /** Next Event.sequence to assign (assigned when a batch is frozen). */
  nextEventSequence: number;
  /** Next EventBatch.batch_sequence to assign. */
  nextBatchSequence: number;
  /**
   * EventBatch.stream_id: a random id (0 < id < 2^53) chosen when the batch_sequence
   * counter starts, and kept with it, so a counter that starts again at 1 (memory
   * storage, a new directory) is a new stream and never repeats a (stream, sequence)
   * the collector has seen. Absent in state written by older SDKs (one is chosen on load).
   */
  streamId?: number;
  /** Sessions numbered so far by this install. */
  sessionNumber: number;
  /** Recent session ids and their numbers (numbers are assigned when a batch is frozen). */
  sessions?: Array<[id: string, number: number]>;
  /** The session to resume after a reload, if still recent. */
  lastSession?: SessionSnapshot;
}

/** An event still queued, as journaled: enough to put it in a batch later. */
export interface JournalEntry {
  /** The event id (UUIDv7): the journal key, time-ordered. */
  id: string;
  /** The tab or process that recorded it (its own until it dies, then anyone's). */
  owner: string;
  /** Priority lane (lanes.ts). */
  lane: number;
  /** Session id (to number the session when frozen). */
  sid: string;
  /** The encoded Event, without sequence and session_number. */
  bytes: Uint8Array;
}

export type ConsentDecision = 'granted' | 'denied';

export interface LoadedStorage {
  state: PersistedState | undefined;
  /** Pending batches, any order (the SDK sorts by sequence). */
  batches: FrozenBatch[];
  /** Journaled events not yet in a batch, any order. */
  journal?: JournalEntry[];
  consent?: ConsentDecision;
}

export interface Storage {
  /** False when nothing survives a restart (memory). */
  readonly persistent: boolean;
  /**
   * True when other tabs or processes use the same data at the same time (IndexedDB):
   * the SDK then re-reads it under the send lock before it numbers or sends batches.
   */
  readonly shared?: boolean;
  load(): Promise<LoadedStorage>;
  /**
   * Replaces the state. Must be atomic: after a crash, the old or the new state. A
   * shared storage keeps the larger of each counter (another tab may have moved on).
   */
  saveState(state: PersistedState): Promise<void>;
  /**
   * Stores a frozen batch under its sequence, and forgets the journal entries `consumed`
   * that it now holds — atomically where the platform can (IndexedDB); where it cannot,
   * the SDK drops journal entries found inside stored batches when it loads.
   */
  putBatch(batch: FrozenBatch, consumed: readonly string[]): Promise<void>;
  /** Forgets an acknowledged or permanently rejected batch; unknown sequences are fine. */
  deleteBatch(sequence: number): Promise<void>;
  /** Journals queued events. Optional: without it, queued events live in memory only. */
  appendJournal?(entries: readonly JournalEntry[]): Promise<void>;
  /** Forgets journal entries (events dropped from the queue). */
  deleteJournal?(ids: readonly string[]): Promise<void>;
  /** Remembers the player's consent decision (kept even when everything else is wiped). */
  saveConsent?(decision: ConsentDecision): Promise<void>;
  /** Deletes state, batches and journal (consent denied, deletion requested). */
  wipe?(): Promise<void>;
  /** Releases locks and handles. */
  close?(): Promise<void>;
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

/** Merges two views of the state: counters only grow; the rest is the newer view's. */
export function mergeState(stored: PersistedState | undefined, next: PersistedState): PersistedState {
  if (!stored || stored.installId !== next.installId) return next;
  return {
    ...next,
    // The first stream stored wins, so tabs that each chose one for an older state agree.
    streamId: stored.streamId ?? next.streamId,
    nextEventSequence: Math.max(stored.nextEventSequence, next.nextEventSequence),
    nextBatchSequence: Math.max(stored.nextBatchSequence, next.nextBatchSequence),
    sessionNumber: Math.max(stored.sessionNumber, next.sessionNumber),
    sessions: mergeSessions(stored.sessions, next.sessions),
  };
}

const MAX_SESSIONS_REMEMBERED = 16;

function mergeSessions(a: PersistedState['sessions'], b: PersistedState['sessions']): PersistedState['sessions'] {
  const map = new Map(a ?? []);
  for (const [id, n] of b ?? []) map.set(id, n);
  return [...map].sort((x, y) => x[1] - y[1]).slice(-MAX_SESSIONS_REMEMBERED);
}
