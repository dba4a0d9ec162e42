/**
 * The current play session: its UUIDv7, its number within the install, and when it
 * started on the monotonic clock, so session_end.length_ms is immune to wall-clock
 * jumps (NTP, the player changing the time). Resuming after a reload or a background
 * period (SessionStart.resumed) comes with the page-lifecycle work.
 */
export interface ActiveSession {
  id: string;
  number: number;
  startedMonoMs: number;
}

export class SessionTracker {
  private current: ActiveSession | undefined;

  constructor(private lastNumber: number) {}

  get active(): ActiveSession | undefined {
    return this.current;
  }

  /** Sessions started by the install so far (persisted). */
  get count(): number {
    return this.lastNumber;
  }

  start(id: string, monoMs: number): ActiveSession {
    this.lastNumber++;
    this.current = { id, number: this.lastNumber, startedMonoMs: monoMs };
    return this.current;
  }

  /** Ends the session; returns its length, clamped at 0. */
  end(monoMs: number): number {
    const s = this.current;
    this.current = undefined;
    return s ? Math.max(0, Math.round(monoMs - s.startedMonoMs)) : 0;
  }
}
