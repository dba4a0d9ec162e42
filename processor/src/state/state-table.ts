/**
 * One namespace of processor state for one input partition (e.g. the dedup windows of
 * the installs on partition 3), with the set of keys changed since the last commit so
 * that a commit writes only those. Values live decoded in memory; the codec turns them
 * into `StateEntry` bytes and back.
 */
import type { StateEntry } from '@gamepulse/store';

export interface StateCodec<V> {
  encode(value: V): Uint8Array;
  decode(bytes: Uint8Array): V;
}

export class StateTable<V> {
  private readonly values = new Map<string, V>();
  private readonly dirty = new Set<string>();

  constructor(
    readonly partition: number,
    readonly namespace: string,
    private readonly codec: StateCodec<V>,
  ) {}

  get size(): number {
    return this.values.size;
  }

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  /** Stores `value` (possibly the same object, mutated) and marks it for the next commit. */
  set(key: string, value: V): void {
    this.values.set(key, value);
    this.dirty.add(key);
  }

  /** Removes the entry; the next commit deletes it from the store. */
  delete(key: string): void {
    if (this.values.delete(key)) this.dirty.add(key);
  }

  /**
   * Drops the entry without writing anything: for state the store already deleted
   * (a player erased by a deletion request, in the same transaction as its position).
   */
  forget(key: string): boolean {
    this.dirty.delete(key);
    return this.values.delete(key);
  }

  /** Loads committed entries of this table's partition and namespace; others are ignored. */
  restore(entries: Iterable<StateEntry>): void {
    for (const e of entries) {
      if (e.partition !== this.partition || e.namespace !== this.namespace || e.value === undefined) continue;
      this.values.set(e.key, this.codec.decode(e.value));
    }
  }

  /** The entries changed since the last call, encoded now (so later mutations are not included). */
  takeDirty(): StateEntry[] {
    const out: StateEntry[] = [];
    for (const key of this.dirty) {
      const value = this.values.get(key);
      out.push({
        partition: this.partition,
        namespace: this.namespace,
        key,
        value: value === undefined ? undefined : this.codec.encode(value),
      });
    }
    this.dirty.clear();
    return out;
  }

  get dirtyCount(): number {
    return this.dirty.size;
  }
}
