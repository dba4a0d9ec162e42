/**
 * The order in which the SDK writes to storage. Writes run one at a time, in the
 * order they were asked for: the counters are saved before the batch that used them,
 * so after a crash a sequence may be skipped but is never handed out twice.
 * State saves coalesce: many requests before a write starts become one write of the
 * latest state. A failed write is reported and the SDK carries on in memory.
 */
import type { FrozenBatch } from './frozen-batch.ts';
import type { PersistedState, Storage } from './storage.ts';

export class Persistence {
  private tail: Promise<void> = Promise.resolve();
  private queuedStateSave: Promise<void> | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly currentState: () => PersistedState,
    private readonly onError: (operation: string, cause: unknown) => void,
  ) {}

  saveState(): Promise<void> {
    if (this.queuedStateSave) return this.queuedStateSave;
    const save = this.run('saveState', () => {
      this.queuedStateSave = undefined; // later requests need a new write
      return this.storage.saveState(this.currentState());
    });
    this.queuedStateSave = save;
    return save;
  }

  putBatch(batch: FrozenBatch): Promise<void> {
    return this.run('putBatch', () => this.storage.putBatch(batch));
  }

  deleteBatch(sequence: number): Promise<void> {
    return this.run('deleteBatch', () => this.storage.deleteBatch(sequence));
  }

  /** Resolves when every write asked for so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }

  private run(operation: string, write: () => Promise<void>): Promise<void> {
    const next = this.tail.then(write).catch((cause: unknown) => this.onError(operation, cause));
    this.tail = next;
    return next;
  }
}
