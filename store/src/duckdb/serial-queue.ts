/**
 * Runs async tasks one at a time, in call order. A DuckDB connection has one open
 * transaction at a time: two commits interleaving their statements on the write
 * connection would share (and break) one BEGIN … COMMIT, so every write goes through
 * this queue.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
