/**
 * Reconciles what storage held with the options: which install this is, where its
 * counters continue (and in which batch stream), and which stored batches are still to
 * be sent.
 */
import type { FrozenBatch } from './frozen-batch.ts';
import { randomId, type RandomSource } from './random.ts';
import type { LoadedStorage, PersistedState } from './storage.ts';

export interface InstallInputs {
  loaded: LoadedStorage;
  /** Fixed by the options, if any. */
  installId: string | undefined;
  playerId: string | undefined;
  newInstallId: () => string;
  /** Draws the stream id of a counter that starts now. */
  random: RandomSource;
}

export interface Install {
  state: PersistedState;
  /** Stored batches, oldest first. */
  batches: FrozenBatch[];
}

export function reconcileInstall({ loaded, installId, playerId, newInstallId, random }: InstallInputs): Install {
  const batches = [...loaded.batches].sort((a, b) => a.sequence - b.sequence);
  const fresh = (id: string): PersistedState => ({
    installId: id,
    playerId: '',
    nextEventSequence: 1,
    nextBatchSequence: 1,
    sessionNumber: 0,
  });
  let state = loaded.state ?? fresh(installId ?? newInstallId());
  if (installId !== undefined && state.installId !== installId) {
    // Another install now owns this storage: its events and sessions count from 1, but
    // batch sequences continue so that batches still stored (which keep their own
    // install id in their bytes) never share a sequence with new ones.
    state = { ...fresh(installId), nextBatchSequence: state.nextBatchSequence };
  } else {
    state = { ...state };
  }
  // A counter that starts now (fresh state, or another install's) starts a stream; the
  // state of an older SDK continues in a stream of its own from here on (batches it froze
  // keep their bytes, without a stream id).
  state.streamId ||= randomId(random);
  // Counters are written before the batches that use them, but a storage that lost the
  // state file must still never hand out a stored batch's sequence again.
  const lastStored = batches.at(-1)?.sequence ?? 0;
  state.nextBatchSequence = Math.max(state.nextBatchSequence, lastStored + 1, 1);
  state.nextEventSequence = Math.max(state.nextEventSequence, 1);
  if (playerId !== undefined) state.playerId = playerId;
  return { state, batches };
}
