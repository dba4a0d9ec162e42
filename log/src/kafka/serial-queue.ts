/**
 * Runs tasks one at a time in submission order. The consumer puts onAssigned, every
 * onBatch and onRevoked through one queue, so a revocation never overlaps a batch and a
 * batch of a new generation never starts before that generation's onAssigned finished.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
