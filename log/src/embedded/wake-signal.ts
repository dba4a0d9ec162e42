/**
 * A level-triggered wake-up: `notify` sets a flag and wakes a waiter; `wait` returns at
 * once if the flag is set (clearing it), else when notified or after a timeout. Clear
 * the flag before looking for work and no notification can be lost in between.
 */
export class WakeSignal {
  private flagged = false;
  private waiter: (() => void) | undefined;

  notify = (): void => {
    this.flagged = true;
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  };

  clear(): void {
    this.flagged = false;
  }

  wait(timeoutMs: number): Promise<void> {
    if (this.flagged) {
      this.flagged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.waiter === done) this.waiter = undefined;
        this.flagged = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiter = done;
    });
  }
}
