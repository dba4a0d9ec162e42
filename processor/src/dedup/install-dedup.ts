/**
 * The dedup state of one input partition: an anti-replay window per batch stream
 * (install-window.ts), stored as `StateEntry` namespace 'dedup'. A stream is one game's
 * install's batch_sequence counter: key `${game}\u0000${install}` for stream 0 (SDKs
 * without stream ids), `${game}\u0000${install}\u0000${stream}` otherwise. Installs are
 * the record key, so every batch of an install is on this partition and the table moves
 * with it.
 *
 * Windows written before games and streams were part of the key sit under the bare
 * install id (format 1, no digests). The first stream-0 batch of the install after the
 * upgrade moves that window to its own key, so a re-send across the upgrade is still a
 * duplicate (an install id that itself contains \u0000 cannot be such a key: it is not
 * looked up).
 */
import { StateTable, type StateCodec } from '../state/state-table.ts';
import {
  deserializeWindow,
  emptyWindow,
  observe,
  serializeWindow,
  type BatchIdentity,
  type DedupVerdict,
  type InstallWindow,
} from './install-window.ts';

export const DEDUP_NAMESPACE = 'dedup';

const codec: StateCodec<InstallWindow> = { encode: serializeWindow, decode: deserializeWindow };

export type DedupTable = StateTable<InstallWindow>;

export function createDedupTable(partition: number): DedupTable {
  return new StateTable(partition, DEDUP_NAMESPACE, codec);
}

/** Which stream a batch belongs to (IngestedBatch fields). */
export interface StreamKey {
  gameId: string;
  installId: string;
  /** stream_id; 0 when the SDK sent none. */
  streamId: number;
}

export function dedupKey(s: StreamKey): string {
  return s.streamId === 0 ? `${s.gameId}\u0000${s.installId}` : `${s.gameId}\u0000${s.installId}\u0000${s.streamId}`;
}

/** Classifies one batch and records it unless it is a duplicate or too old. */
export function admitBatch(table: DedupTable, stream: StreamKey, batch: BatchIdentity): DedupVerdict {
  const key = dedupKey(stream);
  let window = table.get(key);
  let moved = false;
  if (window === undefined && stream.streamId === 0 && !stream.installId.includes('\u0000')) {
    window = table.get(stream.installId);
    if (window !== undefined) {
      table.delete(stream.installId);
      moved = true;
    }
  }
  window ??= emptyWindow();
  const verdict = observe(window, batch);
  if (moved || (verdict !== 'duplicate' && verdict !== 'too_old')) table.set(key, window);
  return verdict;
}
