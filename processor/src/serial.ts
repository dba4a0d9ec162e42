/**
 * Runs tasks one at a time in submission order. Batch handling, timer commits and
 * revocations all go through one queue, so a commit never sees half a batch and a
 * batch never lands between a commit's snapshot and its positions.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
