/**
 * The dedup state of one input partition: an anti-replay window per install, stored as
 * `StateEntry` namespace 'dedup', key install_id. Installs are the record key, so every
 * batch of an install is on this partition and the table moves with it.
 */
import { StateTable, type StateCodec } from '../state/state-table.ts';
import { deserializeWindow, emptyWindow, observe, serializeWindow, type DedupVerdict, type InstallWindow } from './install-window.ts';

export const DEDUP_NAMESPACE = 'dedup';

const codec: StateCodec<InstallWindow> = { encode: serializeWindow, decode: deserializeWindow };

export type DedupTable = StateTable<InstallWindow>;

export function createDedupTable(partition: number): DedupTable {
  return new StateTable(partition, DEDUP_NAMESPACE, codec);
}

/** Classifies one batch and records it when new. */
export function admitBatch(table: DedupTable, installId: string, batchSequence: number): DedupVerdict {
  const existing = table.get(installId);
  const window = existing ?? emptyWindow();
  const verdict = observe(window, batchSequence);
  if (verdict === 'new') table.set(installId, window);
  return verdict;
}
