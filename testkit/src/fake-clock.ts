/**
 * A clock the test moves by hand: timers fire on `advance`, sleeps resolve at once (and
 * are recorded). It has the shape of the processor's `Clock` (`nowMs`, `every`, `sleep`;
 * processor/src/clock.ts), checked where a test passes it to `createProcessor`. The SDK
 * has its own product-code manual clock (`createManualClock` of @gamepulse/sdk).
 */
export class FakeClock {
  private now: number;
  private timers: Array<{ everyMs: number; dueMs: number; fn: () => void; live: boolean }> = [];
  readonly sleeps: number[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.now = startMs;
  }

  nowMs(): number {
    return this.now;
  }

  every(intervalMs: number, fn: () => void): () => void {
    const t = { everyMs: intervalMs, dueMs: this.now + intervalMs, fn, live: true };
    this.timers.push(t);
    return () => void (t.live = false);
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
  }

  advance(ms: number): void {
    const end = this.now + ms;
    for (const t of this.timers) {
      while (t.live && t.dueMs <= end) {
        this.now = t.dueMs;
        t.dueMs += t.everyMs;
        t.fn();
      }
    }
    this.now = end;
  }
}
