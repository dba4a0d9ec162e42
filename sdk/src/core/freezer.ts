/**
 * Freezing: queued events become a numbered, stored, immutable batch. Runs only in
 * the holder of the send lock, which owns the per-install counters at that moment:
 * batch_sequence, Event.sequence (in batch order) and the session numbers (a session
 * gets the next number the first time one of its events is frozen, remembered in the
 * state so later batches and reloads agree).
 */
import type { ContextData } from '@gamepulse/proto/sdk';
import { encodeBatch, type FrozenBatch } from './frozen-batch.ts';
import type { QueuedEvent } from './queue.ts';
import type { PersistedState } from './storage.ts';

const MAX_SESSIONS_REMEMBERED = 16;

export interface FreezeHeader {
  sentAtMs: number;
  context: ContextData;
  clockOffsetMs: number;
  droppedByReason: Record<string, number>;
  queued: number;
}

function sessionNumber(state: PersistedState, sid: string): number {
  const sessions = (state.sessions ??= []);
  const known = sessions.find(([id]) => id === sid);
  if (known) return known[1];
  const n = ++state.sessionNumber;
  sessions.push([sid, n]);
  if (sessions.length > MAX_SESSIONS_REMEMBERED) sessions.splice(0, sessions.length - MAX_SESSIONS_REMEMBERED);
  return n;
}

/** Builds the next batch from `events` and advances the counters in `state`. */
export function freezeBatch(state: PersistedState, events: readonly QueuedEvent[], h: FreezeHeader): FrozenBatch {
  const sequence = state.nextBatchSequence++;
  const bytes = encodeBatch(
    {
      installId: state.installId,
      batchSequence: sequence,
      streamId: state.streamId,
      sentAtMs: h.sentAtMs,
      context: h.context,
      clockOffsetMs: h.clockOffsetMs,
      sdkHealth: { droppedByReason: h.droppedByReason, queued: h.queued },
    },
    events.map((e) => ({ bytes: e.bytes, sequence: state.nextEventSequence++, sessionNumber: sessionNumber(state, e.sid) })),
  );
  return Object.freeze({ sequence, bytes, eventCount: events.length });
}
